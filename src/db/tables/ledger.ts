import type { ColumnType, Generated } from 'kysely';
import type { Json } from './foundation.js';

/**
 * Tables and columns added by 0002_ledger.sql. `import_batch` gains columns: Kysely merges the two
 * object types of the same key through the intersection in schema.ts.
 */
export type ImportProgress = { phase?: string; bytesRead?: number; totalBytes?: number; rows?: number; applied?: number };

export type ImportBatchLedgerColumns = {
  stored_path: string | null;
  dry_run: Generated<boolean>;
  progress: Generated<Json<ImportProgress>>;
  error: Json<{ code: string; message: string }> | null;
  heartbeat_at: ColumnType<Date, Date | string | undefined, Date | string>;
};

export type ImportRowErrorTable = {
  import_id: string;
  row: number;
  column: string | null;
  code: string;
  message: string;
};

/** 0011_deferred_ddl.sql: an index or foreign key dropped for a bulk load, to be restored. */
export type DeferredDdlTable = {
  name: string;
  table_name: string;
  kind: 'index' | 'foreign_key';
  definition: string;
  import_id: string;
  deferred_at: Generated<Date>;
};

export type LedgerTables = {
  import_batch: ImportBatchLedgerColumns;
  import_row_error: ImportRowErrorTable;
  deferred_ddl: DeferredDdlTable;
};
