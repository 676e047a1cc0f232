import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';

/** What the check needs to know of the migrated schema, read from pg_catalog (no Citus required). */
export type Fk = { name: string; table: string; columns: string[]; refTable: string; refColumns: string[] };
export type UniqueKey = { name: string; table: string; columns: string[]; primary: boolean };
export type TableFacts = { name: string; columns: string[]; partitioned: boolean };
export type SchemaFacts = { tables: TableFacts[]; fks: Fk[]; uniques: UniqueKey[] };

const arr = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : String(v ?? '').replace(/^\{|\}$/g, '').split(',').filter(Boolean));

export async function readSchemaFacts(db: Executor): Promise<SchemaFacts> {
  // Partitions are stored under their parent's name: Citus distributes the parent.
  const tables = await sql<{ name: string; columns: unknown; partitioned: boolean }>`
    SELECT c.relname AS name, c.relkind = 'p' AS partitioned,
           array(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) AS columns
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
     ORDER BY c.relname`.execute(db);
  const fks = await sql<{ name: string; tbl: string; cols: unknown; ref: string; refcols: unknown }>`
    SELECT k.conname AS name, c.relname AS tbl, r.relname AS ref,
           array(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, i) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i) AS cols,
           array(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, i) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i) AS refcols
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE k.contype = 'f' AND n.nspname = 'public' AND NOT c.relispartition AND k.conparentid = 0
     ORDER BY c.relname, k.conname`.execute(db);
  // Unique constraints and unique indexes alike (Citus treats both the same way).
  const uniques = await sql<{ name: string; tbl: string; cols: unknown; pk: boolean }>`
    SELECT i.relname AS name, c.relname AS tbl, x.indisprimary AS pk,
           array(SELECT coalesce(a.attname::text, 'expr') FROM unnest(x.indkey) WITH ORDINALITY u(n, o) LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.n ORDER BY u.o) AS cols
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE x.indisunique AND n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
     ORDER BY c.relname, i.relname`.execute(db);
  return {
    tables: tables.rows.map((t) => ({ name: t.name, columns: arr(t.columns), partitioned: t.partitioned })),
    fks: fks.rows.map((f) => ({ name: f.name, table: f.tbl, columns: arr(f.cols), refTable: f.ref, refColumns: arr(f.refcols) })),
    uniques: uniques.rows.map((u) => ({ name: u.name, table: u.tbl, columns: arr(u.cols), primary: u.pk })),
  };
}
