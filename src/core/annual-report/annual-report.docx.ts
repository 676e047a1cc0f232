import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { AnnualReport } from '../../contracts/annual-report.js';
import { NARRATIVE_FIELDS, NARRATIVE_LABELS } from '../../domain/annual-report.js';
import { factRows, figureText, reportTitle } from './annual-report.html.js';

/**
 * The annual report as an editable Word document (the organisation and the street edit before
 * filing): real paragraphs and tables with the figures' sources, CJK font names Word and WPS map.
 */
const BODY = { font: { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman' }, size: 28 } as const; // 四号
const SMALL = { font: { eastAsia: '宋体', ascii: 'Times New Roman' }, size: 20 } as const;
const HEAD = { font: { eastAsia: '黑体', ascii: 'Times New Roman' }, size: 30, bold: true } as const;

const para = (text: string, indent = true) => new Paragraph({ indent: indent ? { firstLine: 560 } : undefined, spacing: { line: 480 }, children: [new TextRun({ text, ...BODY })] });
const heading = (text: string) => new Paragraph({ spacing: { before: 240, after: 120 }, children: [new TextRun({ text, ...HEAD })] });
const cell = (text: string, header = false) => new TableCell({
  children: [new Paragraph({ alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT, children: [new TextRun({ text, bold: header, ...SMALL })] })],
  shading: header ? { fill: 'F3E3E3' } : undefined,
});
const table = (head: string[] | null, rows: string[][]) => new Table({
  width: { size: 100, type: WidthType.PERCENTAGE },
  rows: [...(head ? [new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) })] : []), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))],
});
const NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export async function annualReportDocx(r: AnnualReport): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: reportTitle(r), font: { eastAsia: '方正小标宋简体' }, size: 40, bold: true })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: `状态：${r.stateLabel}　数据截至：${r.asOf}`, ...SMALL })] }),
  ];
  if (r.changedSince.length) children.push(para(`提交后记录有变化：${r.changedSince.map((c) => `${c.label}（提交时${c.submitted ?? '—'}，现为${c.now ?? '—'}）`).join('；')}`, false));
  r.sections.forEach((s, i) => {
    children.push(heading(`${NUM[i] ?? i + 1}、${s.title}`), table(['项目', '数值', '数据来源'], s.figures.map((f) => [f.label, figureText(f.value, f.unit), f.source])));
  });
  for (const k of NARRATIVE_FIELDS) {
    children.push(heading(NARRATIVE_LABELS[k]));
    for (const p of (r[k] ?? '（未填写）').split(/\n+/)) children.push(para(p));
  }
  children.push(heading('其他情况'), table(null, factRows(r).map(([k, v]) => [k, v])));
  if (r.reviewComment) children.push(heading('审核意见'), para(r.reviewComment));
  const doc = new Document({
    creator: '两新党建与工会工作平台', title: reportTitle(r),
    sections: [{ properties: { page: { margin: { top: 1701, bottom: 1701, left: 1588, right: 1474 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
