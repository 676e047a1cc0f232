import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { buildTestApp, buildWorld, signInAs, type Session } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

/**
 * Issue 11 (small ones), items 1 and 2: a truncated upload is a clean 400 that leaves nothing behind,
 * and every non-2xx answer — the framework's own and Node's HTTP parser's included — is
 * { code, message (Chinese), details[] }.
 */
const HAN = /[\u4e00-\u9fff]/;

function expectShape(status: number, body: string, wantStatus: number, wantCode?: string): void {
  expect(status, body).toBe(wantStatus);
  const json = JSON.parse(body) as { code: unknown; message: unknown; details: unknown };
  expect(Object.keys(json).sort()).toEqual(['code', 'details', 'message']);
  expect(typeof json.code).toBe('string');
  if (wantCode) expect(json.code).toBe(wantCode);
  expect(String(json.message)).toMatch(HAN);
  expect(Array.isArray(json.details)).toBe(true);
}

/** A multipart body cut off in the middle of the file part (the closing boundary never arrives). */
function truncatedMultipart(): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----lx${crypto.randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="名录.csv"\r\nContent-Type: text/csv\r\n\r\n`);
  const half = Buffer.from('统一社会信用代码,企业名称\n91110101MA00000001,北京半截'.repeat(200));
  return { payload: Buffer.concat([head, half]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** One raw HTTP exchange with a real listening server (Node's parser answers some errors itself). */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.write(text);
  });
}

const bodyOf = (response: string): string => response.slice(response.indexOf('\r\n\r\n') + 4);
const statusOf = (response: string): number => Number(response.split(' ')[1]);

describe(`error shape and truncated uploads on ${testEngine()}`, () => {
  let database: Database;
  let app: FastifyInstance;
  let dataDir: string;
  let close: () => Promise<void>;
  let sys: Session;

  beforeAll(async () => {
    database = await createTestDatabase();
    await buildWorld(database);
    const built = await buildTestApp(database);
    ({ app, close } = built);
    dataDir = built.config.dataDir;
    sys = await signInAs(app, 'sys');
  });
  afterAll(async () => {
    await close?.();
    await database?.close();
  });

  const send = (url: string, m: { payload: Buffer; headers: Record<string, string> }) =>
    app.inject({ method: 'POST', url, payload: m.payload, headers: { ...m.headers, cookie: sys.cookie, 'x-csrf-token': sys.csrf } });
  const storedUploads = () => (fs.existsSync(path.join(dataDir, 'imports')) ? fs.readdirSync(path.join(dataDir, 'imports')) : []);

  it.each(['enterprises', 'orgs', 'positions', 'unions', 'assignments'])('a truncated upload to /api/imports/%s is 400 UPLOAD_TRUNCATED and writes nothing', async (kind) => {
    const batches = await database.db.selectFrom('import_batch').select('id').execute();
    const audit = await database.db.selectFrom('audit_event').select('seq').execute();
    const res = await send(`/api/imports/${kind}`, truncatedMultipart());
    expectShape(res.statusCode, res.body, 400, 'UPLOAD_TRUNCATED');
    expect(await database.db.selectFrom('import_batch').select('id').execute()).toHaveLength(batches.length);
    expect(await database.db.selectFrom('audit_event').select('seq').execute()).toHaveLength(audit.length);
    expect(storedUploads()).toEqual([]);
  });

  it('a schema\'s own type and range messages reach the caller in Chinese, with the field', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/enterprises?limit=0', headers: { cookie: sys.cookie } });
    expectShape(res.statusCode, res.body, 400);
    const details = (JSON.parse(res.body) as { details: Array<{ field: string; message: string }> }).details;
    expect(details.find((d) => d.field === 'querystring.limit')?.message).toMatch(HAN);
  });

  it('unknown routes, wrong methods, media types, bad and over-large bodies all answer the documented shape', async () => {
    const headers = { cookie: sys.cookie, 'x-csrf-token': sys.csrf };
    type Req = { method: string; url: string; payload?: string; headers?: Record<string, string> };
    const cases: Array<[Req, number]> = [
      [{ method: 'GET', url: '/api/no-such-route' }, 404],
      [{ method: 'GET', url: '/no-such-page' }, 404],
      [{ method: 'DELETE', url: '/api/auth/sign-in' }, 404],
      [{ method: 'PROPFIND', url: '/api/enterprises' }, 404],
      [{ method: 'POST', url: '/api/auth/sign-in', payload: '{"username":', headers: { 'content-type': 'application/json' } }, 400],
      [{ method: 'POST', url: '/api/auth/sign-in', payload: 'x', headers: { 'content-type': 'application/x-unknown' } }, 415],
      [{ method: 'POST', url: '/api/auth/sign-in', payload: `{"username":"${'a'.repeat(11 * 1024 * 1024)}"}`, headers: { 'content-type': 'application/json' } }, 413],
      [{ method: 'GET', url: `/api/enterprises/${'9'.repeat(200)}` }, 414],
      [{ method: 'GET', url: '/api/enterprises/%E0%A4%A' }, 400],
      [{ method: 'POST', url: '/api/imports/orgs', payload: 'x', headers: { 'content-type': 'text/plain' } }, 415],
    ];
    for (const [req, status] of cases) {
      const res = await app.inject({ ...req, method: req.method as 'GET', headers: { ...headers, ...req.headers } });
      expect.soft(res.headers['content-type'], `${req.method} ${req.url}`).toMatch(/^application\/json/);
      expectShape(res.statusCode, res.body, status);
    }
  });

  it('Node\'s own 431 (headers or URL too long) and 400 (malformed request) carry the shape on a real server', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as net.AddressInfo).port;
    const longUrl = await rawRequest(port, `GET /api/enterprises?q=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expectShape(statusOf(longUrl), bodyOf(longUrl), 431, 'HEADERS_TOO_LARGE');
    const longHeader = await rawRequest(port, `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'y'.repeat(20_000)}\r\n\r\n`);
    expectShape(statusOf(longHeader), bodyOf(longHeader), 431, 'HEADERS_TOO_LARGE');
    const garbage = await rawRequest(port, 'NOT-HTTP\r\n\r\n');
    expectShape(statusOf(garbage), bodyOf(garbage), 400, 'BAD_REQUEST');
  });
});
