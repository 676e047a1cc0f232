import { z } from 'zod';
import { isIsoDate } from '../domain/rules/dates.js';
import type { EnterpriseRuleFacts, OrgRuleFacts, RuleFacts, UnionRuleFacts } from '../domain/rules/facts.js';
import { AppError, type ErrorDetail } from '../domain/errors.js';

/**
 * The facts JSON file of `liangxin rules check` (docs/rules.md documents it field by field): one
 * object with `type` = enterprise | org | union, or an array of them. The same schema can validate
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
}).strict();

export const RuleFactsItem = z.discriminatedUnion('type', [EnterpriseFactsSchema, OrgFactsSchema, UnionFactsSchema]);
export const RuleFactsFile = z.union([RuleFactsItem, z.array(RuleFactsItem).min(1, '列表不能为空')]);

// Compile-time check that the contract produces exactly the engine's fact types.
type Parsed = z.infer<typeof RuleFactsItem>;
const _enterprise = (p: Extract<Parsed, { type: 'enterprise' }>): EnterpriseRuleFacts => p;
const _org = (p: Extract<Parsed, { type: 'org' }>): OrgRuleFacts => p;
const _union = (p: Extract<Parsed, { type: 'union' }>): UnionRuleFacts => p;
void _enterprise; void _org; void _union;

/** `$[2].coverage.orgs[0].since` — the JSON path people can find in their file. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  return '$' + path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}

/** Parses a facts document (already JSON-decoded) or throws VALIDATION_FAILED with one detail per issue. */
export function parseRuleFacts(input: unknown): RuleFacts[] {
  // Parse an array and a single object separately: a union of both would report one opaque
  // "invalid union" at the root instead of the path at fault.
  const schema = Array.isArray(input) ? RuleFactsFile.options[1] : RuleFactsItem;
  const result = schema.safeParse(input, { error: z.locales.zhCN().localeError });
  if (!result.success) {
    const details: ErrorDetail[] = result.error.issues.slice(0, 50).map((i) => ({ field: jsonPath(i.path), code: i.code, message: `${jsonPath(i.path)}：${i.message}` }));
    throw new AppError('VALIDATION_FAILED', `事实文件不符合格式（共${result.error.issues.length}处问题），请对照 docs/rules.md 修改`, details);
  }
  return Array.isArray(result.data) ? result.data : [result.data];
}
