import { sql, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { MemberDeclarationTable } from '../../db/tables/member-transfers.js';
import type { DeclarationFilter } from '../../contracts/member-transfer.js';
import { asColumn, ownedInScope } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';
import { likeEscape } from '../party-org/party-org.repository.js';
import { NEXT_VERSION } from '../../db/versioned.js';

/**
 * SQL for member_declaration. A declaration belongs to the street of its enterprise: the
 * enterprise's region inside the scope's regions (a park, association or single-enterprise grant
 * does not make a street). The declarer always sees their own.
 */
export type DeclarationRow = Selectable<MemberDeclarationTable>;
export type DeclarationView = DeclarationRow & {
  enterprise_name: string; enterprise_region: string | null; org_name: string | null; decidable: boolean; approval_open: 'pending' | 'returned' | null;
};

/** The enterprise (alias `de`) lies in the street(s) of the scope. */
export function streetOfSql(scope: Scope | null, alias = 'de') {
  if (!scope) return sql<SqlBool>`FALSE`;
  if (scope.all) return sql<SqlBool>`TRUE`;
  const parts = scope.regionPrefixes.map((p) => sql<SqlBool>`${sql.ref(`${alias}.region_code`)} LIKE ${p + '%'}`);
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` OR `)})` : sql<SqlBool>`FALSE`;
}

export type DeclScopes = { read: Scope | null; manage: Scope | null; userId: string | null };

const viewOf = (db: Executor, s: DeclScopes) => db.selectFrom('member_declaration as d')
  .innerJoin('enterprise as de', 'de.id', 'd.enterprise_id')
  .leftJoin('party_org as o', 'o.id', 'd.org_id')
  .selectAll('d').select(['de.name as enterprise_name', 'de.region_code as enterprise_region', 'o.name as org_name'])
  .select(asColumn(streetOfSql(s.manage)).as('decidable'))
  // The request under way (docs/approvals.md): at most one per declaration (the open-request index).
  .select(sql<'pending' | 'returned' | null>`(SELECT r.state FROM approval_request r
    WHERE r.subject_table = 'member_declaration' AND r.subject_id = d.id AND r.state IN ('pending', 'returned') LIMIT 1)`.as('approval_open'));

const seen = (s: DeclScopes) => sql<SqlBool>`(${streetOfSql(s.read)} OR d.declared_by = ${s.userId ?? '0'})`;

export async function findDeclaration(db: Executor, s: DeclScopes, id: string): Promise<DeclarationView | undefined> {
  return viewOf(db, s).where('d.id', '=', id).where(seen(s)).executeTakeFirst() as Promise<DeclarationView | undefined>;
}

function filtered(db: Executor, s: DeclScopes, f: DeclarationFilter) {
  let q = viewOf(db, s).where(seen(s));
  if (f.status) q = q.where('d.status', '=', f.status);
  if (f.q) q = q.where((eb) => eb.or([eb('d.name', 'like', `%${likeEscape(f.q!)}%`), eb('de.name', 'like', `%${likeEscape(f.q!)}%`)]));
  return q;
}

export async function listDeclarations(db: Executor, s: DeclScopes, f: DeclarationFilter, offset: number, limit: number): Promise<DeclarationView[]> {
  return filtered(db, s, f).orderBy('d.id', 'desc').offset(offset).limit(limit).execute() as Promise<DeclarationView[]>;
}

export async function countDeclarations(db: Executor, s: DeclScopes, f: DeclarationFilter): Promise<number> {
  const r = await filtered(db, s, f).clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertDeclaration(tx: Executor, v: Insertable<MemberDeclarationTable>): Promise<DeclarationRow> {
  return tx.insertInto('member_declaration').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function lockDeclaration(tx: Executor, id: string): Promise<DeclarationRow | undefined> {
  return tx.selectFrom('member_declaration').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateDeclaration(tx: Executor, id: string, version: number, set: Updateable<MemberDeclarationTable>): Promise<DeclarationRow | undefined> {
  return tx.updateTable('member_declaration').set({ ...set, ...NEXT_VERSION })
    .where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

/** The enterprise a declaration names: in the given scope (as `enterpriseInScope` reads it), else undefined. */
export async function findEnterpriseIn(db: Executor, where: ReturnType<typeof streetOfSql>, id: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('enterprise as de').select(['de.id', 'de.name']).where('de.id', '=', id).where(where).executeTakeFirst();
}

export async function searchEnterprises(db: Executor, where: ReturnType<typeof streetOfSql>, q: string) {
  return db.selectFrom('enterprise as de').select(['de.id', 'de.name']).where('de.name', 'like', `%${likeEscape(q)}%`).where(where)
    .orderBy('de.name').limit(20).execute();
}

export async function declarationsOfUser(db: Executor, userId: string, idIndex: string | null) {
  return db.selectFrom('member_declaration as d').innerJoin('enterprise as de', 'de.id', 'd.enterprise_id')
    .select(['d.id', 'd.status', 'de.name as enterprise_name', 'd.named_org', 'd.reason', 'd.created_at'])
    .where((eb) => eb.or([eb('d.declared_by', '=', userId), ...(idIndex ? [eb('d.id_number_index', '=', idIndex)] : [])]))
    .orderBy('d.id', 'desc').limit(20).execute();
}

/**
 * The organisations covering the enterprise today, not dissolved, that lie in `scope` by their own
 * place (never through a link), each with its depth in the tree — the candidates to anchor a
 * confirmation's request on (src/domain/declaration-checks.ts).
 */
export async function managedCoveringOrgs(db: Executor, scope: Scope, enterpriseId: string): Promise<Array<{ id: string; depth: number }>> {
  const rows = await db.selectFrom('party_org_coverage as c').innerJoin('party_org as o', 'o.id', 'c.org_id')
    .select(['o.id', sql<number>`length(o.path) - length(replace(o.path, '.', ''))`.as('depth')])
    .where('c.enterprise_id', '=', enterpriseId).where('c.until', 'is', null).where('o.status', '=', 'active')
    .where(ownedInScope(scope, 'org', 'o')).execute();
  return rows.map((r) => ({ id: r.id, depth: Number(r.depth) }));
}

/** What an approval request shows of a declaration (names and dates; never a number). */
export async function declarationFacts(db: Executor, id: string) {
  return db.selectFrom('member_declaration as d').innerJoin('enterprise as de', 'de.id', 'd.enterprise_id')
    .select(['d.name', 'de.name as enterprise_name', 'd.post', 'd.named_org', 'd.category', 'd.joined_on', 'd.id_number_index'])
    .where('d.id', '=', id).executeTakeFirst();
}
