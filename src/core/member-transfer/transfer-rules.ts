import type { Executor } from '../../db/schema.js';
import { AppError, badRequest, notFound } from '../../domain/errors.js';
import { effectiveTransferStatus, letterDays, TRANSFER_STATUS_LABELS } from '../../domain/member-transfer.js';
import { systemActor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { letterExpired, notOpen } from './transfer.access.js';
import { transferAuditView } from './transfer.mapper.js';
import { findOpenTransfer, updateTransfer, type TransferRow } from './transfer.repository.js';
import { closeReceiveTask } from './transfer-tasks.js';

/** Checks shared by the transfer use cases: dates, the receiving organisation, the open letter. */
export const field = (f: string, code: string, message: string) => badRequest(message, [{ field: f, code, message }]);

export function assertDateWindow(on: string, f: string, label: string, today: string, notBefore?: string, notBeforeLabel?: string): void {
  if (on > today) throw field(f, 'FUTURE_DATE', `${label}不能晚于今天`);
  if (notBefore && on < notBefore) throw field(f, 'BEFORE_ISSUE', `${label}不能早于${notBeforeLabel ?? '开具日期'}`);
}

export function assertValidDays(days: number, maxDays: number): void {
  if (days > maxDays) throw field('validDays', 'TOO_LONG', `介绍信有效期最长${maxDays}天`);
}

/** A receiving organisation in the system: any active one, wherever it is (letters go anywhere in the country). */
export async function requireReceiver(db: Executor, orgId: string): Promise<{ id: string; name: string }> {
  const org = await db.selectFrom('party_org').select(['id', 'name', 'status']).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw notFound('接收党组织', 'toOrgId');
  if (org.status !== 'active') throw new AppError('CONFLICT', '接收党组织已撤销，不能接收党员', [{ field: 'toOrgId', code: 'ORG_DISSOLVED', message: '党组织已撤销' }]);
  return org;
}

/** The letter must be waiting and within its validity to be decided. */
export function assertOpen(row: TransferRow, today: string, allowExpired = false): void {
  const status = effectiveTransferStatus(row.status, row.valid_until, today);
  if (status === 'expired' && !allowExpired) throw letterExpired();
  if (row.status !== 'issued') throw notOpen(TRANSFER_STATUS_LABELS[row.status].replace(/^已/, ''));
}

/**
 * One open letter per member: a waiting letter past its last day is closed as expired here (and
 * audited) so a new one can be issued; one still valid is a 409.
 */
export async function closeStaleOrRefuse(tx: Executor, memberId: string, today: string): Promise<void> {
  const open = await findOpenTransfer(tx, memberId);
  if (!open) return;
  if (open.valid_until !== null && open.valid_until < today) {
    await expireOne(tx, open);
    return;
  }
  throw new AppError('CONFLICT', '该党员已有一份待接收的介绍信，请先撤回或等待对方办理', [{ field: 'memberId', code: 'OPEN_TRANSFER', message: '已有待接收的介绍信' }]);
}

/** Marks one waiting letter expired, audited as the system (the letter ran out, nobody decided it). */
export async function expireOne(tx: Executor, row: TransferRow): Promise<boolean> {
  const after = await updateTransfer(tx, row.id, row.version, { status: 'expired' });
  if (!after) return false;
  const sweep = systemActor('transfer-sweep');
  await recordAudit(tx, sweep, {
    action: 'member_transfer.expire', entity: 'member_transfer', entityId: row.id, before: transferAuditView(row), after: transferAuditView(after),
  });
  await closeReceiveTask(tx, sweep, row.id, 'expire');
  return true;
}

export const daysOf = (issuedOn: string, validUntil: string | null) => (validUntil ? letterDays(issuedOn, validUntil) : null);
