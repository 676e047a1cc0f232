import { Worker } from 'node:worker_threads';

/** What one bounded load run saw. */
export type LoadResult = { requests: number; failed: number; seconds: number; perSecond: number; p50Ms: number; p95Ms: number };
export type LoadOptions = { url: string; headers: Record<string, string>; concurrency: number; seconds: number; maxRequests: number };

/*
 * The client runs in a worker thread so it never shares an event loop with the servers it measures.
 * Plain JS (eval) because the worker does not inherit the tsx loader. Keep-alive connections, a fixed
 * number in flight; it stops at the deadline or after maxRequests, whichever comes first.
 */
const WORKER = `
const http = require('node:http');
const { parentPort, workerData: o } = require('node:worker_threads');
const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency });
const target = new URL(o.url);
if (target.hostname !== '127.0.0.1') throw new Error('loopback only');
const started = performance.now();
const deadline = started + o.seconds * 1000;
let sent = 0, done = 0, failed = 0;
const latencies = [];
function one() {
  if (performance.now() >= deadline || sent >= o.maxRequests) return Promise.resolve();
  sent++;
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.get({ agent, host: target.hostname, port: target.port, path: target.pathname + target.search, headers: o.headers }, (res) => {
      res.resume();
      res.on('end', () => { if (res.statusCode !== 200) failed++; done++; latencies.push(performance.now() - t0); resolve(); });
    });
    req.on('error', () => { failed++; done++; resolve(); });
  }).then(one);
}
Promise.all(Array.from({ length: o.concurrency }, one)).then(() => {
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] : 0;
  agent.destroy();
  parentPort.postMessage({ requests: done, failed, seconds, perSecond: done / seconds, p50Ms: at(0.5), p95Ms: at(0.95) });
});
`;

export function runLoad(opts: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: opts });
    worker.once('message', (r: LoadResult) => resolve(r));
    worker.once('error', reject);
    worker.once('exit', (code) => { if (code !== 0) reject(new Error(`load worker exit ${code}`)); });
  });
}
