import crypto from 'node:crypto';
import { AppError } from '../../domain/errors.js';
import type { Keyring } from '../crypto/keyring.js';

/**
 * The signed link of one enterprise in one campaign (no account needed): target id, campaign id,
 * expiry (epoch seconds) and the target's nonce, signed with HMAC-SM3 under a key derived from the
 * server's key file (never stored, never in the database). Forging needs the key; a new nonce (重新
 * 生成) retires the old link; revocation and the campaign's state are checked against the database.
 */
const LABEL = 'liangxin/survey-link/v1';
const SIG_CHARS = 27; // 160 bits of the 256-bit HMAC, base64url

export type LinkClaims = { targetId: string; campaignId: string; expiresAt: number; nonce: string };

const linkKey = (keyring: Keyring): Buffer => crypto.createHmac('sm3', keyring.indexKey).update(LABEL).digest();

const signature = (keyring: Keyring, body: string): string =>
  crypto.createHmac('sm3', linkKey(keyring)).update(body).digest('base64url').slice(0, SIG_CHARS);

export function signLink(keyring: Keyring, c: LinkClaims): string {
  const body = `${c.targetId}.${c.campaignId}.${c.expiresAt}.${c.nonce}`;
  return `${body}.${signature(keyring, body)}`;
}

export const newNonce = (): string => crypto.randomBytes(9).toString('base64url');

/** The end of the closing day in China (UTC+8, no daylight saving), as epoch seconds. */
export const expiryOf = (closesOn: string): number => Math.floor(Date.parse(`${closesOn}T24:00:00+08:00`) / 1000);

export const linkInvalid = () => new AppError('NOT_FOUND', '填报链接无效，请核对链接或向街道（乡镇）工作人员索取', [{ code: 'LINK_INVALID', message: '链接无效' }]);
export const linkExpired = (closesOn: string) =>
  new AppError('NOT_FOUND', `本次排查摸底已于 ${closesOn} 截止，链接已失效`, [{ code: 'LINK_EXPIRED', message: '链接已过期' }]);
export const linkRevoked = () =>
  new AppError('NOT_FOUND', '该填报链接已停用，请向街道（乡镇）工作人员索取新的链接', [{ code: 'LINK_REVOKED', message: '链接已停用' }]);

/** Checks the signature (constant time) and the expiry; the database checks come after. */
export function readLink(keyring: Keyring, token: string, now = Date.now()): LinkClaims {
  const parts = token.split('.');
  if (parts.length !== 5) throw linkInvalid();
  const [targetId, campaignId, exp, nonce, sig] = parts as [string, string, string, string, string];
  if (!/^\d{1,18}$/.test(targetId) || !/^\d{1,18}$/.test(campaignId) || !/^\d{1,12}$/.test(exp) || !/^[A-Za-z0-9_-]{8,32}$/.test(nonce)) throw linkInvalid();
  const expected = Buffer.from(signature(keyring, `${targetId}.${campaignId}.${exp}.${nonce}`));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) throw linkInvalid();
  const claims = { targetId, campaignId, expiresAt: Number(exp), nonce };
  if (claims.expiresAt * 1000 <= now) {
    const day = new Date((claims.expiresAt - 1) * 1000 + 8 * 3600_000).toISOString().slice(0, 10);
    throw linkExpired(day);
  }
  return claims;
}

export const linkPath = (token: string): string => `/s/${token}`;
