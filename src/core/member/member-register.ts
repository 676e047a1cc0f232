import type { MemberCreate } from '../../contracts/member.js';
import type { Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import type { MemberSource } from '../../domain/member.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { refreshTasksFor } from '../task/task-refresh-for.service.js';
import { assertMembershipDates, assertOneEmployer } from './member-input.js';
import { memberAuditView } from './member.mapper.js';
import { resolvePerson } from './member-person.js';
import * as repo from './member.repository.js';

/**
 * Writing a new membership (docs/members.md, "Adding a member"). Two ways in: `addMemberIn` (the
 * registrar's own access checked — the organisation, the employer and the person as they see them)
 * and `registerApprovedMemberIn` below, for the approval engine's last level only. Both end here.
 */
export type Registration = Pick<MemberCreate, 'orgId' | 'category' | 'joinedOn' | 'confirmedOn' | 'enterpriseId' | 'employerName' | 'post'> & {
  personId: string; source?: MemberSource;
};

/** The membership, its `created` event, the audit entry and the organisation's tasks, in the caller's transaction. */
export async function writeMembershipIn(tx: Executor, actor: Actor, r: Registration): Promise<repo.MemberRow> {
  const row = await repo.insertMember(tx, {
    person_id: r.personId, org_id: r.orgId, category: r.category, joined_on: r.joinedOn, confirmed_on: r.confirmedOn ?? null,
    enterprise_id: r.enterpriseId ?? null, employer_name: r.employerName ?? null, post: r.post ?? null, source: r.source ?? 'manual',
  }).catch(alreadyMember);
  await repo.insertMemberEvent(tx, { memberId: row.id, kind: 'created', at: r.joinedOn, data: { member: memberAuditView(row) }, actorId: actor.userId });
  await recordAudit(tx, actor, { action: 'member.create', entity: 'party_member', entityId: row.id, after: memberAuditView(row) });
  // The roster's full members decide 应设支部委员会 and the employer's member count its own rules (docs/inbox.md): both follow it.
  await refreshTasksFor(tx, actor, { partyOrgIds: [r.orgId], enterpriseIds: employers(r.enterpriseId) }, { trigger: 'member.create' });
  return row;
}

/**
 * A registration the approval engine decided (亮身份确认, docs/approvals.md "Adapters"). Its decider
 * was checked by the level's role over the request's organisation by its own place — a 社区 level
 * holds no 管理党组织 and may see neither the person nor the enterprise — so the registrar's own access
 * is not asked again: the organisation exists and is not dissolved, the dates, one employer, the
 * person found by the ID number wherever registered (the name must match), never a second membership.
 * The requester's side was checked in full when the request was submitted (a rehearsal through
 * `addMemberIn`). Nothing but an adapter's `apply`, in the decision's transaction, calls this.
 */
export async function registerApprovedMemberIn(tx: Executor, keyring: Keyring, actor: Actor, input: MemberCreate, source: MemberSource): Promise<repo.MemberRow> {
  const org = await tx.selectFrom('party_org').select(['id', 'status']).where('id', '=', input.orgId).executeTakeFirst();
  if (!org) throw notFound('党组织', 'orgId');
  if (org.status !== 'active') throw new AppError('CONFLICT', '该党组织已撤销，不能接收党员', [{ field: 'orgId', code: 'ORG_DISSOLVED', message: '党组织已撤销' }]);
  assertMembershipDates({ category: input.category, joinedOn: input.joinedOn, confirmedOn: input.confirmedOn ?? null });
  assertOneEmployer(input.enterpriseId, input.employerName);
  const personId = await resolvePerson(tx, keyring, actor, input, 'decided');
  return writeMembershipIn(tx, actor, { ...input, personId, source });
}

/** Two writers adding the same person at once: the second loses on person_id UNIQUE — a 409, not a 500. */
function alreadyMember(err: unknown): never {
  if ((err as { code?: string }).code === '23505') {
    throw new AppError('CONFLICT', '该人员已登记为党员（每人只能在一个党组织）', [{ field: 'idNumber', code: 'ALREADY_MEMBER', message: '已是党员' }]);
  }
  throw err;
}

/** The enterprises whose member counts a membership change moves (a member employed nowhere on the platform moves none). */
export const employers = (...ids: Array<string | null | undefined>): string[] => ids.filter((x): x is string => !!x);
