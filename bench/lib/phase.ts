import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { serverFloor } from './floor.js';
import { PGlite } from '@electric-sql/pglite';
import { systemActor } from '../../src/core/access/actor.js';
import { prepareFileImport } from '../../src/core/import/import-file.service.js';
import { loadRegions } from '../../src/core/region/region-load.service.js';
import { openDatabase } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';

/**
 * One measured phase in its own process, so peak RSS (maxRSS) belongs to that phase alone.
 * Prints one JSON line: { phase, ms, rows, maxRssMb, result }.
 */
export type PhaseArgs = { phase: 'setup' | 'copy' | 'import' | 'floor'; databaseUrl?: string; dataDir?: string; file?: string; scope?: string[]; table?: string };
export type PhaseOutput = { phase: string; ms: number; maxRssMb: number; result?: unknown };

const COLUMNS = 17;

async function rawCopy(args: PhaseArgs): Promise<{ ms: number; rows: number }> {
  const table = args.table ?? 'bench_raw';
  const ddl = `DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (${Array.from({ length: COLUMNS }, (_, i) => `c${i + 1} text`).join(', ')})`;
  const copy = `COPY ${table} FROM STDIN WITH (FORMAT csv, HEADER true)`;
  if (args.databaseUrl) {
    const client = new pg.Client({ connectionString: args.databaseUrl });
    await client.connect();
    await client.query(ddl);
    const started = performance.now();
    await pipeline(fs.createReadStream(args.file!), client.query(copyStreams.from(copy)));
    const ms = performance.now() - started;
    const rows = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    await client.end();
    return { ms, rows };
  }
  const db = new PGlite(path.join(args.dataDir!, 'pg'));
  await db.waitReady;
  await db.exec(ddl);
  const started = performance.now();
  // PGlite's COPY reads a blob: the file as it is on disk is the same bytes a server would stream.
  await db.query(copy.replace('STDIN', `'/dev/blob'`), [], { blob: new Blob([fs.readFileSync(args.file!)]) });
  const ms = performance.now() - started;
  const rows = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  await db.close();
  return { ms, rows };
}

/**
 * The floor under any first import of these rows: the ledger rows the import wrote, already in
 * their final form, COPYed into an empty table shaped like `enterprise` (its columns, defaults and
 * CHECKs), then that table's indexes built once — what a zero-cost reader, normaliser and placer
 * would still have to pay on this schema (docs/benchmarks.md, "Why the first-import target is
 * out of reach"). Run after the first import; the copy is dropped again.
 */
async function ledgerFloor(args: PhaseArgs): Promise<{ ms: number; copyMs: number; indexMs: number; rows: number }> {
  const prepare = ['DROP TABLE IF EXISTS bench_floor', 'CREATE TABLE bench_floor (LIKE enterprise INCLUDING DEFAULTS INCLUDING CONSTRAINTS)'];
  const indexes = `SELECT replace(pg_get_indexdef(i.indexrelid), ' ON public.enterprise ', ' ON public.bench_floor ') AS ddl, c.relname AS name
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'enterprise'::regclass ORDER BY c.relname`;
  const build = (defs: Array<{ ddl: string; name: string }>) =>
    defs.map((d) => d.ddl.replace(`INDEX ${d.name} ON`, `INDEX bench_floor_${d.name} ON`));
  if (args.databaseUrl) {
    const client = new pg.Client({ connectionString: args.databaseUrl });
    await client.connect();
    try {
      return await serverFloor(client, ['enterprise'], path.dirname(args.file!));
    } finally {
      await client.end();
    }
  }
  const db = new PGlite(path.join(args.dataDir!, 'pg'));
  await db.waitReady;
  try {
    for (const q of prepare) await db.exec(q);
    const dumped = await db.query(`COPY enterprise TO '/dev/blob'`);
    const blob = dumped.blob!;
    const ddl = build((await db.query<{ ddl: string; name: string }>(indexes)).rows);
    const t0 = performance.now();
    await db.query(`COPY bench_floor FROM '/dev/blob'`, [], { blob });
    const t1 = performance.now();
    for (const q of ddl) await db.exec(q);
    const t2 = performance.now();
    const rows = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM bench_floor')).rows[0]!.n);
    await db.exec('DROP TABLE bench_floor');
    return { ms: t2 - t0, copyMs: t1 - t0, indexMs: t2 - t1, rows };
  } finally {
    await db.close();
  }
}

/**
 * Where an import's time went, from its own trace (src/core/import/import-trace.ts): when the read
 * ended (every row staged) and how long the inbox refresh took. What follows the read is what an
 * infinitely fast reader would still wait for — the bound the benchmark prints beside each ratio.
 */
export type ImportSteps = { readMs: number; tasksMs: number };
// Steps as they are traced, with the phase's clock (performance.now()) when each was printed.
const seen: Array<{ label: string; lapMs: number; atMs: number }> = [];

function watchSteps(): void {
  process.env.LX_IMPORT_TRACE = '1';
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const m = /^\[import [^\]r][^\]]*\] (.+?): \+(\d+) ms/.exec(String(chunk));
    if (m) seen.push({ label: m[1]!, lapMs: Number(m[2]), atMs: performance.now() });
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
}

/** `startedAt`: the phase's clock start, so the read's end counts the file's opening and the batch too. */
function stepTimes(startedAt: number): ImportSteps {
  const read = seen.find((s) => s.label.startsWith('read and staged'));
  const tasks = seen.find((s) => s.label === 'tasks refreshed');
  return { readMs: read ? read.atMs - startedAt : 0, tasksMs: tasks?.lapMs ?? 0 };
}

async function run(args: PhaseArgs): Promise<PhaseOutput> {
  if (args.phase === 'floor') {
    const f = await ledgerFloor(args);
    return { phase: 'floor', ms: f.ms, maxRssMb: process.resourceUsage().maxRSS / 1024, result: f };
  }
  if (args.phase === 'copy') {
    const { ms, rows } = await rawCopy(args);
    return { phase: 'copy', ms, maxRssMb: process.resourceUsage().maxRSS / 1024, result: { rows } };
  }
  const database = await openDatabase({ databaseUrl: args.databaseUrl, dataDir: args.dataDir, purpose: 'bench' });
  try {
    const started = performance.now();
    let result: unknown;
    if (args.phase === 'setup') {
      await migrate(database.db);
      result = await loadRegions(database, systemActor('bench'), { scope: args.scope ?? [] });
    } else {
      watchSteps();
      const prepared = await prepareFileImport(database, systemActor('bench'), {
        path: args.file!, fileName: path.basename(args.file!), source: 'bench', dryRun: false,
      });
      result = await prepared.run();
    }
    if (args.phase === 'import') result = { ...(result as object), steps: stepTimes(started) };
    return { phase: args.phase, ms: performance.now() - started, maxRssMb: process.resourceUsage().maxRSS / 1024, result };
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run(JSON.parse(process.argv[2]) as PhaseArgs)
    .then((out) => console.log(`PHASE ${JSON.stringify(out)}`))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
