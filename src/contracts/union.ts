import { z } from 'zod';
import { RegionPrefix } from './region.js';
import { CONGRESS_COUNT_FIELDS, congressCountChecks } from './union-congress.js';
import { AccessSchema, DateString, Finding, HistoryEvent, IdString, RegionCode } from './party-org.js';

export const UnionKindSchema = z.enum(['standalone', 'joint', 'federation']);

const UnionFields = z.object({
  name: z.string().trim().min(2).max(120),
  code: z.string().trim().max(40).nullable().optional(),
  kind: UnionKindSchema,
  parentId: IdString.nullable().optional(),
  regionCode: RegionCode.nullable().optional(),
  parkId: IdString.nullable().optional(),
  associationId: IdString.nullable().optional(),
  foundedOn: DateString.nullable().optional(),
  termYears: z.number().int().min(1).max(10).nullable().optional(),
  termEndsOn: DateString.nullable().optional(),
  members: z.number().int().min(0).max(10_000_000).optional(),
  femaleMembers: z.number().int().min(0).max(10_000_000).optional(),
  hasCommittee: z.boolean().optional(),
  organiserPersonId: IdString.nullable().optional(),
  hasWomenCommittee: z.boolean().optional(),
  womenCommitteeMember: z.boolean().optional(),
  fundsBasis: z.string().trim().max(200).nullable().optional(),
  monthlyPayroll: z.number().min(0).max(1e14).nullable().optional(),
});
const femaleWithinMembers = (v: { members?: number; femaleMembers?: number }) =>
  v.members === undefined || v.femaleMembers === undefined || v.femaleMembers <= v.members;

export const UnionCreate = UnionFields.refine(femaleWithinMembers, { message: '女会员数不能大于会员数', path: ['femaleMembers'] });
export type UnionCreate = z.infer<typeof UnionCreate>;

export const UnionUpdate = z.object({
  version: z.number().int().min(1),
  at: DateString.optional(),
  reason: z.string().trim().max(500).optional(),
  changes: UnionFields.partial(),
});
export type UnionUpdate = z.infer<typeof UnionUpdate>;

export const UnionDissolve = z.object({ version: z.number().int().min(1), on: DateString, reason: z.string().trim().min(1).max(500) });
export type UnionDissolve = z.infer<typeof UnionDissolve>;

export const UnionCoverageAdd = z.object({ enterpriseId: IdString, since: DateString });
export type UnionCoverageAdd = z.infer<typeof UnionCoverageAdd>;

/** Counts and matters are optional (docs/unions.md "职工代表大会"): the quorum and votes are judged when given. */
export const CongressAdd = congressCountChecks(z.object({
  heldOn: DateString,
  kind: z.enum(['congress', 'assembly']),
  session: z.string().trim().max(60).nullable().optional(),
  notes: z.string().trim().max(2000).nullable().optional(),
  ...CONGRESS_COUNT_FIELDS,
}));
export type CongressAdd = z.infer<typeof CongressAdd>;

export const ContractAdd = z.object({
  kind: z.enum(['collective', 'wage']),
  signedOn: DateString,
  startsOn: DateString,
  endsOn: DateString,
  filedOn: DateString.nullable().optional(),
}).refine((c) => c.endsOn > c.startsOn, { message: '合同期满日须晚于起始日', path: ['endsOn'] });
export type ContractAdd = z.infer<typeof ContractAdd>;

export const Union = z.object({
  id: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  kind: UnionKindSchema,
  /** null unless the reader can see the parent union itself. */
  parentId: z.string().nullable(),
  access: AccessSchema,
  regionCode: z.string().nullable(),
  parkId: z.string().nullable(),
  associationId: z.string().nullable(),
  foundedOn: z.string().nullable(),
  termYears: z.number().nullable(),
  termEndsOn: z.string().nullable(),
  members: z.number(),
  femaleMembers: z.number(),
  /** 会员名册启用日期: from it members / femaleMembers are counted from names (countSource 'roster'), else as typed. */
  rosterSince: z.string().nullable(),
  countSource: z.enum(['roster', 'typed']),
  hasCommittee: z.boolean(),
  organiserPersonId: z.string().nullable(),
  hasWomenCommittee: z.boolean(),
  womenCommitteeMember: z.boolean(),
  fundsBasis: z.string().nullable(),
  monthlyPayroll: z.string().nullable(),
  status: z.enum(['active', 'dissolved']),
  dissolvedOn: z.string().nullable(),
  version: z.number(),
});
export type Union = z.infer<typeof Union>;

export const UnionCoverage = z.object({
  id: z.string(), unionId: z.string(), enterpriseId: z.string(), enterpriseName: z.string(), since: z.string(), until: z.string().nullable(),
});
export type UnionCoverage = z.infer<typeof UnionCoverage>;
export const Congress = z.object({ id: z.string(), heldOn: z.string(), kind: z.enum(['congress', 'assembly']), session: z.string().nullable(), notes: z.string().nullable() });
export type Congress = z.infer<typeof Congress>;
export const Contract = z.object({
  id: z.string(), kind: z.enum(['collective', 'wage']), signedOn: z.string(), startsOn: z.string(), endsOn: z.string(), filedOn: z.string().nullable(),
});
export type Contract = z.infer<typeof Contract>;

export const UnionDetail = Union.extend({
  coverage: z.array(UnionCoverage),
  congresses: z.array(Congress),
  contracts: z.array(Contract),
  /** The latest events (at most 20), oldest of them first; `GET /api/unions/:id/history` pages the rest. */
  history: z.array(HistoryEvent),
  /** Events the reader may page through (0 for a partial view, see hiddenHistoryCount). */
  historyTotal: z.number(),
  alerts: z.array(Finding),
  manageable: z.boolean(),
  hiddenCoverageCount: z.number(),
  hiddenHistoryCount: z.number(),
});
export type UnionDetail = z.infer<typeof UnionDetail>;

export const UnionListQuery = z.object({
  regionPrefix: RegionPrefix.optional(),
  status: z.enum(['active', 'dissolved']).optional(),
  q: z.string().trim().max(60).optional(),
  cursor: IdString.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type UnionListQuery = z.infer<typeof UnionListQuery>;
/** `total`: every record the filter matches in the reader's scope (all pages). */
export const UnionPage = z.object({ items: z.array(Union), nextCursor: z.string().nullable(), total: z.number() });
export type UnionPage = z.infer<typeof UnionPage>;

export const UNION_KIND_LABEL = { standalone: '独立工会', joint: '联合工会', federation: '区域性/行业性工会联合会' } as const;
