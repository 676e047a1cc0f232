import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type SqlBool } from 'kysely';
import { bracketPlan, computeMonthRows, monthSql } from '../src/core/dues/dues-compute.repository.js';
import { freshPgDatabase } from './lib/pg-database.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { startPgServer } from '../test/helpers/pg-server.js';

/**
 * The dues month of a province (docs/benchmarks.md "Dues month"): N generated members of one
 * province in N/100 branches — employed (bases spread over the four brackets), retired, farmers,
 * students —, a few approved reductions; the month is computed by the real set-based SQL
 * (computeMonthRows, as `POST /api/dues/months/compute` does for a whole scope). Baseline in the
 * same run and database: the same number of rows written by a plain INSERT … SELECT of the members
 * into a table of the ledger's shape, with no rule at all. Ratio = baseline ÷ compute (higher is better).
 */
export type DuesBenchResult = {
  engine: 'postgres' | 'pglite'; members: number; orgs: number; rows: number;
  baselineSeconds: number; computeSeconds: number; recomputeSeconds: number; ratio: number; peakRssMb: number;
};
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

async function seed(database: Database, members: number): Promise<number> {
  const db = database.db;
  await db.insertInto('region').values([
    { code: '330000000000', level: 1, name: '浙江省', parent_code: null, prefix: '33' },
    { code: '330100000000', level: 2, name: '杭州市', parent_code: '330000000000', prefix: '3301' },
    { code: '330106000000', level: 3, name: '西湖区', parent_code: '330100000000', prefix: '330106' },
  ]).onConflict((oc) => oc.doNothing()).execute();
  const orgs = Math.max(1, Math.round(members / 100));
  await sql`INSERT INTO party_org (name, org_type, setup_mode, region_code) SELECT '党费基准第' || g || '党支部', 'branch', 'standalone', '330106000000' FROM generate_series(1, ${orgs}) g`.execute(db);
  await sql`UPDATE party_org SET path = id::text`.execute(db);
  const first = Number((await sql<{ id: string }>`SELECT min(id) AS id FROM party_org`.execute(db)).rows[0].id);
  for (let lo = 1; lo <= members; lo += 200_000) {
    const hi = Math.min(members, lo + 199_999);
    await sql`INSERT INTO person (name) SELECT '党员' || g FROM generate_series(${lo}::int, ${hi}::int) g`.execute(db);
  }
  // Members are created organisation by organisation, as roster imports create them; LX_DUES_SPREAD=1
  // deals them round-robin instead (the worst case for the ledger's organisation index).
  const org = process.env.LX_DUES_SPREAD ? sql`${first} + (p.id % ${orgs})` : sql`${first} + ((p.id - 1) * ${orgs} / ${members})`;
  await sql`INSERT INTO party_member (person_id, org_id, category, joined_on)
    SELECT p.id, ${org}, 'full', DATE '2010-07-01' FROM person p`.execute(db);
  // 60% employed with bases 1 000–20 000 元, 20% retired, 10% farmers, 10% students.
  await sql`INSERT INTO dues_basis (member_id, from_month, category, base_fen)
    SELECT m.id, '2026-01', c.category, CASE WHEN c.category IN ('employed', 'retired') THEN 100000 + (m.id * 7919) % 1900000 END
    FROM party_member m CROSS JOIN LATERAL (SELECT CASE WHEN m.id % 10 < 6 THEN 'employed' WHEN m.id % 10 < 8 THEN 'retired' WHEN m.id % 10 = 8 THEN 'farmer' ELSE 'student' END AS category) c`.execute(db);
  await sql`INSERT INTO dues_reduction (member_id, from_month, amount_fen, approved_on, approval_ref)
    SELECT id, '2026-01', 0, DATE '2026-01-10', '基准〔2026〕1号' FROM party_member WHERE id % 500 = 0`.execute(db);
  await sql`ANALYZE`.execute(db);
  return orgs;
}

export async function runDuesBench(opts: { members: number; engine: 'postgres' | 'pglite'; log: (m: string) => void }): Promise<DuesBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-bench-dues-'));
  const server = opts.engine === 'postgres' ? await startPgServer() : null;
  try {
    let database: Database;
    if (server) {
      ({ database } = await freshPgDatabase(server.url, 'lx_bench_dues'));
    } else {
      database = await openDatabase({ dataDir: path.join(dir, 'db') });
    }
    await migrate(database.db);
    opts.log(`生成 ${opts.members} 名党员…`);
    const orgs = await seed(database, opts.members);
    opts.log('基线：同样行数的 INSERT … SELECT…');
    const t0 = performance.now();
    await sql`CREATE TABLE bench_plain AS SELECT m.id AS member_id, '2026-11'::text AS month, m.org_id, b.category, b.base_fen, 0 AS standard_fen, 0 AS due_fen, ''::text AS rule_id, ''::text AS bracket
      FROM party_member m JOIN dues_basis b ON b.member_id = m.id`.execute(database.db);
    const baselineMs = performance.now() - t0;
    if (process.env.LX_DUES_EXPLAIN) {
      // The plan of the first slice, executed then rolled back (for the docs' analysis).
      await database.db.transaction().execute(async (tx) => {
        const plan = await sql<Record<string, string>>`EXPLAIN (ANALYZE, BUFFERS) ${monthSql('2026-11', bracketPlan('2026-11', ['33']), sql<SqlBool>`o.region_code LIKE ${'33%'}`, sql<SqlBool>`TRUE`, 1, '2026-12-01')}`.execute(tx);
        opts.log(plan.rows.map((r) => Object.values(r)[0]).join('\n'));
        throw new Error('rollback');
      }).catch(() => {});
    }
    opts.log('计算2026-11党费…');
    const where = sql<SqlBool>`o.region_code LIKE ${'33%'}`;
    const t1 = performance.now();
    const r = await database.db.transaction().execute((tx) => computeMonthRows(tx, '2026-11', where, '2026-12-01'));
    const computeMs = performance.now() - t1;
    if (r.rows !== opts.members) throw new Error(`计算 ${r.rows} 行，应为 ${opts.members}`);
    opts.log('再次计算（无变化）…');
    const t2 = performance.now();
    const again = await database.db.transaction().execute((tx) => computeMonthRows(tx, '2026-11', where, '2026-12-01'));
    const recomputeMs = performance.now() - t2;
    if (again.rows !== 0) throw new Error(`再次计算改变了 ${again.rows} 行`);
    await database.close();
    return {
      engine: opts.engine, members: opts.members, orgs, rows: r.rows, baselineSeconds: round(baselineMs / 1000), computeSeconds: round(computeMs / 1000),
      recomputeSeconds: round(recomputeMs / 1000), ratio: round(baselineMs / computeMs, 3), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
