import type { EnterpriseFacts } from '../../domain/enterprise-facts.js';

/**
 * What the apply stage consumes: the reader's items (src/core/import/read-enterprise-file.ts
 * yields a structural superset of these).
 */
export type RowError = { row: number; column: string | null; code: string; message: string };

export type ApplyItem =
  | { kind: 'row'; row: number; facts: EnterpriseFacts; factsHash: string }
  | { kind: 'rejected'; row: number; errors: RowError[] };
