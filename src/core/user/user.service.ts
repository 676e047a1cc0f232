import type { CreateUserBody, GrantInput, UpdateUserBody, UserList, UserListQuery, UserView } from '../../contracts/user.js';
import type { Db } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import type { Action } from '../../domain/permissions.js';
import type { Actor, RoleGrant } from '../access/actor.js';
import { assertGrantWithin, assertMayGrant, checkGrantWithin, rolesWithinActions } from '../access/grant.js';
import { loadPlaceFacts } from '../access/grant-places.repository.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { setPassword, setTotp } from '../auth/account.repository.js';
import { assertPasswordPolicy } from '../auth/credentials.service.js';
import { hashPassword } from '../auth/password.js';
import { revokeUserSessions } from '../auth/session.repository.js';
import { toUserView } from './user.mapper.js';
import { regionPathNames, unknownPrefixes } from '../region/region.repository.js';
import { normaliseRegionPrefix, REGION_PREFIX_MESSAGE } from '../../domain/region-code.js';
import * as repo from './user.repository.js';

/** What the actor may see of accounts for this action (403 if the capability is missing). */
export function visibilityFor(actor: Actor, action: Action): repo.UserVisibility {
  const scope = requireAction(actor, action);
  if (scope.all) return { all: true };
  return { ...scope, all: false, roles: rolesWithinActions(actor) };
}

/** A grant as given (API or CLI): region codes normalised to the region they name (440305003000 → 440305003). */
export const grantFromInput = (g: GrantInput): RoleGrant => ({
  role: g.role, allRegions: g.allRegions, regionPrefixes: [...new Set(g.regionPrefixes.map(regionPrefixOf))], parkIds: [...new Set(g.parkIds)],
  associationIds: [...new Set(g.associationIds)], partyOrgIds: [...new Set(g.partyOrgIds)], enterpriseIds: [...new Set(g.enterpriseIds)],
});

function regionPrefixOf(code: string): string {
  const r = normaliseRegionPrefix(code);
  if (!r.ok) throw new AppError('VALIDATION_FAILED', `${REGION_PREFIX_MESSAGE}：${code}`, [{ field: 'regionPrefixes', code: 'REGION_FORMAT', message: REGION_PREFIX_MESSAGE }]);
  return r.prefix;
}

/** Every region a grant names must be in the dictionary: a typo would otherwise grant nothing, silently. */
async function assertRegionsExist(db: Db, grants: RoleGrant[]): Promise<void> {
  const unknown = await unknownPrefixes(db, grants.flatMap((g) => g.regionPrefixes));
  if (unknown.length) {
    throw new AppError('VALIDATION_FAILED', `区划代码 ${unknown.join('、')} 不存在`,
      unknown.map((p) => ({ field: 'regionPrefixes', code: 'UNKNOWN_REGION', message: `区划代码 ${p} 不存在` })));
  }
}

/** The users with each role's regions named ("广东省 › 深圳市 › 南山区"), one query for the page. */
async function withRegionNames<T extends { roles: UserView['roles'] }>(db: Db, users: T[]): Promise<T[]> {
  const names = await regionPathNames(db, users.flatMap((u) => u.roles.flatMap((r) => r.regionPrefixes)));
  return users.map((u) => ({ ...u, roles: u.roles.map((r) => ({ ...r, regionNames: r.regionPrefixes.map((p) => names.get(p) ?? p) })) }));
}

export async function listUsers(db: Db, actor: Actor, query: UserListQuery): Promise<UserList> {
  const v = visibilityFor(actor, 'user.read');
  const disabled = query.disabled === undefined ? undefined : query.disabled === 'true';
  const page = await repo.listUsers(db, v, { q: query.q, role: query.role, disabled, cursor: query.cursor, limit: query.limit });
  const roles = await repo.roleRowsOf(db, page.rows.map((r) => r.id));
  const items = await withRegionNames(db, page.rows.map((u) => toUserView(u, roles)));
  return { items, nextCursor: page.more ? items[items.length - 1].id : null, total: page.total };
}

export async function getUser(db: Db, actor: Actor, id: string, action: Action = 'user.read'): Promise<UserView> {
  const user = await repo.findUser(db, visibilityFor(actor, action), id);
  if (!user) throw notFound('用户');
  return (await withRegionNames(db, [toUserView(user, await repo.roleRowsOf(db, [id]))]))[0]!;
}

/** The stored places named by the actor's grants and these: one batch, so the checks stay pure. */
const factsFor = (db: Db, actor: Actor, grants: RoleGrant[]) => loadPlaceFacts(db, [...actor.grants, ...grants]);

/** Visible for user.manage, and every grant it holds lies within the actor: only then may it be changed. */
async function manageable(db: Db, actor: Actor, id: string): Promise<UserView> {
  const user = await getUser(db, actor, id, 'user.manage');
  const facts = await factsFor(db, actor, user.roles);
  for (const r of user.roles) {
    if (!checkGrantWithin(actor, { ...r }, facts).ok) {
      throw new AppError('GRANT_EXCEEDS_SCOPE', '该用户持有超出您管理范围的角色，不能修改');
    }
  }
  return user;
}

