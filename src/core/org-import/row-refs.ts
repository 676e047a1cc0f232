import type { Executor } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { constraintFault } from '../../db/constraint-catalogue.js';
import type { z } from 'zod';
import { TEMPLATES, type OrgImportKind } from './templates.js';
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

const CHINESE = /[\u4e00-\u9fff]/;

/** One Zod issue in the importer's words (Zod's own messages are English unless the contract gave one). */
function issueMessage(issue: z.core.$ZodIssue, label: string): string {
  if (CHINESE.test(issue.message)) return issue.message;
  const i = issue as { code: string; origin?: string; maximum?: unknown; minimum?: unknown };
  if (i.code === 'too_big') return i.origin === 'string' ? `${label}不能超过${String(i.maximum)}个字` : `${label}不能大于${String(i.maximum)}`;
  if (i.code === 'too_small') return i.origin === 'string' ? `${label}至少${String(i.minimum)}个字` : `${label}不能小于${String(i.minimum)}`;
  return `${label}的取值不符合要求`;
}

/**
 * The row's values through the same Zod contract the API applies (bounds, lengths, cross-field rules
 * such as 女会员数 ≤ 会员数), so an import cannot store what a form would refuse; errors name the
 * template column.
 */
export function checkContract(schema: z.ZodType, value: Record<string, unknown>, row: number, kind: OrgImportKind): void {
  const given = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined));
  const parsed = schema.safeParse(given);
  if (parsed.success) return;
  const errors = parsed.error.issues.map((issue): RowError => {
    const key = String(issue.path[0] ?? '');
    const label = TEMPLATES[kind].find((c) => c.key === key)?.label ?? null;
    return { row, column: label, code: 'VALUE_OUT_OF_RANGE', message: issueMessage(issue, label ?? '该行') };
  });
  throw new RowRejected(errors);
}

/**
 * The last line of defence: a constraint the checks above did not foresee (class 22 data exception,
 * class 23 integrity violation) rejects the row with a stable code and a Chinese message naming the
 * column when the catalogue knows it (src/db/constraint-catalogue.ts; labels are the template
 * headers) — the database's own text never reaches the importer. Anything else refuses the file.
 */
function constraintError(err: unknown, row: number): RowError | null {
  const fault = constraintFault(err);
  if (!fault) return null;
  const message = fault.code === 'DUPLICATE' ? `${fault.message}，未导入` : `${fault.message}，该行未导入`;
  return { row, column: fault.target?.label ?? null, code: fault.code, message };
}

/** A service's field (`femaleMembers`) as the template's column header (女会员数) when the template has it. */
const columnOf = (kind: OrgImportKind | undefined, field: string | undefined): string | null =>
  (field && kind ? TEMPLATES[kind].find((c) => c.key === field)?.label : undefined) ?? field ?? null;

export const rowErrorsOf = (err: unknown, row: number, kind?: OrgImportKind): RowError[] | null => {
  if (err instanceof RowRejected) return err.errors;
  if (err instanceof AppError) {
    return err.details.length
      ? err.details.map((x) => ({ row, column: x.column ?? columnOf(kind, x.field), code: x.code ?? err.code, message: x.message ?? err.message }))
      : [{ row, column: null, code: err.code, message: err.message }];
  }
  const c = constraintError(err, row);
  return c ? [c] : null;
};
