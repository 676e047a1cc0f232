import type { Keyring } from '../crypto/keyring.js';
import { reviveError, startTsWorker, wantThread } from '../import/ts-worker.js';
import { sealValues, type FromSealer, type SealedValue, type SealKeyMaterial, type ToSealer } from './seal-thread.worker.js';

/**
 * Sealing a roster's ID numbers and phones on a worker thread (issue 18 item 7): `encryptPii` is
 * ≈ 20–25 µs a value, about half of the main thread's required work at a million rows, and each
 * value is sealed on its own — so the reader can check chunk N+1 while the worker seals chunk N.
 * The worker runs the very `encryptPii` (seal-thread.worker.ts), under the same keys, so the
 * ciphertexts are the ones the in-thread path would make (each with its own random IV).
 *
 * Several `seal` calls may be outstanding: the worker answers them in the order they were made, each
 * promise with its own values; a call that fails (an unknown key id: KEYRING_INVALID) rejects with
 * the same AppError and the sealer goes on. The caller closes the sealer in a `finally`.
 */
export type Sealer = {
  seal(values: Array<{ id: string; phone: string | null }>, keyId: string): Promise<Array<{ idEnc: string; phoneEnc: string | null }>>;
  close(): Promise<void>;
  threaded: boolean;
};

/**
 * Rosters from this many rows are sealed on a thread when the machine has three CPUs or more:
 * starting the worker costs ≈ 0.7 s of CPU (the TypeScript loader and the cipher's modules), what
 * sealing ≈ 15,000 rows in-thread costs, so below this the thread cannot pay for itself. On two
 * CPUs it was measured slower (200,000 rows, reading step alone, alternated three times: 13.6–15.1 s
 * threaded against 12.3–12.9 s in-thread; bench/seal-thread-measure.mts, docs/benchmarks.md): the
 * main thread and V8's collector already take 1.2 cores and the database server the rest, so the
 * worker only adds its messages. As for the enterprise reader's thread, three CPUs.
 * LX_IMPORT_SEAL_THREAD=on|off forces it either way (tests, benchmarks).
 */
export const SEAL_THREAD_FROM_ROWS = 20_000;
export const SEAL_THREAD_FROM_CPUS = 3;

export function useSealThread(rows: number): boolean {
  return wantThread('LX_IMPORT_SEAL_THREAD', rows >= SEAL_THREAD_FROM_ROWS, SEAL_THREAD_FROM_CPUS);
}

export function openSealer(keyring: Keyring, opts: { rows: number }): Sealer {
  return useSealThread(opts.rows) ? threadSealer(keyring) : inThreadSealer(keyring);
}

function inThreadSealer(keyring: Keyring): Sealer {
  let closed = false;
  return {
    threaded: false,
    seal: async (values, keyId) => {
      if (closed) throw closedError();
      return sealValues(keyring, values, keyId);
    },
    close: async () => {
      closed = true;
    },
  };
}

/**
 * Each key copied into a buffer of its own: a small Buffer is a view of Node's shared 8 KB pool, and
 * a structured clone copies a view's whole underlying memory — other values would cross with it.
 */
function keyMaterial(k: Keyring): SealKeyMaterial {
  return { current: k.current, keys: [...k.keys].map(([id, key]) => [id, Uint8Array.from(key)]), indexKey: Uint8Array.from(k.indexKey), source: k.source };
}

type Pending = { resolve: (v: SealedValue[]) => void; reject: (e: Error) => void };

function threadSealer(keyring: Keyring): Sealer {
  const worker = startTsWorker(new URL('./seal-thread.worker.ts', import.meta.url), { sealKeys: keyMaterial(keyring) });
  const pending = new Map<number, Pending>();
  let nextCall = 0;
  // Set once the worker cannot answer any more (it failed to start, crashed, exited or was closed).
  let broken: Error | null = null;
  const failAll = (err: Error) => {
    broken ??= err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    worker.unref();
  };
  // An idle worker does not keep the process alive (a caller that forgot close() still exits); one
  // with calls outstanding does, or the process could end with a seal unanswered.
  worker.unref();
  const settled = (call: number): Pending | undefined => {
    const p = pending.get(call);
    pending.delete(call);
    if (!pending.size) worker.unref();
    return p;
  };
  worker.on('message', (m: FromSealer) => {
    if (m.type === 'sealed') settled(m.call)?.resolve(m.values);
    else if (m.call === undefined) failAll(reviveError(m.error)); // the worker failed to start
    else settled(m.call)?.reject(reviveError(m.error));
  });
  worker.on('error', (err) => failAll(err));
  worker.on('exit', () => failAll(new Error('个人信息加密线程意外退出')));
  return {
    threaded: true,
    seal: (values, keyId) => {
      if (broken) return Promise.reject(broken);
      const call = nextCall++;
      const answer = new Promise<SealedValue[]>((resolve, reject) => pending.set(call, { resolve, reject }));
      if (pending.size === 1) worker.ref();
      worker.postMessage({ type: 'seal', call, values, keyId } satisfies ToSealer);
      return answer;
    },
    close: async () => {
      failAll(closedError());
      await worker.terminate();
    },
  };
}

const closedError = () => new Error('个人信息加密已结束，不能再加密');
