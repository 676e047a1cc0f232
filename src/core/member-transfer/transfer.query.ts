import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Transfer, TransferListFilter, TransferListQuery, TransferPage } from '../../contracts/member-transfer.js';
import type { Db, Executor } from '../../db/schema.js';
import { MEMBER_CATEGORY_LABELS } from '../../domain/member.js';
import { TRANSFER_DIRECTION_LABELS, TRANSFER_STATUS_LABELS } from '../../domain/member-transfer.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { likeEscape } from '../party-org/party-org.repository.js';
import { requireVisibleTransfer, scopesOf } from './transfer.access.js';
import { toTransfer } from './transfer.mapper.js';
import { countTransfers, listTransfers } from './transfer.repository.js';

/** `GET /api/member-transfers`: one box of the inbox, newest first, with its total. */
export async function listTransferPage(db: Db, keyring: Keyring, actor: Actor, q: TransferListQuery): Promise<TransferPage> {
  const scopes = scopesOf(actor);
  const { offset, limit, ...filter } = q;
  const now = today();
  const [rows, total] = await Promise.all([listTransfers(db, scopes, filter, now, offset, limit), countTransfers(db, scopes, filter, now)]);
  return { items: rows.map((r) => toTransfer(keyring, r, now)), total };
}

export async function getTransferIn(db: Executor, keyring: Keyring, actor: Actor, id: string): Promise<Transfer> {
  const { t } = await requireVisibleTransfer(db, actor, id);
  return toTransfer(keyring, t, today());
}

/**
 * Receiving organisations for a letter: any active organisation whose name contains `q` — a letter
 * may go anywhere in the country, so this names organisations beyond the caller's scope (names only).
 */
export async function searchReceivers(db: Db, actor: Actor, q: string): Promise<{ items: Array<{ id: string; name: string }> }> {
  requireAction(actor, 'org.manage');
  const items = await db.selectFrom('party_org').select(['id', 'name']).where('status', '=', 'active')
    .where('name', 'like', `%${likeEscape(q)}%`).orderBy('name').limit(20).execute();
  return { items };
}

const COLUMNS = [
  { header: '介绍信编号', width: 16 }, { header: '姓名', width: 10 }, { header: '身份证号码', width: 22 }, { header: '党员类别', width: 10 },
  { header: '转出党组织', width: 36 }, { header: '接收党组织', width: 36 }, { header: '转接方式', width: 14 }, { header: '开具日期', width: 12 },
  { header: '有效期至', width: 12 }, { header: '状态', width: 10 }, { header: '办理日期', width: 12 }, { header: '退回或撤回原因', width: 30 },
  { header: '回执日期', width: 12 },
];
const PAGE = 1000;

/** The inbox box as XLSX — exactly its rows (same scope, box and filters), numbers masked; audited. */
export async function openTransferExport(db: Db, keyring: Keyring, actor: Actor, filter: TransferListFilter) {
  const scopes = scopesOf(actor);
  const write = async (out: Writable): Promise<number> => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet('组织关系转接');
    ws.columns = COLUMNS;
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    const now = today();
    let count = 0;
    for (let offset = 0; ; offset += PAGE) {
      const rows = await listTransfers(db, scopes, filter, now, offset, PAGE);
      for (const r of rows) {
        const t = toTransfer(keyring, r, now);
        ws.addRow([t.letterNo ?? '', t.memberName, t.idNumber ?? '', MEMBER_CATEGORY_LABELS[t.category], t.fromOrgName ?? t.outsideOrg ?? '',
          t.toOrgName ?? t.outsideOrg ?? '', TRANSFER_DIRECTION_LABELS[t.direction], t.issuedOn, t.validUntil ?? '', TRANSFER_STATUS_LABELS[t.status],
          t.decidedOn ?? '', t.reason ?? '', t.receiptOn ?? '']).commit();
      }
      count += rows.length;
      if (rows.length < PAGE) break;
    }
    ws.commit();
    await db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'member_transfer.export', entity: 'member_transfer', after: { filter, rows: count } }));
    await wb.commit();
    return count;
  };
  return { title: `组织关系转接-${today()}`, write };
}
