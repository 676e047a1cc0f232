import { z } from 'zod';
import { TRAINING_AUDIENCES } from '../domain/training.js';
import { AccessSchema, DateString, IdString, RegionCode } from './party-org.js';

/**
 * Training (docs/training.md): courses, their sessions organised by a region or a 基层党委, who
 * attended with the 学时 credited, and a person's history.
 */
export const TrainingAudienceSchema = z.enum(TRAINING_AUDIENCES);
const Text = (max: number) => z.string().trim().min(1).max(max);
const Hours = z.number().int().min(1).max(500);
const Version = z.number().int().min(1);

/** The organiser: a region (district or street, 12 digits) or a party organisation — exactly one. */
const Organiser = { regionCode: RegionCode.nullish(), orgId: IdString.nullish() };
const OrganiserView = z.object({ regionCode: z.string().nullable(), orgId: z.string().nullable(), name: z.string() });

export const CourseInput = z.object({ title: Text(200), audience: TrainingAudienceSchema, hours: Hours, ...Organiser }).strict();
export type CourseInput = z.infer<typeof CourseInput>;
export const CourseUpdate = z.object({ title: Text(200), audience: TrainingAudienceSchema, hours: Hours, version: Version }).strict();
export type CourseUpdate = z.infer<typeof CourseUpdate>;

export const Course = z.object({
  id: z.string(), title: z.string(), audience: TrainingAudienceSchema, hours: z.number(), organiser: OrganiserView,
  sessions: z.number(), access: AccessSchema, manageable: z.boolean(), version: z.number(),
});
export type Course = z.infer<typeof Course>;
export const CoursePage = z.object({ items: z.array(Course), total: z.number() });
export type CoursePage = z.infer<typeof CoursePage>;
export const CourseListFilter = z.object({ audience: TrainingAudienceSchema.optional(), q: z.string().trim().max(50).optional() }).strict();
export type CourseListFilter = z.infer<typeof CourseListFilter>;

export const SessionInput = z.object({ courseId: IdString, heldOn: DateString, hours: Hours, place: Text(200).nullish(), ...Organiser }).strict();
export type SessionInput = z.infer<typeof SessionInput>;
export const SessionUpdate = z.object({ heldOn: DateString, hours: Hours, place: Text(200).nullish(), version: Version }).strict();
export type SessionUpdate = z.infer<typeof SessionUpdate>;

export const SessionSummary = z.object({
  id: z.string(), courseId: z.string(), courseTitle: z.string(), audience: TrainingAudienceSchema, heldOn: z.string(), hours: z.number(),
  place: z.string().nullable(), organiser: OrganiserView, attendees: z.number(), hoursCredited: z.number(), access: AccessSchema, version: z.number(),
});
export type SessionSummary = z.infer<typeof SessionSummary>;
export const AttendeeView = z.object({ personId: z.string(), name: z.string(), hours: z.number() });
export const Session = SessionSummary.extend({ attendance: z.array(AttendeeView), manageable: z.boolean() });
export type Session = z.infer<typeof Session>;
export const SessionPage = z.object({ items: z.array(SessionSummary), total: z.number(), attendees: z.number(), hoursCredited: z.number() });
export type SessionPage = z.infer<typeof SessionPage>;
export const SessionListFilter = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  courseId: IdString.optional(),
  audience: TrainingAudienceSchema.optional(),
}).strict();
export type SessionListFilter = z.infer<typeof SessionListFilter>;

export const AttendanceInput = z.object({
  version: Version,
  attendees: z.array(z.object({ personId: IdString, hours: z.number().int().min(0).max(500) }).strict()).max(2000),
}).strict();
export type AttendanceInput = z.infer<typeof AttendanceInput>;

/** People the attendance form offers: secretaries, instructors, 积极分子 and 发展对象, members in the caller's scope. */
export const TrainingCandidate = z.object({ personId: z.string(), name: z.string(), role: z.string() });
export const TrainingCandidates = z.object({ items: z.array(TrainingCandidate), total: z.number() });
export type TrainingCandidates = z.infer<typeof TrainingCandidates>;
export const CandidatesQuery = z.object({ q: z.string().trim().max(50).optional() }).strict();

export const PersonTrainingQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }).strict();
export const PersonTraining = z.object({
  personId: z.string(), name: z.string(),
  items: z.array(z.object({ sessionId: z.string(), courseTitle: z.string(), audience: TrainingAudienceSchema, heldOn: z.string(), hours: z.number(), organiserName: z.string() })),
  total: z.number(), hours: z.number(),
  byYear: z.array(z.object({ year: z.number(), hours: z.number() })),
});
export type PersonTraining = z.infer<typeof PersonTraining>;
export const TrainingParams = z.object({ id: IdString });

/**
 * A 签到表 import's outcome (docs/training.md, "Attendance import"): all or nothing — written only
 * when no row fails and it is not a dry run. `created` people join the attendance, `updated` were
 * there with other 学时, `unchanged` were there with the same; nobody already recorded is dropped.
 */
export const AttendanceImportResult = z.object({
  importId: z.string(), sessionId: z.string(), dryRun: z.boolean(), applied: z.boolean(),
  rows: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number(),
  errors: z.array(z.object({ row: z.number(), column: z.string().nullable(), code: z.string(), message: z.string() })), errorsTruncated: z.boolean(),
  /** What the file would make of the attendance (dry run) or made of it: people and 学时 in total. */
  attendees: z.number(), hoursCredited: z.number(),
  /** The session's version after the import (the page reloads with it). */
  version: z.number(),
});
export type AttendanceImportResult = z.infer<typeof AttendanceImportResult>;
export const DeleteQuery = z.object({ version: z.coerce.number().int().min(1) }).strict();
