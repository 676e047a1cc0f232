import { z } from 'zod';
import { CONGRESS_KINDS, CONGRESS_MATTERS } from '../domain/union-committee.js';
import { DateString, Finding } from './party-org.js';

/**
 * 职代会 / 职工大会 sessions and resolutions (docs/unions.md "职工代表大会"). Counts are who should
 * attend (代表, or every employee of a 职工大会), of them 中层以上管理人员, and who came; a resolution's
 * verdict is computed (> 1/2 of ALL representatives, quorum 2/3), never typed.
 */
export const CongressMatterSchema = z.enum(CONGRESS_MATTERS);

const counts = {
  employees: z.number().int().min(0).max(10_000_000).nullable().optional(),
  representatives: z.number().int().min(1).max(10_000_000).nullable().optional(),
  managers: z.number().int().min(0).max(10_000_000).nullable().optional(),
  present: z.number().int().min(0).max(10_000_000).nullable().optional(),
  matters: z.array(CongressMatterSchema).max(CONGRESS_MATTERS.length).optional(),
};
type Counts = { representatives?: number | null; managers?: number | null; present?: number | null };
const presentOk = (c: Counts) => c.present == null || c.representatives == null || c.present <= c.representatives;
const managersOk = (c: Counts) => c.managers == null || c.representatives == null || c.managers <= c.representatives;

/** The counts and matters the congress add route (POST /api/unions/:id/congresses) accepts beside its own fields. */
export const CONGRESS_COUNT_FIELDS = counts;
export const congressCountChecks = <T extends z.ZodType<Counts>>(s: T) =>
  s.refine(presentOk, { message: '实到人数不能多于应到人数', path: ['present'] })
    .refine(managersOk, { message: '管理人员代表不能多于代表总数', path: ['managers'] });

export const CongressUpdate = congressCountChecks(z.object({
  version: z.number().int().min(1),
  heldOn: DateString.optional(),
  kind: z.enum(CONGRESS_KINDS).optional(),
  session: z.string().trim().max(60).nullable().optional(),
  notes: z.string().trim().max(2000).nullable().optional(),
  ...counts,
}).strict());
export type CongressUpdate = z.infer<typeof CongressUpdate>;

export const ResolutionAdd = z.object({
  title: z.string().trim().min(1).max(200),
  matter: CongressMatterSchema.nullable().optional(),
  votesFor: z.number().int().min(0).max(10_000_000),
  votesAgainst: z.number().int().min(0).max(10_000_000).optional(),
  votesAbstain: z.number().int().min(0).max(10_000_000).optional(),
}).strict();
export type ResolutionAdd = z.infer<typeof ResolutionAdd>;

export const Resolution = z.object({
  id: z.string(), congressId: z.string(), title: z.string(), matter: CongressMatterSchema.nullable(),
  votesFor: z.number(), votesAgainst: z.number(), votesAbstain: z.number(),
  needed: z.number().nullable(), outcome: z.enum(['passed', 'failed', 'invalid', 'unknown']), outcomeLabel: z.string(),
});
export type Resolution = z.infer<typeof Resolution>;

export const CongressSession = z.object({
  id: z.string(), unionId: z.string(), heldOn: z.string(), kind: z.enum(CONGRESS_KINDS), kindLabel: z.string(),
  session: z.string().nullable(), notes: z.string().nullable(),
  employees: z.number().nullable(), representatives: z.number().nullable(), managers: z.number().nullable(), present: z.number().nullable(),
  matters: z.array(CongressMatterSchema), version: z.number(),
  quorumNeeded: z.number().nullable(), quorum: z.enum(['met', 'notMet', 'unknown']), quorumLabel: z.string(),
  representativeMin: z.number().nullable(), managersMax: z.number().nullable(),
  resolutions: z.array(Resolution),
});
export type CongressSession = z.infer<typeof CongressSession>;

export const CongressView = z.object({
  unionId: z.string(),
  manageable: z.boolean(),
  employees: z.number().nullable(),
  form: z.enum(CONGRESS_KINDS).nullable(),
  formText: z.string(),
  formSource: z.string(),
  rule: z.object({
    provinceCode: z.string().nullable(), source: z.string(), confidence: z.string(), minimum: z.number().nullable(),
    explain: z.string(), managersMaxPercent: z.number().nullable(),
  }),
  lastHeldOn: z.string().nullable(),
  nextDueBy: z.string().nullable(),
  matters: z.array(z.object({ matter: CongressMatterSchema, label: z.string(), taken: z.boolean() })),
  sessions: z.array(CongressSession),
  total: z.number(),
  findings: z.array(Finding),
});
export type CongressView = z.infer<typeof CongressView>;
