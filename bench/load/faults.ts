import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { verifyAuditChain } from '../../src/core/audit/audit-verify.js';
import { generateKeyringText } from '../../src/core/crypto/keyring.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { Session } from './client.js';
import { checkDurability, concurrentEditors, type DurabilityCheck, type EditorsCheck } from './fault-checks.js';
import { runImport, virtualUser, type WriteLog } from './mix.js';
import { startCrashablePg } from './pg-crashable.js';
import { createUsers, LOAD_PASSWORD, seedCity, type LoadUser } from './seed.js';
import { startServer, type ServerProcess } from './server.js';
import { LoadStats } from './stats.js';

/**
 * `npm run -s bench -- load --faults [--json] [--users N] [--enterprises N] [--seconds S] [--editors N]`
 * (docs/benchmarks.md, "Faults"), on one throw-away PostgreSQL with synchronous_commit on:
 *   a. kill -9 of the app server while officers work (thinking 200 ms): acknowledged corrections
 *      survive, every accepted import is whole or absent, the restarted server serves;
 *   b. kill -9 of the postmaster while a street's import applies: the same, and the audit chain verifies;
 *   c. N editors correcting the same 5 records at once: no lost update, 409s counted.
 * Errors while the server or database is down are expected and counted apart from the checks.
 */
type Phase = { requests: number; errorsDuringFault: number; served: boolean; check: DurabilityCheck };
export type FaultReport = {
  machine: { cpu: string; cores: number; node: string; loadAverage: number[] };
  serverKill: Phase;
  postgresKill: Phase & { importRows: number; killedDuring: string; auditOk: boolean; auditChecked: number; auditProblems: string[]; serverSurvived: boolean; serverError: string | null };
  editors: EditorsCheck; ok: boolean;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Officers working until `stop()`; resolves with what they logged. */
function crowd(base: () => string, users: LoadUser[], stats: LoadStats, log: WriteLog, stop: () => boolean, skip: string[] = []): Promise<void> {
  return Promise.all(users.map(async (u, i) => {
    await sleep((i / users.length) * 2000);
    // Without the coverage figures and drill: their whole-ledger rebuild after every edit stalls the
    // pool (docs/benchmarks.md, "Load"), and these phases are about what survives a crash.
    await virtualUser(new Session(base(), stats), u, LOAD_PASSWORD, { until: Infinity, thinkMs: 200, log, stop, skip: ['figures', 'drill', ...skip] }).catch(() => undefined);
  })).then(() => undefined);
}

async function serves(base: string, user: LoadUser): Promise<boolean> {
  const s = new Session(base, new LoadStats());
  await s.signIn(user.username, LOAD_PASSWORD);
  return (await s.send('GET', '/api/enterprises?limit=50', undefined, 'list')).status === 200;
}

const total = (stats: LoadStats) => Object.values(stats.total()).reduce((a, s) => ({ requests: a.requests + s.requests, errors: a.errors + s.errors }), { requests: 0, errors: 0 });

async function serverKill(db: Database, env: Parameters<typeof startServer>[0], server: ServerProcess, users: LoadUser[], seconds: number, log: (m: string) => void) {
  const stats = new LoadStats();
  const writes: WriteLog = { acks: [], conflicts: 0, nextMarker: 1 };
  let stop = false;
  const working = crowd(() => server.base, users, stats, writes, () => stop);
  // At least `seconds`, and on a slow machine until 20 writes were acknowledged (at most 3 × seconds).
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000 || (writes.acks.length < 20 && performance.now() - t0 < seconds * 3000)) await sleep(500);
  log(`  a. kill -9 应用服务器（已确认写入 ${writes.acks.length} 次）`);
  await server.kill9();
  stop = true;
  await working;
  const restarted = await startServer(env);
  const t = total(stats);
  return { server: restarted, phase: { requests: t.requests, errorsDuringFault: t.errors, served: await serves(restarted.base, users[0]!), check: await checkDurability(db.db, writes.acks) } };
}

