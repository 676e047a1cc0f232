import type { Executor } from '../../db/schema.js';
import { APPROVAL_STATE_LABEL, LEVEL_LABEL, LEVEL_ROLES, type LevelRole } from '../../domain/approval.js';
import { AppError, notFound } from '../../domain/errors.js';
import { todayInChina } from '../../domain/org-terms.js';
import { holdsAction } from '../access/require.js';
import type { Actor } from '../access/actor.js';
import { heldRoles, scopeForRole } from '../access/role-scope.js';
import { scopeFor, type Scope } from '../access/scope.js';
import { findRequest, grantsOf, orgOwned, type RequestRow, type RequestView } from './approval.repository.js';

/**
 * Who may do what with a request (docs/approvals.md, "Who decides"). Seeing it follows the record's
 * organisation under 查看党组织 (its own place or a current link), or being its requester or deputy.
 * Deciding a level needs that level's role over the organisation by its OWN place — never through a
 * link — and never one's own request. A request not seen is 404, as if it did not exist.
 */
const validId = (id: string) => /^\d{1,18}$/.test(id);

export const readScope = (actor: Actor): Scope => (holdsAction(actor, 'org.read') ? scopeFor(actor, 'org.read') : scopeFor(actor, 'approval.decide'));

export async function requireVisibleRequest(db: Executor, actor: Actor, id: string): Promise<RequestView> {
  const r = validId(id) ? await findRequest(db, readScope(actor), id, actor.userId) : undefined;
  if (!r) throw notFound('审批申请');
  return r;
}

/** The level roles an actor holds, each with that role's own scope (what "waiting for me" reads). */
export const levelScopes = (actor: Actor): Array<{ role: LevelRole; scope: Scope }> =>
  heldRoles(actor, LEVEL_ROLES).map((role) => ({ role, scope: scopeForRole(actor, role) }));

const forbid = (code: string, message: string) => new AppError('FORBIDDEN', message, [{ code, message }]);

/**
 * Whether the actor may decide the request's current level now: null when they may, else the
 * refusal (with its stable code) that a decision would get.
 */
export async function decideRefusal(db: Executor, actor: Actor, r: RequestRow & { visible?: boolean }): Promise<AppError | null> {
  if (r.state !== 'pending') {
    return new AppError('CONFLICT', `该申请${APPROVAL_STATE_LABEL[r.state]}，不能再审批`, [{ code: 'NOT_PENDING', message: APPROVAL_STATE_LABEL[r.state] }]);
  }
  if (actor.userId !== null && r.requester_user_id === actor.userId) return forbid('OWN_REQUEST', '不能审批本人提交的申请');
  const role = r.levels[r.current_level];
  if (await orgOwned(db, scopeForRole(actor, role), r.party_org_id)) return null;
  const ownsAnyLevel = await Promise.all(levelScopes(actor).map((x) => orgOwned(db, x.scope, r.party_org_id)));
  if (ownsAnyLevel.some(Boolean)) return forbid('NOT_YOUR_LEVEL', `当前为${LEVEL_LABEL[role]}审批，您不能审批这一级`);
  return forbid('NOT_MANAGED', '该申请所属党组织不在您的管辖范围，您只能查看');
}

/** A delegation still running (its last day not yet past). */
export const deputyActive = (r: Pick<RequestRow, 'deputy_user_id' | 'deputy_until'>): boolean =>
  !!r.deputy_user_id && !!r.deputy_until && r.deputy_until >= todayInChina();

/** Whether an account manages the request's organisation by its own place (a link never counts) — what 撤回 needs. */
async function managesRecord(db: Executor, actor: Actor, r: RequestRow): Promise<boolean> {
  return holdsAction(actor, 'org.manage') && orgOwned(db, scopeFor(actor, 'org.manage'), r.party_org_id);
}

/** The requester's account as its grants stand today (a secretary replaced keeps the account, not the organisation). */
async function requesterNow(db: Executor, userId: string): Promise<Actor> {
  const rows = await grantsOf(db, userId);
  return { kind: 'user', userId, username: rows[0]?.name ?? '', ip: null, userAgent: null, grants: rows.map((x) => x.grant) } as Actor;
}

/**
 * Whether the actor may take the request back (撤回, docs/approvals.md, "Withdrawing"): null when they may.
 * The requester, while their account still manages the record; once it no longer does (the secretary
 * changed), whoever manages the record by its own place now — so a returned request never stays stuck.
 */
export async function withdrawRefusal(db: Executor, actor: Actor, r: RequestRow): Promise<AppError | null> {
  if (r.state !== 'pending' && r.state !== 'returned') {
    return new AppError('CONFLICT', `该申请${APPROVAL_STATE_LABEL[r.state]}，不能撤回`, [{ code: 'NOT_OPEN', message: APPROVAL_STATE_LABEL[r.state] }]);
  }
  const mine = actor.userId !== null && r.requester_user_id === actor.userId;
  if (!(await managesRecord(db, actor, r))) {
    return mine ? forbid('NOT_MANAGED', '您的账号已不再管理该记录，请由现在管理它的同志撤回')
      : forbid('NOT_MANAGED', '该申请所属党组织不在您的管辖范围，您只能查看');
  }
  if (mine) return null;
  if (await managesRecord(db, await requesterNow(db, r.requester_user_id), r)) return forbid('NOT_REQUESTER', '申请由申请人本人撤回');
  return null;
}
