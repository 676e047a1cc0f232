import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { IMAGE_MAX_EDGE, IMAGE_MAX_PIXELS } from '../../domain/attachment.js';
import { downscaleImage, headerOf } from './image-downscale.js';

/**
 * Shrinking a photo (about a second of CPU for 12 MP) on a worker thread, so the server keeps
 * answering other requests meanwhile (docs/attachments.md). What decides — the type, the header's
 * size, the pixel limit's refusal (a Chinese 413) — runs here first, so a file that needs no work
 * starts no thread and a refusal keeps its AppError; the worker loads image-downscale.ts through
 * tsx's loader (the server runs TypeScript without a build) and rewrites the file in place.
 */
const MODULE = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'image-downscale.ts')).href;
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { register } = await import('tsx/esm/api');
  register();
  const m = await import(workerData.module);
  const r = m.downscaleImageFile(workerData.file, workerData.mediaType);
  parentPort.postMessage(r.changed ? { changed: true, width: r.width, height: r.height } : { changed: false });
})().catch((err) => parentPort.postMessage({ error: String((err && err.message) || err) }));
`;

export type Shrunk = { changed: false } | { changed: true; width: number; height: number };

export async function downscaleImageFileOffThread(file: string, mediaType: string): Promise<Shrunk> {
  if (mediaType !== 'image/jpeg' && mediaType !== 'image/png') return { changed: false };
  const buf = fs.readFileSync(file);
  const head = headerOf(buf, mediaType);
  if (!head || Math.max(head.width, head.height) <= IMAGE_MAX_EDGE) return { changed: false };
  // Over the pixel limit: the same refusal as on this thread, thrown before any decoding.
  if (head.width * head.height > IMAGE_MAX_PIXELS) downscaleImage(buf, mediaType);
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { module: MODULE, file, mediaType } });
    worker.once('message', (m: Shrunk & { error?: string }) => {
      void worker.terminate();
      if (m.error) reject(new Error(`image shrink failed: ${m.error}`));
      else resolve(m);
    });
    worker.once('error', reject);
  });
}
