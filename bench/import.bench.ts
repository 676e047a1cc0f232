import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { generateChanges } from '../src/core/generator/changes.js';
import { generateEnterprises } from '../src/core/generator/enterprises.js';
import { writeEnterpriseFile } from '../src/core/generator/write-file.js';
import { startPgServer, type PgServer } from '../test/helpers/pg-server.js';
import { runPhase } from './lib/child.js';
import type { PhaseOutput } from './lib/phase.js';

/**
 * Import benchmark (docs/benchmarks.md): for each size, a generated export and its "month after"
 * (1% changed) are imported into each engine; the same file is also COPYed raw into a plain table
 * of the same engine in the same run. Ratios are raw-COPY time ÷ import time (higher is better);
 * targets on PostgreSQL at 1M rows (issue 18 item 7): first import ≥ 0.5 × the ledger floor
 * (floor time ÷ import time), re-import ≥ 1 × raw COPY, peak RSS < 500 MB.
 */
export type Engine = 'pglite' | 'postgres';
export type Measure = { seconds: number; rowsPerSecond: number; maxRssMb: number };
/** The first import's floor on this schema (phase.ts ledgerFloor): its own rows COPYed into an empty ledger-shaped table, then indexed. */
export type LedgerFloor = { seconds: number; copySeconds: number; indexSeconds: number; ratio: number };
/**
 * What the import still takes after its last row is read (ledger writes, index builds, the inbox
 * refresh, the audit): no reader, threaded or not, can make the import faster than this, so
 * `ratioBound` is the best ratio a zero-cost reader would reach in this run (first import: against
 * the ledger floor; re-import: against raw COPY). `tasksSeconds`: the inbox refresh's share.
 */
export type AfterRead = { readSeconds: number; afterReadSeconds: number; tasksSeconds: number; ratioBound: number };
export type EngineResult = {
  rows: number; engine: Engine; rawCopy: Measure; firstImport: Measure & { counts: unknown; afterRead: AfterRead };
  reimport: Measure & { counts: unknown; afterRead: AfterRead };
  /** First import: ledger floor time ÷ import time (target ≥ 0.5); raw-COPY time ÷ import time as before. */
  firstImportFloorRatio: number;
  firstImportRatio: number; reimportRatio: number; ledgerFloor: LedgerFloor;
};
export type ImportBenchReport = {
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  region: string;
  results: EngineResult[];
  /** PostgreSQL at the largest size (null when PostgreSQL was not run). */
  firstImportRatio: number | null;
  firstImportFloorRatio: number | null;
  reimportRatio: number | null;
};

const REGION = '4403';
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

function measure(out: PhaseOutput, rows: number): Measure {
  return { seconds: round(out.ms / 1000), rowsPerSecond: Math.round(rows / (out.ms / 1000)), maxRssMb: Math.round(out.maxRssMb) };
}

function afterRead(out: PhaseOutput, againstMs: number): AfterRead {
  const steps = (out.result as { steps?: { readMs: number; tasksMs: number } }).steps ?? { readMs: 0, tasksMs: 0 };
  const rest = out.ms - steps.readMs;
  return { readSeconds: round(steps.readMs / 1000), afterReadSeconds: round(rest / 1000), tasksSeconds: round(steps.tasksMs / 1000), ratioBound: round(againstMs / rest, 3) };
}

function counts(result: unknown): unknown {
  const r = result as Record<string, unknown>;
  return { created: r.created, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected, merged: r.merged };
}

async function makeFiles(dir: string, rows: number, log: (m: string) => void): Promise<{ base: string; next: string }> {
  const base = path.join(dir, `enterprises-${rows}.csv`);
  const next = path.join(dir, `enterprises-${rows}-next.csv`);
  log(`生成 ${rows} 行文件…`);
  await writeEnterpriseFile(base, generateEnterprises({ count: rows, seed: 1, region: REGION }), { format: 'csv' });
  await generateChanges({ input: base, output: next, percent: 1, seed: 2, region: REGION });
  return { base, next };
}

type Target = { databaseUrl?: string; dataDir?: string };

