import type { Writable } from 'node:stream';
import type { BargainingBoard, BargainingBoardQuery, BargainingRoundRow, BargainingRoundsExportQuery } from '../../contracts/bargaining.js';
import type { Db } from '../../db/schema.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { BARGAINING_STAGE_LABELS, BOARD_STAGES, CONTRACT_KIND_LABELS } from '../../domain/rules/bargaining.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { regionColumns, writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import { toRoundRow } from './bargaining.mapper.js';
import { bargainingBoard, roundRows } from './bargaining.query.js';

const STATE = { pending: '未到期', overdue: '已逾期', done: '已完成', late: '逾期完成' } as Record<string, string>;

const COLUMNS: ListColumn<BargainingRoundRow>[] = [
  { header: '工会', width: 36, cell: (r) => r.unionName }, ...regionColumns<BargainingRoundRow>((r) => r.regionCode),
  { header: '街道（乡镇）', width: 16, cell: (r) => r.streetName ?? '' },
  { header: '合同类别', width: 18, cell: (r) => CONTRACT_KIND_LABELS[r.contractKind] }, { header: '阶段', width: 10, cell: (r) => BARGAINING_STAGE_LABELS[r.stage] },
  { header: '要约日期', width: 12, cell: (r) => r.requestedOn }, { header: '签订日期', width: 12, cell: (r) => r.signedOn ?? '' },
  { header: '报送日期', width: 12, cell: (r) => r.filedOn ?? '' }, { header: '生效日期', width: 12, cell: (r) => r.effectiveOn ?? '' },
  { header: '期满日期', width: 12, cell: (r) => r.endsOn ?? '' },
  { header: '下一期限', width: 30, cell: (r) => (r.nextDue ? `${r.nextDue.label} ${r.nextDue.date}（${STATE[r.nextDue.state] ?? ''}）` : '') },
  { header: '提醒条数', width: 10, cell: (r) => r.findings },
];

async function* once<T>(rows: T[], size = 1000): AsyncGenerator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/** The drill-down as XLSX: exactly the rows of `GET /api/bargaining/rounds` for the same filter and scope (all pages); audited. */
export async function openRoundsExport(db: Db, actor: Actor, q: BargainingRoundsExportQuery): Promise<{ title: string; write(out: Writable): Promise<number> }> {
  const { rows } = await roundRows(db, actor, q);
  const what = q.stage ? `${BARGAINING_STAGE_LABELS[q.stage]}` : '';
  return {
    title: `集体协商${what}-${today()}`,
    write: (out) => writeListXlsx(db, out, {
      sheet: '集体协商', columns: COLUMNS, pages: once(rows.map(toRoundRow)), regionCodes: (r) => [r.regionCode],
      beforeClose: (n) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'union.bargaining.export', entity: 'union', after: { filter: q, rows: n } })),
    }),
  };
}

type BoardRow = BargainingBoard['rows'][number];
const BOARD_COLUMNS: ListColumn<BoardRow>[] = [
  { header: '街道（乡镇）代码', width: 16, cell: (r) => r.region }, { header: '街道（乡镇）', width: 20, cell: (r) => r.name ?? '' },
  ...BOARD_STAGES.map((s): ListColumn<BoardRow> => ({ header: BARGAINING_STAGE_LABELS[s], width: 9, cell: (r) => r.counts[s] })),
  { header: '合计', width: 9, cell: (r) => r.total },
];

/** The board's table as XLSX: exactly its rows by street (same scope and area); audited. */
export async function openBoardExport(db: Db, actor: Actor, q: BargainingBoardQuery): Promise<{ title: string; write(out: Writable): Promise<number> }> {
  const board = await bargainingBoard(db, actor, q);
  return {
    title: `集体协商阶段统计-${today()}`,
    write: (out) => writeListXlsx(db, out, {
      sheet: '集体协商阶段统计', columns: BOARD_COLUMNS, pages: once(board.rows),
      beforeClose: (n) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'union.bargaining.board_export', entity: 'union', after: { filter: q, rows: n } })),
    }),
  };
}
