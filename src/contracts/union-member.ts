import { z } from 'zod';
import { DateString, HistoryEvent, IdString } from './party-org.js';
import { RowErrorSchema as RowErrorOut } from './enterprise.js';

/**
 * Real-name union members (docs/unions.md, "会员实名制"). ID and phone numbers travel masked; the
 * person behind a membership is one `person` record (a party member who joins is the same person).
 */
export const UnionMemberStatusSchema = z.enum(['active', 'retained', 'transferred', 'left']);
export const DispatchedJoinAtSchema = z.enum(['placing', 'employing']);

const Text = (max: number) => z.string().trim().min(1).max(max);

export const UnionMemberListQuery = z.object({
  /** `live` (在会 and 保留会籍, the default), `all`, or one status. */
  status: z.enum(['live', 'all', 'active', 'retained', 'transferred', 'left']).default('live'),
  dispatched: z.enum(['true', 'false']).optional(),
  /** A name prefix or a 会员证号. */
  q: z.string().trim().max(60).optional(),
  cursor: IdString.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type UnionMemberListQuery = z.infer<typeof UnionMemberListQuery>;

export const UnionMember = z.object({
  id: z.string(),
  unionId: z.string(),
  personId: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  /** Masked (`110101********1234`), never in clear here. */
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  joinedOn: z.string().nullable(),
  cardNumber: z.string().nullable(),
  status: UnionMemberStatusSchema,
  statusSince: z.string().nullable(),
  enterpriseId: z.string().nullable(),
  /** The ledger enterprise's name, or the 工作单位 as written. */
  employerName: z.string().nullable(),
  dispatched: z.boolean(),
  dispatchEmployerName: z.string().nullable(),
  source: z.enum(['manual', 'import', 'application']),
  version: z.number(),
});
export type UnionMember = z.infer<typeof UnionMember>;

/** A union's counts: from names when it keeps a roster (`roster`), else the typed numbers (`typed`). */
export const UnionMemberCounts = z.object({
  members: z.number(),
  female: z.number(),
  retained: z.number(),
  dispatched: z.number(),
  source: z.enum(['roster', 'typed']),
  /** Employees of the enterprises it covers today (sum of the ledger's 从业人数). */
  employees: z.number(),
  /** 入会率 in percent (one decimal), null without employees. */
  rate: z.number().nullable(),
});
export type UnionMemberCounts = z.infer<typeof UnionMemberCounts>;

export const UnionMemberPage = z.object({
  items: z.array(UnionMember),
  nextCursor: z.string().nullable(),
  /** Every member the filter matches that the reader may see (all pages). */
  total: z.number(),
  /** Seen only through a link: members the reader may not see (employed outside their scope). */
  hiddenCount: z.number(),
  manageable: z.boolean(),
  rosterSince: z.string().nullable(),
  counts: UnionMemberCounts,
});
export type UnionMemberPage = z.infer<typeof UnionMemberPage>;

const Employer = {
  /** 工作单位: a ledger enterprise the union covers, or a name as written. */
  enterpriseId: IdString.nullable().optional(),
  employerName: Text(200).nullable().optional(),
  dispatched: z.boolean().optional(),
  /** 派遣单位 (only for a dispatched worker). */
  dispatchEmployerName: Text(200).nullable().optional(),
  joinedOn: DateString.nullable().optional(),
  cardNumber: Text(40).nullable().optional(),
};
const dispatchNeedsFlag = (v: { dispatched?: boolean; dispatchEmployerName?: string | null }) => !v.dispatchEmployerName || v.dispatched === true;
/** An edit may name only the 派遣单位 of a member already dispatched (the service checks the member's flag). */
const dispatchNotUnflagged = (v: { dispatched?: boolean; dispatchEmployerName?: string | null }) => !v.dispatchEmployerName || v.dispatched !== false;
const oneEmployer = (v: { enterpriseId?: string | null; employerName?: string | null }) => !(v.enterpriseId && v.employerName);

export const UnionMemberAdd = z.object({
  name: Text(100),
  gender: z.enum(['male', 'female']).nullable().optional(),
  idNumber: z.string().trim().min(15).max(40),
  phone: z.string().trim().max(30).nullable().optional(),
  ...Employer,
}).strict()
  .refine(dispatchNeedsFlag, { message: '只有劳务派遣工才填写派遣单位', path: ['dispatchEmployerName'] })
  .refine(oneEmployer, { message: '工作单位请选择台账企业或填写名称，二选一', path: ['employerName'] });
export type UnionMemberAdd = z.infer<typeof UnionMemberAdd>;

export const UnionMemberUpdate = z.object({
  version: z.number().int().min(1),
  changes: z.object(Employer).strict()
    .refine(dispatchNotUnflagged, { message: '只有劳务派遣工才填写派遣单位', path: ['dispatchEmployerName'] })
    .refine(oneEmployer, { message: '工作单位请选择台账企业或填写名称，二选一', path: ['employerName'] }),
}).strict();
export type UnionMemberUpdate = z.infer<typeof UnionMemberUpdate>;

/** 保留会籍 / 恢复会籍 / 转出 (to another union, which must be managed too) / 退会. */
export const UnionMemberStatusChange = z.object({
  version: z.number().int().min(1),
  kind: z.enum(['retain', 'reinstate', 'transfer', 'leave']),
  on: DateString,
  reason: Text(500),
  targetUnionId: IdString.optional(),
}).strict().refine((v) => v.kind !== 'transfer' || !!v.targetUnionId, { message: '转出须选择转入的工会', path: ['targetUnionId'] });
export type UnionMemberStatusChange = z.infer<typeof UnionMemberStatusChange>;

/** An add or a status change, with the warnings (not refusals) the checks raised. */
export const UnionMemberResult = z.object({ member: UnionMember, warnings: z.array(z.string()) });
export type UnionMemberResult = z.infer<typeof UnionMemberResult>;

export const UnionMemberHistory = z.object({ items: z.array(HistoryEvent), total: z.number() });
export type UnionMemberHistory = z.infer<typeof UnionMemberHistory>;

/** A person's union memberships, where the person is seen; the union named only when the reader sees it. */
export const PersonUnionMembership = z.object({
  id: z.string(), unionId: z.string().nullable(), unionName: z.string().nullable(), status: UnionMemberStatusSchema,
  joinedOn: z.string().nullable(), statusSince: z.string().nullable(), cardNumber: z.string().nullable(),
});
export const PersonUnionMemberships = z.object({ items: z.array(PersonUnionMembership), total: z.number() });
export type PersonUnionMemberships = z.infer<typeof PersonUnionMemberships>;

export const UnionRosterSince = z.object({ version: z.number().int().min(1), rosterSince: DateString }).strict();
export type UnionRosterSince = z.infer<typeof UnionRosterSince>;

export const UnionMemberSettings = z.object({
  version: z.number(),
  dispatchedJoinAt: DispatchedJoinAtSchema,
  source: z.string(),
  canChange: z.boolean(),
});
export type UnionMemberSettings = z.infer<typeof UnionMemberSettings>;
export const UnionMemberSettingsInput = z.object({ version: z.number().int().min(0), dispatchedJoinAt: DispatchedJoinAtSchema }).strict();
export type UnionMemberSettingsInput = z.infer<typeof UnionMemberSettingsInput>;

export const UnionMemberImportResult = z.object({
  importId: z.string(),
  dryRun: z.boolean(),
  /** True when the roster was written (no rejected row, not a dry run). */
  applied: z.boolean(),
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.number(),
  rosterStarted: z.boolean(),
  errors: z.array(RowErrorOut),
  errorsTruncated: z.boolean(),
  /** Rows that pass but deserve a look (a dispatched worker in a union the setting does not point to). */
  warnings: z.array(RowErrorOut),
});
export type UnionMemberImportResult = z.infer<typeof UnionMemberImportResult>;
