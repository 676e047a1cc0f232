import type { OrgMove, OrgMoveResult, Transfer, TransferIncoming } from '../../contracts/member-transfer.js';
import type { Executor } from '../../db/schema.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { addMemberIn } from '../member/member.service.js';
import { insertMemberEvent } from '../member/member.repository.js';
import { canManageOrg, requireManagedOrg } from '../party-org/party-org.access.js';
import { refreshTasksFor } from '../task/task-refresh-for.service.js';
import { effectiveTransferStatus } from '../../domain/member-transfer.js';
import { transferAuditView } from './transfer.mapper.js';
import { getTransferIn } from './transfer.query.js';
import * as repo from './transfer.repository.js';
import { acceptTransferIn, issueTransferIn, type TransferDeps } from './transfer.service.js';
import { assertDateWindow, field, requireReceiver } from './transfer-rules.js';

/**
 * A member arriving from outside the system with a paper letter: the receiving organisation
 * registers them (a new membership, source `transfer`) and records the letter's number and the day
 * the 回执 went back — one transaction.
 */
export async function registerIncoming(d: TransferDeps, actor: Actor, input: TransferIncoming): Promise<Transfer> {
  return d.db.transaction().execute(async (tx) => {
    const now = today();
    assertDateWindow(input.receiptOn, 'receiptOn', '回执日期', now);
    const issuedOn = input.issuedOn ?? input.receiptOn;
    if (issuedOn > input.receiptOn) throw field('issuedOn', 'AFTER_RECEIPT', '介绍信日期不能晚于回执日期');
    const member = await addMemberIn(tx, d.keyring, actor, {
      name: input.name, idNumber: input.idNumber, ...(input.phone ? { phone: input.phone } : {}), orgId: input.toOrgId,
      category: input.category, joinedOn: input.joinedOn, confirmedOn: input.confirmedOn ?? null,
    });
    await tx.updateTable('party_member').set({ source: 'transfer' }).where('id', '=', member.id).execute();
    const row = await repo.insertTransfer(tx, {
      member_id: member.id, direction: 'incoming', to_org_id: input.toOrgId, outside_org: input.outsideOrg, paper_letter_no: input.paperLetterNo,
      issued_on: issuedOn, status: 'accepted', decided_on: input.receiptOn, receipt_on: input.receiptOn, note: input.note ?? null, created_by: actor.userId,
    });
    await insertMemberEvent(tx, {
      memberId: member.id, kind: 'transferred', at: input.receiptOn,
      data: { transferId: row.id, outsideOrg: input.outsideOrg, toOrgId: input.toOrgId, letterNo: input.paperLetterNo }, actorId: actor.userId,
    });
    await recordAudit(tx, actor, { action: 'member_transfer.incoming', entity: 'member_transfer', entityId: row.id, after: transferAuditView(row) });
    return getTransferIn(tx, d.keyring, actor, row.id);
  });
}

/**
 * 整建制转接: every member on the roll of one organisation gets a letter to another, in one
 * transaction and one batch. When the caller also manages the receiving organisation the letters
 * are accepted at once; otherwise they wait in the receiver's inbox like any letter. A member who
 * already has a valid letter open is left where they are and named in the answer.
 */
export async function moveOrgMembers(d: TransferDeps, actor: Actor, input: OrgMove): Promise<OrgMoveResult> {
  return d.db.transaction().execute(async (tx) => moveOrgMembersIn(tx, actor, input, d.maxDays));
}

async function moveOrgMembersIn(tx: Executor, actor: Actor, input: OrgMove, maxDays: number): Promise<OrgMoveResult> {
  await requireManagedOrg(tx, actor, input.fromOrgId).catch((e: unknown) => { throw withField(e, 'fromOrgId'); });
  if (input.fromOrgId === input.toOrgId) throw field('toOrgId', 'SAME_ORG', '接收党组织与转出党组织相同');
  await requireReceiver(tx, input.toOrgId);
  const acceptNow = await canManageOrg(tx, actor, input.toOrgId);
  const now = today();
  const members = await repo.lockOrgMembers(tx, input.fromOrgId);
  if (!members.length) throw field('fromOrgId', 'NO_MEMBERS', '该党组织名册中没有党员，无需整建制转接');
  const skipped: OrgMoveResult['skipped'] = [];
  const ids: string[] = [];
  for (const m of members) {
    const open = await repo.findOpenTransfer(tx, m.id);
    if (open && effectiveTransferStatus(open.status, open.valid_until, now) === 'issued') {
      skipped.push({ memberId: m.id, name: m.name, reason: '已有待接收的介绍信' });
      continue;
    }
    const row = await issueTransferIn(tx, actor, {
      memberId: m.id, toOrgId: input.toOrgId, ...(input.issuedOn ? { issuedOn: input.issuedOn } : {}),
      ...(input.validDays ? { validDays: input.validDays } : {}), note: input.note ?? '整建制转接',
    }, maxDays, ids[0] ?? null);
    ids.push(row.id);
  }
  if (ids.length) await tx.updateTable('member_transfer').set({ batch_id: ids[0] }).where('id', 'in', ids).execute();
  if (acceptNow && ids.length) {
    for (const id of ids) await acceptTransferIn(tx, actor, id, { version: 1, on: input.issuedOn ?? now }, { refreshTasks: false });
    await refreshTasksFor(tx, actor, { partyOrgIds: [input.fromOrgId, input.toOrgId] }, { trigger: 'member_transfer.accept' });
  }
  await recordAudit(tx, actor, {
    action: 'member_transfer.org_move', entity: 'party_org', entityId: input.fromOrgId,
    after: { toOrgId: input.toOrgId, batchId: ids[0] ?? null, issued: ids.length, accepted: acceptNow ? ids.length : 0, skipped: skipped.length },
  });
  return { batchId: ids[0] ?? null, issued: ids.length, accepted: acceptNow ? ids.length : 0, skipped };
}

function withField(e: unknown, f: string): unknown {
  if (e && typeof e === 'object' && 'details' in e && Array.isArray((e as { details: unknown[] }).details) && !(e as { details: unknown[] }).details.length) {
    (e as { details: Array<Record<string, string>> }).details.push({ field: f, code: 'NOT_FOUND', message: '党组织不存在或无权管理' });
  }
  return e;
}
