import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/api/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { systemActor } from '../src/core/access/actor.js';
import { hashPassword } from '../src/core/auth/password.js';
import { loadRegions } from '../src/core/region/region-load.service.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import type { DB } from '../src/db/schema.js';
import { todayInChina } from '../src/domain/org-terms.js';
import { startPgServer } from '../test/helpers/pg-server.js';
import { seedCoverage } from './coverage-seed.js';
import { runLoad, type LoadResult } from './lib/http-load.js';

/**
 * `npm run bench -- scoped-list [--rows N] [--engines postgres] [--seconds S] [--rounds R] [--concurrency C] [--json]`:
 * requests/s of a township officer's enterprise list (GET /api/enterprises, first page and total)
 * served by the app over a loopback port — session, scope, validation, mapping, serialisation —
 * against bare Fastify + pg running the very statements that request ran (captured from the app) on
 * the same data. Rounds alternate app and bare so load from other jobs falls on both alike.
 */
export type Engine = 'postgres';
type Statement = { sql: string; parameters: readonly unknown[] };
export type ScopedListReport = {
  machine: { cpu: string; cores: number; memoryGb: number; node: string; loadAverage: { before: number[]; after: number[] } };
  engine: Engine; enterprises: number; township: string; townshipEnterprises: number; statements: number;
  concurrency: number; rounds: Array<{ app: LoadResult; bare: LoadResult }>;
  app: LoadResult; bare: LoadResult; ratio: number;
};

const PROVINCE = '44';
const PASSWORD = 'Bench-Township-1';
const SESSION_TABLES = /\b(user_session|app_user|user_role|sign_in_log)\b/;
export const LIST_URL = '/api/enterprises?limit=50';
const round2 = (n: number) => Math.round(n * 100) / 100;
const load = () => os.loadavg().map(round2);

/** A township officer over the township with the most enterprises. */
async function seed(database: Database, rows: number, log: (m: string) => void) {
  await migrate(database.db);
  await loadRegions(database, systemActor('bench'), { scope: [PROVINCE] });
  const seeded = await seedCoverage(database, rows, PROVINCE, Number(todayInChina().slice(0, 4)));
  await sql`ANALYZE`.execute(database.db);
  const [township, townshipEnterprises] = [...seeded.townships].sort((a, b) => b[1] - a[1])[0]!;
  const user = await database.db.insertInto('app_user')
    .values({ username: 'bench_town', display_name: '街道干部', password_hash: await hashPassword(PASSWORD), must_change_password: false })
    .returning('id').executeTakeFirstOrThrow();
  await database.db.insertInto('user_role').values({ user_id: user.id, role: 'township_officer', region_prefixes: [township] }).execute();
  log(`  ${seeded.enterprises.toLocaleString()} 家企业；街道 ${township}（${townshipEnterprises} 家）`);
  return { enterprises: seeded.enterprises, township, townshipEnterprises };
}

/** The statements one list request runs, session and sign-in statements left out (bare Fastify has no session). */
export async function captureStatements(
  url: string, config: Config, database: Database, user = { username: 'bench_town', password: PASSWORD },
): Promise<Statement[]> {
  const seen: Statement[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: (e) => { if (e.level === 'query') seen.push({ sql: e.query.sql, parameters: e.query.parameters }); } });
  const app = await buildApp({ database: { ...database, db }, config }, { logger: false });
  try {
    const signIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: user });
    const cookie = signIn.cookies.find((c) => c.name === 'lx_session');
    if (!cookie) throw new Error(`sign-in failed: ${signIn.statusCode} ${signIn.body}`);
    seen.length = 0;
    const res = await app.inject({ method: 'GET', url: LIST_URL, headers: { cookie: `lx_session=${cookie.value}` } });
    if (res.statusCode !== 200) throw new Error(`list failed: ${res.statusCode} ${res.body}`);
    return seen.filter((s) => !SESSION_TABLES.test(s.sql));
  } finally {
    await app.close();
    await db.destroy();
  }
}

/** Fastify with one route running the captured statements in order on a pg pool, rows as JSON. */
export async function bareServer(url: string, statements: Statement[]): Promise<{ app: FastifyInstance; pool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString: url, max: 10 }); // the app's pool size (src/db/database.ts)
  const app = Fastify({ logger: false });
  app.get('/bare', async () => {
    const results: unknown[][] = [];
    for (const s of statements) results.push((await pool.query(s.sql, [...s.parameters])).rows);
    return { items: results[0], rest: results.slice(1) };
  });
  return { app, pool };
}

export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

async function signInOverHttp(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench_town', password: PASSWORD }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('lx_session='));
  if (res.status !== 200 || !cookie) throw new Error(`sign-in over HTTP failed: ${res.status}`);
  return cookie.split(';')[0]!;
}

