import type { Transfer, TransferAccept, TransferIssue, TransferReason, TransferReceipt } from '../../contracts/member-transfer.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import { leavesDistrict, letterValidUntil } from '../../domain/member-transfer.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { guardDirectWrite } from '../approval/approval-guard.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { requireManagedMember } from '../member/member.access.js';
import { memberAuditView } from '../member/member.mapper.js';
import { insertMemberEvent, updateMember } from '../member/member.repository.js';
import { lockOrg } from '../party-org/party-org.repository.js';
import { followTransferIn } from '../recruitment/recruitment-transfer.js';
import { versionConflict } from '../party-org/party-org.access.js';
import { requireTransferEnd } from './transfer.access.js';
import { letterNoOf, transferAuditView } from './transfer.mapper.js';
import { getTransferIn } from './transfer.query.js';
import * as repo from './transfer.repository.js';
import { refreshTasksFor } from '../task/task-refresh-for.service.js';
import { closeReceiveTask, openReceiveTask } from './transfer-tasks.js';
import { assertDateWindow, assertOpen, assertValidDays, closeStaleOrRefuse, field, requireReceiver } from './transfer-rules.js';

export type TransferDeps = { db: Db; keyring: Keyring; maxDays: number };

/**
 * 组织关系转接 (docs/member-transfers.md): the sender issues a numbered letter; the receiver accepts
 * (the membership moves, in this transaction) or returns it; the sender may revoke it while it
 * waits; a letter out of the system closes when its 回执 comes back. Every step audited.
 */
export async function issueTransfer(d: TransferDeps, actor: Actor, input: TransferIssue): Promise<Transfer> {
  return d.db.transaction().execute(async (tx) => getTransferIn(tx, d.keyring, actor, (await issueTransferIn(tx, actor, input, d.maxDays)).id));
}

export async function issueTransferIn(tx: Executor, actor: Actor, input: TransferIssue, maxDays: number, batchId: string | null = null): Promise<repo.TransferRow> {
  const m = await requireManagedMember(tx, actor, input.memberId).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound('党员', 'memberId') : e;
  });
  // 转出本区 goes through the district's approval flow where one is configured (docs/approvals.md).
  if (await leavesDistrictTo(tx, m.org_id, input)) await guardDirectWrite(tx, 'party_member', m.id, 'memberTransfer.out');
  return writeTransferIn(tx, actor, m, input, maxDays, batchId);
}

/** Whether the letter would take the member out of the district (the receiver's place against the sender's). */
export async function leavesDistrictTo(tx: Executor, fromOrgId: string, input: Pick<TransferIssue, 'toOrgId' | 'outsideOrg'>): Promise<boolean> {
  const [from, to] = await Promise.all([repo.orgRegion(tx, fromOrgId), input.toOrgId ? repo.orgRegion(tx, input.toOrgId) : Promise.resolve(null)]);
  return leavesDistrict(from, { outside: !input.toOrgId, toRegion: to });
}

/**
 * The letter itself, once the caller is known to be entitled: a direct issue (above) or the approval
 * engine's last level, whose decider was checked by the level's role over the member's own place.
 */
