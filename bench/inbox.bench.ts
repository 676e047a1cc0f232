import { cpus, loadavg } from 'node:os';
import { sql } from 'kysely';
import { asColumn } from '../src/core/access/party-org-scope.js';
import { systemActor, type Actor } from '../src/core/access/actor.js';
import { inboxCounts, inboxPage, kindScopes } from '../src/core/task/inbox.service.js';
import { taskFilters, visibleTasks } from '../src/core/task/inbox-visible.js';
import { taskActionable, tasksWithAnchors, taskVisible } from '../src/core/task/inbox.repository.js';
import { currentTaskFindings } from '../src/core/task/task-findings.js';
import { refreshTasksFor } from '../src/core/task/task-refresh-for.service.js';
import { refreshTasks } from '../src/core/task/task-refresh.service.js';
import type { Database } from '../src/db/database.js';
import { todayInChina } from '../src/domain/org-terms.js';
import { seedProvince, withBenchDatabase, type Engine } from './coverage-seed.js';
import { round, timed, warmP95, type Timing } from './lib/timing.js';

/**
 * `npm run -s bench -- inbox [--rows 10000,100000,1000000] [--engines postgres,pglite] [--json]` (issue 17
 * item 9, docs/benchmarks.md "Work inbox"): generated enterprises of one province with the generator's
 * organisations (bench/coverage-seed.ts, COPY), then
 *  (a) a full refresh of every task from the rule engine, beside the findings computed alone;
 *  (b) after a re-import touching 1% of the enterprises (operating status flipped, a tenth of them moved
 *      to another street), the incremental refresh by those ids, beside a bare indexed read of them;
 *  (c) the largest street's officer: the inbox page (本岗位, 50 rows) and counts, warm p95, beside a bare
 *      indexed count over task for that street — and beside the predicate the indexed reads replaced
 *      (tested on every task), in the same run; the street read's plan (EXPLAIN ANALYZE): its indexes,
 *      its time on the server and the table rows it fetched.
 * Every figure is also a ratio to its baseline in the same run, and the load average is taken beside
 * the street's figures, so a busy machine shows as such.
 */
export type InboxBenchRow = {
  engine: Engine; enterprises: number; orgs: number; seedMs: number; tasks: number;
  fullRefreshMs: number; findingsOnlyMs: number; fullRefreshUsPerEnterprise: number;
  touched: number; incrementalMs: number; incrementalBaselineMs: number; incremental: { opened: number; closed: number; reopened: number; moved: number };
  street: string; streetTasks: number; page: Timing; counts: Timing; bareCount: Timing; oldPage: Timing; oldCounts: Timing;
  pageRatio: number; countsRatio: number; indexes: string[]; readExecMs: number; heapFetches: number; load: number[];
};
export type InboxBenchReport = { cpu: string; cores: number; node: string; loadBefore: number[]; loadAfter: number[]; rows: InboxBenchRow[] };

const PROVINCE = '44';

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

/** The page and counts as they were read before: the visibility predicate tested on every task. */
function before(database: Database, actor: Actor) {
  const kinds = kindScopes(actor);
  const open = tasksWithAnchors(database.db).where(taskVisible(kinds)).where('t.state', '=', 'open');
  return {
    page: () => open.select(['t.id', 't.due_on']).select(asColumn(taskActionable(kinds)).as('actionable')).orderBy('t.due_on').orderBy('t.id').limit(51).execute(),
    counts: () => tasksWithAnchors(database.db).where(taskVisible(kinds)).select(['t.kind', 't.state']).select(sql<string>`count(*)`.as('n')).groupBy(['t.kind', 't.state']).execute(),
    total: () => open.select(sql<string>`count(*)`.as('n')).execute(),
  };
}

/**
 * The street's visible-task read (the page's one pass, its total) under EXPLAIN (ANALYZE, BUFFERS): the
 * indexes it uses, the server's own execution time (apart from the machine's queueing) and the table
 * rows it still fetched (0 when every read is index-only).
 */
async function streetPlan(database: Database, actor: Actor, today: string): Promise<{ indexes: string[]; execMs: number; heapFetches: number; buffers: number }> {
  const v = visibleTasks(kindScopes(actor), taskFilters({ view: 'role', userId: null, today, state: 'open' }), ['id', 'due_on']);
  if (!v) return { indexes: [], execMs: 0, heapFetches: 0, buffers: 0 };
  const plan = await sql<Record<string, string>>`EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM (${v}) v`.execute(database.db);
  const text = plan.rows.map((r) => Object.values(r)[0]).join('\n');
  return {
    indexes: [...new Set([...text.matchAll(/Index(?: Only)? Scan (?:Backward )?(?:using|on) (\w+)/g)].map((m) => m[1]!))].sort(),
    execMs: Number(/Execution Time: ([\d.]+)/.exec(text)?.[1] ?? 0),
    heapFetches: [...text.matchAll(/Heap Fetches: (\d+)/g)].reduce((s, m) => s + Number(m[1]), 0),
    buffers: Number(/Buffers: shared hit=(\d+)/.exec(text)?.[1] ?? 0),
  };
}

