import type { Assessment, ReviewInput } from '../../contracts/standards.js';
import type { Db, Executor } from '../../db/schema.js';
import { nextLevel } from '../../domain/standards/standards-score.js';
import type { Actor } from '../access/actor.js';
import type { Keyring } from '../crypto/keyring.js';
import { versionConflict } from '../party-org/party-org.access.js';
import { decideIn } from '../approval/approval-decide.js';
import * as repo from './assessment.repository.js';
import { assessmentView, loadVisible, versionOf } from './assessment.view.js';
import { applyResultIn, field, recordLevelIn, type LevelInput } from './review-level.js';
import { requireReviewer, type Owner } from './standards.access.js';
import { pendingReviewOf } from './standards-approval.js';

/**
 * Review (docs/standards.md): the level reviewing next marks each item, and passes or returns with a
 * comment. A Party organisation's checklist submitted through the approval engine is decided there
 * (`standards.review`: its levels, who decides, its tasks and steps); the page's review form stays the
 * same and decides the engine's level. A union's checklist, and one submitted before the engine
 * reviewed checklists, keeps the module's own levels (the template's 街道, then 区). Every review is
 * kept; the last level's pass sets the result. The submitter never reviews their own submission.
 */
export async function reviewAssessment(db: Db, keyring: Keyring, actor: Actor, id: string, input: ReviewInput): Promise<Assessment> {
  return db.transaction().execute(async (tx) => {
    const { row, owner } = await loadVisible(tx, actor, id);
    if (row.status !== 'submitted' || !row.stage) throw field('version', 'NOT_SUBMITTED', '该自评未在审核中', 'CONFLICT');
    // The module's own gate first (who reviews by area, never one's own submission), then the engine's.
    if (row.stage !== 'community') requireReviewer(actor, owner.kind, row.stage, owner.place);
    if (row.submitted_by && row.submitted_by === actor.userId) throw field('version', 'SELF_REVIEW', '不能审核本人提交的自评', 'FORBIDDEN');
    const locked = await repo.lockAssessment(tx, id);
    if (!locked || locked.version !== input.version || locked.stage !== row.stage) throw versionConflict();
    const request = await pendingReviewOf(tx, id);
    const level = { decision: input.decision, marks: input.marks, comment: input.comment ?? null };
    if (request) {
      await decideIn(tx, keyring, actor, request.id, { version: request.version, decision: input.decision === 'pass' ? 'approve' : 'return', comment: input.comment, marks: input.marks });
    } else {
      await ownLevels(tx, actor, locked, level);
    }
    return view(tx, actor, id, owner);
  });
}

/** The module's own levels: the template's, in order; a return starts the next round at the first. */
async function ownLevels(tx: Executor, actor: Actor, row: repo.AssessmentRow, input: LevelInput): Promise<void> {
  const v = versionOf(row);
  const all = await repo.reviewsOf(tx, row.id);
  const round = all.slice(all.map((r) => r.decision).lastIndexOf('return') + 1);
  const passed = [...round.filter((r) => r.decision === 'pass').map((r) => r.level), row.stage!];
  const next = input.decision === 'pass' ? nextLevel(v, passed) : null;
  await recordLevelIn(tx, actor, row.id, row.stage!, next, input);
  if (input.decision === 'pass' && !next) await applyResultIn(tx, actor, row.id);
}

async function view(tx: Executor, actor: Actor, id: string, owner: Owner): Promise<Assessment> {
  const after = await repo.findAssessment(tx, id);
  return assessmentView(tx, actor, after!, owner);
}
