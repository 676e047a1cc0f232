import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { enterpriseInScope, type Scope } from '../access/scope.js';
import { asColumn, enterpriseInScopeSql } from '../access/party-org-scope.js';
import type { OrgPositionTable, PartyOrgCoverageTable, PositionKind, SetupMode } from '../../db/tables/organisation.js';

export type CoverageRow = Selectable<PartyOrgCoverageTable> & { enterprise_name: string; in_scope?: boolean };
export type PositionRow = Selectable<OrgPositionTable> & { person_name: string };

/** [since, until) overlaps [a, b): both open-ended intervals handled by NULL = +infinity. */
const overlaps = (since: string, until: string | null) =>
  sql<boolean>`since < ${until ?? '9999-12-31'}::date AND (until IS NULL OR until > ${since}::date)`;

export async function findOverlappingCoverage(db: Executor, orgId: string, enterpriseId: string, since: string, until: string | null) {
  return db.selectFrom('party_org_coverage').selectAll()
    .where('org_id', '=', orgId).where('enterprise_id', '=', enterpriseId).where(overlaps(since, until)).executeTakeFirst();
}

export async function insertCoverage(
  tx: Executor, v: { orgId: string; enterpriseId: string; mode: SetupMode; since: string; until?: string | null },
): Promise<string> {
  const r = await tx.insertInto('party_org_coverage')
    .values({ org_id: v.orgId, enterprise_id: v.enterpriseId, mode: v.mode, since: v.since, until: v.until ?? null })
    .returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findCoverage(db: Executor, orgId: string, id: string) {
  return db.selectFrom('party_org_coverage').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export async function setCoverageUntil(tx: Executor, id: string, until: string): Promise<void> {
  await tx.updateTable('party_org_coverage').set({ until }).where('id', '=', id).execute();
}

/** Ends every still-open coverage of an organisation (dissolution). Returns how many ended. */
export async function endOpenCoverage(tx: Executor, orgId: string, until: string): Promise<number> {
  const r = await tx.updateTable('party_org_coverage').set({ until })
    .where('org_id', '=', orgId).where('until', 'is', null).where('since', '<', until).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The organisation's coverage; `in_scope` says whether the reader's scope reaches each enterprise. */
export async function listCoverage(db: Executor, orgId: string, scope: Scope): Promise<Array<CoverageRow & { in_scope: boolean }>> {
  return db.selectFrom('party_org_coverage as c').innerJoin('enterprise as e', 'e.id', 'c.enterprise_id')
    .selectAll('c').select(['e.name as enterprise_name', asColumn(enterpriseInScopeSql(scope, 'e') ?? sql<boolean>`FALSE`).as('in_scope')])
    .where('c.org_id', '=', orgId).orderBy('c.until', (ob) => ob.desc().nullsFirst()).orderBy('c.since').execute();
}

export async function findOverlappingPosition(db: Executor, orgId: string, personId: string, position: PositionKind, since: string) {
  return db.selectFrom('org_position').selectAll()
    .where('org_id', '=', orgId).where('person_id', '=', personId).where('position', '=', position)
    .where(overlaps(since, null)).executeTakeFirst();
}

/** The open secretary position other than `personId`'s: a branch has one secretary at a time. */
export async function findOpenSecretary(db: Executor, orgId: string, since: string) {
  return db.selectFrom('org_position').selectAll()
    .where('org_id', '=', orgId).where('position', '=', 'secretary').where(overlaps(since, null)).executeTakeFirst();
}

export async function insertPosition(
  tx: Executor, v: { orgId: string; personId: string; position: PositionKind; since: string; until?: string | null },
): Promise<string> {
  const r = await tx.insertInto('org_position')
    .values({ org_id: v.orgId, person_id: v.personId, position: v.position, since: v.since, until: v.until ?? null })
    .returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findPosition(db: Executor, orgId: string, id: string) {
  return db.selectFrom('org_position').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export async function setPositionUntil(tx: Executor, id: string, until: string): Promise<void> {
  await tx.updateTable('org_position').set({ until }).where('id', '=', id).execute();
}

export async function endOpenPositions(tx: Executor, orgId: string, until: string): Promise<number> {
  const r = await tx.updateTable('org_position').set({ until })
    .where('org_id', '=', orgId).where('until', 'is', null).where('since', '<', until).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function listPositions(db: Executor, orgId: string): Promise<PositionRow[]> {
  return db.selectFrom('org_position as p').innerJoin('person as pe', 'pe.id', 'p.person_id')
    .selectAll('p').select('pe.name as person_name')
    .where('p.org_id', '=', orgId).orderBy('p.until', (ob) => ob.desc().nullsFirst()).orderBy('p.position').orderBy('p.since').execute();
}

export async function personExists(db: Executor, personId: string): Promise<boolean> {
  return !!(await db.selectFrom('person').select('id').where('id', '=', personId).executeTakeFirst());
}

/** Whether the enterprise lies in the scope (ending a link needs it, docs/organisations.md "Managing"). */
export async function enterpriseInScopeById(db: Executor, scope: Scope, enterpriseId: string): Promise<boolean> {
  return !!(await db.selectFrom('enterprise as e').select('e.id').where('e.id', '=', enterpriseId).where(enterpriseInScope(scope)).executeTakeFirst());
}

/** The enterprise as the actor sees it (scoped): coverage may only point at visible enterprises. */
export async function findVisibleEnterprise(db: Executor, scope: Scope, enterpriseId: string) {
  return db.selectFrom('enterprise as e').select(['e.id', 'e.name', 'e.region_code', 'e.operating_status'])
    .where('e.id', '=', enterpriseId).where(enterpriseInScope(scope)).executeTakeFirst();
}
