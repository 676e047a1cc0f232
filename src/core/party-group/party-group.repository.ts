import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';

/** 党小组 storage (0036_party_groups.sql). Members eligible for a group: not 出党, not 停止党籍. */
export type GroupRow = { id: string; org_id: string; name: string; leader_member_id: string | null; version: number };
type MemberName = { id: string; name: string; group_id: string | null };

export async function groupsOfOrg(db: Executor, orgId: string): Promise<GroupRow[]> {
  return db.selectFrom('party_group').select(['id', 'org_id', 'name', 'leader_member_id', 'version'])
    .where('org_id', '=', orgId).where('dissolved_on', 'is', null).orderBy('name').orderBy('id').execute();
}

/** The organisation's current members by name, with their group. */
export async function membersOfOrg(db: Executor, orgId: string): Promise<MemberName[]> {
  return db.selectFrom('party_member as m').innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.id', 'p.name', 'm.group_id']).where('m.org_id', '=', orgId).where('m.status', 'not in', ['left', 'suspended'])
    .orderBy('p.name').orderBy('m.id').execute();
}

export async function findGroup(db: Executor, id: string, lock = false): Promise<GroupRow | undefined> {
  let q = db.selectFrom('party_group').select(['id', 'org_id', 'name', 'leader_member_id', 'version']).where('id', '=', id).where('dissolved_on', 'is', null);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function nameTaken(db: Executor, orgId: string, name: string, except?: string): Promise<boolean> {
  let q = db.selectFrom('party_group').select('id').where('org_id', '=', orgId).where('name', '=', name).where('dissolved_on', 'is', null);
  if (except) q = q.where('id', '<>', except);
  return !!(await q.executeTakeFirst());
}

export async function insertGroup(tx: Executor, v: { orgId: string; name: string; leader: string | null }): Promise<GroupRow> {
  return tx.insertInto('party_group').values({ org_id: v.orgId, name: v.name, leader_member_id: v.leader })
    .returning(['id', 'org_id', 'name', 'leader_member_id', 'version']).executeTakeFirstOrThrow();
}

/** Name and leader at the version: undefined when the version moved on. */
export async function updateGroup(tx: Executor, id: string, version: number, v: { name: string; leader: string | null }): Promise<GroupRow | undefined> {
  return tx.updateTable('party_group').set({ name: v.name, leader_member_id: v.leader, version: sql<number>`version + 1` })
    .where('id', '=', id).where('version', '=', version).where('dissolved_on', 'is', null)
    .returning(['id', 'org_id', 'name', 'leader_member_id', 'version']).executeTakeFirst();
}

/** The group's member list becomes exactly `memberIds` (already checked to be the organisation's). */
export async function setMembers(tx: Executor, groupId: string, memberIds: readonly string[]): Promise<void> {
  let out = tx.updateTable('party_member').set({ group_id: null }).where('group_id', '=', groupId);
  if (memberIds.length) out = out.where('id', 'not in', memberIds);
  await out.execute();
  if (memberIds.length) await tx.updateTable('party_member').set({ group_id: groupId }).where('id', 'in', memberIds).execute();
}

export async function dissolveGroup(tx: Executor, id: string, version: number, on: string): Promise<boolean> {
  const r = await tx.updateTable('party_group').set({ dissolved_on: on, version: sql<number>`version + 1` })
    .where('id', '=', id).where('version', '=', version).where('dissolved_on', 'is', null).executeTakeFirst();
  if (!Number(r.numUpdatedRows)) return false;
  await tx.updateTable('party_member').set({ group_id: null }).where('group_id', '=', id).execute();
  return true;
}

export async function bumpVersion(tx: Executor, id: string, version: number): Promise<number | undefined> {
  const r = await tx.updateTable('party_group').set({ version: sql<number>`version + 1` }).where('id', '=', id).where('version', '=', version)
    .returning('version').executeTakeFirst();
  return r?.version;
}

/** Which of the organisations have a live group (the calendar then expects 党小组会). */
export async function orgsWithGroups(db: Executor, orgIds: readonly string[]): Promise<Set<string>> {
  if (!orgIds.length) return new Set();
  const rows = await db.selectFrom('party_group').select('org_id').distinct().where('org_id', 'in', orgIds).where('dissolved_on', 'is', null).execute();
  return new Set(rows.map((r) => String(r.org_id)));
}

/**
 * 党小组会 is expected of a branch with 党小组: groups on its roster, or — for a branch that keeps no
 * groups here yet — one that records 党小组会 (docs/life.md, "Choices").
 */
export const hasGroups = (withGroups: Set<string>, orgId: string, meetings: ReadonlyArray<{ kind: string }>): boolean =>
  withGroups.has(String(orgId)) || meetings.some((m) => m.kind === 'groupMeeting');
