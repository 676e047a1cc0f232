import type { Writable } from 'node:stream';
import type { DuesLedgerPage, DuesLedgerQuery, DuesMonthQuery } from '../../contracts/dues.js';
import type { Db } from '../../db/schema.js';
import { returnedFen, PAYMENT_METHOD_LABEL } from '../../domain/dues.js';
import { DUES_CATEGORY_LABELS, type DuesCategory } from '../../domain/rules/member-facts.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { canManageOrg, requireVisibleOrg } from '../party-org/party-org.access.js';
import { keysetPages, writeListXlsx } from '../xlsx/list-xlsx.js';
import { readDuesSettings } from './dues-settings.js';
import { toLedgerRow } from './dues.mapper.js';
import * as repo from './dues.repository.js';

/** The month ledger of an organisation (docs/dues.md): a keyset page, the month's totals, the export. */
export async function listDuesLedger(db: Db, actor: Actor, q: DuesLedgerQuery): Promise<DuesLedgerPage> {
  const { scope } = await requireVisibleOrg(db, actor, q.orgId);
  const rows = await repo.listLedger(db, scope, q, q.cursor, q.limit + 1);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const sums = await repo.sumLedger(db, scope, q);
  const settings = await readDuesSettings(db);
  // Every row of the page is the organisation's: managed as it is, under org.manage (the read scope's own place is not managing).
  const manageable = await canManageOrg(db, actor, q.orgId);
  return {
    items: page.map((r) => ({ ...toLedgerRow(r), manageable })), total: sums.members, nextCursor: more ? page[page.length - 1].id : null,
    totals: {
      members: sums.members, paidMembers: sums.paid_members, dueFen: sums.due_fen, paidFen: sums.paid_fen, arrearsFen: sums.arrears_fen,
      returnedFen: returnedFen(sums.paid_fen, settings.returnRatioBp), returnRatioBp: settings.returnRatioBp,
    },
    monthStatus: await repo.monthStatus(db, q.orgId, q.month),
    manageable,
  };
}

const fenCell = (fen: number | null) => (fen === null ? '' : fen / 100);

/** Exactly the list's rows (same filter, same scope, same order), amounts in 元 as numbers. */
export async function openDuesExport(db: Db, actor: Actor, f: DuesMonthQuery) {
  const { scope, org } = await requireVisibleOrg(db, actor, f.orgId);
  return {
    title: `党费台账-${org.name}-${f.month}`,
    write: (out: Writable) => writeListXlsx(db, out, {
      sheet: `${f.month}党费`,
      columns: [
        { header: '姓名', width: 12, cell: (r: repo.LedgerView) => r.name },
        { header: '月份', width: 10, cell: (r) => r.month },
        { header: '党员类别', width: 14, cell: (r) => DUES_CATEGORY_LABELS[r.category as DuesCategory] ?? '' },
        { header: '交纳基数（元）', width: 14, cell: (r) => fenCell(r.base_fen === null ? null : Number(r.base_fen)) },
        { header: '计算标准', width: 40, cell: (r) => toLedgerRow(r).basis },
        { header: '应交（元）', width: 12, cell: (r) => fenCell(r.due_fen) },
        { header: '实交（元）', width: 12, cell: (r) => fenCell(r.paid_fen) },
        { header: '缴费日期', width: 12, cell: (r) => r.paid_on ?? '' },
        { header: '登记方式', width: 10, cell: (r) => (r.method ? PAYMENT_METHOD_LABEL[r.method] : '') },
        { header: '欠交（元）', width: 12, cell: (r) => fenCell(Math.max(0, r.due_fen - r.paid_fen)) },
      ],
      pages: keysetPages((after, limit) => repo.listLedger(db, scope, f, after, limit + 1)),
      beforeClose: (rows) => recordAudit(db, actor, { action: 'dues.export', entity: 'dues_month', entityId: f.orgId, after: { month: f.month, rows } }),
    }),
  };
}