export async function createUser(db: Db, actor: Actor, input: CreateUserBody): Promise<UserView> {
  const grants = input.roles.map(grantFromInput);
  requireAction(actor, 'user.manage');
  await assertRegionsExist(db, grants);
  assertMayGrant(actor, grants, await factsFor(db, actor, grants));
  assertPasswordPolicy(input.password, input.username, 'password');
  const passwordHash = await hashPassword(input.password);
  const id = await db.transaction().execute(async (tx) => {
    const userId = await repo.insertUser(tx, { username: input.username, displayName: input.displayName, passwordHash, mustChangePassword: true });
    if (!userId) throw new AppError('CONFLICT', `用户名 ${input.username} 已存在`, [{ field: 'username', code: 'duplicate', message: '用户名已存在' }]);
    for (const g of grants) await repo.insertGrant(tx, userId, g, actor.userId);
    await recordAudit(tx, actor, { action: 'user.create', entity: 'user', entityId: userId, after: { username: input.username, displayName: input.displayName, roles: grants } });
    return userId;
  });
  return getUser(db, actor, id, 'user.manage');
}

export async function updateUser(db: Db, actor: Actor, id: string, input: UpdateUserBody): Promise<UserView> {
  const before = await manageable(db, actor, id);
  if (input.disabled === true && actor.userId === id) throw new AppError('CONFLICT', '不能停用自己的账号');
  await db.transaction().execute(async (tx) => {
    if (!(await repo.updateUser(tx, id, input.version, { displayName: input.displayName, disabled: input.disabled }))) {
      throw new AppError('VERSION_CONFLICT', '该用户已被他人修改，请刷新后重试');
    }
    if (input.disabled === true) await revokeUserSessions(tx, id, new Date());
    await recordAudit(tx, actor, {
      action: input.disabled === true ? 'user.disable' : input.disabled === false ? 'user.enable' : 'user.update', entity: 'user', entityId: id,
      before: { displayName: before.displayName, disabled: before.disabled }, after: { displayName: input.displayName ?? before.displayName, disabled: input.disabled ?? before.disabled },
    });
  });
  return getUser(db, actor, id, 'user.manage');
}

/** Admin reset: the new password must be changed at next sign-in; all sessions end; lockout clears. */
export async function resetPassword(db: Db, actor: Actor, id: string, input: { password: string; resetTotp: boolean }): Promise<UserView> {
  const user = await manageable(db, actor, id);
  assertPasswordPolicy(input.password, user.username, 'password');
  const hash = await hashPassword(input.password);
  await db.transaction().execute(async (tx) => {
    await setPassword(tx, id, hash, true, new Date());
    if (input.resetTotp) await setTotp(tx, id, { secret: null, enabled: false, lastStep: null });
    const revoked = await revokeUserSessions(tx, id, new Date());
    await recordAudit(tx, actor, { action: 'user.reset_password', entity: 'user', entityId: id, after: { resetTotp: input.resetTotp, sessionsRevoked: revoked } });
  });
  return getUser(db, actor, id, 'user.manage');
}

export async function grantRole(db: Db, actor: Actor, id: string, input: GrantInput): Promise<UserView> {
  await getUser(db, actor, id, 'user.manage');
  const grant = grantFromInput(input);
  await assertRegionsExist(db, [grant]);
  assertMayGrant(actor, [grant], await factsFor(db, actor, [grant]));
  await db.transaction().execute(async (tx) => {
    await repo.lockUser(tx, id);
    const roleId = await repo.insertGrant(tx, id, grant, actor.userId);
    await recordAudit(tx, actor, { action: 'user.grant_role', entity: 'user', entityId: id, after: { roleId, ...grant } });
  });
  return getUser(db, actor, id, 'user.manage');
}

export async function revokeRole(db: Db, actor: Actor, id: string, roleId: string): Promise<UserView> {
  const user = await getUser(db, actor, id, 'user.manage');
  const role = user.roles.find((r) => r.id === roleId);
  if (!role) throw notFound('角色授权');
  // No existence check here: a grant naming a since-removed record must still be revocable.
  assertGrantWithin(actor, { ...role }, await factsFor(db, actor, [role]));
  await db.transaction().execute(async (tx) => {
    await repo.lockUser(tx, id);
    const rows = await repo.roleRowsOf(tx, [id]);
    if (rows.length <= 1) throw new AppError('CONFLICT', '用户至少保留一个角色；如需停止使用，请停用该账号');
    await repo.deleteGrant(tx, id, roleId);
    await recordAudit(tx, actor, { action: 'user.revoke_role', entity: 'user', entityId: id, before: role });
  });
  // Grants are read per request, so the revocation takes effect on the user's next request.
  return getUser(db, actor, id, 'user.manage');
}

export async function userIdByUsername(db: Db, username: string): Promise<string> {
  const id = await repo.findUserIdByUsername(db, username);
  if (!id) throw notFound(`用户 ${username} `);
  return id;
}
