import crypto from 'node:crypto';
import { sm3Hex } from '../audit/sm3.js';

export const newToken = (): string => crypto.randomBytes(32).toString('base64url');
/** Sessions are stored by the SM3 of their token, so a database leak yields no usable cookie. */
export const sessionIdOf = (token: string): string => sm3Hex(token);
