import fs from 'node:fs';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import type { AttachmentStore } from './attachment.store.js';
import { hashOf } from './content-hash.js';
import { EMPTY_SHA256, signV4, uriEncode } from './s3-signature.js';
import type { S3Settings } from './store-settings.js';

/**
 * Attachment content in an S3-compatible bucket (docs/attachments.md): the object `<prefix><sha256>`,
 * written once (a HEAD first: the same photo twice is one object), streamed both ways (never a whole
 * file in memory), signed with SigV4 (s3-signature.ts). Path-style addressing for MinIO and the like.
 * A failure of the store itself (unreachable, refused credentials, missing bucket) is an operator's
 * problem, not the caller's: it is thrown as a plain error, logged by the API and answered as 500,
 * with the S3 status and error code but never the keys.
 */
const TIMEOUT_MS = 30_000;

type Call = { method: 'GET' | 'HEAD' | 'PUT' | 'DELETE'; sha256: string; body?: { file: string; size: number; sha256: string } };

export function s3Store(s: S3Settings): AttachmentStore {
  const client = s.endpoint.protocol === 'https:' ? https : http;
  const host = s.pathStyle ? s.endpoint.host : `${s.bucket}.${s.endpoint.host}`;
  const bare = s.endpoint.hostname.replace(/^\[|\]$/g, ''); // an IPv6 literal without its brackets
  const connectTo = s.pathStyle ? bare : `${s.bucket}.${bare}`;
  const pathOf = (sha: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error('attachment store: not a SHA-256');
    const key = uriEncode(`${s.prefix}${sha}`, true);
    return s.pathStyle ? `/${s.bucket}/${key}` : `/${key}`;
  };
  const creds = { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey, sessionToken: s.sessionToken };

  function send(call: Call): Promise<IncomingMessage> {
    const path = pathOf(call.sha256);
    const payloadHash = call.body?.sha256 ?? EMPTY_SHA256;
    const headers: Record<string, string> = { 'x-amz-content-sha256': payloadHash };
    if (call.body) Object.assign(headers, { 'content-length': String(call.body.size), 'content-type': 'application/octet-stream' });
    const signed = signV4(creds, { method: call.method, host, path, headers, payloadHash, region: s.region, service: 's3', now: new Date() });
    return new Promise((resolve, reject) => {
      const req = client.request({
        protocol: s.endpoint.protocol, hostname: connectTo, port: s.endpoint.port || undefined,
        method: call.method, path, headers: { ...signed.headers, host }, timeout: TIMEOUT_MS,
      }, (res) => {
        // The timeout guards a store that does not answer; once it has, a download may wait on a slow reader.
        req.setTimeout(0);
        resolve(res);
      });
      req.on('timeout', () => req.destroy(new Error(`attachment store: S3 ${call.method} timed out after ${TIMEOUT_MS} ms`)));
      req.on('error', (e) => reject(new Error(`attachment store: S3 ${call.method} failed: ${e.message}`, { cause: e })));
      if (call.body) {
        const src = fs.createReadStream(call.body.file);
        src.on('error', (e) => req.destroy(e));
        src.pipe(req);
      } else req.end();
    });
  }

  /** Reads the error document's <Code> (a few KB at most) for the log; the body is never passed on. */
  async function failure(res: IncomingMessage, what: string): Promise<Error> {
    let text = '';
    for await (const chunk of res) { if (text.length < 4096) text += String(chunk); }
    const code = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1] ?? '';
    return new Error(`attachment store: S3 ${what} answered ${res.statusCode}${code ? ` ${code}` : ''} (bucket ${s.bucket} at ${s.endpoint.host})`);
  }

  async function exists(sha256: string): Promise<boolean> {
    const res = await send({ method: 'HEAD', sha256 });
    res.resume();
    if (res.statusCode === 200) return true;
    if (res.statusCode === 404) return false;
    throw await failure(res, 'HEAD');
  }

  return {
    async put(file) {
      const r = await hashOf(file);
      if (!(await exists(r.sha256))) {
        const res = await send({ method: 'PUT', sha256: r.sha256, body: { file, ...r } });
        if (res.statusCode !== 200) throw await failure(res, 'PUT');
        res.resume();
      }
      fs.rmSync(file, { force: true });
      return r;
    },
    async get(sha256): Promise<Readable | null> {
      const res = await send({ method: 'GET', sha256 });
      if (res.statusCode === 200) return res;
      if (res.statusCode === 404) { res.resume(); return null; }
      throw await failure(res, 'GET');
    },
    async delete(sha256) {
      const res = await send({ method: 'DELETE', sha256 });
      if (res.statusCode === 200 || res.statusCode === 204 || res.statusCode === 404) { res.resume(); return; }
      throw await failure(res, 'DELETE');
    },
  };
}
