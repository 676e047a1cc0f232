import os from 'node:os';
import { sql } from 'kysely';
import { enterprisesByIds } from '../src/core/coverage-facts/coverage-facts.repository.js';
import { migrate } from '../src/db/migrate.js';
import { startPgServer } from '../test/helpers/pg-server.js';
import { freshPgDatabase } from './lib/pg-database.js';

/**
 * `npx tsx bench/roster-counts-measure.ts [--enterprises N] [--rounds R]` (docs/benchmarks.md,
 * "Import"): the enterprise member counts that every page of the inbox refresh reads
 * (`enterprisesByIds`, 20,000 ids a page), one grouped pass over the page (roster-counts.sql.ts,
 * `enterpriseRosterCountsOf`) against the select-list form it replaced there (the roster check three
 * times and the roster twice per row; a per-row LATERAL was tried too, 0.8 ×), on the
 * same PostgreSQL database, alternated, so the machine's load weighs on both alike. The world: N
 * enterprises, a tenth of them covered by a branch that keeps its roster with 2–4 members employed
 * there, another tenth covered by a branch without one. Both forms must return the same rows.
 */
const OLD = (ids: string[]) => sql<Record<string, unknown>>`SELECT e.id, e.credit_code, e.name, e.region_code, e.operating_status, e.founded_on, e.employee_count, e.park_id, e.association_id,
  CASE WHEN EXISTS (SELECT 1 FROM party_org_coverage rcv JOIN party_org ro ON ro.id = rcv.org_id WHERE rcv.enterprise_id = e.id AND rcv.until IS NULL AND ro.roster_since IS NOT NULL)
    THEN (SELECT count(*)::int FROM party_member re WHERE re.enterprise_id = e.id AND re.status <> 'left' AND re.category = 'full') ELSE e.member_count END AS member_count,
  CASE WHEN EXISTS (SELECT 1 FROM party_org_coverage rcv JOIN party_org ro ON ro.id = rcv.org_id WHERE rcv.enterprise_id = e.id AND rcv.until IS NULL AND ro.roster_since IS NOT NULL)
    THEN (SELECT count(*)::int FROM party_member re WHERE re.enterprise_id = e.id AND re.status <> 'left' AND re.category = 'probationary') ELSE 0 END AS probationary_count,
  EXISTS (SELECT 1 FROM party_org_coverage rcv JOIN party_org ro ON ro.id = rcv.org_id WHERE rcv.enterprise_id = e.id AND rcv.until IS NULL AND ro.roster_since IS NOT NULL) AS members_from_roster
  FROM enterprise e WHERE e.id = ANY(${ids}::bigint[]) ORDER BY e.id`;

async function main(argv: string[]): Promise<void> {
  const at = (n: string) => (argv.includes(n) ? argv[argv.indexOf(n) + 1] : undefined);
  const n = Number(at('--enterprises') ?? 100_000);
  const rounds = Number(at('--rounds') ?? 3);
  const server = await startPgServer();
  try {
    const { database } = await freshPgDatabase(server.url, 'lx_bench_roster_counts');
    const db = database.db;
    await migrate(db);
    console.log(`准备 ${n} 家企业…`);
    await sql`INSERT INTO enterprise (credit_code, name, member_count) SELECT 'BENCH' || i, '基准企业' || i, i % 5 FROM generate_series(1, ${n}) i`.execute(db);
    const orgs = Math.max(1, Math.floor(n / 100));
    await sql`INSERT INTO party_org (name, org_type, setup_mode, roster_since) SELECT '基准支部' || i, 'branch', 'joint', CASE WHEN i % 2 = 0 THEN DATE '2025-01-01' END FROM generate_series(1, ${orgs * 2}) i`.execute(db);
    await sql`UPDATE party_org SET path = id::text`.execute(db);
    // Each branch covers 10 enterprises: 20% of them covered, half of those by a branch keeping its roster.
    await sql`INSERT INTO party_org_coverage (org_id, enterprise_id, mode, since)
      SELECT o.id, e.id, 'joint', DATE '2024-01-01' FROM (SELECT id, row_number() OVER (ORDER BY id) AS k FROM party_org) o
      JOIN (SELECT id, row_number() OVER (ORDER BY id) AS k FROM enterprise) e ON e.k BETWEEN (o.k - 1) * 10 + 1 AND o.k * 10`.execute(db);
    await sql`INSERT INTO person (name) SELECT '基准党员' || i FROM generate_series(1, ${n / 2}) i`.execute(db);
    await sql`INSERT INTO party_member (person_id, org_id, category, joined_on, enterprise_id)
      SELECT p.id, c.org_id, CASE WHEN p.id % 4 = 0 THEN 'probationary' ELSE 'full' END, DATE '2015-07-01', c.enterprise_id
      FROM (SELECT id, row_number() OVER (ORDER BY id) AS k FROM person) p
      JOIN (SELECT org_id, enterprise_id, row_number() OVER (ORDER BY enterprise_id) AS k, count(*) OVER () AS total FROM party_org_coverage) c ON c.k = (p.k - 1) % c.total + 1`.execute(db);
    await sql`ANALYZE`.execute(db);
    const ids = (await db.selectFrom('enterprise').select('id').orderBy('id').execute()).map((r) => r.id);
    const pages: string[][] = [];
    for (let i = 0; i < ids.length; i += 20_000) pages.push(ids.slice(i, i + 20_000));
    const time = async (fn: (page: string[]) => Promise<unknown[]>) => {
      const t0 = performance.now();
      const rows: unknown[] = [];
      for (const p of pages) rows.push(...(await fn(p)));
      return { ms: performance.now() - t0, rows };
    };
    const oldRun = (p: string[]) => OLD(p).execute(db).then((r) => r.rows);
    const newRun = (p: string[]) => enterprisesByIds(db, p);
    const a = await time(oldRun);
    const b = await time(newRun);
    if (JSON.stringify(a.rows) !== JSON.stringify(b.rows)) throw new Error('两种写法的结果不同');
    const old: number[] = [];
    const now: number[] = [];
    for (let r = 0; r < rounds; r++) {
      old.push((await time(oldRun)).ms);
      now.push((await time(newRun)).ms);
    }
    const fmt = (xs: number[]) => xs.map((x) => Math.round(x)).join(' / ');
    console.log(`企业党员数（${n} 家企业，${pages.length} 页，每页 20,000；负载 ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}）`);
    console.log(`  原写法（选择列表，名册判断三次）  ${fmt(old)} ms`);
    console.log(`  按页一次分组（enterprisesByIds）  ${fmt(now)} ms`);
    console.log(`  中位数之比 ${(median(old) / median(now)).toFixed(2)} 倍`);
    await database.close();
  } finally {
    server.stop();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
