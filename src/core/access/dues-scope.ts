import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { memberVisibleSql } from './member-scope.js';
import { ownedInScope, visibleInScope } from './party-org-scope.js';
import type { Scope } from './scope.js';

/**
 * Who sees and who manages a month of a member's dues (docs/dues.md). A ledger row belongs to the
 * organisation that held the member that month — after a transfer the earlier months stay with the
 * old organisation, in another street perhaps.
 *
 * *Visible* (org.read): the row's organisation is visible, or the member is (member-scope.ts) —
 *   so the receiving street sees the months paid before the member came, and the old one its own.
 * *Managed* (org.manage): the row's organisation lies in the scope by its own place. Never through
 *   a link, never through the member: a payment is recorded where the month was owed.
 */
export function ledgerVisibleSql(scope: Scope, alias = 'l'): RawBuilder<SqlBool> {
  if (scope.all) return sql<SqlBool>`TRUE`;
  return sql<SqlBool>`(EXISTS (SELECT 1 FROM party_org lo WHERE lo.id = ${sql.ref(`${alias}.org_id`)} AND ${visibleInScope(scope, 'org', 'lo')})
    OR EXISTS (SELECT 1 FROM party_member lm WHERE lm.id = ${sql.ref(`${alias}.member_id`)} AND ${memberVisibleSql(scope, 'lm')}))`;
}

export function ledgerOwnedSql(scope: Scope, alias = 'l'): RawBuilder<SqlBool> {
  if (scope.all) return sql<SqlBool>`TRUE`;
  return sql<SqlBool>`EXISTS (SELECT 1 FROM party_org lo WHERE lo.id = ${sql.ref(`${alias}.org_id`)} AND ${ownedInScope(scope, 'org', 'lo')})`;
}

/** Organisations (alias) whose months the scope computes: owned by their own place. */
export const duesOrgOwnedSql = (scope: Scope, alias = 'o'): RawBuilder<SqlBool> => ownedInScope(scope, 'org', alias);
