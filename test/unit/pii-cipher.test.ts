import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateKeyringText, loadKeyring, parseKeyring } from '../../src/core/crypto/keyring.js';
import { maskIdNumber, maskName, maskPersonalFields, maskPhone } from '../../src/core/crypto/mask.js';
import { blindIndex, decryptPii, encryptPii, hmacSm3Hex, keyIdOf } from '../../src/core/crypto/pii-cipher.js';

const K1 = '00112233445566778899aabbccddeeff';
const K2 = 'ffeeddccbbaa99887766554433221100';
const INDEX = 'a1'.repeat(32);
const ring = (current: string, keys: Record<string, string>) =>
  parseKeyring(JSON.stringify({ current, keys, indexKey: INDEX }), 'env', null);

describe('SM4 personal-data cipher', () => {
  const keyring = ring('k2', { k1: K1, k2: K2 });

  it('round-trips any text, under the current key, never containing the clear value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (plain) => {
        const enc = encryptPii(keyring, plain);
        expect(keyIdOf(enc)).toBe('k2');
        expect(decryptPii(keyring, enc)).toBe(plain);
      }),
    );
    expect(encryptPii(keyring, '110105199003071239')).not.toContain('110105199003071239');
  });

  it('uses a fresh IV: the same value encrypts differently each time', () => {
    expect(encryptPii(keyring, '13800001234')).not.toBe(encryptPii(keyring, '13800001234'));
  });

  it('reads a value written under an older key that is still kept', () => {
    const old = encryptPii(keyring, '13800001234', 'k1');
    expect(decryptPii(keyring, old)).toBe('13800001234');
  });

  it('refuses any changed character (encrypt-then-MAC), at every position', () => {
    // Exhaustive rather than sampled: a sampled run once missed the MAC's last base64 character,
    // whose unused low bits a byte-level compare did not see.
    for (const plain of ['110105199003071239', '13800001234']) {
      const enc = encryptPii(keyring, plain);
      let tried = 0;
      for (let pos = 0; pos < enc.length; pos++) {
        for (const ch of ['A', 'b', '0', '_', 'Q', 'w']) {
          if (enc[pos] === ch || enc[pos] === ':') continue;
          const tampered = enc.slice(0, pos) + ch + enc.slice(pos + 1);
          expect(() => decryptPii(keyring, tampered), `position ${pos} → ${ch}`).toThrow();
          tried++;
        }
      }
      expect(tried).toBeGreaterThan(enc.length * 4);
    }
  });

  it('refuses a value whose key has been removed, with a clear error', () => {
    const enc = encryptPii(keyring, 'x', 'k1');
    expect(() => decryptPii(ring('k2', { k2: K2 }), enc)).toThrow(/k1/);
  });

  it('blind index: equal values match, different kinds or values do not, key-dependent', () => {
    expect(blindIndex(keyring, 'id_number', '110105199003071239')).toBe(blindIndex(keyring, 'id_number', '110105199003071239'));
    expect(blindIndex(keyring, 'id_number', '110105199003071239')).not.toBe(blindIndex(keyring, 'phone', '110105199003071239'));
    expect(blindIndex(keyring, 'phone', '13800001234')).not.toBe(blindIndex(keyring, 'phone', '13800001235'));
    const other = parseKeyring(JSON.stringify({ current: 'k1', keys: { k1: K1 }, indexKey: 'b2'.repeat(32) }), 'env', null);
    expect(blindIndex(other, 'phone', '13800001234')).not.toBe(blindIndex(keyring, 'phone', '13800001234'));
  });
});

describe('HMAC-SM3 from precomputed pads (import speed)', () => {
  it('gives exactly the bytes of createHmac for keys shorter than, equal to and longer than the block', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 150 }), fc.string({ maxLength: 200 }), (key, data) => {
        const k = Buffer.from(key);
        expect(hmacSm3Hex(k, data)).toBe(crypto.createHmac('sm3', k).update(data).digest('hex'));
        // Twice with the same key: the cached pads are copied, never consumed.
        expect(hmacSm3Hex(k, data + 'x')).toBe(crypto.createHmac('sm3', k).update(data + 'x').digest('hex'));
      }),
      { numRuns: 200 },
    );
    const keyring = ring('k1', { k1: K1 });
    expect(blindIndex(keyring, 'id_number', '110105199003071239'))
      .toBe(crypto.createHmac('sm3', Buffer.from(INDEX, 'hex')).update('id_number:110105199003071239').digest('hex'));
  });

  it('never repeats an IV across pool refills (1,000 values)', () => {
    const keyring = ring('k1', { k1: K1 });
    const ivs = new Set(Array.from({ length: 1000 }, () => encryptPii(keyring, '13800001234').split(':')[1]));
    expect(ivs.size).toBe(1000);
  });
});

