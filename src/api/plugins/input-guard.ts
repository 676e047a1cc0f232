import type { FastifyInstance } from 'fastify';
import { AppError } from '../../domain/errors.js';

/** Where the first NUL character sits in a parsed value (object keys included), or null. */
export function findNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (!value || typeof value !== 'object' || depth > 32) return null;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const at = k.includes('\u0000') ? path : findNul(v, `${path}.${k}`, depth + 1);
    if (at) return at;
  }
  return null;
}

/**
 * PostgreSQL text cannot hold U+0000, so a NUL in any parameter, query or JSON body could only end
 * as a 500 deep in a repository. Refuse it up front, for every route (found by test/api/fuzz.test.ts).
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const at = findNul(request.params, 'params') ?? findNul(request.query, 'querystring') ?? findNul(request.body, 'body');
    if (at) throw new AppError('VALIDATION_FAILED', '请求中含有不允许的空字符', [{ field: at, code: 'nul_character', message: '不能包含空字符（U+0000）' }]);
  });
}
