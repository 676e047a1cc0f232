import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';

/**
 * The ledger floor on a server (docs/benchmarks.md): the rows an import wrote to `tables`, already
 * in their final form, COPYed into empty tables of the same shape (columns, defaults, CHECKs), then
 * those tables' indexes built once — what a zero-cost reader, checker and writer would still pay on
 * this schema. The copies are dropped again; `dir` holds the dumps while it runs.
 */
export type FloorResult = {
  ms: number; copyMs: number; indexMs: number; rows: number;
  /** The server's CPU seconds in the timed parts (lib/server-cpu.ts), when it runs on this machine. */
  cpuSeconds: number | null;
  /**
   * The tables' foreign keys validated over the copied rows (ADD CONSTRAINT: one anti-join per key,
   * the cheapest check there is — an import pays a trigger per row), timed and its server CPU apart:
   * not part of the floor, but work no importer writing into this schema avoids.
   */
  fkMs: number; fkCpuSeconds: number | null;
};

export async function serverFloor(client: pg.Client, tables: string[], dir: string, cpu: (() => number) | null = null): Promise<FloorResult> {
  const out: FloorResult = { ms: 0, copyMs: 0, indexMs: 0, rows: 0, cpuSeconds: cpu ? 0 : null, fkMs: 0, fkCpuSeconds: cpu ? 0 : null };
  for (const table of tables) {
    const copy = `bench_floor_${table}`;
    const file = path.join(dir, `floor-${table}.copy`);
    try {
      await client.query(`DROP TABLE IF EXISTS ${copy}`);
      await client.query(`CREATE TABLE ${copy} (LIKE ${table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
      await pipeline(client.query(copyStreams.to(`COPY ${table} TO STDOUT`)), fs.createWriteStream(file));
      const defs = (await client.query<{ ddl: string; name: string }>(
        `SELECT replace(pg_get_indexdef(i.indexrelid), ' ON public.${table} ', ' ON public.${copy} ') AS ddl, c.relname AS name
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = '${table}'::regclass ORDER BY c.relname`)).rows;
      const c0 = cpu?.() ?? 0;
      const t0 = performance.now();
      await pipeline(fs.createReadStream(file), client.query(copyStreams.from(`COPY ${copy} FROM STDIN`)));
      const t1 = performance.now();
      for (const d of defs) await client.query(d.ddl.replace(`INDEX ${d.name} ON`, `INDEX ${copy}_${d.name} ON`));
      const t2 = performance.now();
      if (cpu) out.cpuSeconds! += cpu() - c0;
      const fks = (await client.query<{ name: string; def: string }>(
        `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = '${table}'::regclass AND contype = 'f' ORDER BY conname`)).rows;
      const c2 = cpu?.() ?? 0;
      for (const fk of fks) await client.query(`ALTER TABLE ${copy} ADD CONSTRAINT ${copy}_${fk.name} ${fk.def}`);
      out.fkMs += performance.now() - t2;
      if (cpu) out.fkCpuSeconds! += cpu() - c2;
      out.copyMs += t1 - t0;
      out.indexMs += t2 - t1;
      out.rows += Number((await client.query(`SELECT count(*) AS n FROM ${copy}`)).rows[0].n);
    } finally {
      await client.query(`DROP TABLE IF EXISTS ${copy}`);
      fs.rmSync(file, { force: true });
    }
  }
  out.ms = out.copyMs + out.indexMs;
  return out;
}
