import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { asColumn, enterpriseInScopeSql, ownedInScope, visibleInScope } from './party-org-scope.js';
import type { Scope } from './scope.js';

/**
 * Who sees and who manages a party member (docs/members.md). Two predicates, because seeing is not
 * managing:
 *
 * *Visible* (under the org.read scope) — the organisation holding the member's 组织关系 is visible
 *   (by its own place, or through a current link to an enterprise in scope: party-org-scope.ts), or
 *   the member's employer enterprise (工作单位) is in scope.
 * *Managed* (under the org.manage scope) — the organisation is owned by its own place. Never through
 *   a link and never through the employer: a joint branch of street A covering an enterprise of
 *   street B keeps its members in A's hands, street B only reads them.
 *
 * `m` is the alias the query gives party_member; `mo` the organisation is looked up under its own
 * alias inside the predicate, so callers need no join.
 */
export function memberVisibleSql(scope: Scope, alias = 'm'): RawBuilder<SqlBool> {
  if (scope.all) return sql<SqlBool>`TRUE`;
  const org = sql<SqlBool>`EXISTS (SELECT 1 FROM party_org mo WHERE mo.id = ${sql.ref(`${alias}.org_id`)} AND ${visibleInScope(scope, 'org', 'mo')})`;
  const ent = enterpriseInScopeSql(scope, 'me');
  if (!ent) return org;
  const employer = sql<SqlBool>`EXISTS (SELECT 1 FROM enterprise me WHERE me.id = ${sql.ref(`${alias}.enterprise_id`)} AND ${ent})`;
  return sql<SqlBool>`(${org} OR ${employer})`;
}

/** The member's organisation lies in the scope by its own place: what managing (and a whole view) needs. */
export function memberOwnedSql(scope: Scope, alias = 'm'): RawBuilder<SqlBool> {
  if (scope.all) return sql<SqlBool>`TRUE`;
  return sql<SqlBool>`EXISTS (SELECT 1 FROM party_org mo WHERE mo.id = ${sql.ref(`${alias}.org_id`)} AND ${ownedInScope(scope, 'org', 'mo')})`;
}

/** "The member's organisation itself is visible": its name is shown only then. */
export function memberOrgVisibleSql(scope: Scope, alias = 'm'): RawBuilder<boolean> {
  if (scope.all) return sql<boolean>`TRUE`;
  return asColumn(sql<SqlBool>`EXISTS (SELECT 1 FROM party_org mo WHERE mo.id = ${sql.ref(`${alias}.org_id`)} AND ${visibleInScope(scope, 'org', 'mo')})`);
}

export { asColumn };
