import type { Transfer } from '../../contracts/member-transfer.js';
import { effectiveTransferStatus, letterNumber } from '../../domain/member-transfer.js';
import type { Keyring } from '../crypto/keyring.js';
import { maskIdNumber } from '../crypto/mask.js';
import { decryptPii } from '../crypto/pii-cipher.js';
import type { TransferRow, TransferView } from './transfer.repository.js';

/**
 * Row → contract, masked. The status is as of `today` (a waiting letter past its last day reads
 * expired). `access` is full only for the end that holds the member now: the sender until the
 * receiver accepts, the receiver after; the other end sees the letter, the name and the masked number.
 */
export function toTransfer(keyring: Keyring, r: TransferView, today: string): Transfer {
  const status = effectiveTransferStatus(r.status, r.valid_until, today);
  const id = r.id_number_enc ? decryptPii(keyring, r.id_number_enc) : null;
  const holds = (r.from_mine && r.member_org_id === r.from_org_id) || (r.to_mine && r.member_org_id === r.to_org_id);
  const open = status === 'issued';
  return {
    id: r.id,
    direction: r.direction,
    memberId: r.member_id,
    memberName: r.member_name,
    idNumber: id === null ? null : maskIdNumber(id),
    category: r.category,
    fromOrgId: r.from_org_id,
    fromOrgName: r.from_org_name,
    toOrgId: r.to_org_id,
    toOrgName: r.to_org_name,
    outsideOrg: r.outside_org,
    letterNo: letterNoOf(r),
    paperLetterNo: r.paper_letter_no,
    issuedOn: r.issued_on,
    validUntil: r.valid_until,
    status,
    decidedOn: r.decided_on,
    reason: r.reason,
    receiptOn: r.receipt_on,
    batchId: r.batch_id,
    note: r.note,
    canRevoke: open && r.from_managed,
    canDecide: open && r.direction === 'internal' && r.to_managed,
    canRecordReceipt: open && r.direction === 'outgoing' && r.from_managed,
    access: holds ? 'full' : 'partial',
    version: r.version,
  };
}

export const letterNoOf = (r: Pick<TransferRow, 'letter_year' | 'letter_seq' | 'paper_letter_no'>): string | null =>
  (r.letter_year !== null && r.letter_seq !== null ? letterNumber(r.letter_year, r.letter_seq) : r.paper_letter_no);

/** What the audit log keeps of a transfer: no personal numbers. */
export const transferAuditView = (r: TransferRow) => ({
  memberId: r.member_id, direction: r.direction, fromOrgId: r.from_org_id, toOrgId: r.to_org_id, outsideOrg: r.outside_org,
  letterNo: letterNoOf(r), issuedOn: r.issued_on, validUntil: r.valid_until, status: r.status, decidedOn: r.decided_on,
  reason: r.reason, receiptOn: r.receipt_on, batchId: r.batch_id, version: r.version,
});
