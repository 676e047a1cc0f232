import { AppError } from '../domain/errors.js';

/**
 * An opaque page cursor for lists sorted by a key other than the id: the last row's sort key and id,
 * as base64url JSON. A cursor that does not decode is the caller's error (400 CURSOR_INVALID).
 */
export type Keyset = { key: string; id: string };

export const encodeCursor = (k: Keyset): string => Buffer.from(JSON.stringify([k.key, k.id])).toString('base64url');

export function decodeCursor(cursor: string): Keyset {
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof key === 'string' && typeof id === 'string' && /^\d{1,18}$/.test(id)) return { key, id };
  } catch {
    /* fall through */
  }
  throw new AppError('VALIDATION_FAILED', '分页游标无效，请从第一页重新查询', [{ field: 'cursor', code: 'CURSOR_INVALID' }]);
}

/** Every page of a keyset list, in order (an export's rows): `page(after)` answers one page and its last keyset, null at the end. */
export async function* allPages<T>(page: (after: Keyset | undefined) => Promise<{ items: T[]; last: Keyset | null }>): AsyncGenerator<T[]> {
  for (let after: Keyset | undefined; ;) {
    const p = await page(after);
    if (p.items.length) yield p.items;
    if (!p.last) return;
    after = p.last;
  }
}
