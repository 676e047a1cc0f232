import type { Writable } from 'node:stream';
import type { FundsLine, FundsLinesExportQuery, FundsLinesPage, FundsLinesQuery, FundsRollup, FundsRollupQuery, FundsSums, UnionFunds } from '../../contracts/union-services.js';
import type { Db } from '../../db/schema.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { FUNDS_RATE_SOURCE, FUNDS_STATUS_LABELS, fundsDueDaySetting, yuan } from '../../domain/union-services.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { regionColumns, writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import * as repo from './funds.repository.js';
import { toFundsLine } from './funds.service.js';
import { mayManageUnion, readUnion } from './services.access.js';

/** 工会经费 reads: a union's year, the roll-up by street for a month or a year, the drill-down to lines, exports. */
const pad = (n: number) => String(n).padStart(2, '0');
export function periodOf(year: number, month?: number): { from: string; to: string } {
  if (!month) return { from: `${year}-01-01`, to: `${year + 1}-01-01` };
  return { from: `${year}-${pad(month)}-01`, to: month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01` };
}
const toSums = (r: repo.FundsSumRow): FundsSums => ({
  lines: r.lines, dueFen: Number(r.due_fen), paidFen: Number(r.paid_fen), arrearsFen: Number(r.arrears_fen), arrearsLines: r.arrears_lines,
  onTimeLines: r.on_time_lines, lateLines: r.late_lines, notDueLines: r.not_due_lines, partlyPaidLines: r.partly_paid_lines,
});

export async function getUnionFunds(db: Db, actor: Actor, unionId: string, year: number): Promise<UnionFunds> {
  const { union, scope } = await readUnion(db, actor, unionId);
  const on = today();
  const f = { ...periodOf(year), unionId };
  const [rows, sums, manageable] = await Promise.all([repo.pageFunds(db, scope, f, on, 0, 12), repo.sumFunds(db, scope, f, on), mayManageUnion(db, actor, unionId)]);
  const setting = fundsDueDaySetting(union.region_code, on);
  return {
    unionId, year, items: rows.map((r) => toFundsLine(r, on)), sums: toSums(sums), manageable,
    defaultPayrollFen: union.monthly_payroll === null ? null : Math.round(Number(union.monthly_payroll) * 100),
    dueDay: setting.day, dueDaySource: setting.source, rateSource: FUNDS_RATE_SOURCE,
  };
}

export async function fundsRollup(db: Db, actor: Actor, q: FundsRollupQuery): Promise<FundsRollup> {
  const scope = requireAction(actor, 'union.read');
  const on = today();
  const f = { ...periodOf(q.year, q.month), region: q.region };
  const [rows, sum] = await Promise.all([repo.fundsByStreet(db, scope, f, on), repo.sumFunds(db, scope, f, on)]);
  return {
    year: q.year, month: q.month ?? null, asOf: on,
    rows: rows.map((r) => ({ region: r.region, name: r.name, unions: r.unions, ...toSums(r) })),
    sum: { unions: sum.unions, ...toSums(sum) },
  };
}

const filterOf = (q: FundsLinesExportQuery) => ({ ...periodOf(q.year, q.month), region: q.region, status: q.status, unionId: q.unionId });

export async function fundsLines(db: Db, actor: Actor, q: FundsLinesQuery): Promise<FundsLinesPage> {
  const scope = requireAction(actor, 'union.read');
  if (q.unionId) await readUnion(db, actor, q.unionId);
  const on = today();
  const [rows, sums] = await Promise.all([repo.pageFunds(db, scope, filterOf(q), on, q.offset, q.limit), repo.sumFunds(db, scope, filterOf(q), on)]);
  return { items: rows.map((r) => toFundsLine(r, on)), total: sums.lines, sums: toSums(sums) };
}

const LINE_COLUMNS: ListColumn<FundsLine>[] = [
  { header: '月份', width: 10, cell: (r) => r.month }, { header: '工会', width: 32, cell: (r) => r.unionName }, ...regionColumns<FundsLine>((r) => r.regionCode),
  { header: '上月工资总额（元）', width: 16, cell: (r) => yuan(r.payrollFen) }, { header: '工资总额来源', width: 12, cell: (r) => (r.payrollOwn ? '当月登记' : '工会登记的月工资总额') },
  { header: '应拨缴（元）', width: 14, cell: (r) => yuan(r.dueFen) }, { header: '拨缴期限', width: 12, cell: (r) => r.dueOn },
  { header: '已拨缴（元）', width: 14, cell: (r) => yuan(r.paidFen) }, { header: '拨缴日期', width: 12, cell: (r) => r.paidOn ?? '' },
  { header: '状态', width: 14, cell: (r) => FUNDS_STATUS_LABELS[r.status] }, { header: '欠缴（元）', width: 12, cell: (r) => yuan(r.arrearsFen) },
];

/** The drill-down's lines as XLSX: exactly the rows of `GET /api/union-funds/lines` for the filter; audited. */
export async function openFundsLinesExport(db: Db, actor: Actor, q: FundsLinesExportQuery): Promise<{ write(out: Writable): Promise<number> }> {
  const scope = requireAction(actor, 'union.read');
  if (q.unionId) await readUnion(db, actor, q.unionId);
  const on = today();
  async function* pages(): AsyncGenerator<FundsLine[]> {
    for (let offset = 0; ; offset += 500) {
      const rows = await repo.pageFunds(db, scope, filterOf(q), on, offset, 500);
      if (rows.length) yield rows.map((r) => toFundsLine(r, on));
      if (rows.length < 500) return;
    }
  }
  return {
    write: (out) => writeListXlsx(db, out, {
      sheet: '工会经费', columns: LINE_COLUMNS, pages: pages(), regionCodes: (r) => [r.regionCode],
      beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'union.funds.export', entity: 'union_funds_month', after: { filter: q, rows } })),
    }),
  };
}

type RollupRow = FundsRollup['rows'][number];
const ROLLUP_COLUMNS: ListColumn<RollupRow>[] = [
  { header: '街道（乡镇）代码', width: 14, cell: (r) => r.region }, { header: '街道（乡镇）', width: 24, cell: (r) => r.name ?? (r.region ? '' : '未登记属地') },
  { header: '工会数', width: 8, cell: (r) => r.unions }, { header: '经费记录数', width: 10, cell: (r) => r.lines },
  { header: '按期足额拨缴（月）', width: 12, cell: (r) => r.onTimeLines ?? 0 }, { header: '逾期后足额拨缴（月）', width: 12, cell: (r) => r.lateLines ?? 0 },
  { header: '未到期（月）', width: 10, cell: (r) => r.notDueLines ?? 0 }, { header: '部分拨缴未到期（月）', width: 12, cell: (r) => r.partlyPaidLines ?? 0 },
  { header: '应拨缴（元）', width: 16, cell: (r) => yuan(r.dueFen) }, { header: '已拨缴（元）', width: 16, cell: (r) => yuan(r.paidFen) },
  { header: '欠缴（元）', width: 14, cell: (r) => yuan(r.arrearsFen) }, { header: '欠缴记录数', width: 10, cell: (r) => r.arrearsLines },
];

/** The roll-up table as XLSX (its rows, then 合计); audited. */
export async function openFundsRollupExport(db: Db, actor: Actor, q: FundsRollupQuery): Promise<{ write(out: Writable): Promise<number> }> {
  const r = await fundsRollup(db, actor, q);
  const rows: RollupRow[] = [...r.rows, { region: '合计', name: '合计', ...r.sum }];
  return {
    write: (out) => writeListXlsx(db, out, {
      sheet: '工会经费汇总', columns: ROLLUP_COLUMNS, pages: (async function* () { yield rows; })(),
      beforeClose: (n) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'union.funds.rollup.export', entity: 'union_funds_month', after: { filter: q, rows: n } })),
    }),
  };
}
