import type { TaskAssignBody, TaskAssignees, TaskDetail } from '../../contracts/task-action.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { ACTION_LABEL, ROLE_ACTIONS, ROLE_LABEL, isRole } from '../../domain/permissions.js';
import { taskKind } from '../../domain/task-kinds.js';
import type { Actor, RoleGrant } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { actionableUnder, displayNameOf, insertTaskEvent, setAssignee, usersWithRoles } from './task-action.repository.js';
import { kindScopeOf } from './inbox.service.js';
import { getTask, requireOpenActionableTask, visibleTask } from './task-detail.service.js';

/**
 * 指派 (docs/inbox.md, "Assigning and cancelling"): someone who may act on a task hands it to one
 * person who may act on it too — a user holding the kind's action over the task's record by its own
 * place, exactly as the inbox decides 可办理. The assignee finds it under 我的. Nobody else can be
 * chosen: not a user of another street, not one who would see the record only through a link.
 */
type Candidate = { userId: string; displayName: string; roles: string[] };

async function eligibleUsers(db: Executor, kindId: string, taskId: string, only?: string): Promise<Candidate[]> {
  const kind = taskKind(kindId);
  if (!kind) return [];
  const roles = Object.entries(ROLE_ACTIONS).filter(([, actions]) => actions.includes(kind.action)).map(([r]) => r);
  const byUser = new Map<string, Candidate & { grants: RoleGrant[] }>();
  for (const r of await usersWithRoles(db, roles, only)) {
    const u = byUser.get(r.user_id) ?? { userId: r.user_id, displayName: r.display_name, roles: [], grants: [] };
    u.grants.push({
      role: r.role, allRegions: r.all_regions, regionPrefixes: r.region_prefixes, parkIds: r.park_ids.map(String),
      associationIds: r.association_ids.map(String), partyOrgIds: r.party_org_ids.map(String), enterpriseIds: r.enterprise_ids.map(String),
    });
    if (isRole(r.role) && !u.roles.includes(ROLE_LABEL[r.role])) u.roles.push(ROLE_LABEL[r.role]);
    byUser.set(r.user_id, u);
  }
  const users = [...byUser.values()];
  const scopes = users.map((u) => {
    const person: Actor = { kind: 'user', userId: u.userId, username: '', ip: null, userAgent: null, grants: u.grants };
    return [kindScopeOf(person, kind)];
  });
  const ok = await actionableUnder(db, taskId, scopes);
  return users.filter((_, i) => ok[i]).map(({ userId, displayName, roles: r }) => ({ userId, displayName, roles: r }));
}

/** The picker: who this task may be assigned to (only for someone who may assign it). */
export async function taskAssignees(db: Db, actor: Actor, id: string): Promise<TaskAssignees> {
  const task = await visibleTask(db, actor, id);
  if (!task.actionable || task.state !== 'open') return { items: [], total: 0 };
  const items = (await eligibleUsers(db, task.kind, id)).map((u) => ({ userId: u.userId, displayName: u.displayName, roles: u.roles.join('、') }));
  return { items, total: items.length };
}

export async function assignTask(db: Db, actor: Actor, id: string, input: TaskAssignBody): Promise<TaskDetail> {
  await db.transaction().execute(async (tx) => {
    const { task, row } = await requireOpenActionableTask(tx, actor, id, input.version);
    if (input.userId !== null && !(await eligibleUsers(tx, task.kind, id, input.userId)).length) {
      const action = ACTION_LABEL[taskKind(task.kind)!.action];
      const message = `只能指派给对该${task.link.entityLabel}有“${action}”权限的人员（本属地的经办人），所选人员不在其列`;
      throw new AppError('VALIDATION_FAILED', message, [{ field: 'userId', code: 'ASSIGNEE_NOT_ELIGIBLE', message }]);
    }
    if (input.userId === row.assignee_user_id) return;
    if (!(await setAssignee(tx, id, input.version, input.userId))) throw new AppError('VERSION_CONFLICT', '该待办事项已被他人修改，请刷新后重试');
    const name = input.userId ? await displayNameOf(tx, input.userId) : null;
    const at = new Date();
    await insertTaskEvent(tx, id, 'assigned', name ? `指派给 ${name}` : '取消指派，由本岗位办理', actor.username, at);
    await recordAudit(tx, actor, {
      action: 'task.assign', entity: 'task', entityId: id,
      before: { assigneeUserId: row.assignee_user_id }, after: { assigneeUserId: input.userId },
    });
  });
  return getTask(db, actor, id);
}
