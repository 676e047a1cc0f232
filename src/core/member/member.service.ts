import type { MemberConfirm, MemberCreate, MemberDetail, MemberStatusChange, MemberUpdate } from '../../contracts/member.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { MemberSource } from '../../domain/member.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { refreshTasksFor } from '../task/task-refresh-for.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { versionConflict } from '../party-org/party-org.access.js';
import { assertMembershipDates, assertNotFuture, assertOneEmployer } from './member-input.js';
import { requireEmployer, requireManagedMember, requireRosterOrg } from './member.access.js';
import { MEMBER_COLUMNS, memberAuditView } from './member.mapper.js';
import { resolvePerson } from './member-person.js';
import { employers, writeMembershipIn } from './member-register.js';
import { getMemberDetailIn } from './member.query.js';
import * as repo from './member.repository.js';

export type MemberDeps = { db: Db; keyring: Keyring };

/** Adds a member (a new or an existing person): audited, with a `created` history event. */
export async function addMember(d: MemberDeps, actor: Actor, input: MemberCreate): Promise<MemberDetail> {
  return d.db.transaction().execute((tx) => addMemberIn(tx, d.keyring, actor, input));
}

/** The registrar's own access checked (the organisation, the employer, the person as they see them); `source` where the membership came from. */
export async function addMemberIn(tx: Executor, keyring: Keyring, actor: Actor, input: MemberCreate, source: MemberSource = 'manual'): Promise<MemberDetail> {
  await requireRosterOrg(tx, actor, input.orgId);
  const confirmedOn = input.confirmedOn ?? null;
  assertMembershipDates({ category: input.category, joinedOn: input.joinedOn, confirmedOn });
  assertOneEmployer(input.enterpriseId, input.employerName);
  if (input.enterpriseId) await requireEmployer(tx, actor, input.orgId, input.enterpriseId);
  const personId = await resolvePerson(tx, keyring, actor, input);
  const row = await writeMembershipIn(tx, actor, { ...input, personId, source });
  return getMemberDetailIn(tx, keyring, actor, row.id);
}

/** Changes a membership's facts (dates, 工作单位, 民族, 学历): versioned, with an `updated` event {changes}. */
export async function editMember(d: MemberDeps, actor: Actor, id: string, input: MemberUpdate): Promise<MemberDetail> {
  return d.db.transaction().execute((tx) => editMemberIn(tx, d.keyring, actor, id, input));
}

export async function editMemberIn(tx: Executor, keyring: Keyring, actor: Actor, id: string, input: MemberUpdate): Promise<MemberDetail> {
  const m = await requireManagedMember(tx, actor, id);
  if (m.version !== input.version) throw versionConflict();
  const c = input.changes;
  const set: Record<string, unknown> = {};
  const diff: Record<string, [unknown, unknown]> = {};
  for (const [key, column] of Object.entries(MEMBER_COLUMNS)) {
    const next = (c as Record<string, unknown>)[key];
    const prev = (m as Record<string, unknown>)[column] ?? null;
    if (next === undefined || prev === (next ?? null)) continue;
    set[column] = next ?? null;
    diff[key] = [prev, next ?? null];
  }
  const personSet: { ethnicity?: string | null; education?: string | null } = {};
  for (const key of ['ethnicity', 'education'] as const) {
    if (c[key] === undefined || (m[key] ?? null) === (c[key] ?? null)) continue;
    personSet[key] = c[key] ?? null;
    diff[key] = [m[key] ?? null, c[key] ?? null];
  }
  const after = { ...m, ...set } as repo.MemberRow;
  assertMembershipDates({ category: after.category, joinedOn: after.joined_on, confirmedOn: after.confirmed_on });
  assertOneEmployer(after.enterprise_id, after.employer_name);
  if ('enterprise_id' in set && after.enterprise_id) await requireEmployer(tx, actor, m.org_id, after.enterprise_id);
  if (!Object.keys(diff).length) return getMemberDetailIn(tx, keyring, actor, id);
  const row = await repo.updateMember(tx, id, input.version, set);
  if (!row) throw versionConflict();
  if (Object.keys(personSet).length) await repo.setPersonDetails(tx, m.person_id, personSet);
  await repo.insertMemberEvent(tx, { memberId: id, kind: 'updated', at: today(), data: { changes: diff }, actorId: actor.userId });
  await recordAudit(tx, actor, {
    action: 'member.update', entity: 'party_member', entityId: id,
    before: { ...memberAuditView(m), ethnicity: m.ethnicity, education: m.education },
    after: { ...memberAuditView(row), ethnicity: personSet.ethnicity ?? m.ethnicity, education: personSet.education ?? m.education },
  });
  // The employer's member count moves with the member: the old enterprise's tasks and the new one's.
  await refreshTasksFor(tx, actor, { partyOrgIds: [m.org_id], enterpriseIds: employers(m.enterprise_id, row.enterprise_id) }, { trigger: 'member.update' });
  return getMemberDetailIn(tx, keyring, actor, id);
}

