import type ExcelJS from 'exceljs';
import type { Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { childLength, monthEnd, ratePercent } from '../../domain/metrics.js';
import { LIFE_STATUS_LABELS } from '../../domain/rules/life-compliance.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { orgStatuses, rollup } from '../life/life-rollup.repository.js';
import { lifeOptions } from '../life/life-settings.js';

/**
 * The bulletin's 组织生活 section (docs/life.md, "In the bulletin"): the year of the bulletin's month
 * as it stood at the month end — 党支部 达标 / 滞后 / 不活跃 of the region and of each sub-area (the
 * streets of a district), and the branches behind by name. The same roll-up and scope (org.read) as
 * the district page, so the bulletin and /life agree for the same day. Rendered here for HTML/PDF and
 * XLSX, in bulletin-life-docx.ts for Word; left out when the region has no active 党支部.
 */
export type LifeRow = { code: string; name: string; total: number; compliant: number; lagging: number; dormant: number; rate: number | null };
export type LaggingOrg = { name: string; area: string; status: string; missed: number; lastOn: string | null };
export type BulletinLife = { year: number; asOf: string; dormantMonths: number; total: LifeRow; rows: LifeRow[]; behind: LaggingOrg[] };

/** Branches named in the text and the Word/PDF table; the workbook lists them all. */
export const NAMED = 30;
const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const rateText = (r: number | null) => (r === null ? '—' : `${r.toFixed(1)}%`);
const rowOf = (code: string, name: string, c: { total: number; compliant: number; lagging: number; dormant: number }): LifeRow =>
  ({ code, name, ...c, rate: ratePercent({ numerator: c.compliant, denominator: c.total }) });

export async function bulletinLife(db: Db, actor: Actor, region: string, period: string, regionName: string): Promise<BulletinLife | undefined> {
  let scope;
  try {
    scope = requireAction(actor, 'org.read');
  } catch (err) {
    // An author who may not read organisations gets the bulletin without the section.
    if (err instanceof AppError && err.code === 'FORBIDDEN') return undefined;
    throw err;
  }
  const o = { year: Number(period.slice(0, 4)), asOf: monthEnd(period), region, own: true, ...(await lifeOptions(db)) };
  const digits = (childLength(region.length) ?? 12) as 4 | 6 | 9 | 12;
  const kids = await rollup(db, scope, { ...o, digits });
  const sum = kids.reduce((t, r) => ({ total: t.total + r.total, compliant: t.compliant + r.compliant, lagging: t.lagging + r.lagging, dormant: t.dormant + r.dormant }), { total: 0, compliant: 0, lagging: 0, dormant: 0 });
  if (!sum.total) return undefined;
  const names = new Map(kids.map((k) => [k.region, k.name ?? k.region]));
  const behind = (await orgStatuses(db, scope, o)).filter((s) => s.status !== 'compliant')
    .sort((a, b) => (a.status === b.status ? b.missed - a.missed : a.status === 'dormant' ? -1 : 1))
    .map((s) => ({ name: s.name, area: names.get(s.region_code?.slice(0, digits) ?? '') ?? '', status: LIFE_STATUS_LABELS[s.status], missed: s.missed, lastOn: s.last_on }));
  return { year: o.year, asOf: o.asOf, dormantMonths: o.dormantMonths, total: rowOf(region, regionName, sum), rows: kids.map((k) => rowOf(k.region, k.name ?? k.region, k)), behind };
}

type Sections = { rows: unknown[]; targets?: { items: unknown[] }; life?: BulletinLife };
export const lifeNumber = (b: Sections): string => CN[(b.rows.length ? 2 : 1) + (b.targets?.items.length ? 1 : 0)]!;

/** The section's paragraph, in an official's words. */
export function lifeSentence(l: BulletinLife): string {
  const t = l.total;
  const named = l.behind.slice(0, NAMED).map((x) => `${x.name}（${x.area ? `${x.area}，` : ''}${x.status}）`).join('、');
  const more = l.behind.length > NAMED ? `等${l.behind.length}个` : '';
  return `按照《中国共产党支部工作条例（试行）》关于“三会一课”、主题党日、组织生活会等的要求，截至${l.asOf.slice(0, 4)}年${Number(l.asOf.slice(5, 7))}月${Number(l.asOf.slice(8, 10))}日，`
    + `${t.name}正常运转的党支部${t.total}个，本年组织生活达标${t.compliant}个，达标率${rateText(t.rate)}；滞后${t.lagging}个，不活跃（连续${l.dormantMonths}个月以上未开展组织生活）${t.dormant}个。`
    + (l.behind.length ? `未达标的党支部有：${named}${more}。` : '');
}

export const LIFE_HEAD = ['地区', '党支部', '达标', '滞后', '不活跃', '达标率'];
export const lifeCells = (r: LifeRow): string[] => [r.name, String(r.total), String(r.compliant), String(r.lagging), String(r.dormant), rateText(r.rate)];
export const BEHIND_HEAD = ['党支部', '地区', '状态', '缺开期次', '最近一次会议'];
export const behindCells = (x: LaggingOrg): string[] => [x.name, x.area, x.status, String(x.missed), x.lastOn ?? '无'];

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const tr = (cells: string[], th = false) => `<tr>${cells.map((c, i) => (th ? `<th>${esc(c)}</th>` : `<td${i === 0 ? ' class="l"' : ''}>${esc(c)}</td>`)).join('')}</tr>`;

export function lifeHtml(b: Sections): string {
  const l = b.life;
  if (!l) return '';
  const rows = [...l.rows, { ...l.total, name: '合计' }].map((r) => tr(lifeCells(r))).join('');
  const behind = l.behind.slice(0, NAMED).map((x) => tr(behindCells(x))).join('');
  return `<h2>${lifeNumber(b)}、组织生活开展情况</h2>
<p>${esc(lifeSentence(l))}</p>
<table data-section="life"><thead>${tr(LIFE_HEAD, true)}</thead><tbody>${rows}</tbody></table>
${behind ? `<table data-section="life-behind"><thead>${tr(BEHIND_HEAD, true)}</thead><tbody>${behind}</tbody></table>` : ''}
`;
}

/** The section as its own sheet: the areas with 合计, then every branch behind. */
export function addLifeSheet(wb: ExcelJS.Workbook, b: Sections & { title: string }): void {
  const l = b.life;
  if (!l) return;
  const ws = wb.addWorksheet('组织生活');
  ws.addRow([b.title]).font = { bold: true, size: 14 };
  ws.addRow([`${l.year}年，截至${l.asOf}`]);
  ws.addRow(['区划代码', '地区', '党支部', '达标', '滞后', '不活跃', '达标率（%）']).font = { bold: true };
  [14, 20, 10, 10, 10, 10, 12].forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  for (const r of [...l.rows, { ...l.total, name: '合计' }]) ws.addRow([r.code, r.name, r.total, r.compliant, r.lagging, r.dormant, r.rate]);
  ws.addRow([]);
  ws.addRow(['未达标的党支部', '地区', '状态', '缺开期次', '最近一次会议']).font = { bold: true };
  for (const x of l.behind) ws.addRow([x.name, x.area, x.status, x.missed, x.lastOn ?? '无']);
}
