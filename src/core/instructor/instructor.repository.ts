import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Executor } from '../../db/schema.js';
import type { InstructorKind } from '../../db/tables/organisation.js';
import type { InstructorListQuery } from '../../contracts/instructor.js';
import { asColumn, enterpriseInScopeSql, ownedInScope, visibleInScope } from '../access/party-org-scope.js';
import { enterpriseInScope, type Scope } from '../access/scope.js';
import { NEXT_VERSION } from '../../db/versioned.js';

const withPerson = (db: Executor) =>
  db.selectFrom('instructor as i').innerJoin('person as p', 'p.id', 'i.person_id').selectAll('i').select('p.name as person_name');

export type InstructorRow = Awaited<ReturnType<ReturnType<typeof withPerson>['executeTakeFirstOrThrow']>> & { owned?: boolean };

/** The instructor in `scope`: by its own region (`owned`, for changes) or as the scope may see it. */
export const findInstructor = (db: Executor, scope: Scope, id: string, mode: 'owned' | 'visible' = 'visible') =>
  withPerson(db).select(asColumn(ownedInScope(scope, 'instructor', 'i')).as('owned')).where('i.id', '=', id)
    .where(mode === 'owned' ? ownedInScope(scope, 'instructor', 'i') : visibleInScope(scope, 'instructor', 'i')).executeTakeFirst();

export const findInstructorByPerson = (db: Executor, personId: string, kind: InstructorKind) =>
  withPerson(db).where('i.person_id', '=', personId).where('i.kind', '=', kind).executeTakeFirst();

/** The list's filter, shared by the page and its total so the two always agree. */
function instructorFilter(scope: Scope, q: InstructorListQuery): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [visibleInScope(scope, 'instructor', 'i')];
  if (q.regionPrefix) parts.push(sql`i.region_code LIKE ${`${q.regionPrefix}%`}`);
  if (q.kind) parts.push(sql`i.kind = ${q.kind}`);
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

export async function listInstructorRows(db: Db, scope: Scope, q: InstructorListQuery): Promise<InstructorRow[]> {
  let query = withPerson(db).select(asColumn(ownedInScope(scope, 'instructor', 'i')).as('owned')).where(instructorFilter(scope, q));
  if (q.cursor) query = query.where('i.id', '>', q.cursor);
  return query.orderBy('i.id').limit(q.limit + 1).execute();
}

export async function countInstructors(db: Db, scope: Scope, q: InstructorListQuery): Promise<number> {
  const r = await db.selectFrom('instructor as i').select((eb) => eb.fn.countAll<string>().as('n')).where(instructorFilter(scope, q)).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The people's sealed phone numbers, for an export that shows them masked. */
export async function phonesOfPeople(db: Executor, personIds: string[]): Promise<Map<string, string | null>> {
  if (!personIds.length) return new Map();
  const rows = await db.selectFrom('person').select(['id', 'phone_enc']).where('id', 'in', personIds).execute();
  return new Map(rows.map((r) => [r.id, r.phone_enc]));
}

export async function insertInstructor(tx: Executor, v: { personId: string; kind: InstructorKind; regionCode: string | null }): Promise<string> {
  const r = await tx.insertInto('instructor').values({ person_id: v.personId, kind: v.kind, region_code: v.regionCode })
    .returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateInstructorRow(tx: Executor, id: string, version: number, set: { region_code?: string | null; status?: 'active' | 'inactive' }) {
  return tx.updateTable('instructor').set({ ...set, ...NEXT_VERSION })
    .where('id', '=', id).where('version', '=', version).returning('id').executeTakeFirst();
}

export async function lockInstructor(tx: Executor, id: string): Promise<void> {
  await tx.selectFrom('instructor').select('id').where('id', '=', id).forUpdate().execute();
}

export const findVisibleEnterprise = (db: Executor, scope: Scope, id: string) =>
  db.selectFrom('enterprise as e').select(['e.id', 'e.name', 'e.region_code']).where('e.id', '=', id).where(enterpriseInScope(scope)).executeTakeFirst();

export const findOpenAssignment = (db: Executor, instructorId: string, enterpriseId: string, on: string) =>
  db.selectFrom('instructor_assignment').selectAll().where('instructor_id', '=', instructorId).where('enterprise_id', '=', enterpriseId)
    .where(sql<boolean>`since <= ${on}::date AND (until IS NULL OR until > ${on}::date)`).executeTakeFirst();

export const findLaterAssignment = (db: Executor, instructorId: string, enterpriseId: string, since: string) =>
  db.selectFrom('instructor_assignment').select('id').where('instructor_id', '=', instructorId).where('enterprise_id', '=', enterpriseId)
    .where(sql<boolean>`(until IS NULL OR until > ${since}::date)`).executeTakeFirst();

export async function insertAssignment(tx: Executor, v: { instructorId: string; enterpriseId: string; since: string; until?: string | null }) {
  const r = await tx.insertInto('instructor_assignment').values({ instructor_id: v.instructorId, enterprise_id: v.enterpriseId, since: v.since, until: v.until ?? null })
    .returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export const findAssignment = (db: Executor, instructorId: string, id: string) =>
  db.selectFrom('instructor_assignment').selectAll().where('instructor_id', '=', instructorId).where('id', '=', id).executeTakeFirst();

export async function setAssignmentUntil(tx: Executor, id: string, until: string): Promise<void> {
  await tx.updateTable('instructor_assignment').set({ until }).where('id', '=', id).execute();
}

const inScope = (scope: Scope) => asColumn(enterpriseInScopeSql(scope, 'e') ?? sql<boolean>`FALSE`);

/** Assignments; `in_scope` says whether the reader's scope reaches each enterprise. */
export const listAssignments = (db: Executor, instructorId: string, scope: Scope) =>
  db.selectFrom('instructor_assignment as a').innerJoin('enterprise as e', 'e.id', 'a.enterprise_id')
    .selectAll('a').select(['e.name as enterprise_name', inScope(scope).as('in_scope')]).where('a.instructor_id', '=', instructorId)
    .orderBy('a.until', (ob) => ob.desc().nullsFirst()).orderBy('a.since').execute();

/** The latest 200 visits; with `onlyInScope` just those to enterprises the scope reaches (a partial view). */
export const listVisits = (db: Executor, instructorId: string, scope: Scope, onlyInScope: boolean) => {
  let q = db.selectFrom('visit_log as v').innerJoin('enterprise as e', 'e.id', 'v.enterprise_id')
    .selectAll('v').select('e.name as enterprise_name').where('v.instructor_id', '=', instructorId);
  if (onlyInScope) q = q.where(enterpriseInScopeSql(scope, 'e') ?? sql<boolean>`FALSE`);
  return q.orderBy('v.visited_on', 'desc').limit(200).execute();
};

/** Visits to enterprises outside the scope: what a partial view counts instead of showing. */
export async function countVisitsOutside(db: Executor, instructorId: string, scope: Scope): Promise<number> {
  const r = await db.selectFrom('visit_log as v').innerJoin('enterprise as e', 'e.id', 'v.enterprise_id')
    .select((eb) => eb.fn.countAll<string>().as('n')).where('v.instructor_id', '=', instructorId)
    .where(sql<boolean>`NOT coalesce(${enterpriseInScopeSql(scope, 'e') ?? sql<boolean>`FALSE`}, FALSE)`).executeTakeFirstOrThrow();
  return Number(r.n);
}
