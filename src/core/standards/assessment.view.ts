import type { Assessment } from '../../contracts/standards.js';
import type { Executor } from '../../db/schema.js';
import type { RecordRef } from '../../db/tables/standards.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { checklistVersionAt } from '../../domain/standards/standards-catalogue.js';
import { gradeFor, resultLabel } from '../../domain/standards/standards-score.js';
import type { ChecklistVersion, ChecklistItem } from '../../domain/standards/standards-types.js';
import type { Actor } from '../access/actor.js';
import { attachmentsByIds, type AttachmentRow } from '../attachment/attachment.repository.js';
import * as repo from './assessment.repository.js';
import { findRecord } from './evidence.repository.js';
import { asAssessmentNotFound, assessmentNotFound, canManageOwner, requireVisibleOwner, type Owner } from './standards.access.js';
import { reviewableLevel } from './standards-approval.js';

/**
 * An assessment as a reader sees it (docs/standards.md): each item's evidence — given (an upload,
 * an attestation, a record kept at submission) or, while the organisation still edits, found live in
 * the records — the review history, and what the reader may do next.
 */
const editable = (s: repo.AssessmentRow['status']) => s === 'draft' || s === 'returned';
export const num = (v: string | number | null) => (v === null ? null : Number(v));

export function versionOf(r: repo.AssessmentRow): ChecklistVersion {
  const v = checklistVersionAt(r.template_id, r.template_version);
  if (!v) throw new Error(`checklist version ${r.template_id}@${r.template_version} is not in the catalogue`);
  return v;
}

export const attachmentUrl = (assessmentId: string, a: AttachmentRow) => `/api/standards/assessments/${assessmentId}/attachments/${a.id}`;

/** Live records for the items that have no evidence given, while the organisation still edits. */
export async function liveRecords(db: Executor, r: repo.AssessmentRow, items: readonly ChecklistItem[]): Promise<Map<string, RecordRef>> {
  const owner = repo.ownerOf(r);
  const out = new Map<string, RecordRef>();
  for (const i of items) {
    if (!i.record) continue;
    const found = await findRecord(db, i.record, { ...owner, year: r.year, today: today() });
    if (found) out.set(i.key, found);
  }
  return out;
}

export async function loadVisible(db: Executor, actor: Actor, id: string): Promise<{ row: repo.AssessmentRow; owner: Owner }> {
  const row = /^\d{1,18}$/.test(id) ? await repo.findAssessment(db, id) : undefined;
  if (!row) throw assessmentNotFound();
  const o = repo.ownerOf(row);
  const owner = await requireVisibleOwner(db, actor, o.kind, o.id).catch(asAssessmentNotFound);
  return { row, owner };
}

export async function assessmentView(db: Executor, actor: Actor, row: repo.AssessmentRow, owner: Owner): Promise<Assessment> {
  const v = versionOf(row);
  const [evidence, reviews] = await Promise.all([repo.evidenceOf(db, row.id), repo.reviewsOf(db, row.id)]);
  const given = new Map(evidence.map((e) => [e.item_key, e]));
  const live = editable(row.status) ? await liveRecords(db, row, v.items.filter((i) => !given.has(i.key))) : new Map<string, RecordRef>();
  const files = new Map((await attachmentsByIds(db, evidence.flatMap((e) => (e.attachment_id ? [e.attachment_id] : [])))).map((a) => [a.id, a]));
  const o = repo.ownerOf(row);
  const manageable = editable(row.status) && await canManageOwner(db, actor, o.kind, o.id);
  const reviewable = await reviewableLevel(db, actor, row, owner);
  return {
    id: row.id, templateId: v.templateId, templateVersion: row.template_version, templateName: v.name, source: v.source,
    orgKind: o.kind, orgId: o.id, orgName: owner.place.name, regionCode: owner.place.region_code, year: row.year,
    status: row.status, stage: row.stage, total: num(row.total), stars: row.stars, result: row.status === 'passed' ? resultLabel(row.stars) : null,
    passMark: v.passMark, starThresholds: [...v.stars],
    items: v.items.map((i) => {
      const e = given.get(i.key);
      const file = e?.attachment_id ? files.get(e.attachment_id) : undefined;
      const found = e?.kind === 'record' ? e.record_ref : live.get(i.key) ?? null;
      const state = e?.kind === 'upload' ? 'attached' : e?.kind === 'attestation' ? 'attested' : found ? 'found' : 'missing';
      return {
        key: i.key, title: i.title, weight: i.weight, requirement: i.requirement, accepts: [...i.accepts], state, found,
        attachment: file ? { id: file.id, fileName: file.file_name, mediaType: file.media_type, size: file.size, uploadedAt: file.created_at.toISOString(), url: attachmentUrl(row.id, file) } : null,
        attestation: e?.attestation ?? null,
      };
    }),
    reviews: reviews.map((x) => ({
      id: x.id, level: x.level, decision: x.decision, marks: x.marks, total: Number(x.total), stars: x.stars,
      result: x.decision === 'pass' ? resultLabel(x.stars) : '退回修改', comment: x.comment, reviewer: x.reviewer, reviewedAt: x.reviewed_at.toISOString(),
      grade: x.decision === 'pass' ? gradeFor(v, Number(x.total)) : null,
    })),
    access: owner.place.owned ? 'full' : 'partial', manageable, reviewable, version: row.version,
    grade: row.status === 'passed' ? gradeFor(v, num(row.total)) : null, grades: v.grades ? { thresholds: [...v.grades.thresholds], source: v.grades.source } : null,
  };
}

export async function getAssessmentIn(db: Executor, actor: Actor, id: string): Promise<Assessment> {
  const { row, owner } = await loadVisible(db, actor, id);
  return assessmentView(db, actor, row, owner);
}
