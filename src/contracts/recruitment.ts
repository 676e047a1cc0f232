import { z } from 'zod';
import { CASE_STAGES, NOTICE_STAGES, REVIEW_RESULTS } from '../domain/recruitment.js';
import { AccessSchema, DateString, IdString } from './party-org.js';

/**
 * 发展党员 (docs/recruitment.md): a case per applicant, its steps, its findings. ID numbers travel
 * masked; the clear number only through the people route's audited reveal.
 */
export const CaseStageSchema = z.enum(CASE_STAGES);
const Text = (max: number) => z.string().trim().min(1).max(max);
const Version = z.number().int().min(1);

export const RecruitmentListFilter = z.object({
  orgId: IdString.optional(),
  /** One person's cases (the member page): every stage unless `stage` is given. */
  personId: IdString.optional(),
  /** Absent: every open case (all but 正式党员 and 已终止); with `personId`, every case. */
  stage: CaseStageSchema.optional(),
  /** Part of the name. */
  q: z.string().trim().max(60).optional(),
}).strict();
export type RecruitmentListFilter = z.infer<typeof RecruitmentListFilter>;

export const RecruitmentListQuery = RecruitmentListFilter.extend({
  cursor: IdString.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export type RecruitmentListQuery = z.infer<typeof RecruitmentListQuery>;

export const RecruitmentFinding = z.object({
  caseId: z.string(), name: z.string(), orgName: z.string(), ruleId: z.string(), severity: z.enum(['overdue', 'warning', 'info']),
  title: z.string(), summary: z.string(), message: z.string(), source: z.string(), dueOn: z.string().nullable(),
});
export type RecruitmentFinding = z.infer<typeof RecruitmentFinding>;
export const RecruitmentFindingPage = z.object({ items: z.array(RecruitmentFinding), total: z.number() });
export type RecruitmentFindingPage = z.infer<typeof RecruitmentFindingPage>;
export const RecruitmentFindingQuery = z.object({ orgId: IdString.optional() }).strict();

export const RecruitmentSummary = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  orgId: z.string(),
  orgName: z.string(),
  stage: CaseStageSchema,
  appliedOn: z.string(),
  /** The day of the latest step recorded. */
  lastStepOn: z.string(),
  /** 支部大会 held, waiting for the higher 党委. */
  awaitingApproval: z.boolean(),
  /** Findings now: overdue or warning / reminders. */
  alerts: z.number(),
  reminders: z.number(),
  access: AccessSchema,
  version: z.number(),
});
export type RecruitmentSummary = z.infer<typeof RecruitmentSummary>;

export const RecruitmentPage = z.object({
  items: z.array(RecruitmentSummary),
  total: z.number(),
  /** Cases per stage under the same organisation and name filters (the board's counts). */
  counts: z.record(CaseStageSchema, z.number()),
  /** With an organisation filter: the findings of its open cases (overdue or warning / reminders); otherwise null. */
  findings: z.object({ alerts: z.number(), reminders: z.number() }).nullable(),
  nextCursor: z.string().nullable(),
});
export type RecruitmentPage = z.infer<typeof RecruitmentPage>;

const DecisionMeeting = z.object({ heldOn: z.string(), voting: z.number(), present: z.number(), yes: z.number() }).nullable();
const NamedMember = z.object({ memberId: z.string().nullable(), name: z.string() });
const Notice = z.object({ from: z.string(), to: z.string() }).nullable();

export const RecruitmentEvent = z.object({ id: z.string(), kind: z.string(), at: z.string(), data: z.record(z.string(), z.unknown()), recordedAt: z.string() });

