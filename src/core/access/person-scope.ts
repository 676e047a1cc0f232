import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Action } from '../../domain/permissions.js';
import type { Actor } from './actor.js';
import { memberOwnedSql, memberVisibleSql } from './member-scope.js';
import { ownedInScope, visibleInScope } from './party-org-scope.js';
import { holdsAction } from './require.js';
import { scopeFor, type Scope } from './scope.js';

/**
 * Who sees a person (docs/organisations.md, "People"): through what they belong to — a position in
 * an organisation, an instructor role, a union they organise — and only where that record is
 * visible; a party membership whose member is visible (member-scope.ts); a 发展党员 case whose
 * organisation is visible (read only); or by their registration region. Managing uses the manage actions and records managed by
 * their own place. `p` is the alias the query gives `person`.
 */
export type PersonMode = 'read' | 'manage';

const ACTIONS: Record<PersonMode, { org: Action; union: Action; instructor: Action; user: Action | null }> = {
  read: { org: 'org.read', union: 'union.read', instructor: 'instructor.read', user: 'user.read' },
  manage: { org: 'org.manage', union: 'union.manage', instructor: 'instructor.manage', user: null },
};

/** The actions that let an actor reach people at all, for the 403 gate. */
export const personActions = (mode: PersonMode): Action[] =>
  Object.values(ACTIONS[mode]).filter((a): a is Action => a !== null);

const held = (actor: Actor, action: Action | null): Scope | null => (action && holdsAction(actor, action) ? scopeFor(actor, action) : null);

export function personInScopeSql(actor: Actor, mode: PersonMode, alias = 'p'): RawBuilder<SqlBool> {
  const a = ACTIONS[mode];
  const [org, union, instructor, user] = [held(actor, a.org), held(actor, a.union), held(actor, a.instructor), held(actor, a.user)];
  const scopes = [org, union, instructor, user].filter((s): s is Scope => s !== null);
  if (scopes.some((s) => s.all)) return sql<SqlBool>`TRUE`;
  const rec = mode === 'manage' ? ownedInScope : visibleInScope;
  const pid = sql.ref(`${alias}.id`);
  const parts: RawBuilder<SqlBool>[] = [...new Set(scopes.flatMap((s) => s.regionPrefixes))]
    .map((prefix) => sql<SqlBool>`${sql.ref(`${alias}.region_code`)} LIKE ${prefix + '%'}`);
  if (org) parts.push(sql<SqlBool>`EXISTS (SELECT 1 FROM org_position pp JOIN party_org po ON po.id = pp.org_id WHERE pp.person_id = ${pid} AND ${rec(org, 'org', 'po')})`);
  if (org) parts.push(sql<SqlBool>`EXISTS (SELECT 1 FROM party_member pm WHERE pm.person_id = ${pid} AND ${mode === 'manage' ? memberOwnedSql(org, 'pm') : memberVisibleSql(org, 'pm')})`);
  // The applicant of a 发展党员 case is read where the case is seen (its organisation visible): the
  // branch recording 接收预备党员 registers them as a member, wherever they live. Reading only: the
  // applicant's own facts stay with those who manage them by region, position or membership.
  if (org && mode === 'read') parts.push(sql<SqlBool>`EXISTS (SELECT 1 FROM recruitment_case rc JOIN party_org ro ON ro.id = rc.org_id WHERE rc.person_id = ${pid} AND ${visibleInScope(org, 'org', 'ro')})`);
  if (instructor) parts.push(sql<SqlBool>`EXISTS (SELECT 1 FROM instructor pi WHERE pi.person_id = ${pid} AND ${rec(instructor, 'instructor', 'pi')})`);
  if (union) parts.push(sql<SqlBool>`EXISTS (SELECT 1 FROM union_org pu WHERE pu.organiser_person_id = ${pid} AND ${rec(union, 'union', 'pu')})`);
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` OR `)})` : sql<SqlBool>`FALSE`;
}
