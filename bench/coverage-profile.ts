import fs from 'node:fs';
import { sql } from 'kysely';
import { systemActor } from '../src/core/access/actor.js';
import { refreshCoverage } from '../src/core/coverage/coverage-refresh.js';
import { loadRegions } from '../src/core/region/region-load.service.js';
import { openDatabase, type Database } from '../src/db/database.js';
import type { Executor } from '../src/db/schema.js';
import { migrate } from '../src/db/migrate.js';
import { previousPeriod } from '../src/domain/metrics.js';
import { todayInChina } from '../src/domain/org-terms.js';
import { seedCoverage } from './coverage-seed.js';

/**
 * Profiling aid for the month snapshot (docs/benchmarks.md, Coverage): against a server you keep
 * running (`DATABASE_URL=… npx tsx bench/coverage-profile.ts seed 1000000`, then `… explain`), so
 * the ~2.5 min seed of 1M enterprises is paid once. `seed N` migrates and seeds an empty database
 * exactly as the coverage bench does; `explain SQLFILE` runs each `;`-separated statement of the
 * file in one transaction under EXPLAIN (ANALYZE, BUFFERS) — statements starting with `--run`
 * are executed plainly (temp tables, SET) — and prints plans and times; `run` takes the snapshot.
 */
const PROVINCE = '44';

async function seed(database: Database, size: number): Promise<void> {
  await migrate(database.db);
  const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM enterprise`.execute(database.db);
  if (n.rows[0]!.n > 0) return console.log(`already seeded: ${n.rows[0]!.n} enterprises`);
  await loadRegions(database, systemActor('bench'), { scope: [PROVINCE] });
  const t0 = performance.now();
  const r = await seedCoverage(database, size, PROVINCE, Number(todayInChina().slice(0, 4)));
  await sql`ANALYZE`.execute(database.db);
  await refreshCoverage(database.db);
  await sql`ANALYZE enterprise_coverage`.execute(database.db);
  console.log(`seeded ${r.enterprises} enterprises, ${r.orgs} orgs, ${r.unions} unions in ${Math.round(performance.now() - t0)} ms`);
}

async function explain(database: Database, file: string): Promise<void> {
  const statements = fs.readFileSync(file, 'utf8').split(/;\s*\n/).map((s) => s.trim()).filter(Boolean);
  await database.db.transaction().execute(async (tx) => {
    for (const s of statements) {
      const t0 = performance.now();
      const cpu0 = await backendCpuMs(tx);
      if (s.startsWith('--run')) {
        await sql.raw(s.replace(/^--run\s*/, '')).execute(tx);
        const cpu = (await backendCpuMs(tx)) - cpu0;
        console.log(`-- ${Math.round(performance.now() - t0)} ms (server CPU ${cpu} ms): ${s.slice(6, 90).replace(/\s+/g, ' ')}`);
        continue;
      }
      const r = await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s}`).execute(tx);
      console.log(`\n== ${Math.round(performance.now() - t0)} ms: ${s.slice(0, 90).replace(/\s+/g, ' ')}`);
      console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
    }
    throw new RollbackSignal();
  }).catch((e: unknown) => { if (!(e instanceof RollbackSignal)) throw e; });
}

class RollbackSignal extends Error {}

/**
 * Server CPU time (utime + stime from /proc; the server must run on this machine): of every
 * `postgres` process, or of this connection's backend. On this shared VM it tracked wall-clock
 * time closely (contention slows the CPU itself), so it is printed beside it, not instead.
 */
function cpuMsOf(pid: string | number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function postgresCpuMs(): number {
  let total = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/stat`, 'utf8').includes('(postgres)')) total += cpuMsOf(pid);
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

async function backendCpuMs(db: Executor): Promise<number> {
  const r = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db);
  try {
    return cpuMsOf(r.rows[0]!.pid);
  } catch {
    return Number.NaN;
  }
}

/** Times `times` takes of the period, each from an empty period like the bench's first take. */
async function run(database: Database, times: number, period: string): Promise<void> {
  const { takeSnapshot } = await import('../src/core/coverage/snapshot.service.js');
  for (let i = 0; i < times; i++) {
    // Earlier rows of the period would leave dead index entries that slow the unique checks.
    await sql`DELETE FROM metric_snapshot WHERE period = ${period}`.execute(database.db);
    await sql`VACUUM metric_snapshot`.execute(database.db);
    const [t0, cpu0] = [performance.now(), postgresCpuMs()];
    const r = await takeSnapshot(database.db, systemActor('bench'), period);
    console.log(`snapshot ${r.period}: ${r.rows} rows in ${Math.round(performance.now() - t0)} ms (server CPU ${postgresCpuMs() - cpu0} ms)`);
  }
}

async function main(argv: string[]): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const database = await openDatabase({ databaseUrl: url, purpose: 'bench' });
  try {
    if (argv[0] === 'seed') await seed(database, Number(argv[1] ?? 1_000_000));
    else if (argv[0] === 'explain') await explain(database, argv[1]!);
    else if (argv[0] === 'run') await run(database, Number(argv[1] ?? 1), argv[2] ?? previousPeriod(todayInChina().slice(0, 7)));
    else throw new Error('usage: coverage-profile.ts seed N | explain FILE | run [times] [period]');
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
