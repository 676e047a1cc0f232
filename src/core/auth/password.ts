import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// argon2id (the library default algorithm), OWASP-recommended parameters.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);
export const verifyPassword = (stored: string, password: string): Promise<boolean> =>
  verify(stored, password).catch(() => false);

/** A random password that passes the policy (upper, lower, digit and symbol always present). */
export const generatePassword = (): string => `Lx-${crypto.randomBytes(12).toString('base64url')}7q`;
