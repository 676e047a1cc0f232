import type { CopyConnection } from '../../db/copy-connection.js';

/**
 * The catalogue questions of backup, restore and `db migrate-to`, asked on the held connection (so
 * inside the backup's snapshot). SQL only; the order of tables is decided in table-order.ts.
 */
/** Any catalogue name, quoted (copy.ts's quoteIdent takes only lower-case names; some columns are camelCase). */
const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export type TableInfo = { name: string; columns: string[]; orderBy: string };
export type FkEdge = { table: string; references: string };
export type SequenceValue = { name: string; value: string | null };

/** The move's progress in the target (dropped when it is verified; not part of the schema). */
export const PROGRESS_TABLE = 'lx_migrate_progress';
/** Rows the migrations themselves write: a migrated database with only these is still empty. */
const MIGRATION_ROWS = new Set(['schema_migration', 'coverage_state']);

/** Tables whose rows are the installation: not the migration bookkeeping, the move's progress, or an import's UNLOGGED staging. */
export async function listTables(c: CopyConnection): Promise<TableInfo[]> {
  const cols = await c.query<{ table: string; column: string; collatable: boolean; pk: number | null }>(
    `SELECT cl.relname AS table, a.attname AS column, t.typcollation <> 0 AS collatable,
            array_position(pk.conkey, a.attnum) AS pk
       FROM pg_class cl
       JOIN pg_namespace n ON n.oid = cl.relnamespace AND n.nspname = 'public'
       JOIN pg_attribute a ON a.attrelid = cl.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
       JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_constraint pk ON pk.conrelid = cl.oid AND pk.contype = 'p'
      WHERE cl.relkind IN ('r', 'p') AND cl.relpersistence = 'p' AND cl.relname NOT IN ('schema_migration', $1)
      ORDER BY cl.relname, a.attnum`, [PROGRESS_TABLE]);
  const byTable = new Map<string, { columns: string[]; keys: Array<{ at: number; expr: string }> }>();
  for (const r of cols) {
    const t = byTable.get(r.table) ?? { columns: [], keys: [] };
    byTable.set(r.table, t);
    t.columns.push(r.column);
    // Text keys sort by bytes ("C") so both engines, whatever their default collation, give one order.
    if (r.pk !== null) t.keys.push({ at: Number(r.pk), expr: `${quoteIdent(r.column)}${r.collatable ? ' COLLATE "C"' : ''}` });
  }
  return [...byTable].map(([name, t]) => ({
    name,
    columns: t.columns,
    orderBy: t.keys.length ? t.keys.sort((a, b) => a.at - b.at).map((k) => k.expr).join(', ') : `(${quoteIdent(name)}.*)::text COLLATE "C"`,
  }));
}

export async function listForeignKeys(c: CopyConnection): Promise<FkEdge[]> {
  return c.query<FkEdge>(
    `SELECT t.relname AS table, r.relname AS references
       FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
      WHERE k.contype = 'f'`);
}

export async function countRows(c: CopyConnection, table: string): Promise<number> {
  const [row] = await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteIdent(table)}`);
  return Number(row!.n);
}

export async function appliedMigrations(c: CopyConnection): Promise<string[]> {
  if (!(await tableExists(c, 'schema_migration'))) return [];
  return (await c.query<{ name: string }>('SELECT name FROM schema_migration ORDER BY name')).map((r) => r.name);
}

export async function tableExists(c: CopyConnection, name: string): Promise<boolean> {
  const rows = await c.query(`SELECT 1 FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
     WHERE n.nspname = 'public' AND cl.relname = $1`, [name]);
  return rows.length > 0;
}

/** Tables holding rows other than the migrations' own (at most `limit` names). */
export async function tablesWithRows(c: CopyConnection, tables: TableInfo[], limit = 5): Promise<string[]> {
  const found: string[] = [];
  for (const t of tables) {
    if (MIGRATION_ROWS.has(t.name)) continue;
    const rows = await c.query(`SELECT 1 FROM ${quoteIdent(t.name)} LIMIT 1`);
    if (rows.length && found.push(t.name) >= limit) break;
  }
  return found;
}

/** The audit chain's anchored head (app_setting 'audit.head', written by recordAudit). */
export async function auditHead(c: CopyConnection): Promise<{ seq: string; hash: string } | null> {
  if (!(await tableExists(c, 'app_setting'))) return null;
  const [row] = await c.query<{ value: { seq: string; hash: string } }>(`SELECT value FROM app_setting WHERE key = 'audit.head'`);
  return row?.value ?? null;
}

/** Read after the tables: a sequence is never rolled back, so this is at or past every value copied. */
export async function readSequences(c: CopyConnection): Promise<SequenceValue[]> {
  const rows = await c.query<{ name: string; value: string | null }>(
    `SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`);
  return rows;
}

export async function setSequences(c: CopyConnection, sequences: SequenceValue[]): Promise<void> {
  for (const s of sequences) {
    if (s.value !== null) await c.query('SELECT setval($1::regclass, $2::bigint, true)', [quoteIdent(s.name), s.value]);
  }
}

/**
 * Every value printed the same way on both engines and every server, whatever its settings: the
 * ordered COPY text is what the checksums cover. LOCAL: the connection goes back to a pool.
 */
export async function fixOutputSettings(c: CopyConnection): Promise<void> {
  for (const s of ["timezone = 'UTC'", "datestyle = 'ISO, YMD'", "intervalstyle = 'postgres'", 'extra_float_digits = 1', "bytea_output = 'hex'"]) {
    await c.query(`SET LOCAL ${s}`);
  }
}

export const copyOutStatement = (t: TableInfo): string =>
  `COPY (SELECT ${t.columns.map(quoteIdent).join(', ')} FROM ${quoteIdent(t.name)} ORDER BY ${t.orderBy}) TO STDOUT`;

export const copyInStatement = (table: string, columns: string[]): string =>
  `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`;

export async function clearTable(c: CopyConnection, table: string): Promise<void> {
  await c.query(`DELETE FROM ${quoteIdent(table)}`);
}

export async function createProgressTable(c: CopyConnection): Promise<void> {
  await c.query(`CREATE TABLE IF NOT EXISTS ${PROGRESS_TABLE} (
    name text PRIMARY KEY, rows bigint NOT NULL, sha256 text NOT NULL, done_at timestamptz NOT NULL DEFAULT now())`);
}

export async function readProgress(c: CopyConnection): Promise<Map<string, { rows: number; sha256: string }>> {
  const rows = await c.query<{ name: string; rows: string; sha256: string }>(`SELECT name, rows, sha256 FROM ${PROGRESS_TABLE}`);
  return new Map(rows.map((r) => [r.name, { rows: Number(r.rows), sha256: r.sha256 }]));
}

export async function markDone(c: CopyConnection, name: string, rows: number, sha256: string): Promise<void> {
  await c.query(`INSERT INTO ${PROGRESS_TABLE} (name, rows, sha256) VALUES ($1, $2, $3)`, [name, rows, sha256]);
}

export async function dropProgressTable(c: CopyConnection): Promise<void> {
  await c.query(`DROP TABLE IF EXISTS ${PROGRESS_TABLE}`);
}
