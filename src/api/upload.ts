import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors.js';

/**
 * Receiving a multipart upload for the import routes. A body that ends before its closing boundary
 * (a dropped connection, a proxy cutting the request) must answer 400 UPLOAD_TRUNCATED, never a 500,
 * and leave no partial file behind: the import only starts once the whole file is on disk.
 */
export type ReceivedUpload = { path: string | null; fileName: string; fields: Record<string, string> };

const TRUNCATION_CODES = new Set(['FST_MP_PREMATURE_CLOSE', 'ECONNRESET', 'ERR_STREAM_PREMATURE_CLOSE']);

/** The parser's and the stream's ways of saying "the body ended early" (busboy has no error codes). */
function isTruncation(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as NodeJS.ErrnoException).code;
  return (code !== undefined && TRUNCATION_CODES.has(code)) || /unexpected end of multipart data|^aborted$/i.test(err.message);
}

export const uploadTruncated = () => new AppError('UPLOAD_TRUNCATED', '上传的文件不完整，请重新上传', [{ field: 'file', code: 'UPLOAD_TRUNCATED' }]);

/**
 * Streams the (single) file part to `targetFor(fileName)` and collects the text fields. On any
 * failure the partial file is removed; a truncated body becomes UPLOAD_TRUNCATED, other errors
 * (size limits, not multipart) go on to the error handler as they are.
 */
export async function receiveUpload(request: FastifyRequest, targetFor: (fileName: string) => string, maxFileBytes?: number): Promise<ReceivedUpload> {
  const out: ReceivedUpload = { path: null, fileName: 'upload', fields: {} };
  let writing: string | null = null;
  try {
    // A smaller limit than the app's (attachments): the parser stops writing past it (FST_REQ_FILE_TOO_LARGE).
    for await (const part of request.parts(maxFileBytes ? { limits: { fileSize: maxFileBytes } } : undefined)) {
      if (part.type === 'field') {
        out.fields[part.fieldname] = String(part.value);
        continue;
      }
      writing = targetFor(part.filename);
      await pipeline(part.file, fs.createWriteStream(writing));
      if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', '上传文件过大');
      out.path = writing;
      out.fileName = part.filename || 'upload';
    }
    return out;
  } catch (err) {
    if (writing) fs.rmSync(writing, { force: true });
    throw isTruncation(err) ? uploadTruncated() : err;
  }
}
