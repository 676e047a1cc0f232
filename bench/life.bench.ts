import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import os from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { lifeOrgs, lifeRollup } from '../src/core/life/life-rollup.js';
import { rollupSql } from '../src/core/life/life-rollup.repository.js';
import { scopeFor } from '../src/core/access/scope.js';
import { freshPgDatabase } from './lib/pg-database.js';
import { migrate } from '../src/db/migrate.js';
import { actorWith } from '../test/helpers/org-fixtures.js';
import { startPgServer } from '../test/helpers/pg-server.js';

/**
 * The compliance roll-up of a province (docs/benchmarks.md "Organisational life"): N 党支部 (default
 * 200,000) in ~1,000 streets of one province, each with this year's meetings up to today by COPY —
 * most branches every period (达标), one in seven missing a 支委会 now and then (滞后), one in twenty
 * silent since May (不活跃). Timed warm, as the province's 组织部 calls it: the roll-up by district
 * (GET /api/life/compliance's service) and the first page of a drill-down (GET /api/life/compliance/orgs);
 * baseline in the same run: a plain count(*) over meeting. Prints the EXPLAIN of the roll-up.
 */
type Result = { engine: 'postgres'; orgs: number; meetings: number; seedSeconds: number; baselineMs: number; rollupMs: number; drillMs: number; rollupRatio: number; drillRatio: number; cpus: number; load: number[] };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(f: () => Promise<unknown>, n = 3): Promise<number> {
  await f(); // cold
  const ms: number[] = [];
  for (let i = 0; i < n; i++) { const t = performance.now(); await f(); ms.push(performance.now() - t); }
  return median(ms);
}

/** One year of a branch's meetings, as COPY lines (org, kind, day, topic). */
function* lines(first: number, orgs: number, year: number, lastMonth: number): Generator<string> {
  for (let id = first; id < first + orgs; id++) {
    const dormant = id % 20 === 0;
    const lagging = id % 20 >= 1 && id % 20 <= 3;
    for (let m = 1; m <= lastMonth; m++) {
      if (dormant && m > lastMonth - 6) break;
      const mm = String(m).padStart(2, '0');
      const day = (d: number) => `${year}-${mm}-${String(d).padStart(2, '0')}`;
      if (!(lagging && (id + m) % 4 === 0)) yield `${id}\tcommitteeMeeting\t${day(3 + (id % 5))}\t研究部署本月党建工作\n`;
      yield `${id}\tthemeDay\t${day(10 + (id % 15))}\t主题党日\n`;
      if ((m - 1) % 3 === id % 3) yield `${id}\tmemberMeeting\t${day(20)}\t党员大会\n`;
      if ((m - 1) % 3 === (id + 1) % 3) yield `${id}\tpartyLesson\t${day(15)}\t党课\n`;
      if (m === 2) yield `${id}\tlifeMeeting\t${day(24)}\t上年度组织生活会\n`;
    }
  }
}

