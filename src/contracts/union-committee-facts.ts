import { z } from 'zod';
import { isIsoDate } from '../domain/rules/dates.js';
import { COMMITTEE_ROLES, CONGRESS_KINDS, CONGRESS_MATTERS } from '../domain/union-committee.js';

/**
 * The union committee and congress fields of a `type: "union"` record in the facts file of
 * `liangxin rules check` (docs/rules.md "type: union"; docs/unions.md). Spread into the union schema.
 */
const date = z.string().refine(isIsoDate, { message: '日期格式应为 YYYY-MM-DD（如 2024-06-30）' });
const count = z.number().int().min(0);
const id = z.union([z.string().min(1), z.number().int()]).transform(String);

const seat = z.object({
  role: z.enum(COMMITTEE_ROLES), personId: id.optional(), name: z.string().optional(), fullTime: z.boolean().optional(),
  closeRelative: z.boolean().optional(), since: date.nullish(), until: date.nullish(),
}).strict();

const resolution = z.object({
  id: id.optional(), title: z.string().min(1), matter: z.enum(CONGRESS_MATTERS).nullish(),
  votesFor: count, votesAgainst: count.optional(), votesAbstain: count.optional(),
}).strict();

const session = z.object({
  id: id.optional(), heldOn: date, kind: z.enum(CONGRESS_KINDS), session: z.string().nullish(),
  employees: count.nullish(), representatives: z.number().int().min(1, '应到人数至少为1').nullish(), managers: count.nullish(), present: count.nullish(),
  matters: z.array(z.enum(CONGRESS_MATTERS)).optional(), resolutions: z.array(resolution).optional(),
}).strict()
  .refine((s) => s.present == null || s.representatives == null || s.present <= s.representatives, { message: '实到人数不能多于应到人数', path: ['present'] })
  .refine((s) => s.managers == null || s.representatives == null || s.managers <= s.representatives, { message: '管理人员代表不能多于代表总数', path: ['managers'] })
  .refine((s) => s.representatives == null || (s.resolutions ?? []).every((r) => r.votesFor + (r.votesAgainst ?? 0) + (r.votesAbstain ?? 0) <= s.representatives!),
    { message: '表决票数之和不能多于应到人数', path: ['resolutions'] });

export const UNION_COMMITTEE_FACTS = {
  employees: count.nullish(),
  committee: z.object({ electedOn: date, termYears: z.number().int().min(1).max(10), seats: z.array(seat).default([]) }).strict().nullish(),
  congresses: z.array(session).optional(),
};
