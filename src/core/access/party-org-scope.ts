import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Scope } from './scope.js';

/**
 * Scope filters for organisations, unions and instructors (docs/organisations.md, "Who sees and who
 * manages"). Two predicates per kind, because seeing a record is not managing it:
 *
 * *Owned* — the record lies in the scope by its own place:
 *   1. its region lies under one of the scope's region prefixes, or
 *   2. its park or association is in the scope (organisations, unions), or
 *   3. it lies in the subtree of one of `scope.partyOrgIds` (organisations; ids are subtree roots).
 * *Visible* — owned, or
 *   4. it currently (no `until`) covers, or is assigned to, an enterprise the same scope sees.
 *
 * Managing needs *owned* under the manage action's scope; rule 4 only ever lets a reader see the
 * record partly. Every predicate takes the alias its query gives the table, so a query can ask about
 * a second row (a parent, the organisation of a position) in the same statement.
 *
 * The enterprise part repeats the region/park/association/id test of `enterpriseInScope` rather than
 * calling it, so that an enterprise filter that later includes "covered by an organisation in scope"
 * can use these without the two recursing.
 */
export type LinkKind = 'org' | 'union' | 'instructor';

const TRUE = sql<SqlBool>`TRUE`;
const FALSE = sql<SqlBool>`FALSE`;
const ref = (alias: string, column: string) => sql.ref(`${alias}.${column}`);
const anyOf = (parts: RawBuilder<SqlBool>[]) => (parts.length ? sql<SqlBool>`(${sql.join(parts, sql` OR `)})` : FALSE);

/** "Enterprise alias `alias` is in scope", or null when the scope reaches no enterprise. */
export function enterpriseInScopeSql(scope: Scope, alias: string): RawBuilder<SqlBool> | null {
  if (scope.all) return TRUE;
  const parts = [
    ...scope.regionPrefixes.map((p) => sql<SqlBool>`${ref(alias, 'region_code')} LIKE ${p + '%'}`),
    ...(scope.parkIds.length ? [sql<SqlBool>`${ref(alias, 'park_id')} = ANY(${scope.parkIds}::bigint[])`] : []),
    ...(scope.associationIds.length ? [sql<SqlBool>`${ref(alias, 'association_id')} = ANY(${scope.associationIds}::bigint[])`] : []),
    ...(scope.enterpriseIds.length ? [sql<SqlBool>`${ref(alias, 'id')} = ANY(${scope.enterpriseIds}::bigint[])`] : []),
  ];
  return parts.length ? anyOf(parts) : null;
}

/** Organisations (alias) inside the subtrees rooted at `rootIds`. */
export function partyOrgSubtree(rootIds: string[], alias = 'o') {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM party_org r WHERE r.id = ANY(${rootIds}::bigint[])
    AND (${ref(alias, 'path')} = r.path OR ${ref(alias, 'path')} LIKE r.path || '.%'))`;
}

function ownPlaceParts(scope: Scope, kind: LinkKind, alias: string): RawBuilder<SqlBool>[] {
  const parts = scope.regionPrefixes.map((p) => sql<SqlBool>`${ref(alias, 'region_code')} LIKE ${p + '%'}`);
  if (kind === 'instructor') return parts;
  if (scope.parkIds.length) parts.push(sql<SqlBool>`${ref(alias, 'park_id')} = ANY(${scope.parkIds}::bigint[])`);
  if (scope.associationIds.length) parts.push(sql<SqlBool>`${ref(alias, 'association_id')} = ANY(${scope.associationIds}::bigint[])`);
  if (kind === 'org' && scope.partyOrgIds.length) parts.push(partyOrgSubtree(scope.partyOrgIds, alias));
  return parts;
}

const LINK = {
  org: { table: 'party_org_coverage', owner: 'org_id' },
  union: { table: 'union_coverage', owner: 'union_id' },
  instructor: { table: 'instructor_assignment', owner: 'instructor_id' },
} as const;

/** Rule 4: a current link of the record (alias) to an enterprise in scope. */
function linkPart(scope: Scope, kind: LinkKind, alias: string): RawBuilder<SqlBool> | null {
  const ent = enterpriseInScopeSql(scope, 'ce');
  if (!ent) return null;
  const { table, owner } = LINK[kind];
  return sql<SqlBool>`EXISTS (SELECT 1 FROM ${sql.table(table)} lk JOIN enterprise ce ON ce.id = lk.enterprise_id
    WHERE lk.${sql.ref(owner)} = ${ref(alias, 'id')} AND lk.until IS NULL AND ${ent})`;
}

/** Rules 1–3: the record lies in the scope by its own place (what managing needs). */
export function ownedInScope(scope: Scope, kind: LinkKind, alias: string): RawBuilder<SqlBool> {
  return scope.all ? TRUE : anyOf(ownPlaceParts(scope, kind, alias));
}

/** Rules 1–4: the record may be seen (partly, when only rule 4 holds). */
export function visibleInScope(scope: Scope, kind: LinkKind, alias: string): RawBuilder<SqlBool> {
  if (scope.all) return TRUE;
  const link = linkPart(scope, kind, alias);
  return anyOf([...ownPlaceParts(scope, kind, alias), ...(link ? [link] : [])]);
}

export const partyOrgInScope = (scope: Scope) => visibleInScope(scope, 'org', 'o');
export const unionInScope = (scope: Scope) => visibleInScope(scope, 'union', 'u');
export const instructorInScope = (scope: Scope) => visibleInScope(scope, 'instructor', 'i');

/** "The parent of the record (alias) is itself visible": parents are shown only then. */
export function parentVisibleSql(scope: Scope, kind: 'org' | 'union', alias: string): RawBuilder<SqlBool> {
  const table = kind === 'org' ? 'party_org' : 'union_org';
  return sql<SqlBool>`EXISTS (SELECT 1 FROM ${sql.table(table)} par WHERE par.id = ${ref(alias, 'parent_id')} AND ${visibleInScope(scope, kind, 'par')})`;
}

/**
 * A predicate as a selected column. NULL (a record or enterprise with no region: `NULL LIKE …`)
 * means "no", so a reader never gets a whole view by accident.
 */
export const asColumn = (e: RawBuilder<SqlBool>) => sql<boolean>`coalesce(${e}, FALSE)`;
