import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../domain/errors.js';

/**
 * A worker thread running a TypeScript module of ours (the enterprise reader's thread, the roster's
 * sealing thread). The worker registers tsx's loader itself, as bin/liangxin.js does, because a
 * worker inherits neither an in-process registration nor a test runner's transform; the entry is a
 * file URL next to its caller (`new URL('./x.worker.ts', import.meta.url)`), which is the source
 * tree both in a checkout and in the installed package (it runs from src through tsx, no build).
 *
 * Starting one costs ~0.7 s of CPU (the loader and the entry's modules), so callers use it only for
 * large inputs. If the loader or the entry fails to load, the worker posts
 * `{ type: 'error', error: SerialisedError }` — every entry's protocol must accept that message.
 */
const BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((m) => { (m.register || m.default.register)(); return import(workerData.entry); })
  .catch((err) => require('node:worker_threads').parentPort.postMessage({ type: 'error', error: { app: false, code: 'INTERNAL', message: String(err && err.stack || err), details: [] } }));
`;

/** tsx's ESM register() (its exports map's "import" entry: the CommonJS one registers a CommonJS loader). */
function tsxLoaderUrl(): string {
  const pkgPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(path.join(path.dirname(pkgPath), pkg.exports['./esm/api']!.import.default)).href;
}

/**
 * Whether work goes to a worker thread: `envVar` = on|off forces it (tests, benchmarks); otherwise
 * when the work is large enough and the machine has `fromCpus` CPUs — one for the main thread, one
 * for the database server, one for the worker (docs/benchmarks.md, "Reader thread", "Sealing on a thread").
 */
export function wantThread(envVar: string, largeEnough: boolean, fromCpus: number): boolean {
  const forced = process.env[envVar];
  if (forced === 'on') return true;
  if (forced === 'off') return false;
  return largeEnough && os.availableParallelism() >= fromCpus;
}

/** `workerData` reaches the entry with `tsx` and `entry` added (the boot's own two keys). */
export function startTsWorker(entryUrl: URL, workerData: object): Worker {
  return new Worker(BOOT, {
    eval: true, execArgv: [],
    workerData: { ...workerData, tsx: tsxLoaderUrl(), entry: entryUrl.href },
  });
}

/** An error as it crosses between threads: an AppError comes back as the same AppError. */
export type SerialisedError = { app: boolean; code: string; message: string; details: unknown[] };

export function serialiseError(err: unknown): SerialisedError {
  if (err instanceof AppError) return { app: true, code: err.code, message: err.message, details: err.details };
  return { app: false, code: 'INTERNAL', message: err instanceof Error ? (err.stack ?? err.message) : String(err), details: [] };
}

export function reviveError(e: SerialisedError): Error {
  return e.app ? new AppError(e.code as AppError['code'], e.message, e.details as AppError['details']) : new Error(e.message);
}
