import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { canManage, requireManaged } from '../access/managed.js';
import { enterpriseInScopeSql } from '../access/party-org-scope.js';
import { requireAction } from '../access/require.js';
import type { Scope } from '../access/scope.js';
import { requireManagedOrg } from '../party-org/party-org.access.js';
import { findMember, type MemberView } from './member.repository.js';

/**
 * The member module's scope checks (docs/members.md): seeing under org.read (the organisation is
 * visible, or the employer is in scope), managing under org.manage (the organisation is the
 * caller's by its own place). Two checks, never one: a link or an employer only ever lets a reader see.
 */
const validId = (id: string) => /^\d{1,18}$/.test(id);

export async function requireVisibleMember(db: Executor, actor: Actor, id: string): Promise<{ member: MemberView; scope: Scope }> {
  const scope = requireAction(actor, 'org.read');
  const member = validId(id) ? await findMember(db, scope, id) : undefined;
  if (!member) throw notFound('党员');
  return { member, scope };
}

const finder = (db: Executor, id: string) => (scope: Scope, mode: 'owned' | 'visible') =>
  (validId(id) ? findMember(db, scope, id, mode) : Promise.resolve(undefined));

/** The member for a change: their organisation managed by its own place, else 403 NOT_MANAGED (seen) / 404. */
export async function requireManagedMember(db: Executor, actor: Actor, id: string): Promise<MemberView> {
  return (await requireManaged(actor, 'org.manage', 'org.read', '党员', finder(db, id))).row;
}

export const canManageMember = (db: Executor, actor: Actor, id: string) => canManage(actor, 'org.manage', finder(db, id));

/** The organisation a member is put in: managed by the caller and not dissolved. */
export async function requireRosterOrg(db: Executor, actor: Actor, orgId: string): Promise<void> {
  const { org } = await requireManagedOrg(db, actor, orgId).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound('党组织', 'orgId') : e;
  });
  if (org.status !== 'active') {
    throw new AppError('CONFLICT', '该党组织已撤销，不能接收党员', [{ field: 'orgId', code: 'ORG_DISSOLVED', message: '党组织已撤销' }]);
  }
}

/**
 * A ledger enterprise as 工作单位: one the caller's org.read scope reaches, or one the member's
 * organisation currently covers (a joint branch's members work in the enterprises it covers, which
 * may lie in another street). Anything else is "not found", whether it exists or not.
 */
export async function requireEmployer(db: Executor, actor: Actor, orgId: string, enterpriseId: string): Promise<void> {
  const scope = requireAction(actor, 'org.read');
  const inScope = enterpriseInScopeSql(scope, 'e') ?? sql<SqlBool>`FALSE`;
  const covered = sql<SqlBool>`EXISTS (SELECT 1 FROM party_org_coverage c WHERE c.enterprise_id = e.id AND c.org_id = ${orgId} AND c.until IS NULL)`;
  const row = validId(enterpriseId)
    ? await db.selectFrom('enterprise as e').select('e.id').where('e.id', '=', enterpriseId).where(sql<SqlBool>`(${inScope} OR ${covered})`).executeTakeFirst()
    : undefined;
  if (!row) throw notFound('企业', 'enterpriseId');
}
