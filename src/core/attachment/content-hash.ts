import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';

/** A file's SHA-256 (hex) and size, read as a stream: the name content is stored under in every store. */
export async function hashOf(file: string): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  await pipeline(fs.createReadStream(file), async function* (src: AsyncIterable<Buffer>) {
    for await (const chunk of src) { h.update(chunk); size += chunk.length; }
  });
  return { sha256: h.digest('hex'), size };
}
