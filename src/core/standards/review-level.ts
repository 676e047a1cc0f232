import type { Executor } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { checkMarks, gradeFor, resultLabel, starsFor, totalOf } from '../../domain/standards/standards-score.js';
import { REVIEW_LEVEL_LABELS, type ChecklistVersion, type ReviewLevel } from '../../domain/standards/standards-types.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { versionConflict } from '../party-org/party-org.access.js';
import { insertOrgEvent } from '../party-org/party-org.repository.js';
import { insertUnionEvent } from '../union/union.repository.js';
import * as repo from './assessment.repository.js';
import { auditView } from './assessment.service.js';
import { versionOf } from './assessment.view.js';

/**
 * The checklist's own record of a review (docs/standards.md, "Who reviews"): a level's marks checked
 * against the template, kept in `checklist_review`, the assessment moved to the next level or back to
 * the organisation, and the last level's result (total, stars, the organisation's history). Shared by
 * the approval engine's adapter (src/core/approval/standards.adapter.ts) and the module's own review of
 * a union's checklist or one submitted before the engine reviewed checklists.
 */
export const field = (f: string, code: string, message: string, status: 'VALIDATION_FAILED' | 'CONFLICT' | 'FORBIDDEN' = 'VALIDATION_FAILED') =>
  new AppError(status, message, [{ field: f, code, message }]);

export type LevelInput = { decision: 'pass' | 'return'; marks: Record<string, number>; comment: string | null };

/** The marks as the template allows them: each 0..weight in half points, a return with a comment, a pass at or above the pass mark. */
export function scoreLevel(v: ChecklistVersion, input: LevelInput): { total: number; stars: number | null } {
  const faults = checkMarks(v, input.marks);
  if (faults.length) throw new AppError('VALIDATION_FAILED', faults[0]!.message, faults.map((f) => ({ field: `marks.${f.key}`, code: f.code, message: f.message })));
  if (input.decision === 'return' && !input.comment) throw field('comment', 'REQUIRED', '退回时请填写退回意见');
  const total = totalOf(v, input.marks);
  const stars = starsFor(v, total);
  // A pass below the pass mark would be a result of 未达标 marked as passed: the reviewer returns it instead.
  if (input.decision === 'pass' && stars === null) throw field('decision', 'BELOW_PASS_MARK', `总分${total}分，未达到${v.passMark}分的达标线，请退回修改`);
  return { total, stars };
}

async function history(tx: Executor, actor: Actor, row: repo.AssessmentRow, data: Record<string, unknown>): Promise<void> {
  const o = repo.ownerOf(row);
  const e = { kind: 'checklist_result', at: today(), data, actorId: actor.userId };
  if (o.kind === 'partyOrg') await insertOrgEvent(tx, { orgId: o.id, ...e });
  else await insertUnionEvent(tx, { unionId: o.id, ...e });
}

/**
 * One level's review kept: `next` the level that reviews after a pass (null: this pass is the last,
 * its result set by `applyResultIn`). The assessment must stand at `level` (409 otherwise).
 */
export async function recordLevelIn(tx: Executor, actor: Actor, id: string, level: ReviewLevel, next: ReviewLevel | null, input: LevelInput): Promise<repo.AssessmentRow & { total_: number; stars_: number | null }> {
  const locked = await repo.lockAssessment(tx, id);
  if (!locked || locked.status !== 'submitted' || locked.stage !== level) throw versionConflict();
  const v = versionOf(locked);
  const { total, stars } = scoreLevel(v, input);
  await repo.insertReview(tx, { assessment_id: id, level, decision: input.decision, marks: JSON.stringify(input.marks), total, stars, comment: input.comment, reviewer_id: actor.userId });
  const set = input.decision === 'return' ? { status: 'returned' as const, stage: null } : next ? { stage: next, total, stars } : { total, stars };
  const after = (await repo.bumpAssessment(tx, id, locked.version, set))!;
  if (input.decision === 'return' || next) {
    await recordAudit(tx, actor, { action: 'checklist.review', entity: 'checklist', entityId: id, before: auditView(locked), after: { ...auditView(after), level, decision: input.decision, marks: input.marks } });
  }
  return { ...after, total_: total, stars_: stars };
}

/** The last level's pass: the result (total, stars, grade) on the assessment and the organisation's history, audited. */
export async function applyResultIn(tx: Executor, actor: Actor, id: string): Promise<repo.AssessmentRow> {
  const locked = await repo.lockAssessment(tx, id);
  const last = (await repo.reviewsOf(tx, id)).at(-1);
  if (!locked || locked.status !== 'submitted' || !locked.stage || last?.decision !== 'pass' || last.level !== locked.stage) throw versionConflict();
  const v = versionOf(locked);
  const total = Number(last.total);
  const after = (await repo.bumpAssessment(tx, id, locked.version, { status: 'passed', stage: null, total, stars: last.stars }))!;
  const grade = gradeFor(v, total);
  await history(tx, actor, after, { templateId: v.templateId, name: v.name, year: after.year, total, stars: last.stars, result: resultLabel(last.stars), ...(grade ? { grade } : {}), level: REVIEW_LEVEL_LABELS[last.level] });
  await recordAudit(tx, actor, { action: 'checklist.review', entity: 'checklist', entityId: id, before: auditView(locked), after: { ...auditView(after), level: last.level, decision: 'pass', marks: last.marks } });
  return after;
}