export async function writeTransferIn(tx: Executor, actor: Actor, m: { id: string; org_id: string; status: string }, input: TransferIssue, maxDays: number, batchId: string | null = null): Promise<repo.TransferRow> {
  if (m.status === 'left') throw new AppError('CONFLICT', '该党员已不在党员名册中，不能转接组织关系', [{ field: 'memberId', code: 'MEMBER_LEFT', message: '已不在名册' }]);
  if (!!input.toOrgId === !!input.outsideOrg) throw field('toOrgId', 'TARGET_REQUIRED', '请选择接收党组织，或填写系统外接收单位（二者选一）');
  if (input.toOrgId === m.org_id) throw field('toOrgId', 'SAME_ORG', '接收党组织与党员现所在党组织相同');
  if (input.toOrgId) await requireReceiver(tx, input.toOrgId);
  const now = today();
  const issuedOn = input.issuedOn ?? now;
  assertDateWindow(issuedOn, 'issuedOn', '开具日期', now);
  const days = input.validDays ?? maxDays;
  assertValidDays(days, maxDays);
  await closeStaleOrRefuse(tx, m.id, now);
  await lockOrg(tx, m.org_id);
  const year = Number(issuedOn.slice(0, 4));
  const row = await repo.insertTransfer(tx, {
    member_id: m.id, direction: input.toOrgId ? 'internal' : 'outgoing', from_org_id: m.org_id, to_org_id: input.toOrgId ?? null,
    outside_org: input.outsideOrg ?? null, paper_letter_no: input.paperLetterNo ?? null, letter_year: year,
    letter_seq: await repo.nextLetterSeq(tx, m.org_id, year), issued_on: issuedOn, valid_until: letterValidUntil(issuedOn, days),
    status: 'issued', note: input.note ?? null, batch_id: batchId, created_by: actor.userId,
  }).catch(raced);
  await recordAudit(tx, actor, { action: 'member_transfer.issue', entity: 'member_transfer', entityId: row.id, after: transferAuditView(row) });
  await openReceiveTask(tx, actor, row);
  return row;
}

/** 接收: the membership moves to the receiver with a `transferred` event; the letter closes. */
export async function acceptTransfer(d: TransferDeps, actor: Actor, id: string, input: TransferAccept): Promise<Transfer> {
  return d.db.transaction().execute(async (tx) => {
    await acceptTransferIn(tx, actor, id, input);
    return getTransferIn(tx, d.keyring, actor, id);
  });
}

/**
 * `refreshTasks: false` — the caller accepts a batch (整建制转接, 党组织合并) and refreshes both
 * organisations once after the last letter, not once per member.
 */
export async function acceptTransferIn(tx: Executor, actor: Actor, id: string, input: TransferAccept, opts: { refreshTasks?: boolean } = {}): Promise<void> {
  await requireTransferEnd(tx, actor, id, 'to');
  const row = await repo.lockTransfer(tx, id);
  if (!row || row.version !== input.version) throw versionConflict();
  const now = today();
  assertOpen(row, now);
  const on = input.on ?? now;
  assertDateWindow(on, 'on', '接收日期', now, row.issued_on);
  await requireReceiver(tx, row.to_org_id!);
  const member = await repo.lockMember(tx, row.member_id);
  if (!member || member.org_id !== row.from_org_id || member.status === 'left') {
    throw new AppError('CONFLICT', '该党员的组织关系已不在转出党组织，不能接收', [{ field: 'memberId', code: 'MEMBER_MOVED', message: '组织关系已变动' }]);
  }
  const moved = await updateMember(tx, member.id, member.version, { org_id: row.to_org_id! });
  if (!moved) throw versionConflict();
  await insertMemberEvent(tx, {
    memberId: member.id, kind: 'transferred', at: on,
    data: { transferId: row.id, fromOrgId: row.from_org_id, toOrgId: row.to_org_id, letterNo: letterNoOf(row) }, actorId: actor.userId,
  });
  await recordAudit(tx, actor, { action: 'member.transfer', entity: 'party_member', entityId: member.id, before: memberAuditView(member), after: memberAuditView(moved) });
  // A 预备党员's open 发展党员 case follows them (docs/recruitment.md).
  await followTransferIn(tx, actor, { memberId: member.id, toOrgId: row.to_org_id!, on, transferId: row.id });
  const after = await repo.updateTransfer(tx, id, row.version, { status: 'accepted', decided_on: on });
  if (!after) throw versionConflict();
  await recordAudit(tx, actor, { action: 'member_transfer.accept', entity: 'member_transfer', entityId: id, before: transferAuditView(row), after: transferAuditView(after) });
  await closeReceiveTask(tx, actor, id, 'accept');
  // Both organisations' full members changed: 应设支部委员会 and the like may open or close (docs/inbox.md).
  if (opts.refreshTasks !== false) {
    await refreshTasksFor(tx, actor, { partyOrgIds: [row.from_org_id, row.to_org_id!] }, { trigger: 'member_transfer.accept' });
  }
}

