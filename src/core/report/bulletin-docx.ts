import { AlignmentType, BorderStyle, Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, Tab, TabStopType, TextRun, WidthType } from 'docx';
import { chineseDate } from '../../domain/bulletin-issue.js';
import { fmt, type Bulletin } from './bulletin-data.js';
import { issuesNumber } from './bulletin-targets.js';
import { targetsDocx } from './bulletin-targets-docx.js';
import { lifeDocx, unionDocx } from './bulletin-life-docx.js';

/**
 * The same bulletin as an editable Word document (offices edit before issuing): real paragraphs
 * and tables, not a picture of the PDF; SimSun/仿宋 names so Word and WPS pick local CJK fonts.
 */
const BODY = { font: { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman' }, size: 32 } as const; // 三号 16pt
const SMALL = { font: { eastAsia: '宋体', ascii: 'Times New Roman' }, size: 20 } as const;

const para = (text: string, o: { indent?: boolean; center?: boolean; right?: boolean; bold?: boolean; size?: number; color?: string; font?: string } = {}) =>
  new Paragraph({
    alignment: o.center ? AlignmentType.CENTER : o.right ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
    indent: o.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: 560, lineRule: 'exact' as never },
    children: [new TextRun({ text, bold: o.bold, color: o.color, size: o.size ?? BODY.size, font: o.font ? { eastAsia: o.font } : BODY.font })],
  });

const cell = (text: string, header = false) => new TableCell({
  children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold: header, ...SMALL })] })],
  shading: header ? { fill: 'F3E3E3' } : undefined,
});

const table = (head: string[], rows: string[][]) => new Table({
  width: { size: 100, type: WidthType.PERCENTAGE },
  rows: [new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))],
});

const change = (c: number | null) => (c === null || c === 0 ? '持平' : `${c > 0 ? '↑' : '↓'}${Math.abs(c).toFixed(1)}`);
const image = (png: Buffer, w: number, h: number) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: png, transformation: { width: w, height: h } })] });

export type ChartPngs = { ranking: Buffer; trend: Buffer };

const RED = 'D7000F';
const TEXT_WIDTH = 11906 - 1588 - 1474; // 版心 in twips: A4 less the GB/T 9704 margins below
const rule = (color: string, size: number) => ({ style: BorderStyle.SINGLE, size, color, space: 1 });

/** 版头: the red 发文机关标志, the 文号, and a red rule under it (a bottom border: it moves with the text). */
function masthead(b: Bulletin): Paragraph[] {
  const office = b.issue?.office ?? b.office;
  return [
    new Paragraph({ spacing: { before: 1984 }, children: [] }), // 35 mm from the top of the 版心
    para(office, { center: true, indent: false, size: Math.min(80, Math.floor(800 / [...office].length)), bold: true, color: RED, font: '方正小标宋简体' }),
    new Paragraph({ spacing: { line: 560, lineRule: 'exact' as never }, children: [] }),
    new Paragraph({
      alignment: AlignmentType.CENTER, spacing: { before: 560, line: 560, lineRule: 'exact' as never }, border: { bottom: rule(RED, 18) },
      children: [new TextRun({ text: b.issue?.docNumber ?? '（未编号）', ...BODY })],
    }),
  ];
}

/** 版记: 抄送 and 印发机关 / 印发日期 in 四号, thick first and last rules, a thin one between. */
function banji(b: Bulletin): Paragraph[] {
  const small = { font: BODY.font, size: 28 };
  const i = b.issue;
  const printed = new Paragraph({
    spacing: { before: 60, after: 60 }, indent: { left: 280, right: 280 },
    tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - 560 }],
    border: { top: rule('000000', i?.copyTo ? 6 : 8), bottom: rule('000000', 8) },
    children: [new TextRun({ text: i?.printedBy ?? b.office, ...small }), new TextRun({ children: [new Tab(), `${chineseDate(b.issuedOn)}印发`], ...small })],
  });
  const copy = i?.copyTo ? [new Paragraph({
    spacing: { before: 60, after: 60 }, indent: { left: 280, right: 280 }, border: { top: rule('000000', 8) },
    children: [new TextRun({ text: `抄送：${i.copyTo.replace(/[。.]$/, '')}。`, ...small })],
  })] : [];
  return [new Paragraph({ spacing: { before: 1120 }, children: [] }), ...copy, printed];
}

export async function bulletinDocx(b: Bulletin, png: ChartPngs): Promise<Buffer> {
  const heading = (t: string) => para(t, { font: '黑体' });
  const metricTable = table(['指标', '分子', '分母', '本月', '较上月（百分点）'],
    b.metrics.map((m) => [m.label, String(m.now.numerator), String(m.now.denominator), fmt(m.rate), change(m.change)]));
  const rankTable = table(['名次', '地区', '在营企业', '“两个覆盖”率', '较上月', '组织覆盖率', '工会组建率', '空白点', '应单独组建未建', '应建会未建'],
    b.rows.map((r) => [String(r.rank), r.name, String(r.enterprises), fmt(r.twoRate), change(r.twoChange), fmt(r.orgRate), fmt(r.unionRate), String(r.gaps), String(r.standaloneDue), String(r.unionDue)]));
  const children = [
    ...masthead(b),
    new Paragraph({ spacing: { line: 1120, lineRule: 'exact' as never }, children: [] }),
    para(b.title, { center: true, indent: false, size: 44, font: '方正小标宋简体' }),
    new Paragraph({ spacing: { line: 560, lineRule: 'exact' as never }, children: [] }),
    para(`${b.issue?.mainTo ?? '各有关单位'}：`, { indent: false }),
    para(`现将${b.periodLabel}${b.regionName}非公有制企业党建工作“两个覆盖”情况通报如下。`),
    heading('一、总体情况'), para(b.summary), metricTable, ...(b.typedCounts ? [para(b.typedCounts.note, { size: 24 })] : []), image(png.trend, 560, 228),
    ...(b.rows.length ? [heading('二、各地排名'), para(`按“两个覆盖”率由高到低排列（率相同按空白点少者在前）${b.ownLevel ? `；另有${b.ownLevel}家在营企业登记在本级、未落到下级区划，未列入排名` : ''}。`), rankTable, image(png.ranking, 560, 262)] : []),
    ...targetsDocx(b),
    ...lifeDocx(b),
    ...unionDocx(b),
    heading(`${issuesNumber(b)}、存在问题和工作要求`),
    para(`目前仍有空白点企业${b.gaps.gaps}家，正式党员3名以上应单独组建党组织而未建的企业${b.gaps.standaloneDue}家，职工25人以上应建工会而未建的企业${b.gaps.unionDue}家，党组织书记空缺涉及企业${b.gaps.secretaryVacant}家。各地要对照空白点清单逐一落实组建或选派党建指导员措施，下月通报时将重点关注排名靠后的地区。`),
    new Paragraph({ spacing: { line: 560, lineRule: 'exact' as never }, children: [] }),
    para(b.office, { right: true, indent: false }),
    para(`${chineseDate(b.issuedOn)}　　　　`, { right: true, indent: false }),
    ...banji(b),
  ];
  const doc = new Document({
    creator: 'Liangxin', title: b.title,
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
