import { sql, type RawBuilder, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Db, Executor } from '../../db/schema.js';
import type { UnionMemberTable } from '../../db/tables/union-members.js';
import type { UnionMemberListQuery } from '../../contracts/union-member.js';
import { enterpriseInScopeSql } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';
import { likeEscape } from '../party-org/party-org.repository.js';

/** SQL for union_member and its events. Personal data arrives sealed (person); nothing here sees it in clear. */
export type UnionMemberRow = Selectable<UnionMemberTable>;
export type UnionMemberView = UnionMemberRow & {
  name: string; gender: 'male' | 'female' | null; id_number_enc: string | null; phone_enc: string | null; enterprise_name: string | null;
};

const STATUS_SETS: Record<UnionMemberListQuery['status'], string[] | null> = {
  live: ['active', 'retained'], all: null, active: ['active'], retained: ['retained'], transferred: ['transferred'], left: ['left'],
};

/**
 * The list's filter, shared by the page, its total and the export. `partial` (a reader who sees the
 * union only through a link) limits the rows to members whose 工作单位 is an enterprise in that scope.
 */
function memberFilter(unionId: string, q: Omit<UnionMemberListQuery, 'cursor' | 'limit'>, partial: Scope | null): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [sql`m.union_id = ${unionId}::bigint`];
  const statuses = STATUS_SETS[q.status];
  if (statuses) parts.push(sql`m.status = ANY(${statuses}::text[])`);
  if (q.dispatched) parts.push(sql`m.dispatched = ${q.dispatched === 'true'}`);
  if (q.q) parts.push(sql`(p.name LIKE ${`${likeEscape(q.q)}%`} OR m.card_number = ${q.q})`);
  if (partial) {
    const ent = enterpriseInScopeSql(partial, 'se');
    parts.push(ent ? sql`EXISTS (SELECT 1 FROM enterprise se WHERE se.id = m.enterprise_id AND ${ent})` : sql`FALSE`);
  }
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

const base = (db: Executor) => db.selectFrom('union_member as m').innerJoin('person as p', 'p.id', 'm.person_id')
  .leftJoin('enterprise as e', 'e.id', 'm.enterprise_id');

const VIEW = ['p.name', 'p.gender', 'p.id_number_enc', 'p.phone_enc', 'e.name as enterprise_name'] as const;

export async function listMembers(db: Executor, unionId: string, q: UnionMemberListQuery, partial: Scope | null): Promise<UnionMemberView[]> {
  let query = base(db).selectAll('m').select(VIEW).where(memberFilter(unionId, q, partial));
  if (q.cursor) query = query.where('m.id', '>', q.cursor);
  return query.orderBy('m.id').limit(q.limit + 1).execute() as Promise<UnionMemberView[]>;
}

