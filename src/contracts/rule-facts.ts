import { z } from 'zod';
import { isIsoDate } from '../domain/rules/dates.js';
import type { EnterpriseRuleFacts, OrgRuleFacts, RuleFacts, UnionRuleFacts } from '../domain/rules/facts.js';
import { AppError, type ErrorDetail } from '../domain/errors.js';
import { MEMBER_STATUSES } from '../domain/member.js';
import { DUES_CATEGORIES, type MemberRuleFacts } from '../domain/rules/member-facts.js';
import { MEETING_KINDS, type MeetingKind } from '../domain/rules/life-catalogue.js';
import { BARGAINING_FACTS } from './bargaining-facts.js';
import { MEDIATION_FACTS } from './mediation-facts.js';
import { UNION_COMMITTEE_FACTS } from './union-committee-facts.js';

/**
 * The facts JSON file of `liangxin rules check` (docs/rules.md documents it field by field): one
 * object with `type` = enterprise | org | union | member, or an array of them, or a document
 * `{ "members": [...] }` whose records are members (their `type` may be left out). The same schema can validate
 * facts an API receives. Unknown keys are rejected so that a misspelt field is not silently ignored.
 */

const date = z.string().refine(isIsoDate, { message: '日期格式应为 YYYY-MM-DD（如 2024-06-30）' });
const count = z.number().int().min(0);
const id = z.union([z.string().min(1), z.number().int()]).transform(String);
const operatingStatus = z.enum(['active', 'suspended', 'deregistered', 'revoked', 'moved_out']);
const setupMode = z.enum(['standalone', 'joint', 'attached', 'dispatched']);
const interval = { since: date, until: date.nullish() };

const EnterpriseFactsSchema = z.object({
  type: z.literal('enterprise'),
  id,
  name: z.string().optional(),
  regionCode: z.string().regex(/^\d{2,12}$/, '区划代码应为2至12位数字'),
  operatingStatus: operatingStatus.default('active'),
  foundedOn: date.nullish(),
  employeeCount: count.nullish(),
  fullMembers: count,
  probationaryMembers: count.default(0),
  coverage: z.object({
    orgs: z.array(z.object({ orgId: id, setupMode, ...interval }).strict()).default([]),
    instructors: z.array(z.object({ kind: z.enum(['instructor', 'liaison']).optional(), ...interval }).strict()).default([]),
    unions: z.array(z.object({ unionId: id.optional(), partyWork: z.boolean().optional(), ...interval }).strict()).default([]),
  }).strict().default({ orgs: [], instructors: [], unions: [] }),
  parkId: id.nullish(),
  associationId: id.nullish(),
  buildingId: id.nullish(),
}).strict();

const OrgFactsSchema = z.object({
  type: z.literal('org'),
  id,
  name: z.string().optional(),
  regionCode: z.string().regex(/^\d{2,12}$/, '区划代码应为2至12位数字').nullish(),
  orgType: z.enum(['committee', 'generalBranch', 'branch']),
  setupMode,
  temporary: z.boolean().optional(),
  foundedOn: date,
  electedOn: date.nullish(),
  termEndsOn: date.nullish(),
  fullMembers: count,
  probationaryMembers: count.default(0),
  positions: z.array(z.object({ role: z.enum(['secretary', 'deputySecretary', 'committeeMember']), personId: id.optional(), ...interval }).strict()).default([]),
  coveredEnterprises: z.array(z.object({ id, name: z.string().optional(), operatingStatus: operatingStatus.default('active'), fullMembers: count, ...interval }).strict()).default([]),
  meetings: z.array(z.object({
    id: id.optional(), kind: z.enum(MEETING_KINDS as [MeetingKind, ...MeetingKind[]]), date,
    votingMembers: count.nullish(), present: count.nullish(), votes: z.array(z.object({ subject: z.string().optional(), yes: count }).strict()).optional(),
  }).strict()).optional(),
  hasGroups: z.boolean().optional(),
  partyLessonEvery: z.enum(['month', 'quarter', 'halfYear', 'year']).optional(),
}).strict();

const UnionFactsSchema = z.object({
  type: z.literal('union'),
  id,
  name: z.string().optional(),
  kind: z.enum(['standalone', 'joint', 'federation']).default('standalone'),
  provinceCode: z.string().regex(/^\d{2}$/, '省级代码应为2位数字').nullish(),
  foundedOn: date,
  termEndsOn: date.nullish(),
  members: count,
  femaleMembers: count,
  hasCommittee: z.boolean(),
  organiser: z.boolean().optional(),
  hasWomenCommittee: z.boolean(),
  womenCommitteeMember: z.boolean().optional(),
  contracts: z.array(z.object({ kind: z.enum(['collective', 'wage']), signedOn: date, endsOn: date }).strict()).default([]),
  coveredEnterprises: z.array(z.object({ id, name: z.string().optional(), operatingStatus: operatingStatus.default('active'), ...interval }).strict()).default([]),
  ...BARGAINING_FACTS,
  ...MEDIATION_FACTS,
  ...UNION_COMMITTEE_FACTS,
}).strict();

// ---- Members (issue 14): recruitment dates and people, dues basis and payments, transfers, contact ----

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM（如 2025-06）');
const fen = z.number().int('金额应为整数，单位为分（如 3000元 写 300000）').min(0);
const person = z.object({ name: z.string().optional(), personId: id.optional(), fullOn: date.nullish(), rightsRestricted: z.boolean().optional() }).strict();

const duesBasis = z.object({ fromMonth: month, category: z.enum(DUES_CATEGORIES), baseFen: fen.nullish() }).strict()
  .refine((b) => (b.category !== 'employed' && b.category !== 'retired') || b.baseFen != null, { message: '在职、离退休党员须填写每月交纳基数 baseFen（税后，单位为分）', path: ['baseFen'] });

