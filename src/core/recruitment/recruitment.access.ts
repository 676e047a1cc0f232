import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { memberVisibleSql } from '../access/member-scope.js';
import { canManage, requireManaged } from '../access/managed.js';
import { visibleInScope } from '../access/party-org-scope.js';
import { requireAction } from '../access/require.js';
import type { Scope } from '../access/scope.js';
import { findCase, type CaseView } from './recruitment.repository.js';

/**
 * Who may do what with a recruitment case (docs/recruitment.md): seeing under org.read (the holding
 * organisation is visible, by its own place or through a current link), changing under org.manage
 * (the holding organisation is the caller's by its own place — never through a link). A case seen
 * but not managed is 403 NOT_MANAGED; one not seen is 404.
 */
const validId = (id: string) => /^\d{1,18}$/.test(id);
const field = (f: string, code: string, message: string, status: 'VALIDATION_FAILED' | 'CONFLICT' = 'VALIDATION_FAILED') =>
  new AppError(status, message, [{ field: f, code, message }]);

export async function requireVisibleCase(db: Executor, actor: Actor, id: string): Promise<{ c: CaseView; scope: Scope }> {
  const scope = requireAction(actor, 'org.read');
  const c = validId(id) ? await findCase(db, scope, id) : undefined;
  if (!c) throw notFound('发展党员记录');
  return { c, scope };
}

const finder = (db: Executor, id: string) => (scope: Scope, mode: 'owned' | 'visible') =>
  (validId(id) ? findCase(db, scope, id, mode) : Promise.resolve(undefined));

export async function requireManagedCase(db: Executor, actor: Actor, id: string): Promise<CaseView> {
  return (await requireManaged(actor, 'org.manage', 'org.read', '发展党员记录', finder(db, id))).row;
}

export const canManageCase = (db: Executor, actor: Actor, id: string) => canManage(actor, 'org.manage', finder(db, id));

export type NamedMember = { memberId: string; name: string; category: 'full' | 'probationary'; status: string; personId: string };

/**
 * A 培养联系人 or 入党介绍人: a member on the roster the caller can see (org.read; possibly of
 * another street, seen through a link or their employer — naming them reads, it changes nothing).
 * Must be a full member with rights (not probationary, not 停止党籍 or gone) and not the applicant.
 */
export async function requireFullMember(db: Executor, actor: Actor, memberId: string, at: string, role: '培养联系人' | '入党介绍人', applicantPersonId: string): Promise<NamedMember> {
  const scope = requireAction(actor, 'org.read');
  const row = validId(memberId)
    ? await db.selectFrom('party_member as m').innerJoin('person as p', 'p.id', 'm.person_id')
      .select(['m.id', 'p.name', 'm.category', 'm.status', 'm.person_id']).where('m.id', '=', memberId).where(memberVisibleSql(scope)).executeTakeFirst()
    : undefined;
  if (!row) throw notFound(role, at);
  if (row.person_id === applicantPersonId) throw field(at, 'SELF', `${role}不能是申请人本人`);
  if (row.category !== 'full') throw field(at, 'NOT_FULL_MEMBER', `${role}须为正式党员，${row.name}是预备党员，不能担任${role}`);
  if (row.status === 'left' || row.status === 'suspended') throw field(at, 'MEMBER_RESTRICTED', `${row.name}已出党或停止党籍，不能担任${role}`);
  return { memberId: row.id, name: row.name, category: row.category, status: row.status, personId: row.person_id };
}

/**
 * The organisation recorded as approving: a 党委 (committee), active, that the caller can see. A
 * 党总支 or 党支部 has no power to approve admissions — refused with APPROVER_NOT_COMMITTEE.
 */
export async function requireApprover(db: Executor, actor: Actor, orgId: string): Promise<{ id: string; name: string }> {
  const scope = requireAction(actor, 'org.read');
  const org = validId(orgId)
    ? await db.selectFrom('party_org as o').select(['o.id', 'o.name', 'o.org_type', 'o.status']).where('o.id', '=', orgId)
      .where(visibleInScope(scope, 'org', 'o') ?? sql<SqlBool>`FALSE`).executeTakeFirst()
    : undefined;
  if (!org) throw notFound('审批党组织', 'approverOrgId');
  if (org.org_type !== 'committee') {
    const what = org.org_type === 'generalBranch' ? '党总支' : '党支部';
    throw field('approverOrgId', 'APPROVER_NOT_COMMITTEE', `只有党委有权审批接收预备党员，${org.name}是${what}，不能审批`);
  }
  if (org.status !== 'active') throw field('approverOrgId', 'ORG_DISSOLVED', `${org.name}已撤销，不能审批`, 'CONFLICT');
  return { id: org.id, name: org.name };
}
