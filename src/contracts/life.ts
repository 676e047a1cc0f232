import { z } from 'zod';
import { MEETING_KINDS } from '../domain/rules/life-catalogue.js';
import { AccessSchema, DateString, IdString } from './party-org.js';

/**
 * 三会一课 and organisational life (docs/life.md): meetings of an organisation with their
 * attendees from the roster, and the compliance calendar the rules derive from them.
 */
export const MeetingKindSchema = z.enum(MEETING_KINDS as [typeof MEETING_KINDS[number], ...Array<typeof MEETING_KINDS[number]>]);
const Text = (max: number) => z.string().trim().min(1).max(max);
const Count = z.number().int().min(0).max(10000);

export const MeetingAttendeeInput = z.object({
  memberId: IdString,
  present: z.boolean(),
  absenceReason: Text(200).nullish(),
  writtenOpinion: z.boolean().optional(),
}).strict();

export const ResolutionInput = z.object({ subject: Text(200), yes: Count }).strict();

export const MeetingInput = z.object({
  orgId: IdString,
  kind: MeetingKindSchema,
  heldOn: DateString,
  place: Text(200).nullish(),
  topic: Text(200),
  /** Members with a vote who should attend; derived from the attendees when left out. */
  votingMembers: Count.nullish(),
  present: Count.nullish(),
  resolutions: z.array(ResolutionInput).max(50).optional(),
  minutes: z.string().trim().max(20000).nullish(),
  attendees: z.array(MeetingAttendeeInput).max(2000).optional(),
}).strict();
export type MeetingInput = z.infer<typeof MeetingInput>;

export const MeetingUpdate = MeetingInput.omit({ orgId: true }).extend({ version: z.number().int().min(1) }).strict();
export type MeetingUpdate = z.infer<typeof MeetingUpdate>;

export const MeetingParams = z.object({ id: IdString });
export const MeetingDeleteQuery = z.object({ version: z.coerce.number().int().min(1) }).strict();

export const MeetingListFilter = z.object({
  orgId: IdString,
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  kind: MeetingKindSchema.optional(),
}).strict();
export type MeetingListFilter = z.infer<typeof MeetingListFilter>;

export const MeetingVerdictSchema = z.object({
  quorum: z.enum(['met', 'notMet', 'unknown', 'notApplicable']),
  votes: z.array(z.object({ subject: z.string(), yes: z.number(), verdict: z.enum(['passed', 'failed', 'noQuorum']) })),
});

export const MeetingSummary = z.object({
  id: z.string(), orgId: z.string(), orgName: z.string(), kind: MeetingKindSchema, heldOn: z.string(), place: z.string().nullable(),
  topic: z.string(), votingMembers: z.number().nullable(), present: z.number().nullable(), verdict: MeetingVerdictSchema,
  access: AccessSchema, version: z.number(),
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;

export const MeetingAttendee = z.object({
  memberId: z.string(), name: z.string(), category: z.enum(['full', 'probationary']), present: z.boolean(),
  absenceReason: z.string().nullable(), writtenOpinion: z.boolean(),
});
export const Meeting = MeetingSummary.extend({
  resolutions: z.array(z.object({ subject: z.string(), yes: z.number() })), minutes: z.string().nullable(),
  attendees: z.array(MeetingAttendee), manageable: z.boolean(),
});
export type Meeting = z.infer<typeof Meeting>;

export const MeetingPage = z.object({ items: z.array(MeetingSummary), total: z.number() });
export type MeetingPage = z.infer<typeof MeetingPage>;

/** The roster the entry form preselects: the organisation's members on the roster now. */
export const MeetingRoster = z.object({
  orgId: z.string(), orgName: z.string(),
  members: z.array(z.object({ memberId: z.string(), name: z.string(), category: z.enum(['full', 'probationary']), voting: z.boolean() })),
});
export type MeetingRoster = z.infer<typeof MeetingRoster>;
export const MeetingRosterQuery = z.object({ orgId: IdString }).strict();

/** `GET /api/party-orgs/:id/life?year=`: the organisation's year — each kind's periods, held and missed, and the findings. */
export const LifeCalendarQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict();
const PeriodCellSchema = z.object({
  key: z.string(), label: z.string(), from: z.string(), to: z.string(), state: z.enum(['held', 'missed', 'open', 'future', 'notRequired']), held: z.number(),
});
export const LifeCalendarSchema = z.object({
  orgId: z.string(), orgName: z.string(), year: z.number(), asOf: z.string(), status: z.enum(['compliant', 'lagging', 'dormant']),
  kinds: z.array(z.object({
    kind: MeetingKindSchema, label: z.string(), every: z.enum(['month', 'quarter', 'halfYear', 'year']).nullable(), source: z.string().nullable(),
    periods: z.array(PeriodCellSchema), expected: z.number(), met: z.number(), missed: z.array(z.string()), held: z.number(), missedInARow: z.number(),
  })),
  findings: z.array(z.object({ ruleId: z.string(), severity: z.enum(['info', 'warning', 'overdue']), title: z.string(), message: z.string(), source: z.string(), kind: MeetingKindSchema.nullable() })),
  manageable: z.boolean(),
});
export type LifeCalendarView = z.infer<typeof LifeCalendarSchema>;

/** `GET /api/life/compliance`: organisations compliant / lagging / dormant by street or district (党支部 only). */
export const LifeRollupQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  level: z.enum(['street', 'district']).default('street'),
  /** Region code prefix (2–12 digits) to narrow to. */
  region: z.string().regex(/^\d{2,12}$/, '应为2至12位区划代码').optional(),
}).strict();
const LifeCounts = { total: z.number(), compliant: z.number(), lagging: z.number(), dormant: z.number() };
export const LifeRollup = z.object({
  year: z.number(), asOf: z.string(),
  rows: z.array(z.object({ region: z.string(), name: z.string().nullable(), ...LifeCounts })),
  /** The rows added up (what the table's 合计 shows). */
  sum: z.object(LifeCounts),
});
export type LifeRollup = z.infer<typeof LifeRollup>;
export type LifeRollupQuery = z.infer<typeof LifeRollupQuery>;
export const LifeStatusSchema = z.enum(['compliant', 'lagging', 'dormant']);
const LifeOrgsFilter = {
  year: z.coerce.number().int().min(2000).max(2100),
  region: z.string().regex(/^\d{2,12}$/, '应为2至12位区划代码').optional(),
  status: LifeStatusSchema.optional(),
  /** The day of judgement (default today): a past month end's figure drills to the year as it stood then. */
  date: z.iso.date().optional(),
};
export const LifeOrgsExportQuery = z.object(LifeOrgsFilter).strict();
export type LifeOrgsExportQuery = z.infer<typeof LifeOrgsExportQuery>;
/** The drill-down in pages: `offset` rows skipped, `limit` rows (the whole count in `total`). */
export const LifeOrgsQuery = z.object({
  ...LifeOrgsFilter,
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
}).strict();
export type LifeOrgsQuery = z.infer<typeof LifeOrgsQuery>;
export const LifeOrgs = z.object({
  asOf: z.string(),
  total: z.number(),
  nextOffset: z.number().nullable(),
  items: z.array(z.object({
    orgId: z.string(), name: z.string(), regionCode: z.string().nullable(), streetName: z.string().nullable(),
    status: LifeStatusSchema, missed: z.number(), lastMeetingOn: z.string().nullable(),
  })),
});
export type LifeOrgs = z.infer<typeof LifeOrgs>;