/** 转正: a probationary member becomes a full member on `confirmedOn` (a `confirmed` event). */
export async function confirmMember(d: MemberDeps, actor: Actor, id: string, input: MemberConfirm): Promise<MemberDetail> {
  return d.db.transaction().execute((tx) => confirmMemberIn(tx, d.keyring, actor, id, input));
}

export async function confirmMemberIn(tx: Executor, keyring: Keyring, actor: Actor, id: string, input: MemberConfirm): Promise<MemberDetail> {
  const m = await requireManagedMember(tx, actor, id);
  if (m.version !== input.version) throw versionConflict();
  if (m.category !== 'probationary') throw new AppError('CONFLICT', '该党员已是正式党员，无需转正', [{ field: 'category', code: 'NOT_PROBATIONARY', message: '已是正式党员' }]);
  if (m.status === 'left') throw new AppError('CONFLICT', '该党员已出党，不能转正', [{ field: 'status', code: 'LEFT', message: '已出党' }]);
  assertMembershipDates({ category: 'full', joinedOn: m.joined_on, confirmedOn: input.confirmedOn });
  const row = await repo.updateMember(tx, id, input.version, { category: 'full', confirmed_on: input.confirmedOn });
  if (!row) throw versionConflict();
  await repo.insertMemberEvent(tx, { memberId: id, kind: 'confirmed', at: input.confirmedOn, data: { confirmedOn: input.confirmedOn }, actorId: actor.userId });
  await recordAudit(tx, actor, { action: 'member.confirm', entity: 'party_member', entityId: id, before: memberAuditView(m), after: memberAuditView(row) });
  await refreshTasksFor(tx, actor, { partyOrgIds: [m.org_id], enterpriseIds: employers(m.enterprise_id) }, { trigger: 'member.confirm' });
  return getMemberDetailIn(tx, keyring, actor, id);
}

/** 流动 / 失联 / 停止党籍 / 出党 (with its reason) / back to 正常: a `statusChanged` event. */
export async function changeMemberStatus(d: MemberDeps, actor: Actor, id: string, input: MemberStatusChange): Promise<MemberDetail> {
  return d.db.transaction().execute((tx) => changeMemberStatusIn(tx, d.keyring, actor, id, input));
}

export async function changeMemberStatusIn(tx: Executor, keyring: Keyring, actor: Actor, id: string, input: MemberStatusChange): Promise<MemberDetail> {
  const m = await requireManagedMember(tx, actor, id);
  if (m.version !== input.version) throw versionConflict();
  if (m.status === 'left') throw new AppError('CONFLICT', '该党员已出党，不能再变更状态', [{ field: 'status', code: 'LEFT', message: '已出党' }]);
  if (m.status === input.status) throw new AppError('CONFLICT', '党员状态没有变化', [{ field: 'status', code: 'UNCHANGED', message: '与当前状态相同' }]);
  const left = input.status === 'left';
  if (left !== !!input.leftReason) {
    const message = left ? '出党须选择原因' : '只有出党时才填写出党原因';
    throw new AppError('VALIDATION_FAILED', message, [{ field: 'leftReason', code: left ? 'REQUIRED' : 'NOT_ALLOWED', message }]);
  }
  assertNotFuture(input.since, 'since', '状态变更日期');
  const row = await repo.updateMember(tx, id, input.version, { status: input.status, status_since: input.since, left_reason: input.leftReason ?? null });
  if (!row) throw versionConflict();
  await repo.insertMemberEvent(tx, {
    memberId: id, kind: 'statusChanged', at: input.since,
    data: { from: m.status, to: input.status, leftReason: input.leftReason ?? null, note: input.note ?? null }, actorId: actor.userId,
  });
  await recordAudit(tx, actor, { action: 'member.status', entity: 'party_member', entityId: id, before: memberAuditView(m), after: memberAuditView(row) });
  await refreshTasksFor(tx, actor, { partyOrgIds: [m.org_id], enterpriseIds: employers(m.enterprise_id) }, { trigger: 'member.status' });
  return getMemberDetailIn(tx, keyring, actor, id);
}

