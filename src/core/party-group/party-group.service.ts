import type { PartyGroup, PartyGroupCreate, PartyGroupList, PartyGroupMembers, PartyGroupUpdate } from '../../contracts/party-group.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { canManageOrg, requireManagedOrg, requireVisibleOrg, versionConflict } from '../party-org/party-org.access.js';
import * as repo from './party-group.repository.js';

/**
 * 党小组 (docs/life.md, "党小组"): read with the organisation (org.read, a link included), changed by its
 * managers by its own place — never through a link. A 组长 is one of the group's members (set as
 * leader, they join it). Every change is at the group's version and audited in its transaction.
 */
const validId = (id: string) => /^\d{1,18}$/.test(id);

function toGroup(g: repo.GroupRow, members: Array<{ id: string; name: string; group_id: string | null }>): PartyGroup {
  const mine = members.filter((m) => m.group_id === String(g.id)).map((m) => ({ id: String(m.id), name: m.name }));
  const leader = mine.find((m) => m.id === String(g.leader_member_id)) ?? null;
  return { id: String(g.id), orgId: String(g.org_id), name: g.name, leader, members: mine, version: g.version };
}

async function view(db: Executor, orgId: string): Promise<Omit<PartyGroupList, 'manageable'>> {
  const [groups, members] = await Promise.all([repo.groupsOfOrg(db, orgId), repo.membersOfOrg(db, orgId)]);
  const items = groups.map((g) => toGroup(g, members));
  return { items, total: items.length, ungrouped: members.filter((m) => !m.group_id).map((m) => ({ id: String(m.id), name: m.name })) };
}

export async function listPartyGroups(db: Db, actor: Actor, orgId: string): Promise<PartyGroupList> {
  await requireVisibleOrg(db, actor, orgId);
  return { ...(await view(db, orgId)), manageable: await canManageOrg(db, actor, orgId) };
}

/** The group for a change: its organisation managed by its own place; a group not seen is 404. */
async function requireManagedGroup(tx: Executor, actor: Actor, id: string): Promise<repo.GroupRow> {
  const found = validId(id) ? await repo.findGroup(tx, id) : undefined;
  if (!found) throw notFound('党小组');
  await requireManagedOrg(tx, actor, String(found.org_id)).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound('党小组') : e;
  });
  return (await repo.findGroup(tx, id, true))!;
}

/** Members named must be the organisation's current members. */
async function assertMembers(tx: Executor, orgId: string, ids: readonly string[], field: string): Promise<void> {
  const members = new Set((await repo.membersOfOrg(tx, orgId)).map((m) => String(m.id)));
  const i = ids.findIndex((id) => !members.has(id));
  if (i >= 0) throw new AppError('VALIDATION_FAILED', '所选党员不是本党组织的党员（或已出党、停止党籍）', [{ field: field === 'memberIds' ? `memberIds.${i}` : field, code: 'NOT_IN_ORG', message: '不是本党组织的党员' }]);
  if (new Set(ids).size !== ids.length) throw new AppError('VALIDATION_FAILED', '同一党员重复选择', [{ field, code: 'DUPLICATE_MEMBER', message: '重复选择' }]);
}

async function assertName(tx: Executor, orgId: string, name: string, except?: string): Promise<void> {
  if (await repo.nameTaken(tx, orgId, name, except)) throw new AppError('CONFLICT', `本党组织已有名为“${name}”的党小组`, [{ field: 'name', code: 'DUPLICATE_NAME', message: '名称重复' }]);
}

async function current(tx: Executor, id: string): Promise<PartyGroup> {
  const g = (await repo.findGroup(tx, id))!;
  return toGroup(g, await repo.membersOfOrg(tx, String(g.org_id)));
}

