import { AlignmentType, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { BEHIND_HEAD, behindCells, LIFE_HEAD, lifeCells, lifeNumber, lifeSentence, NAMED, type BulletinLife } from './bulletin-life.js';

/** The 组织生活开展情况 section for the Word bulletin: heading, the paragraph, the areas and the branches behind. */
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
const table = (head: string[], rows: string[][]) => new Table({
  width: { size: 100, type: WidthType.PERCENTAGE },
  rows: [new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))],
});

export function lifeDocx(b: { rows: unknown[]; targets?: { items: unknown[] }; life?: BulletinLife }): Array<Paragraph | Table> {
  const l = b.life;
  if (!l) return [];
  const behind = l.behind.slice(0, NAMED);
  return [
    para(`${lifeNumber(b)}、组织生活开展情况`, { eastAsia: '黑体' }), para(lifeSentence(l)),
    table(LIFE_HEAD, [...l.rows, { ...l.total, name: '合计' }].map(lifeCells)),
    ...(behind.length ? [table(BEHIND_HEAD, behind.map(behindCells))] : []),
  ];
}
