import type { BulletinCharts } from './bulletin-charts.js';
import { chineseDate } from '../../domain/bulletin-issue.js';
import { fmt, type Bulletin } from './bulletin-data.js';
import { lifeHtml } from './bulletin-life.js';
import { unionHtml } from './bulletin-union.js';
import { issuesNumber, targetsHtml } from './bulletin-targets.js';

/**
 * The bulletin as an A4 HTML document (printed to PDF by Chromium) laid out after 党政机关公文格式
 * GB/T 9704: 版心 156×225 mm, red 发文机关标志 and 发文字号 over a red rule, 主送, body in 三号
 * (16 pt, 22 lines a page), signature and date, then the 版记 (抄送, 印发机关 and 印发日期 between
 * rules). Fonts are what Debian ships (docs/bulletin.md): Noto Serif CJK SC for the body, its Bold
 * for the 小标宋 of the header and title, Noto Sans CJK SC for the 黑体 headings.
 */
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export const BULLETIN_RED = '#d7000f';
const SERIF = "'Noto Serif CJK SC', 'Noto Serif SC', serif";
const SANS = "'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";
const CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { margin: 0; font-family: ${SERIF}; font-size: 16pt; line-height: 28.9pt; color: #000; }
.masthead { padding-top: 35mm; text-align: center; }
.issuer { color: ${BULLETIN_RED}; font-weight: 700; line-height: 1.2; margin: 0; white-space: nowrap; }
.docno { margin-top: 57.8pt; line-height: 28.9pt; }
.red-rule { border-top: 1mm solid ${BULLETIN_RED}; margin: 4mm 0 0; }
h1 { font-size: 22pt; font-weight: 700; line-height: 1.45; text-align: center; margin: 57.8pt 0 28.9pt; }
h1 .nb { white-space: nowrap; }
h2 { font-family: ${SANS}; font-weight: 400; font-size: 16pt; margin: 0; text-indent: 2em; }
p { text-indent: 2em; margin: 0; text-align: justify; }
p.main-to { text-indent: 0; }
p.note { font-size: 12pt; line-height: 1.5; margin: 0 0 4pt; }
table { width: 100%; border-collapse: collapse; font-size: 10.5pt; line-height: 1.5; margin: 4pt 0 8pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.5pt solid #000; padding: 2pt 3pt; text-align: center; }
th { font-weight: 700; background: #f2f2f2; }
td.l { text-align: left; }
.chart { text-align: center; margin: 4pt 0; break-inside: avoid; }
.chart svg { width: 100%; height: auto; max-height: 80mm; }
/* Signature, date and 版记 stay together and with the last paragraph: never a page of 版记 alone. */
.closing { break-inside: avoid; break-before: avoid; }
.sign { display: flex; justify-content: flex-end; margin-top: 28.9pt; padding-right: 4em; }
.sign div { text-align: center; }
.up { color: #1a7f37; } .down { color: ${BULLETIN_RED}; }
.banji { margin-top: 28.9pt; font-size: 14pt; line-height: 1.6; }
.banji div { padding: 1mm 1em; display: flex; justify-content: space-between; }
.banji .first { border-top: 0.35mm solid #000; }
.banji .mid { border-top: 0.25mm solid #000; }
.banji .last { border-bottom: 0.35mm solid #000; }
`;

/** A title breaks between words (GB/T 9704: 回行时词意完整): never inside a short quoted term like “两个覆盖”. */
const titleHtml = (t: string) => esc(t).replace(/“[^”]{1,8}”/g, (q) => `<span class="nb">${q}</span>`);

/** 发文机关标志 as large as fits the 版心 on one line (GB/T 9704 leaves the size to the office). */
const issuerSize = (name: string) => Math.min(40, Math.floor(400 / Math.max(1, [...name].length)));

function masthead(b: Bulletin): string {
  const office = b.issue?.office ?? b.office;
  return `<header class="masthead"><p class="issuer" style="font-size:${issuerSize(office)}pt;text-indent:0">${esc(office)}</p>
<div class="docno">${esc(b.issue?.docNumber ?? '（未编号）')}</div><div class="red-rule"></div></header>`;
}

/** 版记: 抄送 (when any) and 印发, between a thick first and last rule and thin rules inside. */
function banji(b: Bulletin): string {
  const i = b.issue;
  const printed = `<div class="${i?.copyTo ? 'mid' : 'first'} last"><span>${esc(i?.printedBy ?? b.office)}</span><span>${chineseDate(b.issuedOn)}印发</span></div>`;
  const copy = i?.copyTo ? `<div class="first"><span>抄送：${esc(i.copyTo.replace(/[。.]$/, ''))}。</span></div>` : '';
  return `<section class="banji">${copy}${printed}</section>`;
}

const changeCell = (c: number | null, higherIsBetter = true) =>
  c === null || c === 0 ? '<td>持平</td>' : `<td class="${(c > 0) === higherIsBetter ? 'up' : 'down'}">${c > 0 ? '↑' : '↓'}${Math.abs(c).toFixed(1)}</td>`;

export function bulletinHtml(b: Bulletin, charts: BulletinCharts): string {
  const metricRows = b.metrics.map((m) => `<tr><td class="l">${esc(m.label)}</td><td>${m.now.numerator}</td><td>${m.now.denominator}</td><td>${fmt(m.rate)}</td>${changeCell(m.change, m.higherIsBetter)}</tr>`).join('');
  const ranked = b.rows.map((r) => `<tr><td>${r.rank}</td><td class="l">${esc(r.name)}</td><td>${r.enterprises}</td><td>${fmt(r.twoRate)}</td>${changeCell(r.twoChange)}<td>${fmt(r.orgRate)}</td><td>${fmt(r.unionRate)}</td><td>${r.gaps}</td><td>${r.standaloneDue}</td><td>${r.unionDue}</td></tr>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(b.title)}</title><style>${CSS}</style></head><body>
${masthead(b)}
<h1>${titleHtml(b.title)}</h1>
<p class="main-to">${esc(b.issue?.mainTo ?? '各有关单位')}：</p>
<p>现将${esc(b.periodLabel)}${esc(b.regionName)}非公有制企业党建工作“两个覆盖”情况通报如下。</p>
<h2>一、总体情况</h2>
<p>${esc(b.summary)}</p>
<table><thead><tr><th>指标</th><th>分子</th><th>分母</th><th>本月</th><th>较上月（百分点）</th></tr></thead><tbody>${metricRows}</tbody></table>
${b.typedCounts ? `<p class="note" data-typed-counts="${b.typedCounts.orgs}">${esc(b.typedCounts.note)}</p>` : ''}
<div class="chart">${charts.trend}</div>
${b.rows.length ? `<h2>二、各地排名</h2><p>按“两个覆盖”率由高到低排列（率相同按空白点少者在前）${b.ownLevel ? `；另有${b.ownLevel}家在营企业登记在本级、未落到下级区划，未列入排名` : ''}。</p>
<table><thead><tr><th>名次</th><th>地区</th><th>在营企业</th><th>“两个覆盖”率</th><th>较上月</th><th>组织覆盖率</th><th>工会组建率</th><th>空白点</th><th>应单独组建未建</th><th>应建会未建</th></tr></thead><tbody>${ranked}</tbody></table>
<div class="chart">${charts.ranking}</div>` : ''}
${targetsHtml(b)}${lifeHtml(b)}${unionHtml(b)}<h2>${issuesNumber(b)}、存在问题和工作要求</h2>
<p>目前仍有空白点企业${b.gaps.gaps}家，正式党员3名以上应单独组建党组织而未建的企业${b.gaps.standaloneDue}家，职工25人以上应建工会而未建的企业${b.gaps.unionDue}家，党组织书记空缺涉及企业${b.gaps.secretaryVacant}家。各地要对照空白点清单逐一落实组建或选派党建指导员措施，下月通报时将重点关注排名靠后的地区。</p>
<div class="closing"><div class="sign"><div>${esc(b.office)}<br>${chineseDate(b.issuedOn)}</div></div>
${banji(b)}</div>
</body></html>`;
}
