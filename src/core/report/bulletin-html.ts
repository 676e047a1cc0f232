import type { BulletinCharts } from './bulletin-charts.js';
import { fmt, type Bulletin } from './bulletin-data.js';
import { issuesNumber, targetsHtml } from './bulletin-targets.js';

/** The bulletin as an A4 HTML document (printed to PDF by Chromium): the look of a real 通报. */
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

const CSS = `
@page { size: A4; margin: 25mm 22mm 22mm 22mm; }
body { font-family: 'Noto Serif CJK SC', 'Noto Serif SC', serif; font-size: 12pt; line-height: 1.8; color: #111; }
.red { color: #c00; text-align: center; font-size: 26pt; font-weight: bold; letter-spacing: 4pt; margin: 0; font-family: 'Noto Sans CJK SC', sans-serif; }
.rule { border-top: 2px solid #c00; margin: 6pt 0 14pt; }
h1 { font-size: 17pt; text-align: center; margin: 10pt 0 14pt; font-family: 'Noto Sans CJK SC', sans-serif; }
h2 { font-size: 13pt; margin: 14pt 0 6pt; font-family: 'Noto Sans CJK SC', sans-serif; }
p { text-indent: 2em; margin: 4pt 0; text-align: justify; }
table { width: 100%; border-collapse: collapse; font-size: 9.5pt; margin: 6pt 0; font-family: 'Noto Sans CJK SC', sans-serif; }
th, td { border: 1px solid #444; padding: 3pt 4pt; text-align: center; }
th { background: #f3e3e3; }
td.l { text-align: left; }
.chart { text-align: center; margin: 8pt 0; page-break-inside: avoid; }
.sign { text-align: right; margin-top: 24pt; }
.up { color: #1a7f37; } .down { color: #c00; }
`;

const changeCell = (c: number | null, higherIsBetter = true) =>
  c === null || c === 0 ? '<td>持平</td>' : `<td class="${(c > 0) === higherIsBetter ? 'up' : 'down'}">${c > 0 ? '↑' : '↓'}${Math.abs(c).toFixed(1)}</td>`;

export function bulletinHtml(b: Bulletin, charts: BulletinCharts): string {
  const metricRows = b.metrics.map((m) => `<tr><td class="l">${esc(m.label)}</td><td>${m.now.numerator}</td><td>${m.now.denominator}</td><td>${fmt(m.rate)}</td>${changeCell(m.change, m.higherIsBetter)}</tr>`).join('');
  const ranked = b.rows.map((r) => `<tr><td>${r.rank}</td><td class="l">${esc(r.name)}</td><td>${r.enterprises}</td><td>${fmt(r.twoRate)}</td>${changeCell(r.twoChange)}<td>${fmt(r.orgRate)}</td><td>${fmt(r.unionRate)}</td><td>${r.gaps}</td><td>${r.standaloneDue}</td><td>${r.unionDue}</td></tr>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(b.title)}</title><style>${CSS}</style></head><body>
<p class="red">${esc(b.office)}</p><div class="rule"></div>
<h1>${esc(b.title)}</h1>
<p style="text-indent:0">各${b.rows.length ? '下级单位' : '有关单位'}：</p>
<p>现将${esc(b.periodLabel)}${esc(b.regionName)}非公有制企业党建工作“两个覆盖”情况通报如下。</p>
<h2>一、总体情况</h2>
<p>${esc(b.summary)}</p>
<table><thead><tr><th>指标</th><th>分子</th><th>分母</th><th>本月</th><th>较上月（百分点）</th></tr></thead><tbody>${metricRows}</tbody></table>
<div class="chart">${charts.trend}</div>
${b.rows.length ? `<h2>二、各地排名</h2><p>按“两个覆盖”率由高到低排列（率相同按空白点少者在前）${b.ownLevel ? `；另有${b.ownLevel}家在营企业登记在本级、未落到下级区划，未列入排名` : ''}。</p>
<table><thead><tr><th>名次</th><th>地区</th><th>在营企业</th><th>“两个覆盖”率</th><th>较上月</th><th>组织覆盖率</th><th>工会组建率</th><th>空白点</th><th>应单独组建未建</th><th>应建会未建</th></tr></thead><tbody>${ranked}</tbody></table>
<div class="chart">${charts.ranking}</div>` : ''}
${targetsHtml(b)}<h2>${issuesNumber(b)}、存在问题和工作要求</h2>
<p>目前仍有空白点企业${b.gaps.gaps}家，正式党员3名以上应单独组建党组织而未建的企业${b.gaps.standaloneDue}家，职工25人以上应建工会而未建的企业${b.gaps.unionDue}家，党组织书记空缺涉及企业${b.gaps.secretaryVacant}家。各地要对照空白点清单逐一落实组建或选派党建指导员措施，下月通报时将重点关注排名靠后的地区。</p>
<p class="sign">${esc(b.office)}<br>${b.issuedOn.slice(0, 4)}年${Number(b.issuedOn.slice(5, 7))}月${Number(b.issuedOn.slice(8, 10))}日</p>
</body></html>`;
}
