import type { Executor } from '../../db/schema.js';
import { LEVEL_OF_ROLE } from '../../domain/standards/standards-levels.js';
import type { Actor } from '../access/actor.js';
import type { Keyring } from '../crypto/keyring.js';
import { resubmitRequestIn, submitRequestIn } from '../approval/approval-submit.js';
import type { RequestRow } from '../approval/approval.repository.js';
import { decideRefusal } from '../approval/approval.access.js';
import type { ReviewLevel } from '../../domain/standards/standards-types.js';
import { canReview, type Owner } from './standards.access.js';
import * as repo from './assessment.repository.js';

/**
 * A Party organisation's checklist and its approval request (`standards.review`, docs/standards.md,
 * "Review through the approval engine"): 提交审核 submits the request in the same transaction (or
 * resubmits the one a level returned), and the assessment waits at the request's first level.
 */
const SUBJECT = 'checklist_assessment';

async function requestOf(db: Executor, id: string, states: RequestRow['state'][]): Promise<RequestRow | undefined> {
  return db.selectFrom('approval_request').selectAll().where('kind', '=', 'standards.review').where('subject_table', '=', SUBJECT)
    .where('subject_id', '=', id).where('state', 'in', states).orderBy('id', 'desc').executeTakeFirst();
}

/** The request waiting for a decision on this checklist, if it was submitted through the engine. */
export const pendingReviewOf = (db: Executor, id: string) => requestOf(db, id, ['pending']);

/** Called once the assessment stands submitted: the request opened (or the returned one resubmitted), the stage its first level. */
export async function submitForReviewIn(tx: Executor, keyring: Keyring, actor: Actor, row: repo.AssessmentRow, comment?: string): Promise<repo.AssessmentRow> {
  const returned = await requestOf(tx, row.id, ['returned']);
  const request = returned
    ? await resubmitRequestIn(tx, keyring, actor, returned.id, { version: returned.version, comment })
    : await submitRequestIn(tx, keyring, actor, { kind: 'standards.review', subjectId: row.id, payload: {}, version: row.version, comment });
  const stage = LEVEL_OF_ROLE[request.levels[0]!];
  if (stage === row.stage) return row;
  // The same write as the submission (its version already moved): where the assessment waits.
  return tx.updateTable('checklist_assessment').set({ stage }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
}

/**
 * The level the reader may review now, or null: the module's gate (by area, never one's own
 * submission; a 社区 level has none of its own) and, for a checklist under an approval request, the
 * engine's (the level's role over the organisation by its own place).
 */
export async function reviewableLevel(db: Executor, actor: Actor, row: repo.AssessmentRow, owner: Owner): Promise<ReviewLevel | null> {
  if (row.status !== 'submitted' || !row.stage || row.submitted_by === actor.userId) return null;
  if (row.stage !== 'community' && !canReview(actor, owner.kind, row.stage, owner.place)) return null;
  const request = owner.kind === 'partyOrg' ? await pendingReviewOf(db, row.id) : undefined;
  if (!request) return row.stage === 'community' ? null : row.stage;
  return (await decideRefusal(db, actor, request)) ? null : row.stage;
}
