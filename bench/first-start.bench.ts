import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * `npm run bench -- first-start [--scope 4403] [--timeout 900] [--json]` (docs/benchmarks.md):
 * what a new user waits for after `npm install`. (1) the web UI's production build, as a fresh
 * clone's first `npm start` runs it (into a temporary directory, so web/dist is left alone);
 * (2) `npm start` on a fresh DATA_DIR with no setting: seconds until GET /api/health answers, and
 * until it reports the region dictionary complete. Bounded by --timeout; the server is stopped.
 */
type Sample = { s: number; percent: number; rows: number };
export type FirstStartReport = {
  machine: { cpu: string; cores: number; memGb: number; node: string };
  loadAverage: { start: number[]; end: number[] };
  scope: string;
  webBuildS: number;
  healthS: number | null;
  dictionaryS: number | null;
  dictionaryRows: number | null;
  progress: Sample[];
  timedOut: boolean;
};

function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

const freePort = (): Promise<number> => new Promise((resolve, reject) => {
  const srv = net.createServer();
  srv.listen(0, '127.0.0.1', () => {
    const port = (srv.address() as net.AddressInfo).port;
    srv.close(() => resolve(port));
  });
  srv.on('error', reject);
});

const seconds = (from: number) => Math.round((Date.now() - from) / 100) / 10;
const loadavg = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

function timeWebBuild(tmp: string): number {
  const started = Date.now();
  const res = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--outDir', path.join(tmp, 'web-dist'), '--emptyOutDir', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (res.status !== 0) throw new Error('web build failed');
  return seconds(started);
}

type Health = { regions?: { state: string; percent: number; message: string } };

async function health(port: number): Promise<Health | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(5000) });
    return res.ok ? ((await res.json()) as Health) : null;
  } catch {
    return null;
  }
}

export async function runFirstStart(opts: { scope: string; timeoutS: number; log: (m: string) => void }): Promise<FirstStartReport> {
  const cpus = os.cpus();
  const report: FirstStartReport = {
    machine: { cpu: cpus[0]?.model ?? '?', cores: cpus.length, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    loadAverage: { start: loadavg(), end: [] }, scope: opts.scope || '全国（无设置）',
    webBuildS: 0, healthS: null, dictionaryS: null, dictionaryRows: null, progress: [], timedOut: false,
  };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-first-start-'));
  try {
    opts.log('构建网页界面（如新克隆的首次启动）…');
    report.webBuildS = timeWebBuild(tmp);
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(tmp, 'data'), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    delete env.LX_REGION_SCOPE;
    if (opts.scope) env.LX_REGION_SCOPE = opts.scope;
    opts.log(`npm start，DATA_DIR=${env.DATA_DIR}，端口 ${port}`);
    const started = Date.now();
    // Its own process group, so the server (npm → tsx → node) is stopped as a whole.
    const child = spawn('npm', ['start'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      let lastPercent = -1;
      while (seconds(started) < opts.timeoutS) {
        if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out.slice(-3000)}`);
        const h = await health(port);
        if (h && report.healthS === null) {
          report.healthS = seconds(started);
          opts.log(`  /api/health 应答：${report.healthS} 秒`);
        }
        const r = h?.regions;
        if (r && r.percent !== lastPercent) {
          lastPercent = r.percent;
          report.progress.push({ s: seconds(started), percent: r.percent, rows: 0 });
        }
        if (r?.state === 'ready') {
          report.dictionaryS = seconds(started);
          const m = /区划字典已载入 (\d+) 条/.exec(out);
          report.dictionaryRows = m ? Number(m[1]) : null;
          opts.log(`  区划字典完成：${report.dictionaryS} 秒（${report.dictionaryRows ?? '?'} 条）`);
          break;
        }
        if (r?.state === 'failed') throw new Error(r.message);
        await new Promise((res) => setTimeout(res, h ? 1000 : 200));
      }
      report.timedOut = report.dictionaryS === null;
    } finally {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      await new Promise((res) => setTimeout(res, 1500));
    }
  } finally {
    report.loadAverage.end = loadavg();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return report;
}

export async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const timeoutS = Number(option(argv, '--timeout') ?? 900);
  if (!(timeoutS > 0)) throw new Error('--timeout 应为正数（秒）');
  const log = (m: string) => (json ? process.stderr.write(m + '\n') : console.log(m));
  const r = await runFirstStart({ scope: option(argv, '--scope') ?? '', timeoutS, log });
  if (json) {
    console.log(JSON.stringify(r));
    return;
  }
  console.log(`\n机器：${r.machine.cpu}，${r.machine.cores} 核，${r.machine.memGb} GB，Node ${r.machine.node}；负载 ${r.loadAverage.start.join(' ')} → ${r.loadAverage.end.join(' ')}`);
  console.log(`区划范围：${r.scope}`);
  console.log(`网页构建 ${r.webBuildS} 秒；启动到 /api/health 应答 ${r.healthS ?? '—'} 秒；网页构建 + 应答 ${r.healthS === null ? '—' : Math.round((r.webBuildS + r.healthS) * 10) / 10} 秒`);
  console.log(`区划字典完成 ${r.dictionaryS ?? `未完成（超过 ${timeoutS} 秒）`}${r.dictionaryS ? ' 秒' : ''}`);
  console.log(`进度：${r.progress.filter((p, i) => i % 5 === 0 || p.percent === 100).map((p) => `${p.s}s ${p.percent}%`).join('，')}`);
}