describe('keyring', () => {
  it.each([
    ['not json', /JSON/],
    [JSON.stringify({ current: 'k1', keys: { k1: 'abc' }, indexKey: INDEX }), /32 位/],
    [JSON.stringify({ current: 'k9', keys: { k1: K1 }, indexKey: INDEX }), /k9/],
    [JSON.stringify({ current: 'k1', keys: { k1: K1 }, indexKey: 'zz' }), /indexKey/],
    [JSON.stringify({ current: 'k:1', keys: { 'k:1': K1 }, indexKey: INDEX }), /编号/],
  ])('rejects %s', (text, message) => {
    expect(() => parseKeyring(text, 'env', null)).toThrow(message);
  });

  it('generates DATA_DIR/keys.json with mode 0600 on the embedded engine, then reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-keys-'));
    const warnings: string[] = [];
    const first = loadKeyring({ dataDir: dir, engine: 'pglite' }, (m) => warnings.push(m));
    expect(first.source).toBe('generated');
    expect(fs.statSync(path.join(dir, 'keys.json')).mode & 0o777).toBe(0o600);
    expect(warnings[0]).toContain('keys.json');
    const again = loadKeyring({ dataDir: dir, engine: 'pglite' }, (m) => warnings.push(m));
    expect(again.keys.get('k1')).toEqual(first.keys.get('k1'));
    expect(warnings).toHaveLength(1);
  });

  it('never generates keys for a PostgreSQL server, and env wins over files', () => {
    expect(() => loadKeyring({ dataDir: '/nonexistent', engine: 'postgres' })).toThrow(/LX_KEY_FILE/);
    const fromEnv = loadKeyring({ keys: generateKeyringText(), keyFile: '/nonexistent', dataDir: '/x', engine: 'postgres' });
    expect(fromEnv.source).toBe('env');
  });
});

describe('masking', () => {
  it.each([
    [maskIdNumber, '410102199003071234', '410102********1234'],
    [maskIdNumber, '410102900307123', '410102*****7123'],
    [maskPhone, '13800001234', '138****1234'],
    [maskPhone, '138 0000 1234', '138****1234'],
    [maskName, '张三', '张*'],
    [maskName, '欧阳娜娜', '欧***'],
  ])('%o(%s) → %s', (fn, input, expected) => {
    expect(fn(input)).toBe(expected);
  });

  it('masks personal fields deeply, replaces ciphertext and secrets, masks ID numbers in free text', () => {
    const masked = maskPersonalFields({
      name: '张三',
      idNumber: '110105199003071239',
      contacts: [{ phone_number: '13800001234' }],
      id_number_enc: 'k1:a:b:c',
      id_number_index: 'abcdef',
      password: 'secret',
      birthDate: '1990-03-07',
      person: { birth_date: '1990-03-07' },
      note: '身份证110105199003071239已核验；订单号 123456789012345678 不是身份证',
      count: 3,
    });
    expect(masked).toEqual({
      name: '张三',
      idNumber: '110105********1239',
      contacts: [{ phone_number: '138****1234' }],
      id_number_enc: '[密文]',
      id_number_index: '[密文]',
      password: '[已隐去]',
      // the birth date would rebuild the masked digits
      birthDate: '[已隐去]',
      person: { birth_date: '[已隐去]' },
      note: '身份证110105********1239已核验；订单号 123456789012345678 不是身份证',
      count: 3,
    });
  });

  it('never leaves a valid ID number in any masked structure', () => {
    const json = fc.jsonValue();
    fc.assert(
      fc.property(json, fc.constantFrom('11010519491231002X', '360426199101010071'), (v, id) => {
        const out = JSON.stringify(maskPersonalFields({ v, idNumber: id, text: `号码${id}` }));
        expect(out).not.toContain(id);
      }),
    );
  });
});

describe('keyringFor', () => {
  it('reloads when the key file changes (a running server follows a rotation)', async () => {
    const { keyringFor, writeKeyFile } = await import('../../src/core/crypto/keyring.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-keys-'));
    const file = path.join(dir, 'k.json');
    writeKeyFile(file, JSON.stringify({ current: 'k1', keys: { k1: K1 }, indexKey: INDEX }));
    const settings = { keyFile: file, dataDir: dir, engine: 'postgres' as const };
    expect(keyringFor(settings).current).toBe('k1');
    expect(keyringFor(settings)).toBe(keyringFor(settings));
    writeKeyFile(file, JSON.stringify({ current: 'k2', keys: { k1: K1, k2: K2 }, indexKey: INDEX }));
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(keyringFor(settings).current).toBe('k2');
  });
});
