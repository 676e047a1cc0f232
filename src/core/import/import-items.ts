import type { EnterpriseFacts } from '../../domain/enterprise-facts.js';
import type { KnownRows } from './known-rows.js';
import type { RowHash } from './row-hash.js';

/**
 * What the apply stage consumes: the reader's items (src/core/import/read-enterprise-file.ts
 * yields a structural superset of these).
 */
export type RowError = { row: number; column: string | null; code: string; message: string };

export type ApplyItem =
  /** sourceHash: the hash of the raw record (row-hash.ts); items made in code have none. */
  | { kind: 'row'; row: number; facts: EnterpriseFacts; factsHash: string; sourceHash?: RowHash }
  | { kind: 'rejected'; row: number; errors: RowError[] }
  /** Rows the reader skipped because the ledger already holds their source hash. */
  | { kind: 'skipped'; rows: number };

/**
 * Items from a file can skip rows the ledger already knows: the apply step starts loading the
 * known hashes (scoped to the importer) and hands the promise over before the first item is read.
 */
export type ItemSource = AsyncIterable<ApplyItem> & {
  skipKnown?: (known: Promise<KnownRows>) => void;
  /** A reader on another thread hits its own copy of the table: after the read, that copy (reader-thread.ts). */
  knownAfterRead?: () => KnownRows | null;
};
