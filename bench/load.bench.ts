import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { generateKeyringText } from '../src/core/crypto/keyring.js';
import { openDatabase } from '../src/db/database.js';
import { startPgServer } from '../test/helpers/pg-server.js';
import { Session } from './load/client.js';
import { virtualUser, type WriteLog } from './load/mix.js';
import { measureRatio, type Ratio } from './load/ratio.js';
import { LOAD_PASSWORD, seedCity, type City } from './load/seed.js';
import { startServer } from './load/server.js';
import { LoadStats, type MinuteStats, type OpStats } from './load/stats.js';

/**
 * `npm run -s bench -- load [--json] [--minutes N] [--users N] [--enterprises N] [--think-ms N] [--faults]`
 * (docs/benchmarks.md, "Load"): a city on a throw-away PostgreSQL, the app in its own process on a
 * loopback port, N officers' scripted traffic for M minutes; per-operation latency by minute, server
 * RSS by minute, errors (must be none), then the scoped list against bare Fastify + pg.
 * `--faults` runs bench/load/faults.ts instead.
 */
export type LoadReport = {
  machine: { cpu: string; cores: number; memoryGb: number; node: string; loadAverage: { before: number[]; after: number[] } };
  city: Omit<City, 'users'> & { users: number }; minutes: number; thinkMs: number;
  requests: number; errors: number; errorRate: number; conflicts: number; acknowledgedWrites: number; errorSamples: string[];
  ops: Record<string, OpStats>; byMinute: MinuteStats[]; ratio: Ratio;
  flatness: { p99FirstMs: number; p99LastMs: number; rssFirstMb: number | null; rssLastMb: number | null };
};

const round2 = (n: number) => Math.round(n * 100) / 100;
const load = () => os.loadavg().map(round2);