const recruitment = z.object({
  appliedOn: date,
  talkedOn: date.nullish(),
  activistOn: date.nullish(),
  mentors: z.array(person).optional(),
  candidateOn: date.nullish(),
  politicalReviewOn: date.nullish(),
  training: z.object({ completedOn: date, days: count.nullish(), hours: count.nullish() }).strict().nullish(),
  sponsors: z.array(person).optional(),
  branchMeeting: z.object({ heldOn: date, votingMembers: z.number().int().min(1, '应到会有表决权的党员人数至少为1'), present: count, yesVotes: count }).strict()
    .refine((m) => m.present <= m.votingMembers, { message: '实到人数不能多于应到会有表决权的党员人数', path: ['present'] })
    .refine((m) => m.yesVotes <= m.votingMembers, { message: '赞成票不能多于应到会有表决权的党员人数', path: ['yesVotes'] })
    .nullish(),
  approval: z.object({ approvedOn: date, approverType: z.enum(['committee', 'subordinateCommittee', 'generalBranch', 'branch']), extended: z.boolean().optional() }).strict().nullish(),
  probationExtensions: z.array(z.object({ decidedOn: date, months: z.number().int().min(1) }).strict()).optional(),
  fullOn: date.nullish(),
  leavingOn: date.nullish(),
  publicNotices: z.array(z.object({ stage: z.enum(['candidate', 'probationary', 'full']), startsOn: date, endsOn: date }).strict()
    .refine((n) => n.endsOn >= n.startsOn, { message: '公示结束日不能早于开始日', path: ['endsOn'] })).optional(),
}).strict();

const memberShape = {
  id,
  name: z.string().optional(),
  provinceCode: z.string().regex(/^\d{2,12}$/, '省级代码应为2位数字（或区划代码）').nullish(),
  status: z.enum(MEMBER_STATUSES).optional(),
  birthDate: date.nullish(),
  recruitment: recruitment.nullish(),
  dues: z.object({
    bases: z.array(duesBasis),
    reductions: z.array(z.object({ fromMonth: month, toMonth: month.nullish(), amountFen: fen, approvedOn: date.nullish() }).strict()).optional(),
    payments: z.array(z.object({ month, paidOn: date, amountFen: fen.nullish() }).strict()).optional(),
  }).strict().nullish(),
  transfers: z.array(z.object({ issuedOn: date, validUntil: date.nullish(), receivedOn: date.nullish(), toOrg: z.string().optional() }).strict()).optional(),
  mobility: z.array(z.object({ since: date, until: date.nullish(), fixedPlace: z.boolean(), place: z.string().optional(), reportedOn: date.nullish() }).strict()).optional(),
  contact: z.object({ lostSince: date.nullish(), suspendedOn: date.nullish() }).strict().nullish(),
  declaration: z.object({ declaredOn: date, confirmedOn: date.nullish() }).strict().nullish(),
};

const MemberFactsSchema = z.object({ type: z.literal('member'), ...memberShape }).strict();
/** `{ "members": [...] }`: a roster extract; each record is a member, `type` optional. */
const MembersDocument = z.object({ members: z.array(z.object({ type: z.literal('member').default('member'), ...memberShape }).strict()).min(1, '列表不能为空') }).strict();

export const RuleFactsItem = z.discriminatedUnion('type', [EnterpriseFactsSchema, OrgFactsSchema, UnionFactsSchema, MemberFactsSchema]);
export const RuleFactsFile = z.union([RuleFactsItem, z.array(RuleFactsItem).min(1, '列表不能为空')]);

// Compile-time check that the contract produces exactly the engine's fact types.
type Parsed = z.infer<typeof RuleFactsItem>;
const _enterprise = (p: Extract<Parsed, { type: 'enterprise' }>): EnterpriseRuleFacts => p;
const _org = (p: Extract<Parsed, { type: 'org' }>): OrgRuleFacts => p;
const _union = (p: Extract<Parsed, { type: 'union' }>): UnionRuleFacts => p;
const _member = (p: Extract<Parsed, { type: 'member' }>): MemberRuleFacts => p;
void _enterprise; void _org; void _union; void _member;

/** `$[2].coverage.orgs[0].since` — the JSON path people can find in their file. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  return '$' + path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}

/** Parses a facts document (already JSON-decoded) or throws VALIDATION_FAILED with one detail per issue. */
export function parseRuleFacts(input: unknown): RuleFacts[] {
  // Parse an array and a single object separately: a union of both would report one opaque
  // "invalid union" at the root instead of the path at fault.
  const membersDoc = typeof input === 'object' && input !== null && !Array.isArray(input) && 'members' in input && !('type' in input);
  const schema = membersDoc ? MembersDocument : Array.isArray(input) ? RuleFactsFile.options[1] : RuleFactsItem;
  const result = schema.safeParse(input, { error: z.locales.zhCN().localeError });
  if (!result.success) {
    const details: ErrorDetail[] = result.error.issues.slice(0, 50).map((i) => ({ field: jsonPath(i.path), code: i.code, message: `${jsonPath(i.path)}：${i.message}` }));
    throw new AppError('VALIDATION_FAILED', `事实文件不符合格式（共${result.error.issues.length}处问题），请对照 docs/rules.md 修改`, details);
  }
  const data = result.data as RuleFacts | RuleFacts[] | { members: RuleFacts[] };
  return Array.isArray(data) ? data : 'members' in data && !('type' in data) ? data.members : [data as RuleFacts];
}
