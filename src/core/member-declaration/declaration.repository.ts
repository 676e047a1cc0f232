import { sql, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { MemberDeclarationTable } from '../../db/tables/member-transfers.js';
import type { DeclarationFilter } from '../../contracts/member-transfer.js';
import { asColumn } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';
import { likeEscape } from '../party-org/party-org.repository.js';
import { NEXT_VERSION } from '../../db/versioned.js';

/**
 * SQL for member_declaration. A declaration belongs to the street of its enterprise: the
 * enterprise's region inside the scope's regions (a park, association or single-enterprise grant
 * does not make a street). The declarer always sees their own.
 */
export type DeclarationRow = Selectable<MemberDeclarationTable>;
export type DeclarationView = DeclarationRow & { enterprise_name: string; org_name: string | null; decidable: boolean };

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
  .selectAll('d').select(['de.name as enterprise_name', 'o.name as org_name'])
  .select(asColumn(streetOfSql(s.manage)).as('decidable'));

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
