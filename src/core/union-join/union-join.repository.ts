import { sql, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { UnionApplicationTable, UnionApplicationEventKind, UnionJoinLinkTable } from '../../db/tables/union-join.js';
import type { ApplicationListQuery } from '../../contracts/union-join.js';

/** SQL for 扫码入会. Personal values arrive sealed and indexed (src/core/person/person-input.ts); nothing here sees clear text. */
export type LinkRow = Selectable<UnionJoinLinkTable>;
export type ApplicationRow = Selectable<UnionApplicationTable>;
export type ApplicationView = ApplicationRow & { referred_from_name: string | null };

/** Creates the union's link when it has none; a concurrent creator wins quietly and both read its row. */
export async function ensureLink(db: Executor, unionId: string, token: string): Promise<LinkRow> {
  await db.insertInto('union_join_link').values({ union_id: unionId, token }).onConflict((oc) => oc.column('union_id').doNothing()).execute();
  return db.selectFrom('union_join_link').selectAll().where('union_id', '=', unionId).executeTakeFirstOrThrow();
}

export const findLink = (db: Executor, unionId: string) =>
  db.selectFrom('union_join_link').selectAll().where('union_id', '=', unionId).executeTakeFirst();

/** The public page's union by its token: only an active union answers. */
export const findPublicUnion = (db: Executor, token: string) =>
  db.selectFrom('union_join_link as l').innerJoin('union_org as u', 'u.id', 'l.union_id')
    .leftJoin('person as p', 'p.id', 'u.organiser_person_id')
    .select(['u.id as union_id', 'u.name as union_name', 'l.show_chair', 'l.office_phone', 'p.name as chair_name'])
    .where('l.token', '=', token).where('u.status', '=', 'active').executeTakeFirst();

export const chairNameOf = async (db: Executor, unionId: string): Promise<string | null> =>
  (await db.selectFrom('union_org as u').innerJoin('person as p', 'p.id', 'u.organiser_person_id').select('p.name')
    .where('u.id', '=', unionId).executeTakeFirst())?.name ?? null;

export async function updateLink(tx: Executor, unionId: string, version: number, set: Updateable<UnionJoinLinkTable>): Promise<LinkRow | undefined> {
  return tx.updateTable('union_join_link').set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
    .where('union_id', '=', unionId).where('version', '=', version).returningAll().executeTakeFirst();
}

/**
 * One more hit in (bucket, window); the new count. INSERT … ON CONFLICT DO UPDATE takes the row's
 * lock, so concurrent processes count every hit once even under READ COMMITTED.
 */
export async function bumpThrottle(db: Executor, bucket: string, windowStart: Date): Promise<number> {
  const r = await db.insertInto('union_join_throttle').values({ bucket, window_start: windowStart, hits: 1 })
    .onConflict((oc) => oc.columns(['bucket', 'window_start']).doUpdateSet({ hits: sql`union_join_throttle.hits + 1` }))
    .returning('hits').executeTakeFirstOrThrow();
  return r.hits;
}

export async function pruneThrottle(db: Executor, before: Date): Promise<void> {
  await db.deleteFrom('union_join_throttle').where('window_start', '<', before).execute();
}

/** Whether the person with this ID number holds a live membership anywhere (which union is not asked). */
export async function isLiveMember(db: Executor, idNumberIndex: string): Promise<boolean> {
  const r = await db.selectFrom('union_member as m').innerJoin('person as p', 'p.id', 'm.person_id').select('m.id')
    .where('p.id_number_index', '=', idNumberIndex).where('m.status', 'in', ['active', 'retained']).limit(1).executeTakeFirst();
  return !!r;
}

export type ApplicationValues = Pick<ApplicationRow, 'union_id' | 'name' | 'gender' | 'id_number_enc' | 'id_number_index' | 'phone_enc' | 'phone_index' | 'key_id' | 'employer_name'>;

/** A new pending application, or undefined when this person already waits in this union's queue. */
export async function insertApplication(tx: Executor, v: ApplicationValues): Promise<string | undefined> {
  const r = await tx.insertInto('union_application').values(v)
    .onConflict((oc) => oc.columns(['union_id', 'id_number_index']).where('status', '=', 'pending').doNothing())
    .returning('id').executeTakeFirst();
  return r?.id;
}

export async function insertApplicationEvent(tx: Executor, e: {
  applicationId: string; kind: UnionApplicationEventKind; unionId: string; toUnionId?: string | null; note?: string | null; actorId: string | null;
}): Promise<void> {
  await tx.insertInto('union_application_event').values({
    application_id: e.applicationId, kind: e.kind, union_id: e.unionId, to_union_id: e.toUnionId ?? null, note: e.note ?? null, actor_id: e.actorId,
  }).execute();
}

const view = (db: Executor) => db.selectFrom('union_application as a').leftJoin('union_org as f', 'f.id', 'a.referred_from_union_id')
  .selectAll('a').select('f.name as referred_from_name');

export async function listApplications(db: Executor, unionId: string, q: Omit<ApplicationListQuery, 'limit'> & { limit: number }): Promise<ApplicationView[]> {
  let query = view(db).where('a.union_id', '=', unionId);
  if (q.status) query = query.where('a.status', '=', q.status);
  if (q.cursor) query = query.where('a.id', '<', q.cursor);
  return query.orderBy('a.id', 'desc').limit(q.limit + 1).execute();
}

export async function countApplications(db: Executor, unionId: string, status?: string): Promise<number> {
  let query = db.selectFrom('union_application').select((eb) => eb.fn.countAll<string>().as('n')).where('union_id', '=', unionId);
  if (status) query = query.where('status', '=', status as ApplicationRow['status']);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

export const findApplication = (db: Executor, id: string) => view(db).where('a.id', '=', id).executeTakeFirst();

/** The application under its row lock: decisions on one application run one after another. */
export const lockApplication = (tx: Executor, id: string) =>
  tx.selectFrom('union_application').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export async function updateApplication(tx: Executor, id: string, version: number, set: Updateable<UnionApplicationTable>): Promise<boolean> {
  const r = await tx.updateTable('union_application').set({ ...set, version: sql`version + 1` })
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const findPendingInUnion = (tx: Executor, unionId: string, idNumberIndex: string) =>
  tx.selectFrom('union_application').select('id').where('union_id', '=', unionId).where('id_number_index', '=', idNumberIndex)
    .where('status', '=', 'pending').executeTakeFirst();

export const findActiveUnionName = (db: Executor, id: string) =>
  db.selectFrom('union_org').select(['id', 'name', 'region_code']).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();

/** A person's live membership (any union): accepting must not give anyone a second one. */
export const findLiveMembership = (tx: Executor, personId: string) =>
  tx.selectFrom('union_member').select(['id', 'union_id']).where('person_id', '=', personId).where('status', 'in', ['active', 'retained']).executeTakeFirst();

/**
 * The accepted applicant's membership (source 'application') and its 'joined' event. Written here
 * because the union-member module's insert (src/core/union-member) takes only manual and import
 * sources; the row is the one that module reads.
 */
export async function insertApplicationMember(tx: Executor, v: {
  personId: string; unionId: string; joinedOn: string; employerName: string; applicationId: string; actorId: string | null;
}): Promise<string> {
  const { id } = await tx.insertInto('union_member').values({
    person_id: v.personId, union_id: v.unionId, joined_on: v.joinedOn, status: 'active', status_since: v.joinedOn,
    employer_name: v.employerName, source: 'application',
  }).returning('id').executeTakeFirstOrThrow();
  await tx.insertInto('union_member_event').values({
    member_id: id, kind: 'joined', at: v.joinedOn, data: JSON.stringify({ source: 'application', applicationId: v.applicationId }), actor_id: v.actorId,
  }).execute();
  return id;
}
