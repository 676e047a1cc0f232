import type { Executor } from '../../db/schema.js';
import { AppError, type ErrorDetail } from '../../domain/errors.js';

/**
 * Existence of what a record points at — a region of the dictionary, a park, an association, a
 * parent — checked before writing, so a missing one is a 400 naming the field instead of a
 * foreign-key error from the database. Called after the access checks: a caller limited to a scope
 * has already been told 403/404 for places outside it, so this answers only callers who may see
 * every place (nothing to reveal). docs/architecture.md "Errors".
 */
export type References = {
  regionCode?: string | null;
  parkId?: string | null;
  associationId?: string | null;
  /** A parent union (unions have no parent scope check of their own). */
  parentUnionId?: string | null;
};

const missing = (field: string, code: string, message: string): ErrorDetail => ({ field, code, message });

export async function assertReferencesExist(tx: Executor, refs: References, fields: { regionCode?: string } = {}): Promise<void> {
  const details: ErrorDetail[] = [];
  const has = async (table: 'region' | 'park' | 'association' | 'union_org', key: string) => {
    const q = table === 'region'
      ? tx.selectFrom('region').select('code as k').where('code', '=', key)
      : tx.selectFrom(table).select('id as k').where('id', '=', key);
    return !!(await q.executeTakeFirst());
  };
  if (refs.regionCode && !(await has('region', refs.regionCode))) {
    details.push(missing(fields.regionCode ?? 'regionCode', 'UNKNOWN_REGION', `区划代码 ${refs.regionCode} 不在区划字典中`));
  }
  if (refs.parkId && !(await has('park', refs.parkId))) details.push(missing('parkId', 'NOT_FOUND', '园区不存在'));
  if (refs.associationId && !(await has('association', refs.associationId))) details.push(missing('associationId', 'NOT_FOUND', '行业协会（商会）不存在'));
  if (refs.parentUnionId && !(await has('union_org', refs.parentUnionId))) details.push(missing('parentId', 'NOT_FOUND', '上级工会不存在'));
  if (details.length) throw new AppError('VALIDATION_FAILED', details.map((d) => d.message).join('；'), details);
}
