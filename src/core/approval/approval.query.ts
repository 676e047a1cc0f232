import { sql, type SqlBool } from 'kysely';
import type { ApprovalDetail, ApprovalPage, ApprovalQuery } from '../../contracts/approval.js';
import type { Db, Executor } from '../../db/schema.js';
import { APPROVAL_KIND_CATALOGUE, isApprovalKind } from '../../domain/approval.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { visibleInScope } from '../access/party-org-scope.js';
import { decideRefusal, levelScopes, readScope, requireVisibleRequest, withdrawRefusal } from './approval.access.js';
import { toStep, toSummary } from './approval.mapper.js';
import * as repo from './approval.repository.js';
import { isWired, adapterOf } from './adapters.js';

/**
 * The approval lists (docs/approvals.md, "Lists"): 待我审批 (the level waiting is one my role decides
 * over the record's own place, or delegated to me; never my own request), 我提交的, 经我审批 (a
 * level I decided or delegated), and 本记录 (every request of one record I see). Each with its total.
 */
const NONE = sql<SqlBool>`FALSE`;

function whereOf(actor: Actor, q: Omit<ApprovalQuery, 'cursor' | 'limit'>): repo.ListSpec {
  const me = actor.userId;
  const common = { state: q.state, kind: q.kind };
  if (!me) return { where: NONE, ...common };
  switch (q.view) {
    case 'pending': return { where: repo.pendingForSql(levelScopes(actor), me), ...common };
    case 'mine': return { where: sql<SqlBool>`r.requester_user_id = ${me}`, ...common };
    case 'history': return {
      where: sql<SqlBool>`EXISTS (SELECT 1 FROM approval_step s WHERE s.request_id = r.id AND s.actor_user_id = ${me} AND s.action IN ('approved','returned','delegated','completed'))`,
      ...common,
    };
    case 'record':
      if (!q.subjectTable || !q.subjectId) {
        throw new AppError('VALIDATION_FAILED', '请指明要查看审批记录的对象', [{ field: 'subjectId', code: 'REQUIRED', message: '请指明对象' }]);
      }
      return { where: visibleInScope(readScope(actor), 'org', 'o'), subject: { table: q.subjectTable, id: q.subjectId }, ...common };
  }
}

export async function approvalPage(db: Executor, actor: Actor, q: ApprovalQuery): Promise<ApprovalPage> {
  const { cursor, limit, ...filter } = q;
  const spec = whereOf(actor, filter);
  const scope = readScope(actor);
  const [rows, total] = await Promise.all([repo.listRequests(db, scope, spec, cursor, limit + 1), repo.countRequests(db, scope, spec)]);
  const page = rows.slice(0, limit);
  return { items: page.map(toSummary), total, nextCursor: rows.length > limit ? page.at(-1)!.id : null };
}

/** One request with its steps; what the caller may do with it, and why not. */
export async function getApprovalIn(db: Executor, actor: Actor, id: string): Promise<ApprovalDetail> {
  const r = await requireVisibleRequest(db, actor, id);
  const kind = isApprovalKind(r.kind) ? r.kind : 'recruitment.admission';
  const [steps, refusal, asked, withdrawal] = await Promise.all([
    repo.stepsOf(db, id), decideRefusal(db, actor, r),
    isWired(kind) ? adapterOf(kind).asked(db, kind, r.payload, r.subject_id) : Promise.resolve([]),
    r.state === 'pending' || r.state === 'returned' ? withdrawRefusal(db, actor, r) : Promise.resolve(null),
  ]);
  const canDecide = refusal === null;
  const deputies = canDecide ? await repo.roleHolders(db, r.levels[r.current_level], r.org_region) : [];
  return {
    ...toSummary(r), asked, source: APPROVAL_KIND_CATALOGUE[kind].source,
    deputy: r.deputy_user_id && r.deputy_name && r.deputy_until ? { name: r.deputy_name, until: r.deputy_until } : null,
    steps: steps.map(toStep), canDecide, cannotDecide: r.state === 'pending' && refusal ? refusal.message : null,
    canResubmit: r.state === 'returned' && r.requester_user_id === actor.userId,
    canWithdraw: (r.state === 'pending' || r.state === 'returned') && withdrawal === null,
    deputyCandidates: deputies.filter((u) => u.id !== actor.userId && u.id !== r.requester_user_id).map((u) => ({ userId: u.id, name: u.name })),
  };
}

export const getApproval = (db: Db, actor: Actor, id: string) => getApprovalIn(db, actor, id);