/** 退回 (by the receiver) or 撤回 (by the sender), with a reason: the member stays where they are. */
export async function closeTransfer(d: TransferDeps, actor: Actor, id: string, input: TransferReason, how: 'return' | 'revoke'): Promise<Transfer> {
  return d.db.transaction().execute(async (tx) => {
    await requireTransferEnd(tx, actor, id, how === 'return' ? 'to' : 'from');
    const row = await repo.lockTransfer(tx, id);
    if (!row || row.version !== input.version) throw versionConflict();
    const now = today();
    assertOpen(row, now, how === 'revoke');
    if (how === 'return' && row.direction !== 'internal') throw field('status', 'NOT_INTERNAL', '系统外的介绍信无需在系统中退回');
    const after = await repo.updateTransfer(tx, id, row.version, { status: how === 'return' ? 'returned' : 'revoked', decided_on: now, reason: input.reason });
    if (!after) throw versionConflict();
    await recordAudit(tx, actor, { action: `member_transfer.${how}`, entity: 'member_transfer', entityId: id, before: transferAuditView(row), after: transferAuditView(after) });
    await closeReceiveTask(tx, actor, id, how);
    return getTransferIn(tx, d.keyring, actor, id);
  });
}

/** 回执 of a letter out of the system: the relationship has left; the member leaves the roster. */
export async function recordReceipt(d: TransferDeps, actor: Actor, id: string, input: TransferReceipt): Promise<Transfer> {
  return d.db.transaction().execute(async (tx) => {
    await requireTransferEnd(tx, actor, id, 'from');
    const row = await repo.lockTransfer(tx, id);
    if (!row || row.version !== input.version) throw versionConflict();
    if (row.direction !== 'outgoing') throw field('receiptOn', 'NOT_OUTGOING', '只有转出至系统外的介绍信需要登记回执');
    const now = today();
    assertOpen(row, now, true);
    assertDateWindow(input.receiptOn, 'receiptOn', '回执日期', now, row.issued_on);
    const member = await repo.lockMember(tx, row.member_id);
    if (!member || member.status === 'left') throw new AppError('CONFLICT', '该党员已不在党员名册中', [{ field: 'memberId', code: 'MEMBER_LEFT', message: '已不在名册' }]);
    const gone = await updateMember(tx, member.id, member.version, { status: 'left', left_reason: 'transferredOut', status_since: input.receiptOn });
    if (!gone) throw versionConflict();
    await insertMemberEvent(tx, {
      memberId: member.id, kind: 'transferred', at: input.receiptOn,
      data: { transferId: row.id, fromOrgId: row.from_org_id, outsideOrg: row.outside_org, letterNo: letterNoOf(row) }, actorId: actor.userId,
    });
    await recordAudit(tx, actor, { action: 'member.transfer', entity: 'party_member', entityId: member.id, before: memberAuditView(member), after: memberAuditView(gone) });
    const after = await repo.updateTransfer(tx, id, row.version, { status: 'accepted', decided_on: input.receiptOn, receipt_on: input.receiptOn });
    if (!after) throw versionConflict();
    await recordAudit(tx, actor, { action: 'member_transfer.receipt', entity: 'member_transfer', entityId: id, before: transferAuditView(row), after: transferAuditView(after) });
    return getTransferIn(tx, d.keyring, actor, id);
  });
}

/** Two issuers at once: the partial unique indexes decide; the loser gets a 409, not a 500. */
function raced(err: unknown): never {
  if ((err as { code?: string }).code === '23505') {
    throw new AppError('CONFLICT', '该党员已有一份待接收的介绍信，或介绍信编号冲突，请刷新后重试', [{ field: 'memberId', code: 'OPEN_TRANSFER', message: '已有待接收的介绍信' }]);
  }
  throw err;
}
