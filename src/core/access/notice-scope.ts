import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from './actor.js';
import { ownedInScope } from './party-org-scope.js';
import { holdsAction } from './require.js';
import { scopeFor, type Scope } from './scope.js';

/**
 * Scope of notices (docs/notices.md, "Who"). Two sides, never mixed:
 *
 * *Publisher*: a notice belongs to its sending office's region; it is seen and managed (published,
 * withdrawn, its replies read) under notice.publish by whoever's scope holds that region by prefix —
 * the office itself and the district above a street.
 * *Recipient*: an organisation's copy is read and answered by whoever manages that organisation by
 * its own place — org.manage for a party organisation, union.manage for a union. A link (a joint
 * branch of another street covering my enterprise) never makes its copy mine, and a street's notice
 * is addressed only to organisations that lie in that street by their own place.
 */
const ref = (alias: string, column: string) => sql.ref(`${alias}.${column}`);
const FALSE = sql<SqlBool>`FALSE`;

/** Notice (alias) whose sending office lies in the scope. */
export function noticeOwnedSql(scope: Scope, alias: string): RawBuilder<SqlBool> {
  if (scope.all) return sql<SqlBool>`TRUE`;
  const parts = scope.regionPrefixes.map((p) => sql<SqlBool>`${ref(alias, 'publisher_region_code')} LIKE ${p + '%'}`);
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` OR `)})` : FALSE;
}

/** The two manage scopes a recipient's copy is read under (null when the action is not held). */
export type RecipientScopes = { org: Scope | null; union: Scope | null };
export const recipientScopesFor = (actor: Actor): RecipientScopes => ({
  org: holdsAction(actor, 'org.manage') ? scopeFor(actor, 'org.manage') : null,
  union: holdsAction(actor, 'union.manage') ? scopeFor(actor, 'union.manage') : null,
});
export const holdsRecipientAction = (actor: Actor) => holdsAction(actor, 'org.manage') || holdsAction(actor, 'union.manage');

/** Recipient row (alias) whose organisation the reader manages by its own place. */
export function recipientManagedSql(s: RecipientScopes, alias: string): RawBuilder<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [];
  if (s.org) parts.push(sql<SqlBool>`EXISTS (SELECT 1 FROM party_org nro WHERE nro.id = ${ref(alias, 'party_org_id')} AND ${ownedInScope(s.org, 'org', 'nro')})`);
  if (s.union) parts.push(sql<SqlBool>`EXISTS (SELECT 1 FROM union_org nru WHERE nru.id = ${ref(alias, 'union_id')} AND ${ownedInScope(s.union, 'union', 'nru')})`);
  return parts.length ? sql<SqlBool>`coalesce((${sql.join(parts, sql` OR `)}), FALSE)` : FALSE;
}

/** A party organisation or union (alias) a notice of this scope may be addressed to: its own place only. */
export const addresseeSql = (scope: Scope, kind: 'org' | 'union', alias: string) => ownedInScope(scope, kind, alias);
