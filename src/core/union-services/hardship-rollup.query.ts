import type { Writable } from 'node:stream';
import type { HardshipCounts, HardshipRollup, HardshipRollupQuery } from '../../contracts/union-services-district.js';
import type { Db } from '../../db/schema.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { yuan } from '../../domain/union-services.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import { hardshipByStreet, type HardshipCountRow } from './hardship-rollup.repository.js';

/**
 * The district page 困难职工帮扶: files of the unions the reader sees under union.read (own place or a
 * link, as the list) counted by the union's own street, with the 合计; an XLSX of exactly those rows.
 */
const KEYS = ['unions', 'files', 'applied', 'approved', 'deep', 'relative', 'accident', 'closed', 'rejected', 'overdue', 'paidFiles', 'paidFen'] as const;
const countsOf = (r: HardshipCountRow): HardshipCounts => ({
  unions: r.unions, files: r.files, applied: r.applied, approved: r.approved, deep: r.deep, relative: r.relative, accident: r.accident,
  closed: r.closed, rejected: r.rejected, overdue: r.overdue, paidFiles: r.paid_files, paidFen: Number(r.paid_fen),
});

export async function hardshipRollup(db: Db, actor: Actor, q: HardshipRollupQuery): Promise<HardshipRollup> {
  const scope = requireAction(actor, 'union.read');
  const on = today();
  const year = q.year ?? Number(on.slice(0, 4));
  const rows = (await hardshipByStreet(db, scope, { region: q.region, year }, on)).map((r) => ({ region: r.region, name: r.name, ...countsOf(r) }));
  // A union sits in one street, so the streets' union counts add up to the whole.
  const sum = Object.fromEntries(KEYS.map((k) => [k, rows.reduce((s, r) => s + r[k], 0)])) as HardshipCounts;
  return { year, asOf: on, rows, sum };
}

type Row = HardshipRollup['rows'][number];
const COLUMNS: ListColumn<Row>[] = [
  { header: '街道（乡镇）代码', width: 14, cell: (r) => r.region }, { header: '街道（乡镇）', width: 24, cell: (r) => r.name ?? (r.region ? '' : '未登记属地') },
  { header: '工会数', width: 8, cell: (r) => r.unions }, { header: '帮扶档案数', width: 10, cell: (r) => r.files },
  { header: '申请中', width: 8, cell: (r) => r.applied }, { header: '在档帮扶', width: 10, cell: (r) => r.approved },
  { header: '其中深度困难', width: 12, cell: (r) => r.deep }, { header: '其中相对困难', width: 12, cell: (r) => r.relative },
  { header: '其中意外致困', width: 12, cell: (r) => r.accident }, { header: '复核逾期', width: 10, cell: (r) => r.overdue },
  { header: '已脱困', width: 8, cell: (r) => r.closed }, { header: '未通过认定', width: 10, cell: (r) => r.rejected },
  { header: '本年获帮扶档案数', width: 14, cell: (r) => r.paidFiles }, { header: '本年帮扶金（元）', width: 16, cell: (r) => yuan(r.paidFen) },
];

/** The page's table as XLSX (its rows, then 合计); audited `union.hardship.rollup.export`. */
export async function openHardshipRollupExport(db: Db, actor: Actor, q: HardshipRollupQuery): Promise<{ write(out: Writable): Promise<number> }> {
  const r = await hardshipRollup(db, actor, q);
  const rows: Row[] = [...r.rows, { region: '合计', name: '合计', ...r.sum }];
  return {
    write: (out) => writeListXlsx(db, out, {
      sheet: '困难职工帮扶统计', columns: COLUMNS, pages: (async function* () { yield rows; })(),
      beforeClose: (n) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'union.hardship.rollup.export', entity: 'union_hardship_file', after: { filter: { ...q, year: r.year }, rows: n } })),
    }),
  };
}
