import { z } from 'zod';
import { RegionPrefix } from './region.js';

/** Contracts of the party-organisation module (docs/organisations.md). Ids travel as strings. */
export const IdString = z.string().regex(/^\d{1,18}$/, '应为数字编号');
export const DateString = z.iso.date();
export const RegionCode = z.string().regex(/^\d{12}$/, '应为12位统计用区划代码');

export const AccessSchema = z.enum(['full', 'partial']);
export const OrgTypeSchema = z.enum(['committee', 'generalBranch', 'branch']);
export const SetupModeSchema = z.enum(['standalone', 'joint', 'attached', 'dispatched']);
export const PositionKindSchema = z.enum(['secretary', 'deputySecretary', 'committeeMember']);

const OrgFields = z.object({
  name: z.string().trim().min(2).max(120),
  code: z.string().trim().max(40).nullable().optional(),
  orgType: OrgTypeSchema,
  setupMode: SetupModeSchema,
  temporary: z.boolean().optional(),
  mobile: z.boolean().optional(),
  parentId: IdString.nullable().optional(),
  regionCode: RegionCode.nullable().optional(),
  parkId: IdString.nullable().optional(),
  associationId: IdString.nullable().optional(),
  building: z.string().trim().max(120).nullable().optional(),
  foundedOn: DateString.nullable().optional(),
  termYears: z.number().int().min(1).max(10).nullable().optional(),
  termEndsOn: DateString.nullable().optional(),
  fullMembers: z.number().int().min(0).max(1_000_000).optional(),
  probationaryMembers: z.number().int().min(0).max(1_000_000).optional(),
});
export const PartyOrgCreate = OrgFields;
export type PartyOrgCreate = z.infer<typeof PartyOrgCreate>;

export const PartyOrgAdjust = z.object({
  version: z.number().int().min(1),
  at: DateString.optional(),
  reason: z.string().trim().max(500).optional(),
  changes: OrgFields.partial(),
});
export type PartyOrgAdjust = z.infer<typeof PartyOrgAdjust>;

/** 党员名册启用日期 (docs/members.md, "Counts"): from this date the organisation's counts come from its roster. */
export const PartyOrgRosterSince = z.object({ version: z.number().int().min(1), rosterSince: DateString }).strict();
export type PartyOrgRosterSince = z.infer<typeof PartyOrgRosterSince>;
export const PartyOrgDissolve = z.object({ version: z.number().int().min(1), on: DateString, reason: z.string().trim().min(1).max(500) });
export type PartyOrgDissolve = z.infer<typeof PartyOrgDissolve>;

export const PartyOrgReelect = z.object({
  version: z.number().int().min(1),
  heldOn: DateString,
  termYears: z.number().int().min(1).max(10).optional(),
});
export type PartyOrgReelect = z.infer<typeof PartyOrgReelect>;

export const CoverageAdd = z.object({ enterpriseId: IdString, mode: SetupModeSchema.optional(), since: DateString });
export type CoverageAdd = z.infer<typeof CoverageAdd>;
export const IntervalEnd = z.object({ until: DateString, reason: z.string().trim().max(500).optional() });
export type IntervalEnd = z.infer<typeof IntervalEnd>;

export const PositionAppoint = z.object({ personId: IdString, position: PositionKindSchema, since: DateString });
export type PositionAppoint = z.infer<typeof PositionAppoint>;

export const PartyOrg = z.object({
  id: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  orgType: OrgTypeSchema,
  setupMode: SetupModeSchema,
  temporary: z.boolean(),
  mobile: z.boolean(),
  /** null unless the reader can see the parent itself. */
  parentId: z.string().nullable(),
  /** full: seen by its own place; partial: seen only through a link to an enterprise in the reader's scope. */
  access: AccessSchema,
  regionCode: z.string().nullable(),
  parkId: z.string().nullable(),
  associationId: z.string().nullable(),
  building: z.string().nullable(),
  foundedOn: z.string().nullable(),
  termYears: z.number().nullable(),
  termEndsOn: z.string().nullable(),
  status: z.enum(['active', 'dissolved']),
  dissolvedOn: z.string().nullable(),
  fullMembers: z.number(),
  probationaryMembers: z.number(),
  /** The organisation keeps its party-member roster here from this date (docs/members.md). */
  rosterSince: z.string().nullable(),
  /** roster: the counts are the roster's members on the roll; typed: the numbers as filled in (填报数). */
  memberCountSource: z.enum(['roster', 'typed']),
  version: z.number(),
});
export type PartyOrg = z.infer<typeof PartyOrg>;

export const Coverage = z.object({
  id: z.string(),
  orgId: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  mode: SetupModeSchema,
  since: z.string(),
  until: z.string().nullable(),
});
export type Coverage = z.infer<typeof Coverage>;

export const Position = z.object({
  id: z.string(),
  orgId: z.string(),
  personId: z.string(),
  personName: z.string(),
  position: PositionKindSchema,
  since: z.string(),
  until: z.string().nullable(),
});
export type Position = z.infer<typeof Position>;

export const HistoryEvent = z.object({
  id: z.string(),
  kind: z.string(),
  at: z.string(),
  data: z.record(z.string(), z.unknown()),
  recordedAt: z.string(),
});
export type HistoryEvent = z.infer<typeof HistoryEvent>;

export const Finding = z.object({
  /** For links and filters only: screens show the title, summary and Chinese citations, never this id. */
  ruleId: z.string(),
  severity: z.string(),
  title: z.string(),
  /** The fact and the action, one line ("有正式党员3名，尚未单独组建 — 建议单独组建党支部"). */
  summary: z.string(),
  message: z.string(),
  source: z.string(),
});
export type FindingOut = z.infer<typeof Finding>;

export const PartyOrgDetail = PartyOrg.extend({
  parentName: z.string().nullable(),
  coverage: z.array(Coverage),
  positions: z.array(Position),
  /** The latest events (at most 20), oldest of them first; `GET /api/party-orgs/:id/history` pages the rest. */
  history: z.array(HistoryEvent),
  /** Events the reader may page through (0 for a partial view, see hiddenHistoryCount). */
  historyTotal: z.number(),
  secretaryVacant: z.boolean(),
  alerts: z.array(Finding),
  /** Whether the reader may change it (manage action over its own place). */
  manageable: z.boolean(),
  /** Links left out of a partial view: "另有 N 家企业不在您的管辖范围". */
  hiddenCoverageCount: z.number(),
  /** A partial view leaves the history out (its events name enterprises and parents). */
  hiddenHistoryCount: z.number(),
});
export type PartyOrgDetail = z.infer<typeof PartyOrgDetail>;

export const PartyOrgListQuery = z.object({
  regionPrefix: RegionPrefix.optional(),
  parentId: IdString.optional(),
  status: z.enum(['active', 'dissolved']).optional(),
  q: z.string().trim().max(60).optional(),
  cursor: IdString.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type PartyOrgListQuery = z.infer<typeof PartyOrgListQuery>;

/** `total`: every record the filter matches in the reader's scope (all pages). */
export const PartyOrgPage = z.object({ items: z.array(PartyOrg), nextCursor: z.string().nullable(), total: z.number() });
export type PartyOrgPage = z.infer<typeof PartyOrgPage>;

export const ORG_TYPE_LABEL = { committee: '基层党委', generalBranch: '党总支', branch: '党支部' } as const;
export const SETUP_MODE_LABEL = { standalone: '单独组建', joint: '联合组建', attached: '挂靠组建', dispatched: '派员组建' } as const;
export const POSITION_LABEL = { secretary: '书记', deputySecretary: '副书记', committeeMember: '委员' } as const;
