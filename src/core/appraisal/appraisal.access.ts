import type { Executor } from '../../db/schema.js';
import type { AppraisalKind, ReviewerLevel } from '../../domain/appraisal.js';
import { notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { canManage, requireManaged } from '../access/managed.js';
import { requireAction } from '../access/require.js';
import { scopeFor, type Scope } from '../access/scope.js';
import { canReviewReport, requireReportReviewer } from '../annual-report/annual-report.access.js';
import { asOfFor } from '../annual-report/annual-report.query.js';
import { secretaryOn } from '../annual-report/report-figures.repository.js';
import { findInstructor } from '../instructor/instructor.repository.js';
import { requireVisibleOrg } from '../party-org/party-org.access.js';
import type { EvidenceSubject } from './appraisal-evidence.js';

/**
 * Whose appraisal the caller may see and mark (docs/annual-report.md "Appraisal"). A secretary's
 * is reached through the organisation — read where it is seen (org.read), marked under org.review by
 * its own place; an instructor's through the instructor record — read under instructor.read, marked
 * under org.review by the instructor's own region. Never marked through a link (403 NOT_MANAGED).
 */
export type Subject = {
  kind: AppraisalKind; subjectId: string; subjectName: string; regionCode: string | null;
  personId: string | null; personName: string | null; evidence: EvidenceSubject;
};
const LABEL = '指导员（联络员）';
const validId = (id: string) => /^\d{1,18}$/.test(id);
const instructorFinder = (db: Executor, id: string) => (scope: Scope, mode: 'owned' | 'visible') =>
  (validId(id) ? findInstructor(db, scope, id, mode) : Promise.resolve(undefined));

export async function openSubject(db: Executor, actor: Actor, kind: AppraisalKind, id: string, year: number, mode: 'read' | 'mark'): Promise<Subject> {
  if (kind === 'secretary') {
    const org = mode === 'read' ? (await requireVisibleOrg(db, actor, id)).org : await requireReportReviewer(db, actor, id);
    const sec = await secretaryOn(db, id, asOfFor(year));
    const personId = sec ? String(sec.person_id) : null;
    return { kind, subjectId: id, subjectName: org.name, regionCode: org.region_code, personId, personName: sec?.name ?? null, evidence: { year, personId, org } };
  }
  let row;
  if (mode === 'mark') row = (await requireManaged(actor, 'org.review', 'instructor.read', LABEL, instructorFinder(db, id))).row;
  else {
    row = await instructorFinder(db, id)(requireAction(actor, 'instructor.read'), 'visible');
    if (!row || row.kind !== 'instructor') throw notFound(LABEL);
  }
  const personId = String(row.person_id);
  return { kind, subjectId: id, subjectName: row.person_name, regionCode: row.region_code, personId, personName: row.person_name, evidence: { year, personId, instructorId: id } };
}

export const canMark = (db: Executor, actor: Actor, s: Subject) =>
  (s.kind === 'secretary' ? canReviewReport(db, actor, s.subjectId) : canManage(actor, 'org.review', instructorFinder(db, s.subjectId)));

/** A district reviewer holds org.review over the whole district (a 6-digit prefix or wider); a street's is narrower. */
export function reviewerLevel(actor: Actor, regionCode: string | null): ReviewerLevel {
  const s = scopeFor(actor, 'org.review');
  return s.all || s.regionPrefixes.some((p) => p.length <= 6 && (regionCode ?? '').startsWith(p)) ? 'district' : 'street';
}
