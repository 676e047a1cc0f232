import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';

/**
 * Where attachment content lives (docs/attachments.md). Content-addressed: a file is kept once under
 * its SHA-256 whatever record it belongs to; rows in `attachment` name it. The local store is the
 * default; an S3-compatible store would implement the same three calls (not built: see the doc).
 */
export type AttachmentStore = {
  /** Moves a received file into the store; answers its hash and size. */
  put(file: string): Promise<{ sha256: string; size: number }>;
  open(sha256: string): Readable;
  has(sha256: string): boolean;
};

async function hashOf(file: string): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  await pipeline(fs.createReadStream(file), async function* (src: AsyncIterable<Buffer>) {
    for await (const chunk of src) { h.update(chunk); size += chunk.length; }
  });
  return { sha256: h.digest('hex'), size };
}

export function localStore(dir: string): AttachmentStore {
  const where = (sha: string) => path.join(dir, sha.slice(0, 2), sha.slice(2, 4), sha);
  return {
    async put(file) {
      const r = await hashOf(file);
      const target = where(r.sha256);
      if (fs.existsSync(target)) { fs.rmSync(file, { force: true }); return r; }
      fs.mkdirSync(path.dirname(target), { recursive: true });
      // Copy then rename so a reader never meets half a file; the temp file may sit on another device.
      const tmp = `${target}.${process.pid}.${Date.now()}.part`;
      fs.copyFileSync(file, tmp);
      fs.renameSync(tmp, target);
      fs.rmSync(file, { force: true });
      return r;
    },
    open: (sha) => fs.createReadStream(where(sha)),
    has: (sha) => /^[0-9a-f]{64}$/.test(sha) && fs.existsSync(where(sha)),
  };
}
