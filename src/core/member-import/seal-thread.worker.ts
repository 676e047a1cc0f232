import { parentPort, workerData } from 'node:worker_threads';
import type { Keyring, KeySource } from '../crypto/keyring.js';
import { encryptPii } from '../crypto/pii-cipher.js';
import { serialiseError, type SerialisedError } from '../import/ts-worker.js';

/**
 * The sealing half of a roster import on its own thread (seal-thread.ts is the other end). It seals
 * with the very `encryptPii` of the main thread, under a keyring rebuilt from the key material the
 * main thread passed in workerData (never logged, never sent back). Calls are answered one at a time
 * in the order they came, each with its id; a call that fails (an unknown key id: KEYRING_INVALID)
 * answers with its error and the worker goes on with the next.
 */
export type SealValue = { id: string; phone: string | null };
export type SealedValue = { idEnc: string; phoneEnc: string | null };

/** Key material as it crosses: each key a Uint8Array of its own bytes (a structured clone of a Buffer arrives as one). */
export type SealKeyMaterial = { current: string; keys: Array<[string, Uint8Array]>; indexKey: Uint8Array; source: KeySource };

export type ToSealer = { type: 'seal'; call: number; values: SealValue[]; keyId: string };
export type FromSealer =
  | { type: 'sealed'; call: number; values: SealedValue[] }
  | { type: 'error'; call?: number; error: SerialisedError };

/** Shared with the in-thread path, so both seal alike. */
export function sealValues(keyring: Keyring, values: SealValue[], keyId: string): SealedValue[] {
  const out = new Array<SealedValue>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = { idEnc: encryptPii(keyring, v.id, keyId), phoneEnc: v.phone ? encryptPii(keyring, v.phone, keyId) : null };
  }
  return out;
}

const asBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

export function keyringFromMaterial(m: SealKeyMaterial): Keyring {
  return { current: m.current, keys: new Map(m.keys.map(([id, key]) => [id, asBuffer(key)])), indexKey: asBuffer(m.indexKey), source: m.source, file: null };
}

const data = workerData as { sealKeys?: SealKeyMaterial } | null;
if (parentPort && data?.sealKeys) {
  const port = parentPort;
  const keyring = keyringFromMaterial(data.sealKeys);
  port.on('message', (m: ToSealer) => {
    try {
      port.postMessage({ type: 'sealed', call: m.call, values: sealValues(keyring, m.values, m.keyId) } satisfies FromSealer);
    } catch (err) {
      port.postMessage({ type: 'error', call: m.call, error: serialiseError(err) } satisfies FromSealer);
    }
  });
}
