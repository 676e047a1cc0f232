import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localStore, type AttachmentStore } from '../../src/core/attachment/attachment.store.js';
import { addMeetingAttachment, downloadMeetingAttachment, listMeetingAttachments, removeMeetingAttachment } from '../../src/core/attachment/meeting-attachments.js';
import { s3Store } from '../../src/core/attachment/s3-store.js';
import { storeAttachment } from '../../src/core/attachment/attachment.service.js';
import { createMeeting } from '../../src/core/life/meeting.service.js';
import { downloadChecklistFile } from '../../src/core/standards/checklist-files.js';
import type { Database } from '../../src/db/database.js';
import { AppError } from '../../src/domain/errors.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, seedEnterprise, seedRegions, TOWN_B } from '../helpers/org-fixtures.js';
import { startS3Server, type S3Server } from '../helpers/s3-server.js';
import { decodeJpeg, testJpeg } from '../helpers/test-images.js';

/**
 * The attachment service through both stores (docs/attachments.md): local disk and an S3-compatible
 * bucket — a real one, s3rver, started here on a free port (it checks the access key, not SigV4
 * signatures: those are checked against AWS's published examples in test/unit/s3-signature.test.ts).
 * The same calls behave the same: upload (a large photo shrunk to 1600 px first), download as a
 * stream of the stored bytes, soft delete with a version, and content missing from the store answers
 * the same Chinese 404. Two streets: B sees A's joint branch through its enterprise and may download,
 * never add or remove.
 */
const townA = actorWith('township_officer', { regionPrefixes: ['330106001'] });
const townB = actorWith('township_officer', { regionPrefixes: ['330106002'] });

async function bytes(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return { code: e.details[0]?.code ?? e.code, message: e.message };
    throw e;
  }
  return { code: 'OK', message: '' };
}

