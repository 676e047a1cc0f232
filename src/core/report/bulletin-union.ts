import type ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { monthEnd, ratePercent, significantPrefix, type MetricId, type Pair } from '../../domain/metrics.js';
import { unionInScope } from '../access/party-org-scope.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import type { Scope } from '../access/scope.js';
import { mediationInTime } from '../mediation/mediation.query.js';
import type { SnapshotRow } from '../coverage/snapshot.repository.js';

/**
 * The bulletin's 工会工作情况 section (docs/unions.md, "在月通报中"): the union figures of the month-end
 * snapshots — 工会组建率, 职工入会率 (from names where unions keep rosters), 集体合同签订率, 职代会建制率 —
 * for the region and each sub-area, the same pairs the dashboard drills into; then, read live at
 * generation with the author's union.read scope, the year's mediation cases closed within the legal
 * 15 days and the dispatched workers among the real-name members. Left out when no enterprise of the
 * region has a union.
 */
export const UNION_METRICS = ['unionSetup', 'unionMembership', 'collectiveContract', 'congressCoverage'] as const satisfies readonly MetricId[];
export type UnionRow = { code: string; name: string } & Record<(typeof UNION_METRICS)[number], Pair>;
export type BulletinUnion = {
  asOf: string; total: UnionRow; rows: UnionRow[];
  /** Cases concluded this year up to the month end, and of them within the mediation period. */
  mediation?: { closedInTime: number; closed: number };
  /** Real-name members of the region's unions: active, of them 劳务派遣; members counted from rosters vs all. */
  roster?: { members: number; dispatched: number };
};

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const rateText = (p: Pair) => { const r = ratePercent(p); return r === null ? '—' : `${r.toFixed(1)}%`; };
const pairOf = (rows: SnapshotRow[], key: string, metric: string): Pair => {
  const r = rows.find((x) => x.scope_key === key && x.metric === metric);
  return { numerator: Number(r?.numerator ?? 0), denominator: Number(r?.denominator ?? 0) };
};
/** A row keyed by its snapshot key (12 digits), shown by the region's significant prefix as the other sections do. */
const rowOf = (rows: SnapshotRow[], key: string, name: string): UnionRow =>
  Object.assign({ code: significantPrefix(key), name }, ...UNION_METRICS.map((m) => ({ [m]: pairOf(rows, key, m) }))) as UnionRow;

function unionScope(actor: Actor): Scope | undefined {
  try {
    return requireAction(actor, 'union.read');
  } catch (err) {
    if (err instanceof AppError && err.code === 'FORBIDDEN') return undefined;
    throw err;
  }
}

async function rosterCounts(db: Db, scope: Scope, region: string): Promise<{ members: number; dispatched: number }> {
  const r = await sql<{ members: number; dispatched: number }>`
    SELECT count(*)::int AS members, count(*) FILTER (WHERE m.dispatched)::int AS dispatched
      FROM union_member m JOIN union_org u ON u.id = m.union_id
     WHERE m.status = 'active' AND u.roster_since IS NOT NULL AND u.region_code LIKE ${`${region}%`} AND ${unionInScope(scope)}`.execute(db);
  return { members: Number(r.rows[0]?.members ?? 0), dispatched: Number(r.rows[0]?.dispatched ?? 0) };
}

export async function bulletinUnion(
  db: Db, actor: Actor, region: string, period: string, snap: { mine: SnapshotRow[]; kids: SnapshotRow[]; key: string; names: Map<string, string>; regionName: string },
): Promise<BulletinUnion | undefined> {
  const total = rowOf(snap.mine, snap.key, snap.regionName);
  if (!total.unionMembership.denominator && !total.unionSetup.numerator) return undefined;
  const codes = [...new Set(snap.kids.map((k) => k.scope_key))].sort();
  const asOf = monthEnd(period);
  const scope = unionScope(actor);
  return {
    asOf, total, rows: codes.map((c) => rowOf(snap.kids, c, snap.names.get(c) ?? c)),
    ...(scope ? {
      mediation: await mediationInTime(db, scope, region, `${period.slice(0, 4)}-01-01`, asOf),
      roster: await rosterCounts(db, scope, region),
    } : {}),
  };
}