export async function createPartyGroup(db: Db, actor: Actor, orgId: string, input: PartyGroupCreate): Promise<PartyGroup> {
  const { org } = await requireManagedOrg(db, actor, orgId);
  if (org.status !== 'active') throw new AppError('CONFLICT', '该党组织已撤销，不能设立党小组', [{ field: 'orgId', code: 'ORG_DISSOLVED', message: '党组织已撤销' }]);
  return db.transaction().execute(async (tx) => {
    await assertName(tx, orgId, input.name);
    const leader = input.leaderMemberId ?? null;
    if (leader) await assertMembers(tx, orgId, [leader], 'leaderMemberId');
    const g = await repo.insertGroup(tx, { orgId, name: input.name, leader });
    if (leader) await tx.updateTable('party_member').set({ group_id: g.id }).where('id', '=', leader).execute();
    const after = await current(tx, String(g.id));
    await recordAudit(tx, actor, { action: 'party_group.create', entity: 'party_group', entityId: String(g.id), after: { orgId, name: after.name, leader: after.leader?.name ?? null } });
    return after;
  });
}

export async function updatePartyGroup(db: Db, actor: Actor, id: string, input: PartyGroupUpdate): Promise<PartyGroup> {
  return db.transaction().execute(async (tx) => {
    const g = await requireManagedGroup(tx, actor, id);
    if (g.version !== input.version) throw versionConflict();
    const orgId = String(g.org_id);
    const name = input.name ?? g.name;
    if (name !== g.name) await assertName(tx, orgId, name, id);
    const leader = input.leaderMemberId === undefined ? (g.leader_member_id ? String(g.leader_member_id) : null) : input.leaderMemberId;
    if (leader && leader !== String(g.leader_member_id)) await assertMembers(tx, orgId, [leader], 'leaderMemberId');
    const before = await current(tx, id);
    if (!(await repo.updateGroup(tx, id, input.version, { name, leader }))) throw versionConflict();
    if (leader) await tx.updateTable('party_member').set({ group_id: id }).where('id', '=', leader).execute();
    const after = await current(tx, id);
    await recordAudit(tx, actor, { action: 'party_group.update', entity: 'party_group', entityId: id, before: { name: before.name, leader: before.leader?.name ?? null }, after: { name: after.name, leader: after.leader?.name ?? null } });
    return after;
  });
}

export async function setPartyGroupMembers(db: Db, actor: Actor, id: string, input: PartyGroupMembers): Promise<PartyGroup> {
  return db.transaction().execute(async (tx) => {
    const g = await requireManagedGroup(tx, actor, id);
    if (g.version !== input.version) throw versionConflict();
    await assertMembers(tx, String(g.org_id), input.memberIds, 'memberIds');
    const before = await current(tx, id);
    if (!(await repo.bumpVersion(tx, id, input.version))) throw versionConflict();
    await repo.setMembers(tx, id, input.memberIds);
    const after = await current(tx, id);
    await recordAudit(tx, actor, { action: 'party_group.members', entity: 'party_group', entityId: id, before: { members: before.members.map((m) => m.name) }, after: { members: after.members.map((m) => m.name) } });
    return after;
  });
}

export async function dissolvePartyGroup(db: Db, actor: Actor, id: string, version: number): Promise<{ ok: true }> {
  return db.transaction().execute(async (tx) => {
    const g = await requireManagedGroup(tx, actor, id);
    if (g.version !== version || !(await repo.dissolveGroup(tx, id, version, today()))) throw versionConflict();
    await recordAudit(tx, actor, { action: 'party_group.dissolve', entity: 'party_group', entityId: id, before: { name: g.name } });
    return { ok: true as const };
  });
}

/** The group as the caller may read it (for a 409's `current`). */
export async function readPartyGroup(db: Db, actor: Actor, id: string): Promise<PartyGroup> {
  const g = validId(id) ? await repo.findGroup(db, id) : undefined;
  if (!g) throw notFound('党小组');
  await requireVisibleOrg(db, actor, String(g.org_id));
  return current(db, id);
}