export async function runLifeBench(o: { orgs: number; log: (m: string) => void }): Promise<Result> {
  const server = await startPgServer();
  try {
    const { url, database } = await freshPgDatabase(server.url, 'lx_bench_life');
    const db = database.db;
    await migrate(db);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    const t0 = performance.now();
    o.log(`生成 ${o.orgs} 个党支部（约1000个街道）…`);
    await sql`INSERT INTO region (code, level, name, parent_code, prefix) VALUES ('330000000000', 1, '浙江省', NULL, '33')`.execute(db);
    await sql`INSERT INTO region (code, level, name, parent_code, prefix)
      SELECT '33' || lpad(c::text, 2, '0') || '00000000', 2, '第' || c || '市', '330000000000', '33' || lpad(c::text, 2, '0') FROM generate_series(1, 11) c`.execute(db);
    await sql`INSERT INTO region (code, level, name, parent_code, prefix)
      SELECT '33' || lpad(c::text, 2, '0') || lpad(d::text, 2, '0') || '000000', 3, '第' || c || '市第' || d || '区', '33' || lpad(c::text, 2, '0') || '00000000', '33' || lpad(c::text, 2, '0') || lpad(d::text, 2, '0')
      FROM generate_series(1, 11) c, generate_series(1, 9) d`.execute(db);
    await sql`INSERT INTO region (code, level, name, parent_code, prefix)
      SELECT p.prefix || lpad(s::text, 3, '0') || '000', 4, p.name || '第' || s || '街道', p.code, p.prefix || lpad(s::text, 3, '0') FROM region p, generate_series(1, 10) s WHERE p.level = 3`.execute(db);
    await sql`INSERT INTO party_org (name, org_type, setup_mode, region_code, founded_on)
      SELECT '基准第' || g || '党支部', 'branch', 'standalone', (SELECT r.code FROM region r WHERE r.level = 4 ORDER BY r.code OFFSET g % 990 LIMIT 1), DATE '2015-03-01'
      FROM generate_series(1, ${o.orgs}) g`.execute(db);
    await sql`UPDATE party_org SET path = id::text`.execute(db);
    const first = Number((await sql<{ id: string }>`SELECT min(id) AS id FROM party_org`.execute(db)).rows[0]!.id);
    o.log('COPY 会议记录…');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await pipeline(Readable.from(lines(first, o.orgs, year, Number(today.slice(5, 7)) - 1)), client.query(copyStreams.from('COPY meeting (org_id, kind, held_on, topic) FROM STDIN')));
    await client.end();
    await sql`ANALYZE`.execute(db);
    const meetings = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM meeting`.execute(db)).rows[0]!.n);
    const seedSeconds = (performance.now() - t0) / 1000;
    o.log(`${meetings} 次会议，用时 ${seedSeconds.toFixed(0)} 秒；计时（热）…`);
    const province = actorWith('org_admin', { regionPrefixes: ['33'] }, 'province');
    const baselineMs = await time(() => sql`SELECT count(*) FROM meeting`.execute(db));
    const rollupMs = await time(() => lifeRollup(db, province, { year, level: 'district', region: '33' }));
    const drillMs = await time(() => lifeOrgs(db, province, { year, region: '33', status: 'lagging', offset: 0, limit: 50 }));
    // As the roll-up runs it: JIT off for its transaction (life-rollup.repository.ts).
    const plan = await db.transaction().execute(async (tx) => {
      await sql`SELECT set_config('jit', 'off', true)`.execute(tx);
      return sql<Record<string, string>>`EXPLAIN (ANALYZE, BUFFERS) ${rollupSql(tx, scopeFor(province, 'org.read'), { year, asOf: today, region: '33', digits: 6, dormantMonths: 6 })}`.execute(tx);
    });
    o.log(plan.rows.map((r) => Object.values(r)[0]).join('\n'));
    await database.close();
    const r = (n: number) => Math.round(n);
    return {
      engine: 'postgres', orgs: o.orgs, meetings, seedSeconds: r(seedSeconds), baselineMs: r(baselineMs), rollupMs: r(rollupMs), drillMs: r(drillMs),
      rollupRatio: Math.round((baselineMs / rollupMs) * 1000) / 1000, drillRatio: Math.round((baselineMs / drillMs) * 1000) / 1000,
      cpus: os.cpus().length, load: os.loadavg().map((x) => Math.round(x * 10) / 10),
    };
  } finally {
    server.stop();
  }
}

export async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const at = argv.indexOf('--orgs');
  const orgs = at >= 0 ? Number(argv[at + 1]) : 200_000;
  const log = json ? (m: string) => console.error(m) : (m: string) => console.log(m);
  const res = await runLifeBench({ orgs, log });
  if (json) { console.log(JSON.stringify(res)); return; }
  console.log(`组织生活汇总（PostgreSQL，${res.orgs} 个党支部，${res.meetings} 次会议）：基线 count(*) ${res.baselineMs} ms；全省按区县汇总 ${res.rollupMs} ms（${res.rollupRatio}×）；`
    + `明细首页 ${res.drillMs} ms（${res.drillRatio}×）；目标 ≤ 2000 ms；${res.cpus} 核，负载 ${res.load.join(' / ')}`);
}