export const RecruitmentCase = RecruitmentSummary.extend({
  /** Masked (110105********1234). */
  idNumber: z.string().nullable(),
  talkedOn: z.string().nullable(),
  talkerName: z.string().nullable(),
  activistOn: z.string().nullable(),
  mentors: z.array(NamedMember),
  candidateOn: z.string().nullable(),
  reviewOn: z.string().nullable(),
  reviewResult: z.enum(REVIEW_RESULTS).nullable(),
  training: z.object({ completedOn: z.string(), days: z.number().nullable(), hours: z.number().nullable() }).nullable(),
  notices: z.object({ candidate: Notice, probationary: Notice, full: Notice }),
  sponsors: z.array(NamedMember),
  meeting: z.object({ heldOn: z.string(), voting: z.number(), present: z.number(), yes: z.number() }).nullable(),
  approval: z.object({ approvedOn: z.string(), approverOrgId: z.string(), approverOrgName: z.string(), extended: z.boolean() }).nullable(),
  extension: z.object({ decidedOn: z.string(), months: z.number(), reason: z.string().nullable(), meeting: DecisionMeeting }).nullable(),
  /** 取消预备党员资格 (the case is then 已终止). */
  cancellation: z.object({ on: z.string(), reason: z.string(), meeting: DecisionMeeting }).nullable(),
  /** 预备期满 (1 year from the 支部大会, plus an extension). */
  probationEndsOn: z.string().nullable(),
  fullMeetingOn: z.string().nullable(),
  fullApprovedOn: z.string().nullable(),
  fullOn: z.string().nullable(),
  leavingOn: z.string().nullable(),
  memberId: z.string().nullable(),
  closedOn: z.string().nullable(),
  closedReason: z.string().nullable(),
  manageable: z.boolean(),
  findings: z.array(RecruitmentFinding),
  events: z.array(RecruitmentEvent),
});
export type RecruitmentCase = z.infer<typeof RecruitmentCase>;

/** A new case: an existing person (by id) or a person named by the full ID number (found through the blind index, else registered). */
export const RecruitmentCreate = z.object({
  orgId: IdString,
  personId: IdString.optional(),
  name: Text(100).optional(),
  idNumber: z.string().trim().max(40).optional(),
  phone: z.string().trim().max(30).optional(),
  appliedOn: DateString,
}).strict();
export type RecruitmentCreate = z.infer<typeof RecruitmentCreate>;

const step = <S extends string, T extends z.ZodRawShape>(name: S, shape: T) => z.object({ step: z.literal(name), version: Version, ...shape }).strict();
const MemberRef = z.object({ memberId: IdString }).strict();

const Count = z.number().int().min(0).max(10000);
const Decision = { on: DateString, reason: Text(500), meetingOn: DateString, voting: Count.min(1), present: Count, yes: Count };

/** One step of the case (the stage it may be taken at: src/domain/recruitment.ts STEP_STAGES). */
export const RecruitmentStepInput = z.discriminatedUnion('step', [
  step('talk', { on: DateString, talkerName: Text(100) }),
  step('activist', { on: DateString, mentors: z.array(MemberRef).min(1).max(2) }),
  step('candidate', { on: DateString }),
  step('review', { on: DateString, result: z.enum(REVIEW_RESULTS) }),
  step('training', { on: DateString, days: z.number().int().min(0).max(366).nullable().optional(), hours: z.number().int().min(0).max(2000).nullable().optional() }),
  step('notice', { stage: z.enum(NOTICE_STAGES), from: DateString, to: DateString }),
  step('sponsors', { sponsors: z.array(MemberRef).length(2) }),
  step('meeting', { on: DateString, voting: z.number().int().min(1).max(10000), present: z.number().int().min(0).max(10000), yes: z.number().int().min(0).max(10000) }),
  step('approve', { on: DateString, approverOrgId: IdString, extended: z.boolean().optional() }),
  /** 延长预备期 and 取消预备党员资格: the 支部大会 (day and vote) and the higher 党委's approval day (`on`). */
  step('extend', { ...Decision, months: z.number().int().min(6).max(12) }),
  step('cancel', Decision),
  step('confirm', { meetingOn: DateString, approvedOn: DateString, on: DateString }),
  step('leaving', { on: DateString.nullable() }),
  step('close', { on: DateString, reason: Text(500) }),
]);
export type RecruitmentStepInput = z.infer<typeof RecruitmentStepInput>;

export const RecruitmentParams = z.object({ id: IdString });
