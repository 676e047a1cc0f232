import { runLoad, type LoadResult } from '../lib/http-load.js';
import { bareServer, captureStatements, LIST_URL, listen } from '../scoped-list.bench.js';
import type { Config } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';

/**
 * The scoped list's requests/s on the loaded run's server (the child process, a street officer's
 * session) against bare Fastify + pg running the statements that request ran, on the same database
 * in the same run (bench/scoped-list.bench.ts). Rounds alternate so other jobs' load falls on both.
 */
export type Ratio = { app: number; bare: number; ratio: number; appP95Ms: number; bareP95Ms: number; statements: number };

export async function measureRatio(o: {
  databaseUrl: string; database: Database; config: Config; appBase: string; user: { username: string; password: string };
  rounds: number; seconds: number; concurrency: number;
}): Promise<Ratio> {
  const statements = await captureStatements(o.databaseUrl, o.config, o.database, o.user);
  const bare = await bareServer(o.databaseUrl, statements);
  try {
    const bareBase = await listen(bare.app);
    const res = await fetch(`${o.appBase}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(o.user) });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('lx_session='))?.split(';')[0];
    if (!cookie) throw new Error(`sign-in failed: ${res.status}`);
    const run = (url: string, headers: Record<string, string>, seconds: number) =>
      runLoad({ url, headers, concurrency: o.concurrency, seconds, maxRequests: Math.ceil(seconds * 20_000) });
    const app = () => run(`${o.appBase}${LIST_URL}`, { cookie }, o.seconds);
    const bareRun = () => run(`${bareBase}/bare`, {}, o.seconds);
    await run(`${bareBase}/bare`, {}, 1); // the bare server's first plans and JIT; the app is warm from the load
    const rounds: Array<{ app: LoadResult; bare: LoadResult }> = [];
    for (let i = 0; i < o.rounds; i++) rounds.push({ app: await app(), bare: await bareRun() });
    const failed = rounds.reduce((n, r) => n + r.app.failed + r.bare.failed, 0);
    if (failed) throw new Error(`列表对比中有 ${failed} 个失败请求`);
    const rate = (k: 'app' | 'bare') => rounds.reduce((n, r) => n + r[k].requests, 0) / rounds.reduce((n, r) => n + r[k].seconds, 0);
    const p95 = (k: 'app' | 'bare') => rounds.map((r) => r[k].p95Ms).sort((a, b) => a - b)[Math.floor(rounds.length / 2)]!;
    return {
      app: Math.round(rate('app')), bare: Math.round(rate('bare')), ratio: Math.round((rate('app') / rate('bare')) * 100) / 100,
      appP95Ms: Math.round(p95('app') * 10) / 10, bareP95Ms: Math.round(p95('bare') * 10) / 10, statements: statements.length,
    };
  } finally {
    await bare.app.close();
    await bare.pool.end();
  }
}
