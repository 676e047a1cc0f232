import type { AnnualReport } from '../../contracts/annual-report.js';
import { FACT_LABELS, NARRATIVE_FIELDS, NARRATIVE_LABELS } from '../../domain/annual-report.js';

/**
 * The annual report as print HTML (Chromium turns it into the PDF): the figures with where each
 * came from, then what the organisation wrote. Same content as the DOCX (annual-report.docx.ts).
 */
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
export const figureText = (v: number | string | null, unit?: string) => (v === null ? '—' : `${v}${unit && typeof v === 'number' ? unit : ''}`);
export const reportTitle = (r: AnnualReport) => `${r.orgName}${r.year}年度党建工作报告`;

export const factRows = (r: AnnualReport): Array<[string, string]> => [
  [FACT_LABELS.honours, r.facts.honours ?? '未填写'],
];

export function annualReportHtml(r: AnnualReport): string {
  const sections = r.sections.map((s, i) => `<h2>${['一', '二', '三', '四', '五', '六', '七', '八', '九'][i] ?? i + 1}、${esc(s.title)}</h2>
<table><thead><tr><th>项目</th><th>数值</th><th>数据来源</th></tr></thead><tbody>
${s.figures.map((f) => `<tr><td>${esc(f.label)}</td><td class="n">${esc(figureText(f.value, f.unit))}</td><td class="src">${esc(f.source)}</td></tr>`).join('\n')}
</tbody></table>`).join('\n');
  const narrative = NARRATIVE_FIELDS.map((k) => `<h2>${NARRATIVE_LABELS[k]}</h2>${(r[k] ?? '（未填写）').split(/\n+/).map((p) => `<p>${esc(p)}</p>`).join('')}`).join('\n');
  const facts = `<h2>其他情况</h2><table><tbody>${factRows(r).map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('')}</tbody></table>`;
  const note = r.changedSince.length ? `<p class="note">提交后记录有变化：${r.changedSince.map((c) => `${esc(c.label)}（提交时${esc(String(c.submitted ?? '—'))}，现为${esc(String(c.now ?? '—'))}）`).join('；')}</p>` : '';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(reportTitle(r))}</title><style>
@page { size: A4; margin: 30mm 26mm 30mm 28mm; }
body { font-family: 'Noto Serif CJK SC', serif; font-size: 12pt; line-height: 1.7; color: #000; }
h1 { text-align: center; font-size: 20pt; margin: 0 0 6mm; }
h2 { font-size: 14pt; margin: 6mm 0 2mm; font-family: 'Noto Sans CJK SC', sans-serif; }
.meta { text-align: center; font-size: 11pt; margin-bottom: 6mm; }
table { width: 100%; border-collapse: collapse; font-size: 10.5pt; }
th, td { border: 1px solid #444; padding: 1.5mm 2mm; vertical-align: top; }
th { background: #f3e3e3; }
td.n { white-space: nowrap; }
td.src { color: #444; font-size: 9pt; }
p { text-indent: 2em; margin: 0 0 2mm; }
.note { color: #a00; text-indent: 0; font-size: 10pt; }
</style></head><body>
<h1>${esc(reportTitle(r))}</h1>
<div class="meta">状态：${esc(r.stateLabel)}　数据截至：${esc(r.asOf)}${r.submittedAt ? `　提交时间：${esc(r.submittedAt.slice(0, 10))}` : ''}</div>
${note}
${sections}
${narrative}
${facts}
${r.reviewComment ? `<h2>审核意见</h2><p>${esc(r.reviewComment)}</p>` : ''}
</body></html>`;
}
