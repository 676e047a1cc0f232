import { ENTERPRISE_FACT_FIELDS } from '../../domain/enterprise-facts.js';
import { AppError } from '../../domain/errors.js';
import { recognisedFacts, type ColumnMapping } from './column-map.js';
import type { SheetRow } from './csv-rows.js';

/**
 * Real exports put a title ("XX区非公企业名录"), a date line or merged banner cells above the
 * header. The header is the first of the first 30 rows naming at least two known facts, one of
 * them the credit code or the name; a title cell that happens to say "企业名称" alone is not enough.
 */

export const HEADER_SEARCH_ROWS = 30;

export function isHeaderRow(cells: readonly string[], mapping?: ColumnMapping): boolean {
  let nonEmpty = 0;
  for (const c of cells) if (c.trim() !== '') nonEmpty++;
  if (nonEmpty < 2) return false;
  const facts = recognisedFacts(cells, mapping);
  return facts.size >= 2 && (facts.has('creditCode') || facts.has('name'));
}

/** Index of the header among `rows` (at most the first HEADER_SEARCH_ROWS), or -1. */
export function findHeaderIndex(rows: readonly SheetRow[], mapping?: ColumnMapping): number {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) if (isHeaderRow(rows[i].cells, mapping)) return i;
  return -1;
}

const EXPECTED = ENTERPRISE_FACT_FIELDS.map((f) => f.label).join('、');

export function noHeaderError(): AppError {
  return new AppError(
    'FILE_NO_HEADER',
    `未找到表头：前${HEADER_SEARCH_ROWS}行中没有一行同时包含“统一社会信用代码”或“企业名称”及另一个可识别的列。可识别的列名：${EXPECTED}（及常见别名，如“信用代码”“市场主体名称”“负责人”“经营场所”）`,
  );
}

export function missingColumnsError(missing: readonly string[], headerRow: number): AppError {
  return new AppError(
    'FILE_NO_HEADER',
    `表头（第${headerRow}行）缺少必需的列：${missing.join('、')}`,
    missing.map((column) => ({ row: headerRow, column, code: 'COLUMN_MISSING', message: `缺少“${column}”列` })),
  );
}
