import type ExcelJS from 'exceljs';
import { deadlinePhrase, gapPhrase } from '../../domain/campaign.js';
import { AppError } from '../../domain/errors.js';
import type { Db } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { listTargets } from '../campaign/campaign.query.js';

/**
 * The bulletin's 工作目标进展 section: the targets that apply to the bulletin's region (set on it or
 * above it), each with its progress at the month end, the gap in enterprises and the sub-areas
 * behind. Data from the campaign module (the statistics page's figures for that month end);
 * rendered here for HTML/PDF and XLSX, in bulletin-targets-docx.ts for Word. The section is left
 * out when no target applies.
 */
export type BulletinTarget = {
  title: string; metricLabel: string; setOn: string; targetRate: number; deadline: string;
  rate: number | null; numerator: number; denominator: number; gap: number; gapText: string; unit: '户' | '人';
  statusLabel: string; missed: boolean; deadlineText: string;
  behind: Array<{ name: string; rate: number | null; gap: number }>;
};
export type BulletinTargets = { asOf: string; items: BulletinTarget[] };

/** Printed Chinese runs numbers into the text (还差4户企业); the screen spaces them. */
const noSpaces = (s: string) => s.replace(/ /g, '');
const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const rateText = (r: number | null) => (r === null ? '—' : `${r.toFixed(1)}%`);
export const chineseDay = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export async function bulletinTargets(db: Db, actor: Actor, region: string, period: string): Promise<BulletinTargets> {
  try {
    const list = await listTargets(db, actor, { region, month: period });
    const items = list.items.filter((i) => i.progress).map(({ target: t, progress: p }): BulletinTarget => ({
      title: t.title, metricLabel: t.metricLabel, setOn: t.regionName, targetRate: t.targetRate, deadline: t.deadline,
      rate: p!.rate, numerator: p!.numerator, denominator: p!.denominator, gap: p!.gap, unit: p!.unit, gapText: noSpaces(gapPhrase(p!, t.higherIsBetter)),
      statusLabel: p!.statusLabel, missed: p!.status === 'missed', deadlineText: noSpaces(deadlinePhrase(p!.daysLeft)),
      behind: p!.behind.map((x) => ({ name: x.name, rate: x.rate, gap: x.gap })),
    }));
    return { asOf: list.asOf, items };
  } catch (err) {
    // A bulletin author who may not read the area's figures gets the bulletin without the section.
    if (err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) return { asOf: '', items: [] };
    throw err;
  }
}

type Sections = { rows: unknown[]; targets?: BulletinTargets; life?: unknown; union?: unknown };
const hasTargets = (b: Sections) => !!b.targets?.items.length;
/** Section numbers: 一 总体情况, 二 各地排名 (when there are sub-areas), then 工作目标进展, 组织生活开展情况 (bulletin-life.ts), 工会工作情况 (bulletin-union.ts), then 存在问题. */
export const targetsNumber = (b: Sections): string => CN[b.rows.length ? 2 : 1]!;
export const issuesNumber = (b: Sections): string => CN[(b.rows.length ? 2 : 1) + (hasTargets(b) ? 1 : 0) + (b.life ? 1 : 0) + (b.union ? 1 : 0)]!;

const behindText = (t: BulletinTarget) => (t.behind.length
  ? `未达到目标的有${t.behind.map((x) => `${x.name}（${rateText(x.rate)}，差${x.gap}${t.unit}）`).join('、')}。`
  : '各下级均已达到目标。');

/** One paragraph per target, in an official's words. */
export function targetSentence(t: BulletinTarget, asOf: string): string {
  const where = `截至${chineseDay(asOf)}为${rateText(t.rate)}（${t.numerator}/${t.denominator}）`;
  const state = t.gap === 0 ? '已达到目标' : t.missed ? `期限已过仍未完成，${t.gapText}` : `${t.gapText}，${t.deadlineText}`;
  return `${t.title}（${t.setOn}设定，目标值${t.targetRate}%，期限${chineseDay(t.deadline)}）：${where}，${state}。${t.gap === 0 ? '' : behindText(t)}`;
}

export const TARGET_HEAD = ['工作目标', '目标值', '完成期限', '当前', '差距', '期限', '进展'];
export const targetCells = (t: BulletinTarget): string[] =>
  [t.title, `${t.targetRate}%`, t.deadline, rateText(t.rate), t.gap === 0 ? '—' : t.gapText.replace(/^还(差|需减少)/, ''), t.deadlineText, t.statusLabel];

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A bar in the 当前 cell: filled to the rate, with the target marked — readable on paper too. */
function bar(t: BulletinTarget): string {
  const rate = Math.max(0, Math.min(100, t.rate ?? 0));
  return `<div style="position:relative;height:5pt;background:#eee;margin-top:1pt"><div style="width:${rate}%;height:5pt;background:${t.gap === 0 ? '#1a7f37' : t.missed ? '#d7000f' : '#2f54eb'}"></div>`
    + `<div style="position:absolute;left:${t.targetRate}%;top:-2pt;height:9pt;border-left:1pt solid #000"></div></div>`;
}

export function targetsHtml(b: Sections): string {
  if (!hasTargets(b)) return '';
  const { asOf, items } = b.targets!;
  const rows = items.map((t) => {
    const c = targetCells(t);
    return `<tr><td class="l">${esc(c[0]!)}</td><td>${c[1]}</td><td>${c[2]}</td><td>${c[3]}${bar(t)}</td><td>${esc(c[4]!)}</td><td>${esc(c[5]!)}</td><td${t.missed ? ' class="down"' : ''}>${esc(c[6]!)}</td></tr>`;
  }).join('');
  return `<h2>${targetsNumber(b)}、工作目标进展</h2>
${items.map((t) => `<p>${esc(targetSentence(t, asOf))}</p>`).join('\n')}
<table data-section="targets"><thead><tr>${TARGET_HEAD.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>
`;
}

/** The section as its own sheet: one row per target, then one per sub-area behind. */
export function addTargetsSheet(wb: ExcelJS.Workbook, b: Sections & { title: string }): void {
  if (!hasTargets(b)) return;
  const ws = wb.addWorksheet('工作目标进展');
  ws.addRow([b.title]).font = { bold: true, size: 14 };
  ws.addRow([`截至${b.targets!.asOf}`]);
  const head = ws.addRow(['工作目标', '指标', '设定单位', '目标值（%）', '完成期限', '当前（%）', '分子', '分母', '差距', '期限', '进展', '未达目标的下级']);
  head.font = { bold: true };
  [30, 22, 16, 12, 12, 10, 8, 8, 14, 14, 12, 50].forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  for (const t of b.targets!.items) {
    ws.addRow([t.title, t.metricLabel, t.setOn, t.targetRate, t.deadline, t.rate, t.numerator, t.denominator, t.gapText, t.deadlineText, t.statusLabel,
      t.behind.map((x) => `${x.name}（差${x.gap}${t.unit}）`).join('、')]);
  }
}
