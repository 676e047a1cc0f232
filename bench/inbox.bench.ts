import { cpus, loadavg } from 'node:os';
import { sql } from 'kysely';
import { systemActor, type Actor } from '../src/core/access/actor.js';
import { loadRegions } from '../src/core/region/region-load.service.js';
import { inboxCounts, inboxPage } from '../src/core/task/inbox.service.js';
import { currentTaskFindings } from '../src/core/task/task-findings.js';
import { refreshTasksFor } from '../src/core/task/task-refresh-for.service.js';
import { refreshTasks } from '../src/core/task/task-refresh.service.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { todayInChina } from '../src/domain/org-terms.js';
import { startPgServer } from '../test/helpers/pg-server.js';
import { seedCoverage } from './coverage-seed.js';

/**
 * `npm run -s bench -- inbox [--rows 10000,100000,1000000] [--json]` (issue 17 item 9,
 * docs/benchmarks.md "Work inbox"), on PostgreSQL: generated enterprises of one province with the
 * generator's organisations (bench/coverage-seed.ts), then
 *  (a) a full refresh of every task from the rule engine, beside the findings computed alone;
 *  (b) after a re-import touching 1% of the enterprises (operating status flipped, a tenth of them moved
 *      to another street), the incremental refresh by those ids, beside a bare indexed read of them;
 *  (c) a street officer's inbox page (本岗位, 50 rows) and counts, warm p95, beside a bare indexed count
 *      over task for that street.
 * Every figure is also a ratio to its baseline in the same run, so a busy machine shows as such.
 */
type Timing = { p50: number; p95: number; runs: number };
export type InboxBenchRow = {
  enterprises: number; orgs: number; seedMs: number; tasks: number;
  fullRefreshMs: number; findingsOnlyMs: number; fullRefreshUsPerEnterprise: number;
  touched: number; incrementalMs: number; incrementalBaselineMs: number; incremental: { opened: number; closed: number; reopened: number; moved: number };
  street: string; streetTasks: number; page: Timing; counts: Timing; bareCount: Timing; pageRatio: number; countsRatio: number;
};
export type InboxBenchReport = { cpu: string; cores: number; node: string; loadBefore: number[]; loadAfter: number[]; rows: InboxBenchRow[] };

const PROVINCE = '44';
const round = (n: number) => Math.round(n * 10) / 10;

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

async function warm(fn: () => Promise<unknown>, runs: number): Promise<Timing> {
  for (let i = 0; i < 3; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push((await timed(fn)).ms);
  ms.sort((a, b) => a - b);
  const at = (q: number) => round(ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)]!);
  return { p50: at(0.5), p95: at(0.95), runs };
}

const officer = (street: string): Actor => ({
  kind: 'user', userId: '1', username: 'bench-street', ip: null, userAgent: null,
  grants: [{ role: 'township_officer', allRegions: false, regionPrefixes: [street], parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [] }],
});

/** A re-import's effect on 1% of the ledger: operating status flips (gaps close and open), a tenth move street. */
async function reimportOnePercent(database: Database, streets: string[]): Promise<string[]> {
  const ids = (await sql<{ id: string }>`SELECT id FROM enterprise WHERE id % 100 = 7 ORDER BY id`.execute(database.db)).rows.map((r) => r.id);
  await sql`UPDATE enterprise SET operating_status = CASE WHEN operating_status = 'active' THEN 'deregistered' ELSE 'active' END,
    version = version + 1 WHERE id % 100 = 7`.execute(database.db);
  const target = streets[0]!.padEnd(12, '0');
  await sql`UPDATE enterprise SET region_code = ${target}, operating_status = 'active' WHERE id % 1000 = 7`.execute(database.db);
  return ids;
}

