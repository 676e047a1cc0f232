import { sql, type Insertable, type Selectable, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { ChecklistAssessmentTable, ChecklistEvidenceTable, ChecklistReviewTable } from '../../db/tables/standards.js';
import type { StandardOrgKind } from '../../domain/standards/standards-types.js';
import { NEXT_VERSION } from '../../db/versioned.js';

/** SQL for checklist assessments, their evidence and reviews (0027). Owner access is checked before these run. */
export type AssessmentRow = Selectable<ChecklistAssessmentTable>;
export type EvidenceRow = Selectable<ChecklistEvidenceTable>;
export type ReviewRow = Selectable<ChecklistReviewTable> & { reviewer: string | null };

export const ownerOf = (r: AssessmentRow): { kind: StandardOrgKind; id: string } =>
  (r.party_org_id ? { kind: 'partyOrg', id: r.party_org_id } : { kind: 'union', id: r.union_id! });

export async function findAssessment(db: Executor, id: string): Promise<AssessmentRow | undefined> {
  return db.selectFrom('checklist_assessment').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockAssessment(tx: Executor, id: string): Promise<AssessmentRow | undefined> {
  return tx.selectFrom('checklist_assessment').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

const ownerCol = (kind: StandardOrgKind) => (kind === 'partyOrg' ? 'party_org_id' : 'union_id');

export async function assessmentsOf(db: Executor, kind: StandardOrgKind, id: string, year: number): Promise<AssessmentRow[]> {
  return db.selectFrom('checklist_assessment').selectAll().where(ownerCol(kind), '=', id).where('year', '=', year).execute();
}

export async function insertAssessment(tx: Executor, row: Insertable<ChecklistAssessmentTable>): Promise<AssessmentRow | undefined> {
  // The unique key (owner, template, year) answers a second draft as nothing inserted, not an error.
  return tx.insertInto('checklist_assessment').values(row).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst();
}

export async function bumpAssessment(tx: Executor, id: string, version: number, set: Partial<{
  status: AssessmentRow['status']; stage: AssessmentRow['stage']; total: number | null; stars: number | null; submitted_at: RawBuilder<Date> | null; submitted_by: string | null;
}> = {}): Promise<AssessmentRow | undefined> {
  return tx.updateTable('checklist_assessment').set({ ...set, ...NEXT_VERSION }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export const now = () => sql<Date>`now()`;

export async function evidenceOf(db: Executor, id: string): Promise<EvidenceRow[]> {
  return db.selectFrom('checklist_evidence').selectAll().where('assessment_id', '=', id).execute();
}

export async function putEvidence(tx: Executor, row: Insertable<ChecklistEvidenceTable>): Promise<void> {
  await tx.insertInto('checklist_evidence').values(row).onConflict((oc) => oc.columns(['assessment_id', 'item_key']).doUpdateSet({
    kind: (eb) => eb.ref('excluded.kind'), record_ref: (eb) => eb.ref('excluded.record_ref'), attachment_id: (eb) => eb.ref('excluded.attachment_id'),
    attestation: (eb) => eb.ref('excluded.attestation'), updated_by: (eb) => eb.ref('excluded.updated_by'), updated_at: sql<Date>`now()`,
  })).execute();
}

export async function clearEvidence(tx: Executor, id: string, key: string): Promise<void> {
  await tx.deleteFrom('checklist_evidence').where('assessment_id', '=', id).where('item_key', '=', key).execute();
}

export async function reviewsOf(db: Executor, id: string): Promise<ReviewRow[]> {
  return db.selectFrom('checklist_review as r').leftJoin('app_user as u', 'u.id', 'r.reviewer_id').selectAll('r').select('u.display_name as reviewer')
    .where('r.assessment_id', '=', id).orderBy('r.id').execute() as Promise<ReviewRow[]>;
}

export async function insertReview(tx: Executor, row: Insertable<ChecklistReviewTable>): Promise<ReviewRow> {
  return { ...(await tx.insertInto('checklist_review').values(row).returningAll().executeTakeFirstOrThrow()), reviewer: null };
}

