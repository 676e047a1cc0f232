import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { systemActor } from '../src/core/access/actor.js';
import { generateKeyringText, parseKeyring } from '../src/core/crypto/keyring.js';
import { generateMembers } from '../src/core/generator/members.js';
import { writeMemberFile } from '../src/core/generator/members-file.js';
import { importMembers } from '../src/core/member-import/member-import.service.js';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { startPgServer } from '../test/helpers/pg-server.js';
import { runDuesBench } from './dues.bench.js';
import { serverFloor, type FloorResult } from './lib/floor.js';

/**
 * `npm run bench -- members [--rows N] [--orgs K] [--json]` (docs/benchmarks.md "Member roster
 * import"): a generated roster of N members in K organisations is imported into a fresh PostgreSQL
 * database, then imported again (nothing changes); the same file is COPYed raw into a plain table of
 * 13 text columns in the same database. Ratios are raw-COPY time ÷ import time (higher is better);
 * the ledger floor (bench/lib/floor.ts) is measured after the first import, as for enterprises.
 */
type Measure = { seconds: number; rowsPerSecond: number };
export type MemberBenchResult = {
  rows: number; orgs: number; rawCopy: Measure; firstImport: Measure; reimport: Measure; firstImportRatio: number; reimportRatio: number;
  /** The ledger floor of the rows the first import wrote (people, memberships, their history), and first import ÷ it. */
  ledgerFloor: FloorResult & { rawCopyRatio: number }; floorRatio: number;
  peakRssMb: number; machine: { cpus: number; cpuModel: string; node: string; loadAverage: number[] };
};

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const measure = (ms: number, rows: number): Measure => ({ seconds: round(ms / 1000), rowsPerSecond: Math.round(rows / (ms / 1000)) });

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** The file's data rows (after the title and header lines) COPYed as CSV into a plain table. */
async function rawCopy(url: string, file: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE raw_members (${Array.from({ length: 13 }, (_, i) => `c${i} text`).join(', ')})`);
    const text = fs.readFileSync(file);
    let start = 0;
    for (let i = 0; i < 2; i++) start = text.indexOf(0x0a, start) + 1;
    const t = await timed(() => pipeline(Readable.from([text.subarray(start)]), client.query(copyStreams.from('COPY raw_members FROM STDIN WITH (FORMAT csv)'))));
    return t.ms;
  } finally {
    await client.end();
  }
}

export async function runMemberBench(opts: { rows: number; orgs: number; log: (m: string) => void }): Promise<MemberBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-bench-members-'));
  const server = await startPgServer();
  try {
    const name = `lx_bench_members_${Date.now()}`;
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = server.url.replace(/\/postgres$/, `/${name}`);
    const database = await openDatabase({ databaseUrl: url });
    await migrate(database.db);
    const orgNames = Array.from({ length: opts.orgs }, (_, i) => `基准测试第${i + 1}党支部`);
    for (const orgName of orgNames) {
      const { id } = await database.db.insertInto('party_org').values({ name: orgName, org_type: 'branch', setup_mode: 'standalone' }).returning('id').executeTakeFirstOrThrow();
      await database.db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
    }
    const file = path.join(dir, `members-${opts.rows}.csv`);
    opts.log(`生成 ${opts.rows} 行党员名册…`);
    await writeMemberFile(file, generateMembers({ count: opts.rows, seed: 1, orgs: orgNames }), { format: 'csv' });
    opts.log('原始 COPY…');
    const copyMs = await rawCopy(url, file);
    const keyring = parseKeyring(generateKeyringText(), 'env', null);
    const deps = { database, keyring: () => keyring };
    opts.log('首次导入…');
    const first = await timed(() => importMembers(deps, systemActor('bench'), file));
    if (first.value.created !== opts.rows) throw new Error(`首次导入新增 ${first.value.created} 行，应为 ${opts.rows}`);
    opts.log('名册下限（COPY 已写入的行并建索引）…');
    const floorClient = new pg.Client({ connectionString: url });
    await floorClient.connect();
    const floor = await serverFloor(floorClient, ['person', 'party_member', 'party_member_event'], dir).finally(() => floorClient.end());
    opts.log('再次导入（无变化）…');
    const again = await timed(() => importMembers(deps, systemActor('bench'), file));
    if (again.value.unchanged !== opts.rows) throw new Error(`再次导入未变 ${again.value.unchanged} 行，应为 ${opts.rows}`);
    await database.close();
    return {
      rows: opts.rows, orgs: opts.orgs, rawCopy: measure(copyMs, opts.rows), firstImport: measure(first.ms, opts.rows), reimport: measure(again.ms, opts.rows),
      firstImportRatio: round(copyMs / first.ms, 3), reimportRatio: round(copyMs / again.ms, 3),
      ledgerFloor: { ...floor, ms: round(floor.ms), copyMs: round(floor.copyMs), indexMs: round(floor.indexMs), rawCopyRatio: round(copyMs / floor.ms, 3) },
      floorRatio: round(floor.ms / first.ms, 3),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', node: process.version, loadAverage: os.loadavg().map((l) => round(l, 1)) },
    };
  } finally {
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function main(argv: string[]): Promise<void> {
  const at = (n: string) => (argv.includes(n) ? argv[argv.indexOf(n) + 1] : undefined);
  const rows = Number(at('--rows') ?? 100_000);
  const orgs = Number(at('--orgs') ?? 500);
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(orgs) || orgs < 1) throw new Error('--rows、--orgs 应为正整数');
  const json = argv.includes('--json');
  const log = (m: string) => (json ? process.stderr.write(m + '\n') : console.log(m));
  // The dues month (bench/dues.bench.ts): `--dues-members N` (default 1 000 000), `--engine pglite|postgres`.
  const duesMembers = Number(at('--dues-members') ?? 1_000_000);
  const engine = at('--engine') === 'pglite' ? 'pglite' : 'postgres';
  if (!Number.isInteger(duesMembers) || duesMembers < 1) throw new Error('--dues-members 应为正整数');
  if (argv.includes('--dues-only')) {
    const d = await runDuesBench({ members: duesMembers, engine, log });
    if (json) return console.log(JSON.stringify({ dues: d }));
    return printDues(d);
  }
  const r = await runMemberBench({ rows, orgs, log: (m) => (json ? process.stderr.write(m + '\n') : console.log(m)) });
  const dues = await runDuesBench({ members: duesMembers, engine, log });
  if (json) return console.log(JSON.stringify({ ...r, dues }));
  console.log(`党员名册导入（PostgreSQL，${r.rows} 行，${r.orgs} 个党组织）`);
  console.log(`  原始 COPY   ${r.rawCopy.seconds} 秒`);
  console.log(`  首次导入   ${r.firstImport.seconds} 秒  ${r.firstImport.rowsPerSecond.toLocaleString()} 行/秒  相当于原始 COPY 的 ${r.firstImportRatio} 倍速度`);
  console.log(`  名册下限   ${round(r.ledgerFloor.ms / 1000)} 秒（COPY ${round(r.ledgerFloor.copyMs / 1000)} 秒 + 索引 ${round(r.ledgerFloor.indexMs / 1000)} 秒，${r.ledgerFloor.rows} 行）  相当于原始 COPY 的 ${r.ledgerFloor.rawCopyRatio} 倍；首次导入相当于下限的 ${r.floorRatio} 倍速度`);
  console.log(`  再次导入   ${r.reimport.seconds} 秒  ${r.reimport.rowsPerSecond.toLocaleString()} 行/秒  相当于原始 COPY 的 ${r.reimportRatio} 倍速度`);
  console.log(`  峰值内存 ${r.peakRssMb} MB`);
  printDues(dues);
}

function printDues(d: Awaited<ReturnType<typeof runDuesBench>>): void {
  console.log(`一个省的月度党费（${d.engine === 'pglite' ? 'PGlite' : 'PostgreSQL'}，${d.members} 名党员，${d.orgs} 个党组织）`);
  console.log(`  基线 INSERT … SELECT   ${d.baselineSeconds} 秒`);
  console.log(`  计算当月党费   ${d.computeSeconds} 秒（目标 ≤ 10 秒）  相当于基线的 ${d.ratio} 倍速度`);
  console.log(`  再次计算（无变化）   ${d.recomputeSeconds} 秒`);
  console.log(`  峰值内存 ${d.peakRssMb} MB（目标 < 500 MB）`);
}
