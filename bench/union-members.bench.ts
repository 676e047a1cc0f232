import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { systemActor } from '../src/core/access/actor.js';
import { generateKeyringText, parseKeyring } from '../src/core/crypto/keyring.js';
import { importUnionMembers } from '../src/core/union-member/union-member-import.service.js';
import { freshPgDatabase } from './lib/pg-database.js';
import { migrate } from '../src/db/migrate.js';
import { idCheckChar } from '../src/domain/id-number.js';
import { startPgServer } from '../test/helpers/pg-server.js';

/**
 * `npm run bench -- union-members [--rows N] [--json]` (docs/benchmarks.md "Union roster import"): one
 * union's roster of N rows (default 20,000, the largest file the import takes; half employed at the
 * enterprise the union covers) imported into a fresh PostgreSQL database, then imported again
 * (nothing changes), then the same CSV COPYed raw into a plain table of 10 text columns. Ratios are
 * raw-COPY time ÷ import time (higher is better), as for the party-member roster.
 */
type Measure = { seconds: number; rowsPerSecond: number };
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const measure = (ms: number, rows: number): Measure => ({ seconds: round(ms / 1000), rowsPerSecond: Math.round(rows / (ms / 1000)) });

function writeRoster(file: string, rows: number): void {
  const out = ['姓名,性别,公民身份号码,手机号,入会日期,会员证号,工作单位,是否劳务派遣,派遣单位,会籍状态'];
  const day0 = Date.UTC(1970, 0, 1);
  for (let i = 0; i < rows; i++) {
    const birth = new Date(day0 + Math.floor(i / 800) * 86_400_000 * 3).toISOString().slice(0, 10).replace(/-/g, '');
    const body = `330106${birth}${String(100 + (i % 800)).padStart(3, '0')}`;
    out.push(`会员${i + 1},,${body + idCheckChar(body)},139${String(i).padStart(8, '0')},2020-05-01,H-${i + 1},${i % 2 ? '基准测试科技有限公司' : '某服务部'},否,,在会`);
  }
  fs.writeFileSync(file, out.join('\n') + '\n');
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export async function main(argv: string[]): Promise<void> {
  const at = (n: string) => (argv.includes(n) ? argv[argv.indexOf(n) + 1] : undefined);
  const rows = Number(at('--rows') ?? 20_000);
  if (!Number.isInteger(rows) || rows < 1 || rows > 20_000) throw new Error('--rows 应为 1 至 20000 的整数（一次导入的上限）');
  const json = argv.includes('--json');
  const log = (m: string) => (json ? process.stderr.write(m + '\n') : console.log(m));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-bench-um-'));
  const server = await startPgServer();
  try {
    const { url, database } = await freshPgDatabase(server.url, 'lx_bench_um');
    await migrate(database.db);
    const union = await database.db.insertInto('union_org').values({ name: '基准测试工会委员会', kind: 'standalone', region_code: null }).returning('id').executeTakeFirstOrThrow();
    const e = await database.db.insertInto('enterprise').values({ credit_code: '91330106MABENCH001', name: '基准测试科技有限公司', region_code: null }).returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('union_coverage').values({ union_id: union.id, enterprise_id: e.id, since: '2020-01-01' }).execute();
    const file = path.join(dir, `union-members-${rows}.csv`);
    writeRoster(file, rows);
    const keyring = parseKeyring(generateKeyringText(), 'env', null);
    const deps = { database, keyring: () => keyring };
    log(`首次导入 ${rows} 行…`);
    const first = await timed(() => importUnionMembers(deps, systemActor('bench'), union.id, file));
    if (first.value.created !== rows) throw new Error(`首次导入新增 ${first.value.created} 行，应为 ${rows}：${JSON.stringify(first.value.errors.slice(0, 3))}`);
    log('再次导入（无变化）…');
    const again = await timed(() => importUnionMembers(deps, systemActor('bench'), union.id, file));
    if (again.value.unchanged !== rows) throw new Error(`再次导入未变 ${again.value.unchanged} 行，应为 ${rows}`);
    await database.close();
    log('原始 COPY…');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE TABLE raw_um (${Array.from({ length: 10 }, (_, i) => `c${i} text`).join(', ')})`);
    const copy = await timed(() => pipeline(fs.createReadStream(file), client.query(copyStreams.from('COPY raw_um FROM STDIN WITH (FORMAT csv, HEADER true)'))));
    await client.end();
    const r = {
      rows, rawCopy: measure(copy.ms, rows), firstImport: measure(first.ms, rows), reimport: measure(again.ms, rows),
      firstImportRatio: round(copy.ms / first.ms, 3), reimportRatio: round(copy.ms / again.ms, 3),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', node: process.version, loadAverage: os.loadavg().map((l) => round(l, 1)) },
    };
    if (json) return console.log(JSON.stringify(r));
    console.log(`工会会员名册导入（PostgreSQL，${rows} 行，一个工会）`);
    console.log(`  原始 COPY  ${r.rawCopy.seconds} 秒`);
    console.log(`  首次导入  ${r.firstImport.seconds} 秒  ${r.firstImport.rowsPerSecond.toLocaleString()} 行/秒  相当于原始 COPY 的 ${r.firstImportRatio} 倍速度`);
    console.log(`  再次导入  ${r.reimport.seconds} 秒  ${r.reimport.rowsPerSecond.toLocaleString()} 行/秒  相当于原始 COPY 的 ${r.reimportRatio} 倍速度`);
    console.log(`  机器 ${r.machine.cpus} 核 ${r.machine.cpuModel}，Node ${r.machine.node}，负载 ${r.machine.loadAverage.join(' / ')}`);
  } finally {
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