const sum = (rs: LoadResult[]): LoadResult => {
  const requests = rs.reduce((n, r) => n + r.requests, 0);
  const seconds = rs.reduce((n, r) => n + r.seconds, 0);
  const mid = (k: 'p50Ms' | 'p95Ms') => round2(rs.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(rs.length / 2)]!);
  return { requests, failed: rs.reduce((n, r) => n + r.failed, 0), seconds: round2(seconds), perSecond: Math.round(requests / seconds), p50Ms: mid('p50Ms'), p95Ms: mid('p95Ms') };
};

export async function runScopedListBench(opts: {
  rows: number; seconds: number; rounds: number; concurrency: number; log: (m: string) => void;
}): Promise<ScopedListReport> {
  const before = load();
  const server = await startPgServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-list-bench-'));
  const database = await openDatabase({ databaseUrl: server.url, purpose: 'bench' });
  const closers: Array<() => Promise<unknown>> = [];
  try {
    const world = await seed(database, opts.rows, opts.log);
    const config = loadConfig({ DATABASE_URL: server.url, DATA_DIR: dir, LOG_LEVEL: 'silent', LX_REQUIRE_TOTP_FOR_ADMINS: 'false' });
    const statements = await captureStatements(server.url, config, database);
    opts.log(`  一次列表请求的业务语句 ${statements.length} 条（会话语句除外）`);
    const app = await buildApp({ database, config }, { logger: false });
    closers.push(() => app.close());
    const bare = await bareServer(server.url, statements);
    closers.push(() => bare.app.close(), () => bare.pool.end());
    const appBase = await listen(app);
    const bareBase = await listen(bare.app);
    const cookie = await signInOverHttp(appBase);
    const target = {
      app: { url: `${appBase}${LIST_URL}`, headers: { cookie } },
      bare: { url: `${bareBase}/bare`, headers: {} },
    };
    const run = (which: 'app' | 'bare', seconds: number) =>
      runLoad({ ...target[which], concurrency: opts.concurrency, seconds, maxRequests: Math.ceil(seconds * 20_000) });
    await run('app', 1); // warm-up: plans, JIT of both servers
    await run('bare', 1);
    const rounds: ScopedListReport['rounds'] = [];
    for (let i = 0; i < opts.rounds; i++) {
      const r = { app: await run('app', opts.seconds), bare: await run('bare', opts.seconds) };
      rounds.push(r);
      opts.log(`  第 ${i + 1} 轮：应用 ${Math.round(r.app.perSecond)}/s（p95 ${round2(r.app.p95Ms)} ms），裸 Fastify+pg ${Math.round(r.bare.perSecond)}/s（p95 ${round2(r.bare.p95Ms)} ms）`);
    }
    const appSum = sum(rounds.map((r) => r.app));
    const bareSum = sum(rounds.map((r) => r.bare));
    if (appSum.failed || bareSum.failed) throw new Error(`failed requests: app ${appSum.failed}, bare ${bareSum.failed}`);
    return {
      machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGb: round2(os.totalmem() / 2 ** 30), node: process.version, loadAverage: { before, after: load() } },
      engine: 'postgres', ...world, statements: statements.length, concurrency: opts.concurrency, rounds,
      app: appSum, bare: bareSum, ratio: round2(appSum.perSecond / bareSum.perSecond),
    };
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await database.close();
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function main(argv: string[]): Promise<void> {
  const option = (name: string, fallback: number, max: number) => {
    const v = argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback;
    if (!Number.isInteger(v) || v < 1 || v > max) throw new Error(`${name} 应为 1–${max} 的整数`);
    return v;
  };
  const engines = argv.includes('--engines') ? argv[argv.indexOf('--engines') + 1] : 'postgres';
  // The embedded engine serves one process through one connection: there is no "bare pg" beside it to compare with.
  if (engines !== 'postgres') throw new Error('--engines 只支持 postgres');
  const opts = { rows: option('--rows', 100_000, 2_000_000), seconds: option('--seconds', 5, 60), rounds: option('--rounds', 3, 10), concurrency: option('--concurrency', 8, 64) };
  const json = argv.includes('--json');
  const log = (m: string) => (json ? process.stderr.write(m + '\n') : console.log(m));
  const r = await runScopedListBench({ ...opts, log });
  if (json) {
    console.log(JSON.stringify(r));
    return;
  }
  console.log(`街道干部企业列表基准（${r.machine.cpu} × ${r.machine.cores}，${r.machine.memoryGb} GB，Node ${r.machine.node}；负载 ${r.machine.loadAverage.before.join(' ')} → ${r.machine.loadAverage.after.join(' ')}）`);
  console.log(`应用 ${r.app.perSecond}/s（p50 ${r.app.p50Ms} ms，p95 ${r.app.p95Ms} ms）；裸 Fastify+pg ${r.bare.perSecond}/s（p50 ${r.bare.p50Ms} ms，p95 ${r.bare.p95Ms} ms）；比值 ${r.ratio}×（目标 ≥ 0.5×）`);
}
