import ExcelJS from 'exceljs';
import { TEMPLATES, TEMPLATE_TITLE, type OrgImportKind } from './templates.js';

/** A blank template: the header row (required columns marked *) and a sheet of notes. */
export async function templateXlsx(kind: OrgImportKind): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(TEMPLATE_TITLE[kind]);
  const columns = TEMPLATES[kind];
  ws.columns = columns.map((c) => ({ header: c.required ? `${c.label}*` : c.label, width: Math.max(12, c.label.length * 2 + 4) }));
  ws.getRow(1).font = { bold: true };
  // Text format so credit codes and ID numbers are not turned into numbers by Excel.
  columns.forEach((_, i) => { ws.getColumn(i + 1).numFmt = '@'; });
  const notes = wb.addWorksheet('填写说明');
  notes.columns = [{ header: '列名', width: 28 }, { header: '是否必填', width: 10 }, { header: '说明', width: 80 }];
  notes.getRow(1).font = { bold: true };
  for (const c of columns) notes.addRow([c.label, c.required ? '必填' : '', [c.note, c.synonyms?.length ? `也可写作：${c.synonyms.join('、')}` : ''].filter(Boolean).join('；')]);
  notes.addRow([]);
  notes.addRow(['说明', '', '带 * 的列必填；重复导入同一文件不会产生变化；有错误的行不会导入，并在错误报告的“错误原因”列中说明。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
