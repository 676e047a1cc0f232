import ExcelJS from 'exceljs';
import { type Bulletin } from './bulletin-data.js';
import { addLifeSheet } from './bulletin-life.js';
import { addUnionSheet } from './bulletin-union.js';
import { addTargetsSheet } from './bulletin-targets.js';

/** The bulletin's tables as a workbook: 概况 (every metric's pair), 各地排名, 近12个月. Rates in %. */
export async function bulletinXlsx(b: Bulletin): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Liangxin';
  const head = (ws: ExcelJS.Worksheet, cols: Array<[string, number]>) => {
    ws.addRow([b.title]).font = { bold: true, size: 14 };
    ws.addRow([`${b.office}　${b.issuedOn}`]);
    const row = ws.addRow(cols.map((c) => c[0]));
    row.font = { bold: true };
    cols.forEach((c, i) => { ws.getColumn(i + 1).width = c[1]; });
  };
  const overview = wb.addWorksheet('概况');
  head(overview, [['指标', 30], ['分子', 10], ['分母', 10], ['本月（%）', 12], ['上月分子', 10], ['上月分母', 10], ['较上月（百分点）', 16]]);
  for (const m of b.metrics) overview.addRow([m.label, m.now.numerator, m.now.denominator, m.rate, m.before.numerator, m.before.denominator, m.change]);
  overview.addRow([]);
  overview.addRow(['空白点', b.gaps.gaps]);
  overview.addRow(['应单独组建未建', b.gaps.standaloneDue]);
  overview.addRow(['应建会未建', b.gaps.unionDue]);
  overview.addRow(['书记空缺涉及企业', b.gaps.secretaryVacant]);
  if (b.typedCounts) {
    overview.addRow(['党员数为填报数的党组织（尚未建立党员名册）', b.typedCounts.orgs]);
    for (const a of b.typedCounts.areas) overview.addRow([`　其中：${a.name}`, a.orgs]);
    overview.addRow([b.typedCounts.note]);
  }
  const ranked = wb.addWorksheet('各地排名');
  head(ranked, [['名次', 6], ['区划代码', 14], ['地区', 20], ['在营企业', 10], ['“两个覆盖”率（%）', 16], ['较上月', 10], ['组织覆盖率（%）', 14], ['工会组建率（%）', 14], ['空白点', 8], ['应单独组建未建', 14], ['应建会未建', 12]]);
  for (const r of b.rows) ranked.addRow([r.rank, r.code, r.name, r.enterprises, r.twoRate, r.twoChange, r.orgRate, r.unionRate, r.gaps, r.standaloneDue, r.unionDue]);
  const trend = wb.addWorksheet('近12个月');
  head(trend, [['月份', 10], ['“两个覆盖”率（%）', 16], ['组织覆盖率（%）', 14]]);
  b.trend.periods.forEach((p, i) => trend.addRow([p, b.trend.two[i], b.trend.org[i]]));
  addTargetsSheet(wb, b);
  addLifeSheet(wb, b);
  addUnionSheet(wb, b);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
