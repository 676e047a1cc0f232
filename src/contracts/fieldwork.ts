import { z } from 'zod';
import { VISIT_FINDINGS } from '../domain/fieldwork.js';
import { DateString, IdString } from './party-org.js';

/**
 * Field work from the phone (实地走访, docs/inbox.md): an instructor's own assigned enterprises, the
 * visit they log there with what they found, their visits, and the visits shown on an enterprise.
 */
export const VisitFindingSchema = z.enum(VISIT_FINDINGS);

export const FieldVisitAdd = z.object({
  enterpriseId: IdString,
  visitedOn: DateString,
  notes: z.string().trim().max(4000).default(''),
  findings: z.array(VisitFindingSchema).max(VISIT_FINDINGS.length).default([]),
});
export type FieldVisitAdd = z.infer<typeof FieldVisitAdd>;

export const FieldVisit = z.object({
  id: z.string(), instructorId: z.string(), instructorName: z.string(), enterpriseId: z.string(), enterpriseName: z.string(),
  regionCode: z.string().nullable(), visitedOn: z.string(), notes: z.string(), findings: z.array(VisitFindingSchema),
  findingLabels: z.array(z.string()), channel: z.enum(['official', 'self']),
  /** The field-work task the visit opened (or found open), or the one it closed as 实地核实已整改. */
  taskId: z.string().nullable(),
});
export type FieldVisit = z.infer<typeof FieldVisit>;

export const MyAssignment = z.object({
  assignmentId: z.string(), enterpriseId: z.string(), enterpriseName: z.string(), regionCode: z.string().nullable(), since: z.string(),
  lastVisitOn: z.string().nullable(),
  /** The enterprise's open field-work task, if any: what a 问题已整改 visit would close. */
  openTaskId: z.string().nullable(),
});
export type MyAssignment = z.infer<typeof MyAssignment>;
export const MyAssignments = z.object({
  instructor: z.object({ id: z.string(), name: z.string(), kind: z.enum(['instructor', 'liaison']) }),
  items: z.array(MyAssignment), total: z.number(),
});
export type MyAssignments = z.infer<typeof MyAssignments>;

export const VisitListQuery = z.object({
  cursor: IdString.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type VisitListQuery = z.infer<typeof VisitListQuery>;
/** `total`: every visit the list holds (all pages); newest first. */
export const VisitPage = z.object({ items: z.array(FieldVisit), nextCursor: z.string().nullable(), total: z.number() });
export type VisitPage = z.infer<typeof VisitPage>;
