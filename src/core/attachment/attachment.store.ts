import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { hashOf } from './content-hash.js';
import { s3Store } from './s3-store.js';
import type { StoreSettings } from './store-settings.js';

/**
 * Where attachment content lives (docs/attachments.md). Content-addressed: a file is kept once under
 * its SHA-256 whatever record it belongs to; rows in `attachment` name it. Two stores with the same
 * three calls: local disk (the default) and an S3-compatible bucket (s3-store.ts), chosen by
 * LX_ATTACHMENT_STORE (store-settings.ts).
 */
export type AttachmentStore = {
  /** Moves a received file into the store (the temp file is gone afterwards); answers its hash and size. */
  put(file: string): Promise<{ sha256: string; size: number }>;
  /** The content as a stream, or null when the store has none under this hash. */
  get(sha256: string): Promise<Readable | null>;
  /**
   * Removes the content; absent content is no error. Rows are deleted softly and keep their content
   * for the audit trail, and one content may serve several rows, so only a sweep that knows no live
   * row names it may call this (docs/attachments.md "What is left").
   */
  delete(sha256: string): Promise<void>;
};

const isSha = (sha: string) => /^[0-9a-f]{64}$/.test(sha);

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
    async get(sha) {
      if (!isSha(sha)) return null;
      // Opened before answering so a missing file is null here, not an error mid-response.
      const fd = await fs.promises.open(where(sha), 'r').catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return null;
        throw e;
      });
      return fd ? fd.createReadStream() : null;
    },
    async delete(sha) {
      if (isSha(sha)) fs.rmSync(where(sha), { force: true });
    },
  };
}

/** The store the settings name (LX_ATTACHMENT_STORE; local keeps LX_ATTACHMENT_DIR). */
export function attachmentStoreFor(config: { attachmentDir: string; attachmentStore: StoreSettings }): AttachmentStore {
  return config.attachmentStore.kind === 's3' ? s3Store(config.attachmentStore.s3) : localStore(config.attachmentDir);
}
