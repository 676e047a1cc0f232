import crypto from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from '../../domain/errors.js';

/**
 * `liangxin backup --encrypt`: the gzip stream cut into 1 MiB chunks, each sealed with AES-256-GCM
 * under a key derived by scrypt from LX_BACKUP_PASSPHRASE. One GCM tag over a whole file could only
 * be checked after the last byte had been restored; per-chunk tags fail at the first bad chunk. Each
 * chunk's nonce carries its index and its additional data says whether it is the last, so chunks
 * cannot be reordered, dropped or cut off at a chunk boundary without the restore noticing.
 *
 * Layout: MAGIC(8) salt(16) logN r p(3) noncePrefix(8), then chunks: u32 length (top bit = last),
 * ciphertext, tag(16).
 */
export const ENCRYPTED_MAGIC = Buffer.from('LXBKENC1');
const HEADER_LENGTH = 8 + 16 + 3 + 8;
const CHUNK = 1 << 20;
const LAST = 0x8000_0000;
const TAG = 16;

const wrongPassphrase = () =>
  new AppError('BACKUP_INVALID', '备份文件无法解密：口令（LX_BACKUP_PASSPHRASE）不对，或文件已损坏');

function deriveKey(passphrase: string, salt: Buffer, logN: number, r: number, p: number): Buffer {
  return crypto.scryptSync(passphrase.normalize('NFC'), salt, 32, { N: 2 ** logN, r, p, maxmem: 256 * 2 ** logN * r + (1 << 20) });
}

function nonceOf(prefix: Buffer, index: number): Buffer {
  const nonce = Buffer.alloc(12);
  prefix.copy(nonce, 0);
  nonce.writeUInt32BE(index, 8);
  return nonce;
}

const aadOf = (header: Buffer, index: number, last: boolean): Buffer =>
  Buffer.concat([header, Buffer.from([index >>> 24, (index >>> 16) & 255, (index >>> 8) & 255, index & 255, last ? 1 : 0])]);

export function encryptStream(passphrase: string): Transform {
  const salt = crypto.randomBytes(16);
  const prefix = crypto.randomBytes(8);
  const [logN, r, p] = [15, 8, 1];
  const header = Buffer.concat([ENCRYPTED_MAGIC, salt, Buffer.from([logN, r, p]), prefix]);
  const key = deriveKey(passphrase, salt, logN, r, p);
  let pending: Buffer[] = [];
  let size = 0;
  let index = 0;
  const seal = (plain: Buffer, last: boolean): Buffer => {
    const cipher = crypto.createCipheriv('aes-256-gcm', key, nonceOf(prefix, index));
    cipher.setAAD(aadOf(header, index, last));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE((plain.length | (last ? LAST : 0)) >>> 0);
    index++;
    return Buffer.concat([length, body, cipher.getAuthTag()]);
  };
  return new Transform({
    construct(cb) {
      this.push(header);
      cb();
    },
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      pending.push(chunk);
      size += chunk.length;
      while (size >= CHUNK) {
        const all = Buffer.concat(pending);
        this.push(seal(all.subarray(0, CHUNK), false));
        pending = [all.subarray(CHUNK)];
        size = all.length - CHUNK;
      }
      cb();
    },
    flush(cb: TransformCallback) {
      this.push(seal(Buffer.concat(pending), true));
      cb();
    },
  });
}

export function decryptStream(passphrase: string): Transform {
  let buffered: Buffer = Buffer.alloc(0);
  let header: Buffer | null = null;
  let key: Buffer | null = null;
  let index = 0;
  let ended = false;
  const open = (self: Transform): void => {
    for (;;) {
      if (!header) {
        if (buffered.length < HEADER_LENGTH) return;
        header = buffered.subarray(0, HEADER_LENGTH);
        if (!header.subarray(0, 8).equals(ENCRYPTED_MAGIC)) throw new AppError('BACKUP_INVALID', '不是加密的备份文件');
        key = deriveKey(passphrase, header.subarray(8, 24), header[24]!, header[25]!, header[26]!);
        buffered = buffered.subarray(HEADER_LENGTH);
      }
      if (buffered.length < 4) return;
      const word = buffered.readUInt32BE(0);
      const last = (word & LAST) !== 0;
      const length = word & ~LAST;
      if (ended || length > CHUNK) throw wrongPassphrase();
      if (buffered.length < 4 + length + TAG) return;
      const decipher = crypto.createDecipheriv('aes-256-gcm', key!, nonceOf(header.subarray(27, 35), index));
      decipher.setAAD(aadOf(header, index, last));
      decipher.setAuthTag(buffered.subarray(4 + length, 4 + length + TAG));
      try {
        self.push(Buffer.concat([decipher.update(buffered.subarray(4, 4 + length)), decipher.final()]));
      } catch {
        throw wrongPassphrase();
      }
      buffered = buffered.subarray(4 + length + TAG);
      index++;
      ended = last;
    }
  };
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
      try {
        open(this);
        cb();
      } catch (err) {
        cb(err as Error);
      }
    },
    flush(cb: TransformCallback) {
      if (!ended || buffered.length) return cb(new AppError('BACKUP_INVALID', '加密的备份文件不完整（文件被截断或损坏）'));
      cb();
    },
  });
}
