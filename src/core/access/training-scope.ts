import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { ownedInScope, visibleInScope } from './party-org-scope.js';
import type { Scope } from './scope.js';

/**
 * Scope of a record organised by a place (training courses and sessions, docs/training.md): its
 * organiser is a region (the district or a street: `region_code`) or a party organisation (`org_id`).
 *
 * *Owned* (what managing needs): the region lies under one of the scope's prefixes, or the
 * organisation is owned by the scope by its own place (party-org-scope.ts).
 * *Visible*: owned; or the region is an ancestor of a prefix (a district's course is read by its
 * streets, never changed by them); or the organisation is visible, a link included (a 基层党委 of
 * another street covering an enterprise of mine).
 */
const ref = (alias: string, column: string) => sql.ref(`${alias}.${column}`);
const anyOf = (parts: RawBuilder<SqlBool>[]) => (parts.length ? sql<SqlBool>`(${sql.join(parts, sql` OR `)})` : sql<SqlBool>`FALSE`);

function orgPart(scope: Scope, alias: string, mode: 'owned' | 'visible'): RawBuilder<SqlBool> {
  const pred = mode === 'owned' ? ownedInScope(scope, 'org', 'tgo') : visibleInScope(scope, 'org', 'tgo');
  return sql<SqlBool>`EXISTS (SELECT 1 FROM party_org tgo WHERE tgo.id = ${ref(alias, 'org_id')} AND ${pred})`;
}

/** The 12-digit codes of the regions above the scope's prefixes (a street's district, city, province). */
const ancestors = (scope: Scope): string[] =>
  [...new Set(scope.regionPrefixes.flatMap((p) => [2, 4, 6, 9].filter((k) => k < p.length).map((k) => p.slice(0, k).padEnd(12, '0'))))];

export function organisedOwnedSql(scope: Scope, alias: string): RawBuilder<SqlBool> {
  if (scope.all) return sql<SqlBool>`TRUE`;
  return anyOf([...scope.regionPrefixes.map((p) => sql<SqlBool>`${ref(alias, 'region_code')} LIKE ${p + '%'}`), orgPart(scope, alias, 'owned')]);
}

export function organisedVisibleSql(scope: Scope, alias: string): RawBuilder<SqlBool> {
  if (scope.all) return sql<SqlBool>`TRUE`;
  return anyOf([
    ...scope.regionPrefixes.map((p) => sql<SqlBool>`${ref(alias, 'region_code')} LIKE ${p + '%'}`),
    ...(ancestors(scope).length ? [sql<SqlBool>`${ref(alias, 'region_code')} = ANY(${ancestors(scope)}::text[])`] : []),
    orgPart(scope, alias, 'visible'),
  ]);
}
