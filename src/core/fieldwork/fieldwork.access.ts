import type { Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import type { Scope } from '../access/scope.js';
import { assignmentOn, enterpriseInScopeRow, instructorsOfUser } from './fieldwork.repository.js';

/**
 * Who logs a visit from the phone (docs/inbox.md, "实地走访"): the holder of 登记本人实地走访
 * (visit.log) whose sign-in account is linked to their person (用户管理 → 关联人员), and that person
 * is an active 党建指导员（联络员）. They log only at an enterprise assigned to them on the visit's day
 * and inside their grant: an assignment elsewhere, or an enterprise seen only through a link, is not
 * theirs to report on.
 */
export type FieldInstructor = { scope: Scope; instructors: Array<{ id: string; kind: 'instructor' | 'liaison'; name: string }> };

export async function requireFieldInstructor(db: Executor, actor: Actor): Promise<FieldInstructor> {
  const scope = requireAction(actor, 'visit.log');
  const instructors = actor.userId ? await instructorsOfUser(db, actor.userId) : [];
  if (!instructors.length) {
    throw new AppError('FORBIDDEN', '您的账号尚未关联在册的党建指导员（联络员），请联系街道（乡镇）在用户管理中关联本人', [
      { field: 'personId', code: 'NOT_AN_INSTRUCTOR', message: '账号未关联党建指导员' },
    ]);
  }
  return { scope, instructors };
}

/** The enterprise, when it is assigned to this instructor on `on` and inside the grant; else 404 / 403 at the field. */
export async function requireAssignedEnterprise(tx: Executor, who: FieldInstructor, enterpriseId: string, on: string) {
  const ent = await enterpriseInScopeRow(tx, who.scope, enterpriseId);
  if (!ent) throw notFound('企业', 'enterpriseId');
  const a = await assignmentOn(tx, who.instructors.map((i) => i.id), ent.id, on);
  if (!a) {
    throw new AppError('FORBIDDEN', `走访当日“${ent.name}”不是分配给您联系的企业，不能登记走访`, [
      { field: 'enterpriseId', code: 'NOT_ASSIGNED', message: '走访当日不是您联系的企业' },
    ]);
  }
  return { ent, assignment: a };
}
