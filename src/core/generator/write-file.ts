import fs from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { ENTERPRISE_FACT_FIELDS, type EnterpriseFactKey } from '../../domain/enterprise-facts.js';
import type { FaultKind, GeneratedItem, GeneratedRow } from './enterprises.js';

export type FileFormat = 'csv' | 'xlsx';
export type FileEncoding = 'utf-8' | 'gb18030';
export type WriteOptions = { format: FileFormat; encoding?: FileEncoding; messy?: boolean; onProgress?: (rows: number) => void };
export type FaultRecord = { row: number; index: number; kind: FaultKind; creditCode: string; duplicateOfRow: number | null };
export type WriteResult = { path: string; rows: number; headerRow: number; faults: FaultRecord[] };

/** The spellings other exports use for the same columns (the importer knows them all). */
const MESSY_LABELS: Partial<Record<EnterpriseFactKey, string>> = {
  creditCode: '信用代码', name: '市场主体名称', legalRepresentative: '负责人', address: '经营场所', registeredCapital: '注册资本',
};
const MESSY_TITLE = '市场主体登记信息导出（仅供党建工作使用）';

export function headerLabels(messy: boolean): string[] {
  return ENTERPRISE_FACT_FIELDS.map((f) => (messy ? MESSY_LABELS[f.key] ?? f.label : f.label));
}

function cells(row: GeneratedRow, messy: boolean, index: number): string[] {
  return ENTERPRISE_FACT_FIELDS.map((f) => {
    const v = row[f.key];
    if (!messy || !v) return v;
    // Messy files spell dates and counts the many ways people type them.
    if (f.key === 'foundedOn' && index % 3 === 1) return v.replace(/^(\d{4})-0?(\d+)-0?(\d+)$/, '$1/$2/$3');
    if (f.key === 'foundedOn' && index % 3 === 2) return v.replace(/^(\d{4})-0?(\d+)-0?(\d+)$/, '$1年$2月$3日');
    if (f.key === 'employeeCount' && index % 4 === 0) return `${v}人`;
    return v;
  });
}

const csvField = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
export const csvLine = (values: readonly string[]): string => values.map(csvField).join(',') + '\r\n';

/** Writes generated rows as a registration-export-like file, streaming (1M rows in constant memory). */
export async function writeEnterpriseFile(path: string, items: AsyncIterable<GeneratedItem>, opts: WriteOptions): Promise<WriteResult> {
  const messy = opts.messy ?? false;
  const headerRow = messy ? 2 : 1;
  const faults: FaultRecord[] = [];
  let rows = 0;
  const note = (item: GeneratedItem) => {
    rows++;
    if (rows % 10000 === 0) opts.onProgress?.(rows);
    if (item.fault) {
      faults.push({ row: headerRow + 1 + item.index, index: item.index, kind: item.fault, creditCode: item.row.creditCode,
        duplicateOfRow: item.duplicateOf === null ? null : headerRow + 1 + item.duplicateOf });
    }
  };
  if (opts.format === 'xlsx') {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
    const sheet = wb.addWorksheet('市场主体');
    if (messy) sheet.addRow([MESSY_TITLE]).commit();
    sheet.addRow(headerLabels(messy)).commit();
    for await (const item of items) {
      sheet.addRow(cells(item.row, messy, item.index)).commit();
      note(item);
    }
    sheet.commit();
    await wb.commit();
  } else {
    const out = fs.createWriteStream(path);
    const encode = (text: string): Buffer => (opts.encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8'));
    let buffer = (messy ? csvLine([MESSY_TITLE]) : '') + csvLine(headerLabels(messy));
    for await (const item of items) {
      buffer += csvLine(cells(item.row, messy, item.index));
      note(item);
      if (buffer.length > 1 << 16) {
        if (!out.write(encode(buffer))) await once(out, 'drain');
        buffer = '';
      }
    }
    out.end(encode(buffer));
    await once(out, 'finish');
  }
  opts.onProgress?.(rows);
  return { path, rows, headerRow, faults };
}
