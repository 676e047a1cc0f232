import { AlignmentType, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

/**
 * The pieces every section of the Word bulletin is built from (工作目标进展, 组织生活开展情况,
 * 工会工作情况): a body paragraph in 仿宋 三号 with a two-character indent on a 28-pt line, a heading
 * in 黑体, and a full-width table in 宋体 五号 with a shaded header row.
 */
const BODY = { font: { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman' }, size: 32 } as const;
const SMALL = { font: { eastAsia: '宋体', ascii: 'Times New Roman' }, size: 20 } as const;

export const docxPara = (text: string, font: { eastAsia: string; ascii?: string } = BODY.font) => new Paragraph({
  alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 640 }, spacing: { line: 560, lineRule: 'exact' as never },
  children: [new TextRun({ text, size: BODY.size, font })],
});
export const docxHeading = (text: string) => docxPara(text, { eastAsia: '黑体' });

const cell = (text: string, header = false) => new TableCell({
  children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold: header, ...SMALL })] })],
  shading: header ? { fill: 'F2F2F2' } : undefined,
});
export const docxTable = (head: string[], rows: string[][]) => new Table({
  width: { size: 100, type: WidthType.PERCENTAGE },
  rows: [new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))],
});
