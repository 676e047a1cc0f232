import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { buildCrossStreet, type CrossStreet } from '../factories/cross-street.js';
import { buildTestApp, buildWorld, call, signInAs, type Session } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { multipart } from '../helpers/multipart.js';
import { startS3Server, type S3Server } from '../helpers/s3-server.js';
import { decodeJpeg, testJpeg, testPng } from '../helpers/test-images.js';

/**
 * Meeting files over HTTP with the server set to an S3-compatible store (LX_ATTACHMENT_STORE=s3
 * against s3rver started here; docs/attachments.md): a large photo sent by the API is stored shrunk
 * to 1600 px, a small one byte for byte; a body declaring more than 20 MB is refused before it is
 * read, and one sent without a length (cut off at the limit by the parser) gets the same answer; content missing
 * from the bucket is the Chinese 404. Two streets: `multi` sees the joint branch through a link and
 * downloads, never uploads.
 */
describe(`attachment uploads to an S3 store on ${testEngine()}`, () => {
  let database: Database;
  let s3: S3Server;
  let cs: CrossStreet;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  const s: Record<string, Session> = {};
  let url = '';
  const post = (who: string, payload: Buffer | Readable, headers: Record<string, string>) =>
    app.inject({ method: 'POST', url, payload, headers: { ...headers, cookie: s[who].cookie, 'x-csrf-token': s[who].csrf } });
  const upload = (who: string, name: string, content: Buffer) => {
    const m = multipart({}, { name, content });
    return post(who, m.payload, m.headers);
  };

  beforeAll(async () => {
    s3 = await startS3Server();
    database = await createTestDatabase();
    const world = await buildWorld(database);
    ({ app, close } = await buildTestApp(database, s3.env));
    for (const u of ['sys', 'multi']) s[u] = await signInAs(app, u);
    cs = await buildCrossStreet(database, world, app, s.sys);
    const m = await call(app, s.multi, 'POST', '/api/meetings', { orgId: cs.orgs['跨街联合党支部'], kind: 'themeDay', heldOn: '2026-11-05', topic: '主题党日' });
    expect(m.statusCode, m.body).toBe(201);
    url = `/api/meetings/${m.json().id}/attachments`;
    s.townA = await signInAs(app, 'townA');
  }, 120_000);
  afterAll(async () => {
    await close?.();
    await database?.close();
    await s3?.close();
  });

  it('a large photo is stored at 1600 px (its size and type the stored file\'s); a small one as sent', async () => {
    const big = await upload('multi', '现场照片.jpg', testJpeg(2000, 1200));
    expect(big.statusCode, big.body).toBe(201);
    expect(big.json()).toMatchObject({ fileName: '现场照片.jpg', mediaType: 'image/jpeg' });
    const got = await call(app, s.townA, 'GET', big.json().url);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.length).toBe(big.json().size);
    expect(Number(got.headers['content-length'])).toBe(big.json().size);
    const img = decodeJpeg(got.rawPayload);
    expect([img.width, img.height]).toEqual([1600, 960]);

    const small = testPng(400, 300);
    const up = await upload('multi', '签到表.png', small);
    expect(up.json()).toMatchObject({ mediaType: 'image/png', size: small.length });
    expect((await call(app, s.townA, 'GET', up.json().url)).rawPayload.equals(small)).toBe(true);
    // townA sees the joint branch through its enterprise: reads, never adds.
    expect((await upload('townA', 'x.png', small)).json().details[0].code).toBe('NOT_MANAGED');
  });

  it('a body declaring more than 20 MB: 413 FILE_TOO_LARGE before it is read; one sent without a length gets the same answer', async () => {
    const m = multipart({}, { name: 'big.pdf', content: Buffer.from('%PDF-1.4\n') });
    // Only a few bytes follow the header: had the server read on, it would have found the body cut short.
    const declared = await post('multi', m.payload, { ...m.headers, 'content-length': String(30 * 1024 * 1024) });
    expect(declared.statusCode).toBe(413);
    expect(declared.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: [{ field: 'file', code: 'FILE_TOO_LARGE', message: '文件超过20 MB，请压缩后上传' }] });

    const huge = multipart({}, { name: 'big.pdf', content: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(21 * 1024 * 1024, 0x20)]) });
    const streamed = await post('multi', Readable.from([huge.payload]), huge.headers);
    expect(streamed.statusCode, streamed.body).toBe(413);
    expect(streamed.json().details[0]).toMatchObject({ field: 'file', code: 'FILE_TOO_LARGE' });
    expect((await call(app, s.multi, 'GET', url)).json().total).toBe(2);
  });

  it('content missing from the bucket: the same Chinese 404 as on disk, and no download audited', async () => {
    const up = await upload('multi', '会议记录.pdf', Buffer.from('%PDF-1.4\nminutes\n'));
    const row = await database.db.selectFrom('attachment').select('sha256').where('id', '=', up.json().id).executeTakeFirstOrThrow();
    const { s3Store } = await import('../../src/core/attachment/s3-store.js');
    await s3Store(s3.settings).delete(row.sha256);
    const res = await call(app, s.townA, 'GET', up.json().url);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', message: '附件不存在或无权查看' });
    const audited = await database.db.selectFrom('audit_event').select('action').where('entity', '=', 'attachment').where('entity_id', '=', up.json().id).execute();
    expect(audited.map((a) => a.action)).toEqual(['attachment.upload']);
  });
});
