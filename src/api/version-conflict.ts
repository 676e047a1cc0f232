import type { z } from 'zod';
import { conflictBodySchema } from '../contracts/errors.js';
import { AppError } from '../domain/errors.js';

/**
 * Optimistic locking at the API edge. Services throw VERSION_CONFLICT without the record (they hold
 * a failed transaction by then); here the route reads the record as it stands now, with the
 * caller's own read use case — so scope and masking are the read route's, never more — and
 * attaches it as `current`. A failed re-read (the record vanished, the caller lost access) leaves
 * the 409 without it rather than turning it into another error.
 */
export async function withCurrent<T>(write: () => Promise<T>, readCurrent: () => Promise<unknown>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof AppError && err.code === 'VERSION_CONFLICT' && err.current === undefined) {
      err.current = await readCurrent().catch(() => undefined);
    }
    throw err;
  }
}

/** The 409 a versioned write declares in its route schema, `current` typed as the record it returns. */
export const conflictResponse = <T extends z.ZodType>(record: T) => ({ 409: conflictBodySchema(record) });
