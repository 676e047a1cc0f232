import { type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { PartyMemberTable } from '../../db/tables/members.js';
import type { MemberListFilter } from '../../contracts/member.js';
import { asColumn, memberOrgVisibleSql, memberOwnedSql, memberVisibleSql } from '../access/member-scope.js';
import type { Scope } from '../access/scope.js';
import { NEXT_VERSION } from '../../db/versioned.js';

/** SQL for party_member and its history. Every read takes the reader's Scope (member-scope.ts). */
export type MemberRow = Selectable<PartyMemberTable>;
export type MemberInsert = Insertable<PartyMemberTable>;
export type MemberUpdateSet = Updateable<PartyMemberTable>;
/** A membership as one reader sees it, with the names a screen shows. */
export type MemberView = MemberRow & {
  name: string; gender: 'male' | 'female' | null; id_number_enc: string | null; ethnicity: string | null; education: string | null;
  org_name: string; org_visible: boolean; owned: boolean; enterprise_name: string | null;
};

const viewOf = (db: Executor, scope: Scope) => db.selectFrom('party_member as m')
  .innerJoin('person as p', 'p.id', 'm.person_id')
  .innerJoin('party_org as o', 'o.id', 'm.org_id')
  .leftJoin('enterprise as e', 'e.id', 'm.enterprise_id')
  .selectAll('m')
  .select(['p.name', 'p.gender', 'p.id_number_enc', 'p.ethnicity', 'p.education', 'o.name as org_name', 'e.name as enterprise_name'])
  .select([memberOrgVisibleSql(scope).as('org_visible'), asColumn(memberOwnedSql(scope)).as('owned')]);

/** One member in scope: as the scope may see them, or only when their organisation is owned (changes). */
export async function findMember(db: Executor, scope: Scope, id: string, mode: 'owned' | 'visible' = 'visible'): Promise<MemberView | undefined> {
  const where = mode === 'owned' ? memberOwnedSql(scope) : memberVisibleSql(scope);
  return viewOf(db, scope).where('m.id', '=', id).where(where).executeTakeFirst() as Promise<MemberView | undefined>;
}

function filtered(db: Executor, scope: Scope, f: MemberListFilter) {
  let q = viewOf(db, scope).where(memberVisibleSql(scope));
  if (f.orgId) q = q.where('m.org_id', '=', f.orgId);
  if (f.enterpriseId) q = q.where('m.enterprise_id', '=', f.enterpriseId);
  if (f.category) q = q.where('m.category', '=', f.category);
  q = f.status ? q.where('m.status', '=', f.status) : q.where('m.status', '!=', 'left');
  if (f.q) q = q.where('p.name', 'like', `%${f.q.replace(/[%_\\]/g, (c) => '\\' + c)}%`);
  return q;
}

/** A keyset page by id (after `cursor`), `limit` rows. */
export async function listMembers(db: Executor, scope: Scope, f: MemberListFilter, cursor: string | undefined, limit: number): Promise<MemberView[]> {
  let q = filtered(db, scope, f);
  if (cursor) q = q.where('m.id', '>', cursor);
  return q.orderBy('m.id').limit(limit).execute() as Promise<MemberView[]>;
}

export async function countMembers(db: Executor, scope: Scope, f: MemberListFilter): Promise<number> {
  const r = await filtered(db, scope, f).clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findMembershipOfPerson(db: Executor, personId: string): Promise<MemberRow | undefined> {
  return db.selectFrom('party_member').selectAll().where('person_id', '=', personId).executeTakeFirst();
}

export async function insertMember(tx: Executor, values: MemberInsert): Promise<MemberRow> {
  return tx.insertInto('party_member').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Optimistic update: undefined when the stored version moved on. */
export async function updateMember(tx: Executor, id: string, version: number, set: MemberUpdateSet): Promise<MemberRow | undefined> {
  return tx.updateTable('party_member')
    .set({ ...set, ...NEXT_VERSION })
    .where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export async function setPersonDetails(tx: Executor, personId: string, set: { ethnicity?: string | null; education?: string | null }): Promise<void> {
  await tx.updateTable('person').set({ ...set, ...NEXT_VERSION }).where('id', '=', personId).execute();
}

export async function insertMemberEvent(
  tx: Executor, e: { memberId: string; kind: string; at: string; data: Record<string, unknown>; actorId: string | null },
): Promise<void> {
  await tx.insertInto('party_member_event')
    .values({ member_id: e.memberId, kind: e.kind, at: e.at, data: JSON.stringify(e.data), actor_id: e.actorId }).execute();
}

export async function countMemberEvents(db: Executor, memberId: string): Promise<number> {
  const r = await db.selectFrom('party_member_event').select((eb) => eb.fn.countAll<string>().as('n')).where('member_id', '=', memberId).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Up to `limit` events older than `before`, newest first (keyset on member_id, id). */
export async function pageMemberEvents(db: Executor, memberId: string, before: string | undefined, limit: number) {
  let q = db.selectFrom('party_member_event').selectAll().where('member_id', '=', memberId);
  if (before) q = q.where('id', '<', before);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

/** The enterprise a member may be employed at: one the manage scope reaches (or none found). */
export async function findEnterpriseName(db: Executor, id: string): Promise<string | undefined> {
  return (await db.selectFrom('enterprise').select('name').where('id', '=', id).executeTakeFirst())?.name;
}
