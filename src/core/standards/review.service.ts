import type { Assessment, ReviewInput } from '../../contracts/standards.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { checkMarks, gradeFor, nextLevel, resultLabel, starsFor, totalOf } from '../../domain/standards/standards-score.js';
import { REVIEW_LEVEL_LABELS, type ReviewLevel } from '../../domain/standards/standards-types.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { insertOrgEvent } from '../party-org/party-org.repository.js';
import { versionConflict } from '../party-org/party-org.access.js';
import { insertUnionEvent } from '../union/union.repository.js';
import * as repo from './assessment.repository.js';
import { auditView } from './assessment.service.js';
import { assessmentView, loadVisible, versionOf } from './assessment.view.js';
import { requireReviewer } from './standards.access.js';

/**
 * Review (docs/standards.md): the level the template names next — the street, then the district —
 * marks each item, and passes or returns with a comment. Every review is kept; the last level's pass
 * sets the result (total, stars) and writes it on the organisation's history. The submitter never
 * reviews their own submission.
 */
const field = (f: string, code: string, message: string, status: 'VALIDATION_FAILED' | 'CONFLICT' | 'FORBIDDEN' = 'VALIDATION_FAILED') =>
  new AppError(status, message, [{ field: f, code, message }]);

async function history(tx: Executor, actor: Actor, row: repo.AssessmentRow, data: Record<string, unknown>): Promise<void> {
  const o = repo.ownerOf(row);
  const e = { kind: 'checklist_result', at: today(), data, actorId: actor.userId };
  if (o.kind === 'partyOrg') await insertOrgEvent(tx, { orgId: o.id, ...e });
  else await insertUnionEvent(tx, { unionId: o.id, ...e });
}

export async function reviewAssessment(db: Db, actor: Actor, id: string, input: ReviewInput): Promise<Assessment> {
  return db.transaction().execute(async (tx) => {
    const { row, owner } = await loadVisible(tx, actor, id);
    if (row.status !== 'submitted' || !row.stage) throw field('version', 'NOT_SUBMITTED', '该自评未在审核中', 'CONFLICT');
    const level: ReviewLevel = row.stage;
    requireReviewer(actor, owner.kind, level, owner.place);
    if (row.submitted_by && row.submitted_by === actor.userId) throw field('version', 'SELF_REVIEW', '不能审核本人提交的自评', 'FORBIDDEN');
    const locked = await repo.lockAssessment(tx, id);
    if (!locked || locked.version !== input.version || locked.stage !== level) throw versionConflict();
    const v = versionOf(locked);
    const faults = checkMarks(v, input.marks);
    if (faults.length) throw new AppError('VALIDATION_FAILED', faults[0]!.message, faults.map((f) => ({ field: `marks.${f.key}`, code: f.code, message: f.message })));
    if (input.decision === 'return' && !input.comment) throw field('comment', 'REQUIRED', '退回时请填写退回意见');
    const total = totalOf(v, input.marks);
    const stars = starsFor(v, total);
    // A pass below the pass mark would be a result of 未达标 marked as passed: the reviewer returns it instead.
    if (input.decision === 'pass' && stars === null) throw field('decision', 'BELOW_PASS_MARK', `总分${total}分，未达到${v.passMark}分的达标线，请退回修改`);
    await repo.insertReview(tx, { assessment_id: id, level, decision: input.decision, marks: JSON.stringify(input.marks), total, stars, comment: input.comment ?? null, reviewer_id: actor.userId });
    // Levels passed in this round: a return sends the checklist back to the first level again.
    const all = await repo.reviewsOf(tx, id);
    const round = all.slice(all.map((r) => r.decision).lastIndexOf('return') + 1);
    const passed = round.filter((r) => r.decision === 'pass').map((r) => r.level);
    const next = input.decision === 'pass' ? nextLevel(v, passed) : null;
    const set = input.decision === 'return' ? { status: 'returned' as const, stage: null }
      : next ? { stage: next, total, stars } : { status: 'passed' as const, stage: null, total, stars };
    const after = (await repo.bumpAssessment(tx, id, input.version, set))!;
    if (input.decision === 'pass' && !next) {
      const grade = gradeFor(v, total);
      await history(tx, actor, after, { templateId: v.templateId, name: v.name, year: after.year, total, stars, result: resultLabel(stars), ...(grade ? { grade } : {}), level: REVIEW_LEVEL_LABELS[level] });
    }
    await recordAudit(tx, actor, { action: 'checklist.review', entity: 'checklist', entityId: id, before: auditView(locked), after: { ...auditView(after), level, decision: input.decision, marks: input.marks } });
    return assessmentView(tx, actor, after, owner);
  });
}