type Sections = { rows: unknown[]; targets?: { items: unknown[] }; life?: unknown; union?: BulletinUnion };
export const unionNumber = (b: Sections): string => CN[(b.rows.length ? 2 : 1) + (b.targets?.items.length ? 1 : 0) + (b.life ? 1 : 0)]!;

/** The section's paragraph, in an official's words. */
export function unionSentence(u: BulletinUnion): string {
  const t = u.total;
  const day = `${u.asOf.slice(0, 4)}年${Number(u.asOf.slice(5, 7))}月${Number(u.asOf.slice(8, 10))}日`;
  const med = u.mediation && u.mediation.closed
    ? `本年调解结案的劳动争议${u.mediation.closed}件，其中在受理之日起15日内结案${u.mediation.closedInTime}件，按期结案率${rateText({ numerator: u.mediation.closedInTime, denominator: u.mediation.closed })}（《劳动争议调解仲裁法》第十四条）。`
    : '';
  const roster = u.roster && u.roster.members
    ? `实名登记会员${u.roster.members}人，其中劳务派遣工${u.roster.dispatched}人，占${rateText({ numerator: u.roster.dispatched, denominator: u.roster.members })}。`
    : '';
  return `截至${day}，${t.name}职工25人以上的在营企业中已建立或加入工会${t.unionSetup.numerator}家，工会组建率${rateText(t.unionSetup)}；`
    + `已建工会企业职工入会率${rateText(t.unionMembership)}，集体合同签订率${rateText(t.collectiveContract)}，`
    + `近12个月召开职代会（职工大会）的企业${t.congressCoverage.numerator}家，职代会建制率${rateText(t.congressCoverage)}。${med}${roster}`;
}

export const UNION_HEAD = ['地区', '工会组建率', '职工入会率', '集体合同签订率', '职代会建制率'];
export const unionCells = (r: UnionRow): string[] => [r.name, ...UNION_METRICS.map((m) => rateText(r[m]))];

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const tr = (cells: string[], th = false) => `<tr>${cells.map((c, i) => (th ? `<th>${esc(c)}</th>` : `<td${i === 0 ? ' class="l"' : ''}>${esc(c)}</td>`)).join('')}</tr>`;

export function unionHtml(b: Sections): string {
  const u = b.union;
  if (!u) return '';
  const rows = [...u.rows, { ...u.total, name: '合计' }].map((r) => tr(unionCells(r))).join('');
  return `<h2>${unionNumber(b)}、工会工作情况</h2>
<p>${esc(unionSentence(u))}</p>
<table data-section="union"><thead>${tr(UNION_HEAD, true)}</thead><tbody>${rows}</tbody></table>
`;
}

/** The section as its own sheet: each area's pairs (numerator, denominator, rate) with 合计. */
export function addUnionSheet(wb: ExcelJS.Workbook, b: Sections & { title: string }): void {
  const u = b.union;
  if (!u) return;
  const ws = wb.addWorksheet('工会工作');
  ws.addRow([b.title]).font = { bold: true, size: 14 };
  ws.addRow([`截至${u.asOf}`]);
  const head = ['区划代码', '地区'];
  for (const h of UNION_HEAD.slice(1)) head.push(`${h}·分子`, `${h}·分母`, `${h}（%）`);
  ws.addRow(head).font = { bold: true };
  head.forEach((_, i) => { ws.getColumn(i + 1).width = i < 2 ? 16 : 12; });
  for (const r of [...u.rows, { ...u.total, name: '合计' }]) {
    ws.addRow([r.code, r.name, ...UNION_METRICS.flatMap((m) => [r[m].numerator, r[m].denominator, ratePercent(r[m])])]);
  }
  if (u.mediation) ws.addRow(['', '本年调解按期结案', u.mediation.closedInTime, u.mediation.closed, ratePercent({ numerator: u.mediation.closedInTime, denominator: u.mediation.closed })]);
  if (u.roster) ws.addRow(['', '实名会员中劳务派遣工', u.roster.dispatched, u.roster.members, ratePercent({ numerator: u.roster.dispatched, denominator: u.roster.members })]);
}