export async function countMembers(db: Executor, unionId: string, q: Omit<UnionMemberListQuery, 'cursor' | 'limit'>, partial: Scope | null): Promise<number> {
  const r = await base(db).select((eb) => eb.fn.countAll<string>().as('n')).where(memberFilter(unionId, q, partial)).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findMemberView(db: Executor, id: string): Promise<UnionMemberView | undefined> {
  return base(db).selectAll('m').select(VIEW).where('m.id', '=', id).executeTakeFirst() as Promise<UnionMemberView | undefined>;
}

export async function findMember(db: Executor, id: string): Promise<UnionMemberRow | undefined> {
  return db.selectFrom('union_member').selectAll().where('id', '=', id).executeTakeFirst();
}

/** "The member is employed by an enterprise in `scope`" (what a partial reader may see). */
export async function memberEmployedIn(db: Executor, memberId: string, scope: Scope): Promise<boolean> {
  const ent = enterpriseInScopeSql(scope, 'e');
  if (!ent) return false;
  const r = await db.selectFrom('union_member as m').innerJoin('enterprise as e', 'e.id', 'm.enterprise_id')
    .select('m.id').where('m.id', '=', memberId).where(ent).executeTakeFirst();
  return !!r;
}

export async function findLiveMembership(db: Executor, personId: string): Promise<{ id: string; union_id: string; union_name: string } | undefined> {
  return db.selectFrom('union_member as m').innerJoin('union_org as u', 'u.id', 'm.union_id')
    .select(['m.id', 'm.union_id', 'u.name as union_name']).where('m.person_id', '=', personId)
    .where('m.status', 'in', ['active', 'retained']).executeTakeFirst();
}

export async function cardTaken(db: Executor, unionId: string, card: string, exceptId: string | null): Promise<boolean> {
  let q = db.selectFrom('union_member').select('id').where('union_id', '=', unionId).where('card_number', '=', card)
    .where('status', 'in', ['active', 'retained']);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}

export async function insertMember(tx: Executor, v: {
  personId: string; unionId: string; joinedOn: string | null; cardNumber: string | null; status: 'active' | 'retained'; statusSince: string;
  enterpriseId: string | null; employerName: string | null; dispatched: boolean; dispatchEmployerName: string | null; source: 'manual' | 'import';
}): Promise<UnionMemberRow> {
  return tx.insertInto('union_member').values({
    person_id: v.personId, union_id: v.unionId, joined_on: v.joinedOn, card_number: v.cardNumber, status: v.status, status_since: v.statusSince,
    enterprise_id: v.enterpriseId, employer_name: v.employerName, dispatched: v.dispatched, dispatch_employer_name: v.dispatchEmployerName, source: v.source,
  }).returningAll().executeTakeFirstOrThrow();
}

/** Optimistic: nothing changes when the version moved on (the service then answers 409). */
export async function updateMember(tx: Executor, id: string, version: number, set: Updateable<UnionMemberTable>): Promise<UnionMemberRow | undefined> {
  return tx.updateTable('union_member').set({ ...set, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export async function insertMemberEvent(
  tx: Executor, e: { memberId: string; kind: string; at: string; data: Record<string, unknown>; actorId: string | null },
): Promise<void> {
  await tx.insertInto('union_member_event').values({ member_id: e.memberId, kind: e.kind, at: e.at, data: JSON.stringify(e.data), actor_id: e.actorId }).execute();
}

export async function pageMemberEvents(db: Executor, memberId: string, before: string | undefined, limit: number) {
  let q = db.selectFrom('union_member_event').selectAll().where('member_id', '=', memberId);
  if (before) q = q.where('id', '<', before);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

export async function countMemberEvents(db: Executor, memberId: string): Promise<number> {
  const r = await db.selectFrom('union_member_event').select((eb) => eb.fn.countAll<string>().as('n')).where('member_id', '=', memberId).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The union covers this enterprise on `day` (a coverage in force). */
export async function unionCovers(db: Executor, unionId: string, enterpriseId: string, day: string): Promise<boolean> {
  const r = await db.selectFrom('union_coverage').select('id').where('union_id', '=', unionId).where('enterprise_id', '=', enterpriseId)
    .where('since', '<=', day).where(sql<SqlBool>`(until IS NULL OR until > ${day}::date)`).executeTakeFirst();
  return !!r;
}

/** The union covers, on `day`, an enterprise of exactly this name (the 派遣单位 is written, not chosen). */
export async function unionCoversName(db: Executor, unionId: string, name: string, day: string): Promise<boolean> {
  const r = await db.selectFrom('union_coverage as c').innerJoin('enterprise as e', 'e.id', 'c.enterprise_id').select('c.id')
    .where('c.union_id', '=', unionId).where('e.name', '=', name).where('c.since', '<=', day)
    .where(sql<SqlBool>`(c.until IS NULL OR c.until > ${day}::date)`).executeTakeFirst();
  return !!r;
}

export async function enterpriseName(db: Executor, id: string): Promise<string | undefined> {
  return (await db.selectFrom('enterprise').select('name').where('id', '=', id).executeTakeFirst())?.name;
}

/** A person's memberships, newest first, with the union's name (the service hides it where the union is unseen). */
export const membershipsOfPerson = (db: Db, personId: string) =>
  db.selectFrom('union_member as m').innerJoin('union_org as u', 'u.id', 'm.union_id')
    .select(['m.id', 'm.union_id', 'u.name as union_name', 'm.status', 'm.joined_on', 'm.status_since', 'm.card_number'])
    .where('m.person_id', '=', personId).orderBy('m.id', 'desc').execute();
