import { z } from 'zod';
import { VISIT_FINDINGS } from '../domain/fieldwork.js';
import { RegionPrefix } from './region.js';
import { AccessSchema, DateString, IdString, RegionCode } from './party-org.js';

export const InstructorKindSchema = z.enum(['instructor', 'liaison']);

export const InstructorCreate = z.object({ personId: IdString, kind: InstructorKindSchema, regionCode: RegionCode.nullable().optional() });
export type InstructorCreate = z.infer<typeof InstructorCreate>;
export const InstructorUpdate = z.object({
  version: z.number().int().min(1),
  regionCode: RegionCode.nullable().optional(),
  status: z.enum(['active', 'inactive']).optional(),
});
export type InstructorUpdate = z.infer<typeof InstructorUpdate>;

export const AssignmentAdd = z.object({ enterpriseId: IdString, since: DateString });
export type AssignmentAdd = z.infer<typeof AssignmentAdd>;
/** `findings`: what was seen (src/domain/fieldwork.ts); they open or close the enterprise's field-work task. */
export const VisitAdd = z.object({
  enterpriseId: IdString, visitedOn: DateString, notes: z.string().trim().max(4000).default(''),
  findings: z.array(z.enum(VISIT_FINDINGS)).max(VISIT_FINDINGS.length).optional(),
});
export type VisitAdd = z.infer<typeof VisitAdd>;

export const Instructor = z.object({
  id: z.string(), personId: z.string(), personName: z.string(), kind: InstructorKindSchema,
  regionCode: z.string().nullable(), status: z.enum(['active', 'inactive']), version: z.number(),
  /** full: registered in the reader's regions; partial: seen only through an assignment to an enterprise in scope. */
  access: AccessSchema,
});
export type Instructor = z.infer<typeof Instructor>;
export const Assignment = z.object({
  id: z.string(), instructorId: z.string(), enterpriseId: z.string(), enterpriseName: z.string(), since: z.string(), until: z.string().nullable(),
});
export type Assignment = z.infer<typeof Assignment>;
export const Visit = z.object({
  id: z.string(), instructorId: z.string(), enterpriseId: z.string(), enterpriseName: z.string(), visitedOn: z.string(), notes: z.string(),
});
export type Visit = z.infer<typeof Visit>;
export const InstructorDetail = Instructor.extend({
  assignments: z.array(Assignment),
  visits: z.array(Visit),
  manageable: z.boolean(),
  /** Assignments and visits left out of a partial view (enterprises outside the reader's scope). */
  hiddenAssignmentCount: z.number(),
  hiddenVisitCount: z.number(),
});
export type InstructorDetail = z.infer<typeof InstructorDetail>;

export const InstructorListQuery = z.object({
  regionPrefix: RegionPrefix.optional(),
  kind: InstructorKindSchema.optional(),
  cursor: IdString.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type InstructorListQuery = z.infer<typeof InstructorListQuery>;
/** `total`: every record the filter matches in the reader's scope (all pages). */
export const InstructorPage = z.object({ items: z.array(Instructor), nextCursor: z.string().nullable(), total: z.number() });
export type InstructorPage = z.infer<typeof InstructorPage>;

export const INSTRUCTOR_KIND_LABEL = { instructor: '党建指导员', liaison: '联络员' } as const;