async function measure(database: Database, size: number, log: (m: string) => void): Promise<InboxBenchRow> {
  const admin = systemActor('bench');
  const date = todayInChina();
  await migrate(database.db);
  await loadRegions(database, admin, { scope: [PROVINCE] });
  const seed = await timed(() => seedCoverage(database, size, PROVINCE, Number(date.slice(0, 4))));
  await sql`ANALYZE`.execute(database.db);
  log(`  ${size.toLocaleString()} 企业：载入 ${Math.round(seed.ms)} ms（党组织 ${seed.value.orgs}）`);
  const findings = await timed(() => currentTaskFindings(database.db, undefined, date));
  const full = await timed(() => refreshTasks(database.db, admin, { date }));
  await sql`ANALYZE task`.execute(database.db);
  const tasks = full.value.reduce((s, r) => s + r.opened, 0);
  log(`    全量刷新 ${Math.round(full.ms)} ms（${tasks} 件待办；仅计算规则发现 ${Math.round(findings.ms)} ms）`);

  const streets = [...seed.value.townships].sort((a, b) => b[1] - a[1]).map(([s]) => s);
  const ids = await reimportOnePercent(database, streets);
  const baseline = await timed(() => database.db.selectFrom('enterprise').select(['id', 'region_code', 'member_count']).where('id', 'in', ids).execute());
  const inc = await timed(() => database.db.transaction().execute((tx) => refreshTasksFor(tx, admin, { enterpriseIds: ids }, { date })));
  log(`    增量刷新（1% 企业 ${ids.length} 家）${Math.round(inc.ms)} ms：新增 ${inc.value.opened}，关闭 ${inc.value.closed}，重开 ${inc.value.reopened}，迁移 ${inc.value.moved}（按编号读取这些企业 ${Math.round(baseline.ms)} ms）`);

  const street = streets[0]!;
  await sql`ANALYZE task`.execute(database.db);
  const actor = officer(street);
  const streetTasks = (await inboxPage(database.db, actor, { view: 'role', state: 'open', limit: 1 })).total;
  const page = await warm(() => inboxPage(database.db, actor, { view: 'role', state: 'open', limit: 50 }), 50);
  const counts = await warm(() => inboxCounts(database.db, actor, undefined), 50);
  const bareCount = await warm(() => sql`SELECT count(*) FROM task WHERE region_code LIKE ${street + '%'} AND state = 'open'`.execute(database.db), 50);
  log(`    街道 ${street}（${streetTasks} 件）：列表 p95 ${page.p95} ms，数量 p95 ${counts.p95} ms（裸计数 ${bareCount.p95} ms）`);
  return {
    enterprises: seed.value.enterprises, orgs: seed.value.orgs, seedMs: Math.round(seed.ms), tasks,
    fullRefreshMs: Math.round(full.ms), findingsOnlyMs: Math.round(findings.ms), fullRefreshUsPerEnterprise: round((full.ms * 1000) / size),
    touched: ids.length, incrementalMs: Math.round(inc.ms), incrementalBaselineMs: round(baseline.ms),
    incremental: { opened: inc.value.opened, closed: inc.value.closed, reopened: inc.value.reopened, moved: inc.value.moved },
    street, streetTasks, page, counts, bareCount,
    pageRatio: round(page.p95 / Math.max(bareCount.p95, 0.1)), countsRatio: round(counts.p95 / Math.max(bareCount.p95, 0.1)),
  };
}

export async function runInboxBench(opts: { sizes: number[]; log: (m: string) => void }): Promise<InboxBenchReport> {
  const loadBefore = loadavg();
  const rows: InboxBenchRow[] = [];
  for (const size of opts.sizes) {
    const server = await startPgServer();
    const database = await openDatabase({ databaseUrl: server.url, purpose: 'bench' });
    try {
      rows.push(await measure(database, size, opts.log));
    } finally {
      await database.close();
      server.stop();
    }
  }
  return { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, loadBefore, loadAfter: loadavg(), rows };
}

export function printInboxBench(r: InboxBenchReport): void {
  console.log(`待办基准（PostgreSQL；${r.cpu} × ${r.cores}，Node ${r.node}；负载 ${r.loadBefore.map(round).join('/')} → ${r.loadAfter.map(round).join('/')}；毫秒）`);
  console.log('企业数\t待办\t全量刷新\t仅规则\t每企业µs\t增量(1%)\t增量基线\t街道待办\t列表p95\t数量p95\t裸计数p95\t列表/裸计数\t数量/裸计数');
  for (const x of r.rows) {
    console.log([x.enterprises, x.tasks, x.fullRefreshMs, x.findingsOnlyMs, x.fullRefreshUsPerEnterprise, x.incrementalMs, x.incrementalBaselineMs,
      x.streetTasks, x.page.p95, x.counts.p95, x.bareCount.p95, x.pageRatio, x.countsRatio].join('\t'));
  }
}

export async function main(argv: string[]): Promise<void> {
  const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const sizes = (option('--rows') ?? '10000,100000').split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--rows 应为正整数（可用逗号分隔多个）');
  const json = argv.includes('--json');
  const report = await runInboxBench({ sizes, log: (m) => (json ? process.stderr.write(m + '\n') : console.log(m)) });
  if (json) console.log(JSON.stringify(report));
  else printInboxBench(report);
}
