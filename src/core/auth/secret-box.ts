import { decryptPii, encryptPii } from '../crypto/pii-cipher.js';
import type { Keyring } from '../crypto/keyring.js';

/**
 * Seals small secrets (the TOTP seed) with the personal-data keyring (SM4-CBC + HMAC-SM3), so a
 * database dump alone yields no second factor. The keyring is loaded only when first needed.
 */
export type SecretBox = { seal(plain: string): string; open(sealed: string): string };

export function secretBoxOf(keyring: () => Keyring): SecretBox {
  return {
    seal: (plain) => encryptPii(keyring(), plain),
    open: (sealed) => decryptPii(keyring(), sealed),
  };
}