async function target(engine: Engine, server: PgServer | null, dir: string, rows: number): Promise<Target> {
  if (engine === 'pglite') return { dataDir: path.join(dir, `pglite-${rows}`) };
  const name = `lx_bench_${rows}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: server!.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return { databaseUrl: server!.url.replace(/\/postgres$/, `/${name}`) };
}

async function benchOne(engine: Engine, t: Target, rows: number, files: { base: string; next: string }, log: (m: string) => void): Promise<EngineResult> {
  await runPhase({ phase: 'setup', ...t, scope: [REGION] });
  log(`  ${engine}：原始 COPY…`);
  const copy = await runPhase({ phase: 'copy', ...t, file: files.base });
  log(`  ${engine}：首次导入…`);
  const first = await runPhase({ phase: 'import', ...t, file: files.base });
  log(`  ${engine}：台账下限（导入结果直接 COPY 进同结构空表并建索引）…`);
  const floor = await runPhase({ phase: 'floor', ...t, file: files.base });
  const f = floor.result as { copyMs: number; indexMs: number };
  log(`  ${engine}：再次导入（1% 变化）…`);
  const again = await runPhase({ phase: 'import', ...t, file: files.next });
  return {
    rows, engine,
    rawCopy: measure(copy, rows),
    firstImport: { ...measure(first, rows), counts: counts(first.result), afterRead: afterRead(first, floor.ms) },
    reimport: { ...measure(again, rows), counts: counts(again.result), afterRead: afterRead(again, copy.ms) },
    firstImportFloorRatio: round(floor.ms / first.ms, 3),
    firstImportRatio: round(copy.ms / first.ms, 3),
    reimportRatio: round(copy.ms / again.ms, 3),
    ledgerFloor: {
      seconds: round(floor.ms / 1000), copySeconds: round(f.copyMs / 1000), indexSeconds: round(f.indexMs / 1000), ratio: round(copy.ms / floor.ms, 3),
    },
  };
}

export async function runImportBench(opts: { sizes: number[]; engines: Engine[]; log: (m: string) => void }): Promise<ImportBenchReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-bench-'));
  const server = opts.engines.includes('postgres') ? await startPgServer() : null;
  const results: EngineResult[] = [];
  try {
    for (const rows of opts.sizes) {
      const files = await makeFiles(dir, rows, opts.log);
      for (const engine of opts.engines) {
        results.push(await benchOne(engine, await target(engine, server, dir, rows), rows, files, opts.log));
      }
    }
  } finally {
    server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const pgLargest = results.filter((r) => r.engine === 'postgres').sort((a, b) => b.rows - a.rows)[0];
  return {
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memoryGb: round(os.totalmem() / 2 ** 30, 1), node: process.version, platform: `${os.platform()} ${os.release()}` },
    region: REGION,
    results,
    firstImportRatio: pgLargest?.firstImportRatio ?? null,
    firstImportFloorRatio: pgLargest?.firstImportFloorRatio ?? null,
    reimportRatio: pgLargest?.reimportRatio ?? null,
  };
}

export function printImportBench(r: ImportBenchReport): void {
  console.log(`导入基准（${r.machine.cpus} 核 ${r.machine.cpuModel}，内存 ${r.machine.memoryGb} GB，Node ${r.machine.node}）`);
  for (const x of r.results) {
    console.log(`\n${x.rows.toLocaleString()} 行 · ${x.engine}`);
    console.log(`  原始 COPY   ${x.rawCopy.seconds} 秒  ${x.rawCopy.rowsPerSecond.toLocaleString()} 行/秒  峰值内存 ${x.rawCopy.maxRssMb} MB`);
    console.log(`  首次导入    ${x.firstImport.seconds} 秒  ${x.firstImport.rowsPerSecond.toLocaleString()} 行/秒  峰值内存 ${x.firstImport.maxRssMb} MB  比值 ${x.firstImportRatio}`);
    console.log(`  台账下限    ${x.ledgerFloor.seconds} 秒（COPY ${x.ledgerFloor.copySeconds} 秒 + 建索引 ${x.ledgerFloor.indexSeconds} 秒）  比值 ${x.ledgerFloor.ratio}：任何首次导入都不可能快于此`);
    console.log(`  首次÷下限    ${x.firstImportFloorRatio}（目标 ≥ 0.5）；读完之后仍需 ${x.firstImport.afterRead.afterReadSeconds} 秒（其中待办刷新 ${x.firstImport.afterRead.tasksSeconds} 秒），读取再快也不超过 ${x.firstImport.afterRead.ratioBound}`);
    console.log(`  再次导入    ${x.reimport.seconds} 秒  ${x.reimport.rowsPerSecond.toLocaleString()} 行/秒  峰值内存 ${x.reimport.maxRssMb} MB  比值 ${x.reimportRatio}（目标 ≥ 1）`);
    console.log(`  再次÷COPY 上限  读完之后仍需 ${x.reimport.afterRead.afterReadSeconds} 秒（其中待办刷新 ${x.reimport.afterRead.tasksSeconds} 秒），读取再快也不超过 ${x.reimport.afterRead.ratioBound}`);
    console.log(`  结果        首次 ${JSON.stringify(x.firstImport.counts)}  再次 ${JSON.stringify(x.reimport.counts)}`);
  }
}