async function postgresKill(
  db: Database, pg: Awaited<ReturnType<typeof startCrashablePg>>, env: Parameters<typeof startServer>[0], first: ServerProcess, users: LoadUser[], log: (m: string) => void,
) {
  let server = first;
  const stats = new LoadStats();
  const writes: WriteLog = { acks: [], conflicts: 0, nextMarker: 500 };
  let stop = false;
  // No small imports beside the big one: the ledger lock held means the big one is applying.
  const working = crowd(() => server.base, users.slice(1), stats, writes, () => stop, ['import']);
  // A district's odd-id rows re-imported at once: one apply transaction of a few thousand rows.
  const district = users.find((u) => u.role === 'org_admin') ?? users[0]!;
  const items = (await db.db.selectFrom('enterprise').select(['id', 'credit_code', 'name', 'region_code']).where('region_code', 'like', `${district.prefix}%`)
    .where('placement', '=', 'placed').orderBy('id').limit(8000).execute())
    .map((r) => ({ id: String(r.id), creditCode: r.credit_code, name: r.name, regionCode: r.region_code, version: 0 }));
  const importer = new Session(server.base, stats);
  await importer.signIn(district.username, LOAD_PASSWORD);
  await sleep(3000);
  const big: WriteLog = { acks: [], conflicts: 0, nextMarker: 900 };
  const importing = runImport(importer, items, big, { pollMs: 50, rows: 5000 }).catch(() => undefined);
  // Kill while the apply transaction holds the ledger lock (import-enterprises.service.ts), seen from the database itself.
  let killedDuring = '导入未到写入阶段（60 秒）';
  for (const t0 = performance.now(); performance.now() - t0 < 60_000;) {
    const held = await sql`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = 7100010 AND granted`.execute(db.db);
    if (held.rows.length) {
      killedDuring = '写入台账的事务中（持有台账锁）';
      break;
    }
    await sleep(10);
  }
  log(`  b. kill -9 PostgreSQL 主进程（导入阶段：${killedDuring}；已确认写入 ${writes.acks.length} 次）`);
  await pg.kill9();
  await sleep(2000);
  await pg.start();
  await sleep(5000); // officers go on against the restarted database
  stop = true;
  await working;
  await importing;
  // The server should ride out a database restart (its pool reconnects); if it died, say so and start it again.
  const serverSurvived = server.alive();
  const serverError = serverSurvived ? null : server.stderrTail().slice(-1500);
  if (!serverSurvived) server = await startServer(env);
  const t = total(stats);
  const check = await checkDurability(db.db, [...writes.acks, ...big.acks]);
  const audit = await verifyAuditChain(db.db);
  const importRows = big.acks[0]?.kind === 'import' ? big.acks[0].rows : 0;
  return { server, phase: { requests: t.requests, errorsDuringFault: t.errors, served: await serves(server.base, users[0]!), check, importRows, killedDuring, serverSurvived, serverError,
    auditOk: audit.ok, auditChecked: audit.checked, auditProblems: audit.problems.slice(0, 5).map((p) => `${p.seq} ${p.kind} ${p.message}`) } };
}

async function editors(db: Database, server: ServerProcess, count: number): Promise<EditorsCheck> {
  const street = await db.db.selectFrom('user_role').select('region_prefixes').where('role', '=', 'township_officer').limit(1).executeTakeFirstOrThrow();
  const prefix = street.region_prefixes[0]!;
  const users: LoadUser[] = Array.from({ length: count }, (_, i) => ({ username: `load_bj_${i + 1}`, role: 'township_officer', prefix }));
  await createUsers(db, users);
  const records = await db.db.selectFrom('enterprise').select('id').where('region_code', 'like', `${prefix}%`).orderBy('id').limit(5).execute();
  const stats = new LoadStats();
  const sessions = await Promise.all(users.map(async (u) => {
    const s = new Session(server.base, stats);
    await s.signIn(u.username, LOAD_PASSWORD);
    return s;
  }));
  return concurrentEditors(db.db, sessions, records.map((r) => String(r.id)), 10);
}

export async function runFaults(o: { users: number; enterprises: number; seconds: number; editors: number; log: (m: string) => void }): Promise<FaultReport> {
  const pg = await startCrashablePg();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-faults-'));
  const keys = generateKeyringText();
  const db = await openDatabase({ databaseUrl: pg.url, purpose: 'bench' });
  const env = { databaseUrl: pg.url, dataDir: dir, keys };
  let server: ServerProcess | null = null;
  try {
    o.log(`造数（${o.enterprises.toLocaleString()} 家企业）…`);
    const city = await seedCity(db, { enterprises: o.enterprises, members: 0, users: o.users, keys, dir, log: o.log });
    server = await startServer(env);
    const a = await serverKill(db, env, server, city.users, o.seconds, o.log);
    server = a.server;
    const pgKill = await postgresKill(db, pg, env, server, city.users, o.log);
    server = pgKill.server;
    const b = pgKill.phase;
    o.log(`  c. ${o.editors} 人同时编辑同 5 条记录…`);
    const c = await editors(db, server, o.editors);
    const clean = (p: Phase) => p.served && p.check.correctionsLost === 0 && p.check.importsPartial === 0 && p.check.completedImportsMissing === 0;
    return {
      machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, node: process.version, loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100) },
      serverKill: a.phase, postgresKill: b, editors: c, ok: clean(a.phase) && clean(b) && b.auditOk && c.lostUpdates === 0,
    };
  } finally {
    await server?.stop().catch(() => undefined);
    await db.close();
    pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function main(argv: string[]): Promise<void> {
  const option = (name: string, fallback: number, min: number, max: number) => {
    const v = argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback;
    if (!Number.isInteger(v) || v < min || v > max) throw new Error(`${name} 应为 ${min}–${max} 的整数`);
    return v;
  };
  const opts = { users: option('--users', 50, 2, 500), enterprises: option('--enterprises', 20_000, 1_000, 1_000_000), seconds: option('--seconds', 30, 3, 600), editors: option('--editors', 50, 2, 200) };
  const json = argv.includes('--json');
  const log = (m: string) => (json ? process.stderr.write(m + '\n') : console.log(m));
  const r = await runFaults({ ...opts, log });
  if (json) console.log(JSON.stringify(r));
  else console.log(JSON.stringify(r, null, 2));
  if (!r.ok) process.exitCode = 1;
}
