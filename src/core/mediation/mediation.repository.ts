import { sql, type Insertable, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { MediationBodyTable, MediationCaseTable } from '../../db/tables/mediation.js';
import type { MediationBodyListQuery, MediationCaseFilter } from '../../contracts/mediation.js';
import { bodyOwnedSql, caseOwnedSql, caseVisibleSql, flag } from '../access/mediation-scope.js';
import type { Scope } from '../access/scope.js';
import { likeEscape } from '../party-org/party-org.repository.js';
import { NEXT_VERSION } from '../../db/versioned.js';

export type BodyRow = Selectable<MediationBodyTable>;
export type CaseRow = Selectable<MediationCaseTable>;

/** The body's place: its enterprise's region (a committee) or its own (a street body). */
const PLACE = sql<string | null>`coalesce(be.region_code, b.region_code)`;
const STREET_NAME = sql<string | null>`(SELECT rs.name FROM region rs WHERE rs.code = rpad(left(coalesce(be.region_code, b.region_code), 9), 12, '0'))`;

export type BodyView = BodyRow & {
  place: string | null; street_name: string | null; enterprise_name: string | null; union_name: string | null; open_cases: string; owned: boolean;
};

const bodyView = (db: Executor, scope: Scope) => db.selectFrom('mediation_body as b')
  .leftJoin('enterprise as be', 'be.id', 'b.enterprise_id')
  .leftJoin('union_org as bu', 'bu.id', 'b.union_id')
  .selectAll('b')
  .select([
    PLACE.as('place'), STREET_NAME.as('street_name'), 'be.name as enterprise_name', 'bu.name as union_name',
    sql<string>`(SELECT count(*) FROM mediation_case oc WHERE oc.body_id = b.id AND oc.closed_on IS NULL)`.as('open_cases'),
    flag(bodyOwnedSql(scope, 'b')).as('owned'),
  ]);

export async function findBody(db: Executor, scope: Scope, id: string): Promise<BodyView | undefined> {
  return bodyView(db, scope).where('b.id', '=', id).where(bodyOwnedSql(scope, 'b')).executeTakeFirst() as Promise<BodyView | undefined>;
}

/** Any body by id, whatever the scope (to tell 403 from 404 after the scope said no). */
export const bodyExists = (db: Executor, id: string) => db.selectFrom('mediation_body').select(['id', 'kind', 'enterprise_id', 'region_code', 'status', 'version']).where('id', '=', id).executeTakeFirst();

function bodyFilter(scope: Scope, q: MediationBodyListQuery): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [bodyOwnedSql(scope, 'b')];
  if (q.regionPrefix) parts.push(sql`${PLACE} LIKE ${`${q.regionPrefix}%`}`);
  if (q.kind) parts.push(sql`b.kind = ${q.kind}`);
  if (q.enterpriseId) parts.push(sql`b.enterprise_id = ${q.enterpriseId}`);
  if (q.unionId) parts.push(sql`b.union_id = ${q.unionId}`);
  if (q.q) parts.push(sql`b.name LIKE ${`%${likeEscape(q.q)}%`}`);
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

export async function listBodies(db: Executor, scope: Scope, q: MediationBodyListQuery): Promise<BodyView[]> {
  let query = bodyView(db, scope).where(bodyFilter(scope, q));
  if (q.cursor) query = query.where('b.id', '>', q.cursor);
  return query.orderBy('b.id').limit(q.limit + 1).execute() as Promise<BodyView[]>;
}

export async function countBodies(db: Executor, scope: Scope, q: MediationBodyListQuery): Promise<number> {
  const r = await db.selectFrom('mediation_body as b').leftJoin('enterprise as be', 'be.id', 'b.enterprise_id')
    .select(sql<string>`count(*)`.as('n')).where(bodyFilter(scope, q)).executeTakeFirstOrThrow();
  return Number(r.n);
}

export const insertBody = (tx: Executor, v: Insertable<MediationBodyTable>) => tx.insertInto('mediation_body').values(v).returningAll().executeTakeFirstOrThrow();

export const updateBody = (tx: Executor, id: string, version: number, set: { name?: string; union_id?: string | null; founded_on?: string | null }) =>
  tx.updateTable('mediation_body').set({ ...set, ...NEXT_VERSION }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();

export const lockBody = (tx: Executor, id: string) => tx.selectFrom('mediation_body').select(['id', 'version', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();

export const liveCommitteeOf = (db: Executor, enterpriseId: string) =>
  db.selectFrom('mediation_body').select(['id', 'name']).where('kind', '=', 'enterprise').where('enterprise_id', '=', enterpriseId).where('status', '=', 'active').executeTakeFirst();

export const listMediators = (db: Executor, bodyId: string) => db.selectFrom('mediation_body_member as m').innerJoin('person as p', 'p.id', 'm.person_id')
  .selectAll('m').select(['p.name', 'p.phone_enc']).where('m.body_id', '=', bodyId).orderBy('m.until', (o) => o.desc().nullsFirst()).orderBy('m.id').execute();

// ---- cases ----

export type CaseView = CaseRow & {
  place: string | null; street_name: string | null; body_name: string; body_kind: 'enterprise' | 'street';
  applicant_count: string; applicant_names: string | null; owned: boolean;
};

const caseView = (db: Executor, scope: Scope) => db.selectFrom('mediation_case as c')
  .innerJoin('mediation_body as b', 'b.id', 'c.body_id')
  .leftJoin('enterprise as be', 'be.id', 'b.enterprise_id')
  .selectAll('c')
  .select([
    PLACE.as('place'), STREET_NAME.as('street_name'), 'b.name as body_name', 'b.kind as body_kind',
    sql<string>`(SELECT count(*) FROM mediation_case_party cp WHERE cp.case_id = c.id AND cp.role = 'applicant')`.as('applicant_count'),
    sql<string | null>`(SELECT string_agg(pn.name, '、' ORDER BY cp.ordinal) FROM (SELECT * FROM mediation_case_party WHERE case_id = c.id AND role = 'applicant' ORDER BY ordinal LIMIT 3) cp JOIN person pn ON pn.id = cp.person_id)`.as('applicant_names'),
    flag(caseOwnedSql(scope, 'c')).as('owned'),
  ]);

/**
 * The case filter shared by the list, its total, the export and every statistic, so a number and
 * its drill-down rows always agree. `asOf` decides what is overdue.
 */
export function caseFilter(scope: Scope, q: MediationCaseFilter, asOf: string): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [caseVisibleSql(scope, 'c')];
  if (q.regionPrefix) parts.push(sql`${PLACE} LIKE ${`${q.regionPrefix}%`}`);
  if (q.street) parts.push(sql`${PLACE} LIKE ${`${q.street}%`}`);
  if (q.bodyId) parts.push(sql`c.body_id = ${q.bodyId}`);
  if (q.category) parts.push(sql`c.category = ${q.category}`);
  if (q.status) parts.push(sql`c.status = ${q.status}`);
  if (q.open !== undefined) parts.push(q.open ? sql`c.closed_on IS NULL` : sql`c.closed_on IS NOT NULL`);
  if (q.concluded !== undefined) parts.push(q.concluded ? sql`c.status IN ('agreed', 'failed')` : sql`c.status NOT IN ('agreed', 'failed')`);
  if (q.inTime !== undefined) parts.push(q.inTime ? sql`(c.status IN ('agreed', 'failed') AND c.closed_on <= c.due_on)` : sql`(c.status IN ('agreed', 'failed') AND c.closed_on > c.due_on)`);
  if (q.overdue !== undefined) parts.push(q.overdue ? sql`(c.closed_on IS NULL AND c.due_on < ${asOf}::date)` : sql`NOT (c.closed_on IS NULL AND c.due_on < ${asOf}::date)`);
  if (q.receivedFrom) parts.push(sql`c.received_on >= ${q.receivedFrom}::date`);
  if (q.receivedTo) parts.push(sql`c.received_on <= ${q.receivedTo}::date`);
  if (q.closedFrom) parts.push(sql`c.closed_on >= ${q.closedFrom}::date`);
  if (q.closedTo) parts.push(sql`c.closed_on <= ${q.closedTo}::date`);
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

export async function listCases(db: Executor, scope: Scope, q: MediationCaseFilter & { cursor?: string; limit: number }, asOf: string): Promise<CaseView[]> {
  let query = caseView(db, scope).where(caseFilter(scope, q, asOf));
  if (q.cursor) query = query.where('c.id', '>', q.cursor);
  return query.orderBy('c.id').limit(q.limit + 1).execute() as Promise<CaseView[]>;
}

export async function countCases(db: Executor, scope: Scope, q: MediationCaseFilter, asOf: string): Promise<number> {
  const r = await db.selectFrom('mediation_case as c').innerJoin('mediation_body as b', 'b.id', 'c.body_id').leftJoin('enterprise as be', 'be.id', 'b.enterprise_id')
    .select(sql<string>`count(*)`.as('n')).where(caseFilter(scope, q, asOf)).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Counts by street (9-digit prefix of the place) × category × status under one filter. */
export async function caseCounts(db: Executor, scope: Scope, q: MediationCaseFilter, asOf: string) {
  return db.selectFrom('mediation_case as c').innerJoin('mediation_body as b', 'b.id', 'c.body_id').leftJoin('enterprise as be', 'be.id', 'b.enterprise_id')
    .select([sql<string | null>`left(${PLACE}, 9)`.as('street'), 'c.category', 'c.status', sql<string>`count(*)`.as('n')])
    .where(caseFilter(scope, q, asOf)).groupBy([sql`left(${PLACE}, 9)`, 'c.category', 'c.status']).execute();
}

/** Open cases, soonest last day first (the clock board). */
export async function openCases(db: Executor, scope: Scope, q: MediationCaseFilter, asOf: string, limit: number): Promise<CaseView[]> {
  return caseView(db, scope).where(caseFilter(scope, { ...q, open: true }, asOf)).orderBy('c.due_on').orderBy('c.id').limit(limit).execute() as Promise<CaseView[]>;
}

export async function findCase(db: Executor, scope: Scope, id: string, mode: 'owned' | 'visible'): Promise<CaseView | undefined> {
  return caseView(db, scope).where('c.id', '=', id).where(mode === 'owned' ? caseOwnedSql(scope, 'c') : caseVisibleSql(scope, 'c')).executeTakeFirst() as Promise<CaseView | undefined>;
}

export const insertCase = (tx: Executor, v: Insertable<MediationCaseTable>) => tx.insertInto('mediation_case').values(v).returning('id').executeTakeFirstOrThrow();

export const updateCase = (tx: Executor, id: string, version: number, set: Partial<Record<keyof MediationCaseTable, unknown>>) =>
  tx.updateTable('mediation_case').set({ ...(set as object), ...NEXT_VERSION }).where('id', '=', id).where('version', '=', version).returning(['id', 'version']).executeTakeFirst();

export const listParties = (db: Executor, caseId: string) => db.selectFrom('mediation_case_party as cp').innerJoin('person as p', 'p.id', 'cp.person_id')
  .select(['cp.person_id', 'cp.role', 'cp.ordinal', 'p.name', 'p.phone_enc', 'p.id_number_enc']).where('cp.case_id', '=', caseId).orderBy('cp.role').orderBy('cp.ordinal').execute();

export async function insertCaseEvent(tx: Executor, e: { caseId: string; kind: string; at: string; data: Record<string, unknown>; actorId: string | null }): Promise<void> {
  await tx.insertInto('mediation_case_event').values({ case_id: e.caseId, kind: e.kind, at: e.at, data: JSON.stringify(e.data), actor_id: e.actorId }).execute();
}

export const listCaseEvents = (db: Executor, caseId: string) => db.selectFrom('mediation_case_event').selectAll().where('case_id', '=', caseId).orderBy('id').limit(200).execute();

/** Large and medium active enterprises in scope without a live enterprise committee. */
export function committeeGapQuery(db: Executor, scope: Scope, entInScope: RawBuilder<SqlBool>, regionPrefix: string | undefined) {
  void scope;
  let q = db.selectFrom('enterprise as e')
    .select(['e.id', 'e.name', 'e.region_code', 'e.size_class', 'e.employee_count',
      sql<string | null>`(SELECT rs.name FROM region rs WHERE rs.code = rpad(left(e.region_code, 9), 12, '0'))`.as('street_name'),
      sql<string | null>`(SELECT uc.union_id FROM union_coverage uc WHERE uc.enterprise_id = e.id AND uc.until IS NULL ORDER BY uc.since DESC LIMIT 1)`.as('union_id')])
    .where('e.size_class', 'in', ['large', 'medium']).where('e.operating_status', '=', 'active').where(entInScope)
    .where(sql<SqlBool>`NOT EXISTS (SELECT 1 FROM mediation_body mb WHERE mb.enterprise_id = e.id AND mb.kind = 'enterprise' AND mb.status = 'active')`);
  if (regionPrefix) q = q.where('e.region_code', 'like', `${regionPrefix}%`);
  return q;
}
