import type { Db } from '../../db/schema.js';
import { APPRAISAL_KIND_LABELS, GRADE_LABELS, type Grade } from '../../domain/appraisal.js';
import type { Actor } from '../access/actor.js';
import { requireVisiblePerson } from '../person/person.access.js';
import { appraisalsOfPerson } from './appraisal.repository.js';

/** A person's appraisal results by year (述职评议、考核), on their history; read where the person is seen. */
export async function personAppraisals(db: Db, actor: Actor, personId: string) {
  await requireVisiblePerson(db, actor, personId);
  const rows = await appraisalsOfPerson(db, personId);
  return {
    items: rows.map((r) => ({
      kind: r.kind, kindLabel: APPRAISAL_KIND_LABELS[r.kind], year: r.year, subjectId: String(r.subject_id),
      total: r.total == null ? null : Number(r.total), gradeLabel: r.grade ? GRADE_LABELS[r.grade as Grade] ?? null : null, allowance: r.allowance,
    })),
    total: rows.length,
  };
}