async function measure(database: Database, engine: Engine, size: number, log: (m: string) => void): Promise<InboxBenchRow> {
  const admin = systemActor('bench');
  const date = todayInChina();
  const seed = await timed(() => seedProvince(database, size, PROVINCE, log));
  log(`  ${engine} ${size.toLocaleString()} 企业：载入 ${Math.round(seed.ms)} ms（党组织 ${seed.value.orgs}，工会 ${seed.value.unions}）`);
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
  // What autovacuum does after a refresh's inserts: statistics, and the visibility map that lets the
  // anchor reads stay index-only (without it every probe also reads the task's table row).
  await sql`VACUUM (ANALYZE)`.execute(database.db);
  const actor = officer(street);
  const load = loadavg().map(round);
  const streetTasks = (await inboxPage(database.db, actor, { view: 'role', state: 'open', limit: 1 })).total;
  const page = await warmP95(() => inboxPage(database.db, actor, { view: 'role', state: 'open', limit: 50 }), 50);
  const counts = await warmP95(() => inboxCounts(database.db, actor, undefined), 50);
  const bareCount = await warmP95(() => sql`SELECT count(*) FROM task WHERE region_code LIKE ${street + '%'} AND state = 'open'`.execute(database.db), 50);
  // The predicate it replaced grows with every task of the province: fewer runs at the larger sizes.
  const old = before(database, actor);
  const oldRuns = size >= 1_000_000 ? 5 : size >= 100_000 ? 10 : 50;
  const oldPage = await warmP95(() => Promise.all([old.page(), old.total()]), oldRuns);
  const oldCounts = await warmP95(() => old.counts(), oldRuns);
  const plan = await streetPlan(database, actor, date);
  log(`    街道 ${street}（${streetTasks} 件；负载 ${load.join('/')}）：列表 p95 ${page.p95} ms，数量 p95 ${counts.p95} ms（裸计数 ${bareCount.p95} ms；`
    + `原逐条判断：列表 ${oldPage.p95} ms，数量 ${oldCounts.p95} ms）；街道读取在服务器上 ${plan.execMs} ms（缓冲 ${plan.buffers}，回表 ${plan.heapFetches} 行）；`
    + `所用索引 ${plan.indexes.join('、') || '无'}`);
  return {
    engine, enterprises: seed.value.enterprises, orgs: seed.value.orgs, seedMs: Math.round(seed.ms), tasks,
    fullRefreshMs: Math.round(full.ms), findingsOnlyMs: Math.round(findings.ms), fullRefreshUsPerEnterprise: round((full.ms * 1000) / size),
    touched: ids.length, incrementalMs: Math.round(inc.ms), incrementalBaselineMs: round(baseline.ms),
    incremental: { opened: inc.value.opened, closed: inc.value.closed, reopened: inc.value.reopened, moved: inc.value.moved },
    street, streetTasks, page, counts, bareCount, oldPage, oldCounts,
    pageRatio: round(page.p95 / Math.max(bareCount.p95, 0.1)), countsRatio: round(counts.p95 / Math.max(bareCount.p95, 0.1)),
    indexes: plan.indexes, readExecMs: plan.execMs, heapFetches: plan.heapFetches, load,
  };
}

export async function runInboxBench(opts: { sizes: number[]; engines: Engine[]; log: (m: string) => void }): Promise<InboxBenchReport> {
  const loadBefore = loadavg();
  const rows: InboxBenchRow[] = [];
  for (const size of opts.sizes) for (const engine of opts.engines) rows.push(await withBenchDatabase(engine, (database) => measure(database, engine, size, opts.log)));
  return { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, loadBefore, loadAfter: loadavg(), rows };
}

export function printInboxBench(r: InboxBenchReport): void {
  console.log(`待办基准（${r.cpu} × ${r.cores}，Node ${r.node}；负载 ${r.loadBefore.map(round).join('/')} → ${r.loadAfter.map(round).join('/')}；毫秒）`);
  console.log('引擎\t企业数\t待办\t全量刷新\t仅规则\t每企业µs\t增量(1%)\t增量基线\t街道待办\t负载\t列表p95\t数量p95\t裸计数p95\t列表/裸计数\t数量/裸计数\t原列表p95\t原数量p95\t读取(服务器)\t回表');
  for (const x of r.rows) {
    console.log([x.engine, x.enterprises, x.tasks, x.fullRefreshMs, x.findingsOnlyMs, x.fullRefreshUsPerEnterprise, x.incrementalMs, x.incrementalBaselineMs,
      x.streetTasks, x.load.join('/'), x.page.p95, x.counts.p95, x.bareCount.p95, x.pageRatio, x.countsRatio, x.oldPage.p95, x.oldCounts.p95, x.readExecMs, x.heapFetches].join('\t'));
  }
}

export async function main(argv: string[]): Promise<void> {
  const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const sizes = (option('--rows') ?? '10000,100000').split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--rows 应为正整数（可用逗号分隔多个）');
  const engines = (option('--engines') ?? 'postgres,pglite').split(',') as Engine[];
  if (engines.some((e) => e !== 'pglite' && e !== 'postgres')) throw new Error('--engines 只能是 pglite、postgres');
  const json = argv.includes('--json');
  const report = await runInboxBench({ sizes, engines, log: (m) => (json ? process.stderr.write(m + '\n') : console.log(m)) });
  if (json) console.log(JSON.stringify(report));
  else printInboxBench(report);
}
