import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { parseKeyring } from '../../src/core/crypto/keyring.js';
import { decryptPii, keyIdOf } from '../../src/core/crypto/pii-cipher.js';
import { openSealer, SEAL_THREAD_FROM_CPUS, SEAL_THREAD_FROM_ROWS, useSealThread, type Sealer } from '../../src/core/member-import/seal-thread.js';
import { AppError } from '../../src/domain/errors.js';

/**
 * The roster's sealing thread (src/core/member-import/seal-thread.ts) must make what the in-thread
 * path makes: ciphertexts of the very `encryptPii`, under the key asked for, that the main thread's
 * keyring opens back to each input, in the order given — with several calls outstanding at once, a
 * failing call among them, and the sealer still usable after it.
 */
const keyring = parseKeyring(JSON.stringify({
  current: 'k2', keys: { k1: '00112233445566778899aabbccddeeff', k2: 'ffeeddccbbaa99887766554433221100' }, indexKey: 'a1'.repeat(32),
}), 'env', null);

// ID numbers of every shape the roster accepts (an X check digit too); every third phone missing.
const values = Array.from({ length: 2000 }, (_, i) => ({
  id: `1101011990${String(101 + (i % 28)).padStart(4, '0')}${String(i % 1000).padStart(3, '0')}${i % 11 === 0 ? 'X' : i % 10}`,
  phone: i % 3 === 0 ? null : `13${String(800000000 + i * 7919).slice(0, 9)}`,
}));

const withMode = async (mode: 'on' | 'off', body: () => Promise<void>) => {
  const before = process.env.LX_IMPORT_SEAL_THREAD;
  process.env.LX_IMPORT_SEAL_THREAD = mode;
  try {
    await body();
  } finally {
    if (before === undefined) delete process.env.LX_IMPORT_SEAL_THREAD;
    else process.env.LX_IMPORT_SEAL_THREAD = before;
  }
};

describe('sealing personal data for the roster import, on a thread and in-thread', () => {
  let sealer: Sealer | null = null;
  afterEach(async () => {
    await sealer?.close();
    sealer = null;
  });

  for (const mode of ['on', 'off'] as const) {
    it(`LX_IMPORT_SEAL_THREAD=${mode}: overlapping calls come back in order, each opening to its input`, () => withMode(mode, async () => {
      sealer = openSealer(keyring, { rows: 10 });
      expect(sealer.threaded).toBe(mode === 'on');
      // Three calls outstanding at once, under the current key and an older one, with a failing call
      // (an unknown key id) between them.
      const parts = [values.slice(0, 700), values.slice(700, 1400), values.slice(1400)];
      const calls = [
        sealer.seal(parts[0]!, 'k2'),
        sealer.seal(parts[1]!.slice(0, 5), 'k9'),
        sealer.seal(parts[1]!, 'k1'),
        sealer.seal(parts[2]!, 'k2'),
      ];
      const [bad, ...good] = await Promise.allSettled([calls[1]!, calls[0]!, calls[2]!, calls[3]!]);
      expect(bad!.status).toBe('rejected');
      const err = (bad as PromiseRejectedResult).reason as unknown;
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('KEYRING_INVALID');
      expect((err as AppError).message).toBe('密钥 k9 不存在');

      const sealed = good.map((r) => {
        expect(r.status).toBe('fulfilled');
        return (r as PromiseFulfilledResult<Array<{ idEnc: string; phoneEnc: string | null }>>).value;
      });
      expect(sealed.map((s) => s.length)).toEqual([700, 700, 600]);
      const keyIds = ['k2', 'k1', 'k2'];
      sealed.forEach((batch, b) => batch.forEach((s, i) => {
        const input = parts[b]![i]!;
        expect(keyIdOf(s.idEnc)).toBe(keyIds[b]);
        expect(s.idEnc).not.toContain(input.id);
        expect(decryptPii(keyring, s.idEnc)).toBe(input.id);
        if (input.phone === null) expect(s.phoneEnc).toBeNull();
        else expect(decryptPii(keyring, s.phoneEnc!)).toBe(input.phone);
      }));
      // Each value has its own IV: no two ciphertexts alike.
      expect(new Set(sealed.flat().map((s) => s.idEnc)).size).toBe(2000);

      // After the failed call the sealer still seals, then closes; a call after close is refused.
      const after = await sealer.seal(values.slice(0, 3), 'k2');
      expect(after.map((s) => decryptPii(keyring, s.idEnc))).toEqual(values.slice(0, 3).map((v) => v.id));
      await sealer.close();
      await expect(sealer.seal(values.slice(0, 1), 'k2')).rejects.toThrow();
      sealer = null;
    }));
  }

  it('left to itself, seals on a thread only for a large roster on a machine with a core to spare', () => {
    const before = process.env.LX_IMPORT_SEAL_THREAD;
    delete process.env.LX_IMPORT_SEAL_THREAD;
    try {
      expect(useSealThread(SEAL_THREAD_FROM_ROWS - 1)).toBe(false);
      expect(useSealThread(SEAL_THREAD_FROM_ROWS)).toBe(os.availableParallelism() >= SEAL_THREAD_FROM_CPUS);
      expect(openSealer(keyring, { rows: 100 }).threaded).toBe(false);
      process.env.LX_IMPORT_SEAL_THREAD = 'off';
      expect(useSealThread(10_000_000)).toBe(false);
      process.env.LX_IMPORT_SEAL_THREAD = 'on';
      expect(useSealThread(1)).toBe(true);
    } finally {
      if (before === undefined) delete process.env.LX_IMPORT_SEAL_THREAD;
      else process.env.LX_IMPORT_SEAL_THREAD = before;
    }
  });
});
