import { cpus } from 'node:os';
import { sql } from 'kysely';
import { systemActor } from '../src/core/access/actor.js';
import { getFigures } from '../src/core/coverage/coverage-figures.service.js';
import { refreshCoverage } from '../src/core/coverage/coverage-refresh.js';
import { takeSnapshot } from '../src/core/coverage/snapshot.service.js';
import type { Database } from '../src/db/database.js';
import { previousPeriod } from '../src/domain/metrics.js';
import { todayInChina } from '../src/domain/org-terms.js';
import { seedProvince, withBenchDatabase, type Engine } from './coverage-seed.js';
import { timed, warmP95, type Timing } from './lib/timing.js';

/**
 * `npm run bench -- coverage [--rows 10000,100000] [--engines pglite,postgres] [--json]`:
 * warm p95 of the dashboard figures (the service the API route calls, as an admin) for the root
 * and for the largest township, beside the minimal hand-written SQL aggregate of the same figure
 * in the same run; the coverage refresh; the month-end snapshot of the province (docs/benchmarks.md).
 */
export type { Engine, Timing };
export type CoverageBenchRow = {
  engine: Engine; enterprises: number; orgs: number; unions: number; township: string; townshipEnterprises: number;
  loadMs: number; refreshMs: number; rootFigures: Timing; rootRawSql: Timing; townshipFigures: Timing; townshipRawSql: Timing;
  snapshotMs: number; snapshotRows: number;
  /** History the snapshot had to undo (bench/coverage-seed.ts). */
  changesAfterMonthEnd: number; unionChangesAfterMonthEnd: number;
};
export type CoverageBenchReport = { cpu: string; cores: number; node: string; province: string; rows: CoverageBenchRow[] };

const PROVINCE = '44';

/** The same figure (党的组织覆盖率), written by hand over the precomputed rows. */
function rawFigure(database: Database, prefix: string | null) {
  const where = prefix ? sql`WHERE region_code LIKE ${prefix + '%'}` : sql``;
  return sql`SELECT count(*) FILTER (WHERE active AND status IN ('standalone','dispatched','joint','attached')) AS n,
    count(*) FILTER (WHERE active) AS d FROM enterprise_coverage ${where}`.execute(database.db);
}

async function measure(database: Database, engine: Engine, size: number, log: (m: string) => void): Promise<CoverageBenchRow> {
  const admin = systemActor('bench');
  const load = await timed(() => seedProvince(database, size, PROVINCE));
  log(`  ${engine} ${size.toLocaleString()}：载入 ${Math.round(load.ms)} ms（党组织 ${load.value.orgs}，工会 ${load.value.unions}；月末后的变更 ${load.value.changesAfterMonthEnd} 条企业、${load.value.unionChangesAfterMonthEnd} 条工会）`);
  const refresh = await timed(() => refreshCoverage(database.db));
  await sql`ANALYZE enterprise_coverage`.execute(database.db);
  const [township, townshipEnterprises] = [...load.value.townships].sort((a, b) => b[1] - a[1])[0]!;
  const runs = size >= 1_000_000 && engine === 'pglite' ? 20 : 50;
  const rootFigures = await warmP95(() => getFigures(database.db, admin, { groupBy: 'region' }), runs);
  const rootRawSql = await warmP95(() => rawFigure(database, null), runs);
  const townshipFigures = await warmP95(() => getFigures(database.db, admin, { groupBy: 'region', regionPrefix: township }), runs);
  const townshipRawSql = await warmP95(() => rawFigure(database, township), runs);
  log(`    根节点 p95 ${rootFigures.p95} ms（手写 SQL ${rootRawSql.p95} ms）；街道 p95 ${townshipFigures.p95} ms（手写 SQL ${townshipRawSql.p95} ms）`);
  const snap = await timed(() => takeSnapshot(database.db, admin, previousPeriod(todayInChina().slice(0, 7))));
  log(`    月末快照 ${Math.round(snap.ms)} ms（${snap.value.rows} 行）`);
  return {
    engine, enterprises: load.value.enterprises, orgs: load.value.orgs, unions: load.value.unions, township, townshipEnterprises,
    loadMs: Math.round(load.ms), refreshMs: Math.round(refresh.ms), rootFigures, rootRawSql, townshipFigures, townshipRawSql,
    snapshotMs: Math.round(snap.ms), snapshotRows: snap.value.rows,
    changesAfterMonthEnd: load.value.changesAfterMonthEnd, unionChangesAfterMonthEnd: load.value.unionChangesAfterMonthEnd,
  };
}

export async function runCoverageBench(opts: { sizes: number[]; engines: Engine[]; log: (m: string) => void }): Promise<CoverageBenchReport> {
  const rows: CoverageBenchRow[] = [];
  for (const size of opts.sizes) for (const engine of opts.engines) rows.push(await withBenchDatabase(engine, (database) => measure(database, engine, size, opts.log)));
  return { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, province: PROVINCE, rows };
}

export function printCoverageBench(r: CoverageBenchReport): void {
  console.log(`覆盖统计基准（${r.cpu} × ${r.cores}，Node ${r.node}，省 ${r.province}；时间为毫秒，p95 为预热后）`);
  console.log('引擎\t企业数\t刷新\t根节点p95\t根手写SQL\t街道p95\t街道手写SQL\t月末快照');
  for (const x of r.rows) {
    console.log([x.engine, x.enterprises, x.refreshMs, x.rootFigures.p95, x.rootRawSql.p95, x.townshipFigures.p95, x.townshipRawSql.p95, x.snapshotMs].join('\t'));
  }
}

export async function main(argv: string[]): Promise<void> {
  const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const sizes = (option('--rows') ?? '10000,100000').split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--rows 应为正整数（可用逗号分隔多个）');
  const engines = (option('--engines') ?? 'pglite,postgres').split(',') as Engine[];
  if (engines.some((e) => e !== 'pglite' && e !== 'postgres')) throw new Error('--engines 只能是 pglite、postgres');
  const json = argv.includes('--json');
  const report = await runCoverageBench({ sizes, engines, log: (m) => (json ? process.stderr.write(m + '\n') : console.log(m)) });
  if (json) console.log(JSON.stringify(report));
  else printCoverageBench(report);
}
