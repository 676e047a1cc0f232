import type { FieldVisit } from '../../contracts/fieldwork.js';
import { VISIT_FINDING_LABEL } from '../../domain/fieldwork.js';
import type { VisitRow } from './fieldwork.repository.js';

export const toFieldVisit = (r: VisitRow, taskId: string | null = null): FieldVisit => ({
  id: r.id, instructorId: r.instructor_id, instructorName: r.instructor_name, enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name,
  regionCode: r.region_code, visitedOn: r.visited_on, notes: r.notes, findings: r.findings, findingLabels: r.findings.map((f) => VISIT_FINDING_LABEL[f]),
  channel: r.channel, taskId,
});
