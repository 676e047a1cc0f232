import { z } from 'zod';
import { COMMITTEE_ROLES, ELECTION_METHODS } from '../domain/union-committee.js';
import { DateString, Finding, IdString } from './party-org.js';

/**
 * Union committees and 换届选举 (docs/unions.md "委员会与换届选举"). Every seat carries the person's
 * declaration whether they are a close relative of the enterprise's principal manager
 * (《工会法》第十条): required, so nobody is seated without having declared.
 */
export const CommitteeRoleSchema = z.enum(COMMITTEE_ROLES);

const declaration = z.boolean({ error: '请申报是否为企业主要负责人的近亲属' });

export const ElectionSeatInput = z.object({
  personId: IdString,
  role: CommitteeRoleSchema,
  fullTime: z.boolean().optional(),
  closeRelative: declaration,
}).strict();

export const ElectionAdd = z.object({
  /** The union's version: the election moves its term. */
  version: z.number().int().min(1),
  heldOn: DateString,
  termYears: z.union([z.literal(3), z.literal(5)], { error: '基层工会委员会任期为三年或五年' }),
  method: z.enum(ELECTION_METHODS).optional(),
  notes: z.string().trim().max(2000).nullable().optional(),
  seats: z.array(ElectionSeatInput).min(1, '至少选举产生一名委员（或组织员）').max(60),
}).strict()
  .refine((e) => new Set(e.seats.map((s) => s.personId)).size === e.seats.length, { message: '同一人员不能重复当选', path: ['seats'] })
  .refine((e) => e.seats.filter((s) => s.role === 'chair').length <= 1, { message: '主席只能有一名', path: ['seats'] });
export type ElectionAdd = z.infer<typeof ElectionAdd>;

export const SeatAdd = z.object({
  personId: IdString, role: CommitteeRoleSchema, fullTime: z.boolean().optional(), closeRelative: declaration, since: DateString,
}).strict();
export type SeatAdd = z.infer<typeof SeatAdd>;

export const SeatUpdate = z.object({
  version: z.number().int().min(1),
  role: CommitteeRoleSchema.optional(),
  fullTime: z.boolean().optional(),
  closeRelative: z.boolean().optional(),
}).strict();
export type SeatUpdate = z.infer<typeof SeatUpdate>;

export const SeatEnd = z.object({ version: z.number().int().min(1), until: DateString, reason: z.string().trim().min(1).max(500) }).strict();
export type SeatEnd = z.infer<typeof SeatEnd>;

export const CommitteeSeat = z.object({
  id: z.string(), unionId: z.string(), electionId: z.string().nullable(), personId: z.string(), personName: z.string(),
  role: CommitteeRoleSchema, fullTime: z.boolean(), closeRelative: z.boolean(), declaredOn: z.string(),
  since: z.string(), until: z.string().nullable(), endReason: z.string().nullable(), version: z.number(),
});
export type CommitteeSeat = z.infer<typeof CommitteeSeat>;

export const Election = z.object({
  id: z.string(), unionId: z.string(), heldOn: z.string(), termYears: z.number(), termEndsOn: z.string(),
  method: z.enum(ELECTION_METHODS), notes: z.string().nullable(),
});
export type Election = z.infer<typeof Election>;

export const ElectionResult = z.object({ election: Election, seats: z.array(CommitteeSeat), endedSeats: z.number() });
export type ElectionResult = z.infer<typeof ElectionResult>;

export const CommitteeView = z.object({
  unionId: z.string(),
  manageable: z.boolean(),
  members: z.number(),
  employees: z.number().nullable(),
  elections: z.array(Election),
  /** Sitting seats first, then ended ones (newest first). */
  seats: z.array(CommitteeSeat),
  total: z.number(),
  summary: z.object({
    electedOn: z.string().nullable(), termYears: z.number().nullable(), termEndsOn: z.string().nullable(), size: z.number(),
    chair: z.string().nullable(), chairFullTime: z.boolean().nullable(),
    band: z.object({ label: z.string(), low: z.number(), high: z.number(), organiserAllowed: z.boolean(), source: z.string() }).nullable(),
    note: z.string().nullable(), sizeVerdict: z.enum(['within', 'below', 'above', 'organiser', 'unknown']), sizeVerdictLabel: z.string(),
  }),
  findings: z.array(Finding),
});
export type CommitteeView = z.infer<typeof CommitteeView>;

export const CommitteeQuery = z.object({ date: DateString.optional() });
