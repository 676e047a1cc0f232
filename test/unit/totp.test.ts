import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base32Decode, base32Encode, hotp, otpauthUri, totpAt, verifyTotp } from '../../src/core/auth/totp.js';

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII "12345678901234567890"; 8-digit codes.
const SEED = Buffer.from('12345678901234567890', 'ascii');
const RFC6238: Array<[number, string]> = [
  [59, '94287082'], [1111111109, '07081804'], [1111111111, '14050471'],
  [1234567890, '89005924'], [2000000000, '69279037'], [20000000000, '65353130'],
];
// RFC 4226 Appendix D: HOTP values for counters 0..9 (6 digits).
const RFC4226 = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];

describe('TOTP (RFC 6238 / RFC 4226)', () => {
  it.each(RFC6238)('RFC 6238 vector at T=%i → %s', (t, code) => {
    expect(hotp(SEED, Math.floor(t / 30), 8)).toBe(code);
  });
  it.each(RFC4226.map((c, i) => [i, c] as const))('RFC 4226 HOTP counter %i → %s', (counter, code) => {
    expect(hotp(SEED, counter)).toBe(code);
  });

  it('base32 round-trips and matches RFC 4648 vectors', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) =>
      base32Decode(base32Encode(Buffer.from(bytes))).equals(Buffer.from(bytes))));
  });

  it('accepts the window either side, refuses older steps and replays', () => {
    const secret = base32Encode(SEED);
    const now = new Date(1_700_000_000_000);
    const step = Math.floor(now.getTime() / 30_000);
    expect(verifyTotp(secret, totpAt(secret, now), now, null)).toBe(step);
    expect(verifyTotp(secret, totpAt(secret, new Date(now.getTime() - 30_000)), now, null)).toBe(step - 1);
    expect(verifyTotp(secret, totpAt(secret, new Date(now.getTime() + 30_000)), now, null)).toBe(step + 1);
    expect(verifyTotp(secret, totpAt(secret, new Date(now.getTime() - 90_000)), now, null)).toBeNull();
    expect(verifyTotp(secret, totpAt(secret, now), now, step)).toBeNull();
    expect(verifyTotp(secret, 'abcdef', now, null)).toBeNull();
    expect(verifyTotp(secret, '1234567', now, null)).toBeNull();
  });

  it('builds an otpauth URI apps accept', () => {
    const uri = otpauthUri('JBSWY3DPEHPK3PXP', 'zhang');
    expect(uri.startsWith('otpauth://totp/')).toBe(true);
    const u = new URL(uri);
    expect(u.searchParams.get('secret')).toBe('JBSWY3DPEHPK3PXP');
    expect(u.searchParams.get('digits')).toBe('6');
    expect(u.searchParams.get('period')).toBe('30');
    expect(u.searchParams.get('algorithm')).toBe('SHA1');
  });
});