describe(`attachment stores on ${testEngine()}`, () => {
  let database: Database;
  let s3: S3Server;
  let tmp = '';
  let jointA = '';
  const stores: Record<'local' | 's3', AttachmentStore> = {} as never;
  const missing: Record<string, { code: string; message: string }> = {};

  const received = (name: string, content: Buffer) => {
    const p = path.join(tmp, `in-${Math.random().toString(16).slice(2)}`);
    fs.writeFileSync(p, content);
    return { path: p, fileName: name };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    s3 = await startS3Server();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-att-'));
    stores.local = localStore(path.join(tmp, 'store'));
    stores.s3 = s3Store(s3.settings);
    const { id } = await database.db.insertInto('party_org').values({ name: '北山西溪联合党支部', org_type: 'branch', setup_mode: 'joint', region_code: COMMUNITY_A1 }).returning('id').executeTakeFirstOrThrow();
    await database.db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
    jointA = id;
    const entB = await seedEnterprise(database.db, { name: '西溪制造有限公司', regionCode: TOWN_B });
    await database.db.insertInto('party_org_coverage').values({ org_id: jointA, enterprise_id: entB, mode: 'joint', since: '2020-01-01' }).execute();
  }, 120_000);
  afterAll(async () => {
    await s3?.close();
    await database?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  for (const kind of ['local', 's3'] as const) {
    it(`${kind}: upload, download, delete through the service; a large photo is stored at 1600 px`, async () => {
      const store = stores[kind];
      const m = await createMeeting(database.db, townA, { orgId: jointA, kind: 'themeDay', heldOn: '2026-11-05', topic: `主题党日（${kind}）` });
      const pdf = Buffer.from(`%PDF-1.4\n%minutes ${kind}\n${'x'.repeat(200_000)}`);
      const doc = await addMeetingAttachment(database.db, townA, store, m.id, received('会议记录.pdf', pdf));
      expect(doc).toMatchObject({ fileName: '会议记录.pdf', mediaType: 'application/pdf', size: pdf.length });
      const photo = await addMeetingAttachment(database.db, townA, store, m.id, received('现场照片.jpg', testJpeg(2000, 1000)));
      expect(photo.mediaType).toBe('image/jpeg');

      // B reads through the link: the same bytes back, streamed from the store.
      const got = await downloadMeetingAttachment(database.db, townB, store, m.id, doc.id);
      expect((await bytes(got.stream())).equals(pdf)).toBe(true);
      const shot = await bytes((await downloadMeetingAttachment(database.db, townA, store, m.id, photo.id)).stream());
      expect(shot.length).toBe(photo.size);
      expect([decodeJpeg(shot).width, decodeJpeg(shot).height]).toEqual([1600, 800]);

      // Seeing through a link never means managing through it.
      expect((await refusal(addMeetingAttachment(database.db, townB, store, m.id, received('x.pdf', pdf)))).code).toBe('NOT_MANAGED');
      expect((await refusal(removeMeetingAttachment(database.db, townB, m.id, doc.id, doc.version))).code).toBe('NOT_MANAGED');
      expect((await refusal(removeMeetingAttachment(database.db, townA, m.id, doc.id, doc.version + 1))).code).toBe('VERSION_CONFLICT');
      await removeMeetingAttachment(database.db, townA, m.id, doc.id, doc.version);
      expect((await listMeetingAttachments(database.db, townA, m.id)).items.map((i) => i.id)).toEqual([photo.id]);
      expect((await refusal(downloadMeetingAttachment(database.db, townA, store, m.id, doc.id))).code).toBe('NOT_FOUND');

      // Content gone from the store under a live row: a 404 in Chinese, nothing audited for it.
      const sha = (await database.db.selectFrom('attachment').select('sha256').where('id', '=', photo.id).executeTakeFirstOrThrow()).sha256;
      await store.delete(sha);
      await store.delete(sha); // absent content is no error
      const audits = async () => (await database.db.selectFrom('audit_event').select('action').where('entity', '=', 'attachment').where('entity_id', '=', photo.id).execute()).length;
      const before = await audits();
      missing[kind] = await refusal(downloadMeetingAttachment(database.db, townA, store, m.id, photo.id));
      expect(missing[kind]).toEqual({ code: 'NOT_FOUND', message: '附件不存在或无权查看' });
      expect(await audits()).toBe(before);
      expect(await store.get(sha)).toBeNull();
    });
  }

  it('both stores answer missing content alike; the same content twice is one object', async () => {
    expect(missing.s3).toEqual(missing.local);
    const content = Buffer.from('%PDF-1.4\nsame\n');
    const a = await stores.s3.put(received('a.pdf', content).path);
    const b = await stores.s3.put(received('b.pdf', content).path);
    expect(a).toEqual(b);
    const objects = fs.readdirSync(s3.dir, { recursive: true }).map(String).filter((f) => f.includes(a.sha256) && f.endsWith('._S3rver_object'));
    expect(objects).toHaveLength(1);
    expect(objects[0]).toContain(`attachments/${a.sha256}`);
    expect((await bytes((await stores.s3.get(a.sha256))!)).equals(content)).toBe(true);
  });

  it('refused credentials and an unreachable store are errors naming the S3 answer, never the keys', async () => {
    const wrong = s3Store({ ...s3.settings, accessKeyId: 'NOT-A-KEY', secretAccessKey: 'NOT-THE-SECRET' });
    const err = await wrong.get('0'.repeat(64)).then(() => null, (e: Error) => e);
    expect(err?.message).toMatch(/GET answered 403 InvalidAccessKeyId/);
    expect(err?.message).not.toContain('NOT-THE-SECRET');
    await expect(wrong.put(received('c.pdf', Buffer.from('%PDF-1.4\n')).path)).rejects.toThrow(/HEAD answered 403/);
    const down = s3Store({ ...s3.settings, endpoint: new URL('http://127.0.0.1:9') });
    await expect(down.get('0'.repeat(64))).rejects.toThrow(/attachment store: S3 GET failed/);
  });

  it('a download whose audit does not commit lets go of the S3 object it opened (meeting and checklist files)', async () => {
    // The real S3 store, each opened body kept so the test can see whether it was let go.
    const opened: Readable[] = [];
    const store: AttachmentStore = { ...stores.s3, get: async (sha) => { const b = await stores.s3.get(sha); if (b) opened.push(b); return b; } };
    const m = await createMeeting(database.db, townA, { orgId: jointA, kind: 'themeDay', heldOn: '2026-11-06', topic: '主题党日（审计失败）' });
    const doc = await addMeetingAttachment(database.db, townA, store, m.id, received('记录.pdf', Buffer.from('%PDF-1.4\naudit fails\n')));
    const a = await database.db.insertInto('checklist_assessment').values({ template_id: 'partySixHave', template_version: '2019-01-01', party_org_id: jointA, year: 2026 })
      .returning('id').executeTakeFirstOrThrow();
    const file = await database.db.transaction().execute((tx) => storeAttachment(tx, townA, store, { kind: 'checklist', id: a.id }, received('阵地.pdf', Buffer.from('%PDF-1.4\nsite\n'))));
    // The audit entry is written but the transaction cannot commit (a deferred check fails at COMMIT): a real failure of the database.
    await sql`CREATE FUNCTION lx_test_refuse_download() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.action = 'attachment.download' THEN RAISE EXCEPTION 'audit refused by the test'; END IF; RETURN NULL; END $$`.execute(database.db);
    await sql`CREATE CONSTRAINT TRIGGER lx_test_refuse_download AFTER INSERT ON audit_event DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION lx_test_refuse_download()`.execute(database.db);
    try {
      await expect(downloadMeetingAttachment(database.db, townA, store, m.id, doc.id)).rejects.toThrow(/audit refused/);
      await expect(downloadChecklistFile(database.db, townA, store, a.id, file.id)).rejects.toThrow(/audit refused/);
    } finally {
      await sql`DROP TRIGGER lx_test_refuse_download ON audit_event`.execute(database.db);
      await sql`DROP FUNCTION lx_test_refuse_download()`.execute(database.db);
    }
    expect(opened).toHaveLength(2);
    expect(opened.map((b) => b.destroyed)).toEqual([true, true]);
    // And when the audit commits, the body is handed over open.
    const ok = await downloadChecklistFile(database.db, townB, store, a.id, file.id);
    expect((await bytes(ok.stream())).toString()).toBe('%PDF-1.4\nsite\n');
  });
});
