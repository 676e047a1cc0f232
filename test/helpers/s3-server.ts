import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error s3rver ships no type declarations; only its constructor, run() and close() are used.
import S3rver from 's3rver';
import type { S3Settings } from '../../src/core/attachment/store-settings.js';

/**
 * A real S3-compatible server for the attachment store's tests: s3rver (a devDependency, pure
 * JavaScript) on a free port of 127.0.0.1, keeping its objects in a temp directory, with one bucket.
 * It knows one key pair (S3RVER / S3RVER) and refuses other key ids, but does not verify SigV4
 * signatures (3.7.1 leaves that unimplemented): the signing is checked against AWS's published
 * examples in test/unit/s3-signature.test.ts. Needs no network beyond the loopback.
 */
export type S3Server = { settings: S3Settings; env: Record<string, string>; dir: string; close: () => Promise<void> };

export async function startS3Server(bucket = 'lx-attachments'): Promise<S3Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: bucket }] });
  const { port } = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  const env = {
    LX_ATTACHMENT_STORE: 's3', LX_S3_ENDPOINT: endpoint, LX_S3_BUCKET: bucket, LX_S3_REGION: 'us-east-1',
    LX_S3_ACCESS_KEY_ID: 'S3RVER', LX_S3_SECRET_ACCESS_KEY: 'S3RVER', LX_S3_PREFIX: 'attachments/',
  };
  const settings: S3Settings = {
    endpoint: new URL(endpoint), bucket, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', pathStyle: true, prefix: 'attachments/',
  };
  return {
    settings, env, dir,
    close: async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
