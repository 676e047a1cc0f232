import crypto from 'node:crypto';

/** SM3 (GB/T 32905) through Node's OpenSSL. */
export const sm3Hex = (data: string | Buffer): string => crypto.createHash('sm3').update(data).digest('hex');
