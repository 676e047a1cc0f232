import type { Executor } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { enterpriseIdsByCreditCode, existingRegions, findOrgsByRef } from './org-import.repository.js';
import type { RowError } from './parse-rows.js';

/**
 * The references an organisation import row makes — region codes, a parent or named organisation,
 * covered enterprises — each checked before anything of the row is written, so a bad one is a row
 * error with the column it came from, never a foreign-key failure that refuses the whole file.
 */

/** Row errors found while reading a row: the row is rejected, nothing of it is applied. */
export class RowRejected extends Error {
  constructor(readonly errors: RowError[]) { super('row rejected'); }
}

/** Each given region code (by column) must be in the region dictionary. */
export async function checkRegions(tx: Executor, row: number, refs: Array<[column: string, code: string | null]>): Promise<void> {
  const wanted = refs.filter((r): r is [string, string] => r[1] !== null);
  if (!wanted.length) return;
  const found = await existingRegions(tx, wanted.map(([, c]) => c));
  const errors = wanted.filter(([, c]) => !found.has(c)).map(([column, c]): RowError => ({
    row, column, code: 'UNKNOWN_REGION', message: `区划代码“${c}”不在区划字典中，请核对（应为统计用区划代码）`,
  }));
  if (errors.length) throw new RowRejected(errors);
}

export async function enterpriseIds(tx: Executor, codes: string[], row: number, column: string): Promise<string[]> {
  const found = await enterpriseIdsByCreditCode(tx, codes);
  const missing = codes.filter((c) => !found.has(c));
  if (missing.length) throw new RowRejected([{ row, column, code: 'ENTERPRISE_NOT_FOUND', message: `台账中没有这些企业：${missing.join('、')}` }]);
  return codes.map((c) => found.get(c)!);
}

/** An organisation named in a file by code or name (within a region when given); exactly one must match. */
export async function orgRef(tx: Executor, ref: string, regionCode: string | null, row: number, column: string): Promise<{ id: string; region_code: string | null }> {
  const found = await findOrgsByRef(tx, ref, regionCode);
  if (found.length === 1) return found[0]!;
  const message = found.length ? `有多个名为“${ref}”的党组织，请填写属地区划代码或组织代码` : `找不到党组织“${ref}”`;
  throw new RowRejected([{ row, column, code: found.length ? 'ORG_AMBIGUOUS' : 'ORG_NOT_FOUND', message }]);
}

/**
 * The last line of defence: a constraint the checks above did not foresee (class 22 data exception,
 * class 23 integrity violation) rejects the row with a stable code and a Chinese message — the
 * database's own text never reaches the importer. Anything else still refuses the file.
 */
function constraintError(err: unknown, row: number): RowError | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^2[23][0-9A-Z]{3}$/.test(code)) return null;
  if (code === '23505') return { row, column: null, code: 'DUPLICATE', message: '该行与已有记录重复，未导入' };
  if (code === '23503') return { row, column: null, code: 'REFERENCE_NOT_FOUND', message: '该行引用的记录不存在，未导入' };
  return { row, column: null, code: 'VALUE_INVALID', message: '该行有不符合要求的取值，未导入' };
}

export const rowErrorsOf = (err: unknown, row: number): RowError[] | null => {
  if (err instanceof RowRejected) return err.errors;
  if (err instanceof AppError) {
    return err.details.length
      ? err.details.map((x) => ({ row, column: x.column ?? x.field ?? null, code: x.code ?? err.code, message: x.message ?? err.message }))
      : [{ row, column: null, code: err.code, message: err.message }];
  }
  const c = constraintError(err, row);
  return c ? [c] : null;
};
