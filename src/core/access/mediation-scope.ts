import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { enterpriseInScopeSql } from './party-org-scope.js';
import type { Scope } from './scope.js';

/**
 * Scope of labour dispute mediation (docs/unions.md, "劳动争议调解 — 谁看得见、谁能办理"):
 *
 * *Own place* — a mediation body lies in a scope by its place: an enterprise committee where its
 * enterprise is in scope (region, park, association or the enterprise itself), a street body where its
 * street's region lies under a prefix. A case lies where its body lies. Managing needs this under the
 * manage action (union.manage).
 * *Seen through a link* — a case is also visible where its employer (the ledger enterprise) is in
 * scope: the street of an enterprise whose workers went to another street's body sees the case and
 * never manages it.
 */
const TRUE = sql<SqlBool>`TRUE`;
const FALSE = sql<SqlBool>`FALSE`;
const ref = (alias: string, column: string) => sql.ref(`${alias}.${column}`);

/** The body (alias) lies in the scope by its own place. */
export function bodyOwnedSql(scope: Scope, alias = 'b'): RawBuilder<SqlBool> {
  if (scope.all) return TRUE;
  const parts = scope.regionPrefixes.map((p) => sql<SqlBool>`(${ref(alias, 'kind')} = 'street' AND ${ref(alias, 'region_code')} LIKE ${p + '%'})`);
  const ent = enterpriseInScopeSql(scope, 'mbe');
  if (ent) parts.push(sql<SqlBool>`EXISTS (SELECT 1 FROM enterprise mbe WHERE mbe.id = ${ref(alias, 'enterprise_id')} AND ${ent})`);
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` OR `)})` : FALSE;
}

/** The case (alias) lies in the scope by its body's place (what managing needs). */
export const caseOwnedSql = (scope: Scope, alias = 'c'): RawBuilder<SqlBool> =>
  scope.all ? TRUE : sql<SqlBool>`EXISTS (SELECT 1 FROM mediation_body mob WHERE mob.id = ${ref(alias, 'body_id')} AND ${bodyOwnedSql(scope, 'mob')})`;

/** The case (alias) may be read: its own place, or its employer in scope (partly: never managed). */
export function caseVisibleSql(scope: Scope, alias = 'c'): RawBuilder<SqlBool> {
  if (scope.all) return TRUE;
  const ent = enterpriseInScopeSql(scope, 'mce');
  const link = ent ? sql<SqlBool>` OR EXISTS (SELECT 1 FROM enterprise mce WHERE mce.id = ${ref(alias, 'employer_enterprise_id')} AND ${ent})` : sql``;
  return sql<SqlBool>`(${caseOwnedSql(scope, alias)}${link})`;
}

/** A predicate as a selected column; NULL reads as "no". */
export const flag = (e: RawBuilder<SqlBool>) => sql<boolean>`coalesce(${e}, FALSE)`;
