import { AlignmentType, Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { fmt, type Bulletin } from './bulletin-data.js';
import { issuesNumber } from './bulletin-targets.js';
import { targetsDocx } from './bulletin-targets-docx.js';

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

export async function bulletinDocx(b: Bulletin, png: ChartPngs): Promise<Buffer> {
  const heading = (t: string) => para(t, { font: '黑体' });
  const metricTable = table(['指标', '分子', '分母', '本月', '较上月（百分点）'],
    b.metrics.map((m) => [m.label, String(m.now.numerator), String(m.now.denominator), fmt(m.rate), change(m.change)]));
  const rankTable = table(['名次', '地区', '在营企业', '“两个覆盖”率', '较上月', '组织覆盖率', '工会组建率', '空白点', '应单独组建未建', '应建会未建'],
    b.rows.map((r) => [String(r.rank), r.name, String(r.enterprises), fmt(r.twoRate), change(r.twoChange), fmt(r.orgRate), fmt(r.unionRate), String(r.gaps), String(r.standaloneDue), String(r.unionDue)]));
  const children = [
    para(b.office, { center: true, indent: false, size: 52, bold: true, color: 'CC0000', font: '方正小标宋简体' }),
    para(b.title, { center: true, indent: false, size: 36, font: '方正小标宋简体' }),
    para('各下级单位：', { indent: false }),
    para(`现将${b.periodLabel}${b.regionName}非公有制企业党建工作“两个覆盖”情况通报如下。`),
    heading('一、总体情况'), para(b.summary), metricTable, image(png.trend, 560, 228),
    ...(b.rows.length ? [heading('二、各地排名'), para(`按“两个覆盖”率由高到低排列（率相同按空白点少者在前）${b.ownLevel ? `；另有${b.ownLevel}家在营企业登记在本级、未落到下级区划，未列入排名` : ''}。`), rankTable, image(png.ranking, 560, 262)] : []),
    ...targetsDocx(b),
    heading(`${issuesNumber(b)}、存在问题和工作要求`),
    para(`目前仍有空白点企业${b.gaps.gaps}家，正式党员3名以上应单独组建党组织而未建的企业${b.gaps.standaloneDue}家，职工25人以上应建工会而未建的企业${b.gaps.unionDue}家，党组织书记空缺涉及企业${b.gaps.secretaryVacant}家。各地要对照空白点清单逐一落实组建或选派党建指导员措施，下月通报时将重点关注排名靠后的地区。`),
    para(b.office, { right: true, indent: false }),
    para(`${b.issuedOn.slice(0, 4)}年${Number(b.issuedOn.slice(5, 7))}月${Number(b.issuedOn.slice(8, 10))}日`, { right: true, indent: false }),
  ];
  const doc = new Document({
    creator: 'Liangxin', title: b.title,
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