export async function runLoadBench(o: { minutes: number; users: number; enterprises: number; thinkMs: number; log: (m: string) => void }): Promise<LoadReport> {
  const before = load();
  const pg = await startPgServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-load-'));
  const keys = generateKeyringText();
  const database = await openDatabase({ databaseUrl: pg.url, purpose: 'bench' });
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    o.log(`造数（${o.enterprises.toLocaleString()} 家企业）…`);
    const city = await seedCity(database, { enterprises: o.enterprises, members: Math.round(o.enterprises / 5), users: o.users, keys, dir, log: o.log });
    server = await startServer({ databaseUrl: pg.url, dataDir: dir, keys });
    const stats = new LoadStats();
    const log: WriteLog = { acks: [], conflicts: 0, nextMarker: 1 };
    const until = performance.now() + o.minutes * 60_000;
    const rss = setInterval(() => stats.rssSample(server!.rssMb()), 5_000);
    o.log(`${o.users} 名干部开始办公，${o.minutes} 分钟…`);
    const progress = setInterval(() => {
      const m = stats.byMinute().at(-2); // the minute just finished
      if (m) o.log(`  第 ${m.minute} 分钟：${m.requests} 次请求，错误 ${m.errors}，服务器内存 ${m.rssMb ?? '—'} MB`);
    }, 60_000);
    // Officers arrive over the first ten seconds, as a morning does, rather than all in one instant.
    await Promise.all(city.users.map(async (user, i) => {
      await new Promise((resolve) => setTimeout(resolve, (i / city.users.length) * 10_000));
      await virtualUser(new Session(server!.base, stats), user, LOAD_PASSWORD, { until, thinkMs: o.thinkMs, log });
    }));
    clearInterval(rss);
    clearInterval(progress);
    o.log('列表对比：应用 vs 裸 Fastify + pg…');
    const street = city.users.find((u) => u.role === 'township_officer')!;
    const config = loadConfig({ DATABASE_URL: pg.url, DATA_DIR: dir, LOG_LEVEL: 'silent', LX_KEYS: keys, LX_REQUIRE_TOTP_FOR_ADMINS: 'false', LX_SIGN_IN_RATE_LIMIT: '100000' });
    const ratio = await measureRatio({ databaseUrl: pg.url, database, config, appBase: server.base, user: { username: street.username, password: LOAD_PASSWORD }, rounds: 3, seconds: 5, concurrency: 8 });
    const ops = stats.total();
    const requests = Object.values(ops).reduce((n, s) => n + s.requests, 0);
    const errors = Object.values(ops).reduce((n, s) => n + s.errors, 0);
    const byMinute = stats.byMinute();
    const p99 = (m: MinuteStats | undefined) => m?.ops.list?.p99Ms ?? 0;
    // The last minute is cut short by the deadline (fewer requests); flatness compares whole minutes.
    const whole = byMinute.length > 2 ? byMinute.slice(0, -1) : byMinute;
    const { users: _users, ...cityFacts } = city;
    return {
      machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGb: round2(os.totalmem() / 2 ** 30), node: process.version, loadAverage: { before, after: load() } },
      city: { ...cityFacts, users: city.users.length }, minutes: o.minutes, thinkMs: o.thinkMs,
      requests, errors, errorRate: requests ? errors / requests : 0, conflicts: log.conflicts, acknowledgedWrites: log.acks.length, errorSamples: stats.samples,
      ops, byMinute, ratio,
      flatness: { p99FirstMs: p99(whole[0]), p99LastMs: p99(whole.at(-1)), rssFirstMb: whole[0]?.rssMb ?? null, rssLastMb: whole.at(-1)?.rssMb ?? null },
    };
  } finally {
    await server?.stop().catch(() => undefined);
    await database.close();
    pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function print(r: LoadReport): void {
  console.log(`\n负载基准（${r.machine.cpu} × ${r.machine.cores}，${r.machine.memoryGb} GB，Node ${r.machine.node}；负载 ${r.machine.loadAverage.before.join(' ')} → ${r.machine.loadAverage.after.join(' ')}）`);
  console.log(`城市：企业 ${r.city.enterprises}，党组织 ${r.city.orgs}，工会 ${r.city.unions}，党员 ${r.city.members}，账号 ${r.city.users}（${r.city.townships} 个街道/区）；${r.minutes} 分钟，思考时间均值 ${r.thinkMs} ms`);
  console.log(`请求 ${r.requests}，错误 ${r.errors}（${(r.errorRate * 100).toFixed(3)}%），版本冲突后重试 ${r.conflicts} 次，确认的写入 ${r.acknowledgedWrites} 次`);
  for (const s of r.errorSamples) console.log(`  错误：${s}`);
  console.log('\n操作        请求数   p50 ms   p95 ms   p99 ms');
  for (const [op, s] of Object.entries(r.ops)) console.log(`${op.padEnd(10)} ${String(s.requests).padStart(8)} ${String(s.p50Ms).padStart(8)} ${String(s.p95Ms).padStart(8)} ${String(s.p99Ms).padStart(8)}`);
  console.log('\n分钟  请求数  错误  内存MB  列表p99  打开p99  编辑p99  导出p99');
  for (const m of r.byMinute) {
    const q = (op: string) => String(m.ops[op]?.p99Ms ?? '—').padStart(7);
    console.log(`${String(m.minute).padStart(4)} ${String(m.requests).padStart(7)} ${String(m.errors).padStart(5)} ${String(m.rssMb ?? '—').padStart(7)} ${q('list')} ${q('open')} ${q('edit')} ${q('export')}`);
  }
  console.log(`\n列表 p99：首分钟 ${r.flatness.p99FirstMs} ms → 末分钟 ${r.flatness.p99LastMs} ms；服务器内存：${r.flatness.rssFirstMb} MB → ${r.flatness.rssLastMb} MB`);
  console.log(`街道列表：应用 ${r.ratio.app}/s（p95 ${r.ratio.appP95Ms} ms），裸 Fastify+pg ${r.ratio.bare}/s（p95 ${r.ratio.bareP95Ms} ms）；比值 ${r.ratio.ratio}×（目标 ≥ 0.5×）`);
}

export async function main(argv: string[]): Promise<void> {
  if (argv.includes('--faults')) {
    const { main: faults } = await import('./load/faults.js');
    return faults(argv);
  }
  const option = (name: string, fallback: number, min: number, max: number) => {
    const v = argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback;
    if (!Number.isInteger(v) || v < min || v > max) throw new Error(`${name} 应为 ${min}–${max} 的整数`);
    return v;
  };
  const opts = {
    minutes: option('--minutes', 30, 1, 240), users: option('--users', 200, 1, 2000),
    enterprises: option('--enterprises', 100_000, 1_000, 2_000_000), thinkMs: option('--think-ms', 1000, 0, 60_000),
  };
  const json = argv.includes('--json');
  const log = (m: string) => (json ? process.stderr.write(m + '\n') : console.log(m));
  const r = await runLoadBench({ ...opts, log });
  if (json) console.log(JSON.stringify(r));
  else print(r);
  if (r.errors > 0) process.exitCode = 1;
}
