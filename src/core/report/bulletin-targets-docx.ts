import { AlignmentType, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { TARGET_HEAD, targetCells, targetSentence, targetsNumber, type BulletinTargets } from './bulletin-targets.js';

/** The 工作目标进展 section for the Word bulletin: heading, one paragraph per target, the table. */
const BODY = { font: { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman' }, size: 32 } as const;
const SMALL = { font: { eastAsia: '宋体', ascii: 'Times New Roman' }, size: 20 } as const;

const para = (text: string, font: { eastAsia: string; ascii?: string } = BODY.font) => new Paragraph({
  alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 640 }, spacing: { line: 560, lineRule: 'exact' as never },
  children: [new TextRun({ text, size: BODY.size, font })],
});
const cell = (text: string, header = false) => new TableCell({
  children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold: header, ...SMALL })] })],
  shading: header ? { fill: 'F2F2F2' } : undefined,
});

export function targetsDocx(b: { rows: unknown[]; targets?: BulletinTargets }): Array<Paragraph | Table> {
  if (!b.targets?.items.length) return [];
  const { asOf, items } = b.targets;
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: TARGET_HEAD.map((h) => cell(h, true)) }), ...items.map((t) => new TableRow({ children: targetCells(t).map((c) => cell(c)) }))],
  });
  return [para(`${targetsNumber(b)}、工作目标进展`, { eastAsia: '黑体' }), ...items.map((t) => para(targetSentence(t, asOf))), table];
}
