import { AppError } from '../../domain/errors.js';
import { normalizeText } from '../../domain/normalize.js';
import { csvRows } from '../import/csv-rows.js';
import { detectFile } from '../import/detect-file.js';
import { xlsxRows } from '../import/xlsx-rows.js';
import { TEMPLATES, type OrgImportKind } from './templates.js';

/** Organisation files are small (a district has thousands of organisations, not millions): read whole, capped. */
export const MAX_ROWS = 50_000;

export type TemplateRow = { row: number; values: Record<string, string>; raw: string[] };
export type TemplateFile = { headerRow: number; headers: string[]; rows: TemplateRow[] };

const squash = (s: string) => normalizeText(s).replace(/[\s*＊]/g, '').replace(/（/g, '(').replace(/）/g, ')');

/** Reads a CSV/XLSX template of `kind` with A's reader pieces; finds the header among the first 30 rows. */
export async function readTemplateFile(path: string, kind: OrgImportKind): Promise<TemplateFile> {
  const file = await detectFile(path);
  const batches = file.format === 'xlsx' ? xlsxRows(path) : csvRows(path, file.encoding, file.delimiter);
  const columns = TEMPLATES[kind];
  const byLabel = new Map<string, string>();
  for (const c of columns) for (const l of [c.label, ...(c.synonyms ?? [])]) byLabel.set(squash(l), c.key);
  let header: { row: number; keys: Array<string | null>; headers: string[] } | null = null;
  const rows: TemplateRow[] = [];
  let seen = 0;
  for await (const batch of batches) {
    for (const r of batch) {
      seen++;
      if (!header) {
        const keys = r.cells.map((c) => byLabel.get(squash(c)) ?? null);
        if (columns.filter((c) => c.required).every((c) => keys.includes(c.key))) header = { row: r.row, keys, headers: r.cells };
        else if (seen >= 30) throw noHeader(kind);
        continue;
      }
      if (r.cells.every((c) => c.trim() === '')) continue;
      if (rows.length >= MAX_ROWS) throw new AppError('IMPORT_REJECTED', `文件超过${MAX_ROWS}行，请分批导入`);
      const values: Record<string, string> = {};
      header.keys.forEach((k, i) => { if (k) values[k] = normalizeText(r.cells[i] ?? ''); });
      rows.push({ row: r.row, values, raw: r.cells });
    }
  }
  if (!header) throw noHeader(kind);
  return { headerRow: header.row, headers: header.headers, rows };
}

function noHeader(kind: OrgImportKind): AppError {
  const need = TEMPLATES[kind].filter((c) => c.required).map((c) => c.label).join('、');
  return new AppError('FILE_NO_HEADER', `未找到表头：前30行中没有一行包含全部必填列（${need}）。请使用“导出模板”下载的模板`);
}
