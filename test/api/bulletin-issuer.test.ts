import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { buildTestApp, buildWorld, call, signInAs, type Session } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

/**
 * The bulletin's issue settings over HTTP (docs/bulletin.md): the county's department sets its
 * 代字; bad input is 400 naming the field; a stale version is 409 carrying the settings as they are;
 * nothing half-saved. World: 测试区1 (440305) with two streets (renamed 粤海街道, 南头街道).
 */
describe(`bulletin issuer settings on ${testEngine()}`, () => {
  let database: Database;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let orgA: Session;
  const YEAR = todayInChina().slice(0, 4);
  const body = (version: number, over: Record<string, unknown> = {}) => ({
    region: '440305', version, docPrefix: '南组通', office: '中共深圳市南山区委组织部', copyTo: '深圳市委组织部', printedBy: '中共深圳市南山区委组织部', ...over,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    await buildWorld(database);
    // Real street names, so 主送 reads as an office would write it.
    await database.db.updateTable('region').set({ name: '粤海街道' }).where('code', '=', '440305001000').execute();
    await database.db.updateTable('region').set({ name: '南头街道' }).where('code', '=', '440305002000').execute();
    ({ app, close } = await buildTestApp(database));
    orgA = await signInAs(app, 'orgA', undefined, '10.0.7.1');
  });
  afterAll(async () => {
    await close?.();
    await database?.close();
  });

  it('reads the defaults with the next number and 主送', async () => {
    const res = await call(app, orgA, 'GET', '/api/reports/bulletin-issuer?region=440305');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 0, docPrefix: '测组通', mainTo: '各街道党工委', nextNumber: `测组通〔${YEAR}〕1号` });
  });

  it('bad input is 400 with the field; nothing saved', async () => {
    for (const [over, field] of [[{ docPrefix: '南组通〔2026〕' }, 'docPrefix'], [{ office: '' }, 'office'], [{ printedBy: ' ' }, 'printedBy']] as const) {
      const res = await call(app, orgA, 'PUT', '/api/reports/bulletin-issuer', body(0, over));
      expect(res.statusCode, res.body).toBe(400);
      const err = res.json() as { code: string; message: string; details: Array<{ field?: string; message?: string }> };
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.details.map((d) => d.field).join()).toContain(field);
      expect(JSON.stringify(err)).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await call(app, orgA, 'GET', '/api/reports/bulletin-issuer?region=440305')).json()).toMatchObject({ version: 0 });
  });

  it('saves with the version read; a stale version is 409 with the current settings', async () => {
    const ok = await call(app, orgA, 'PUT', '/api/reports/bulletin-issuer', body(0));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: 1, docPrefix: '南组通', nextNumber: `南组通〔${YEAR}〕1号` });
    const stale = await call(app, orgA, 'PUT', '/api/reports/bulletin-issuer', body(0, { docPrefix: '错组通' }));
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { version: 1, docPrefix: '南组通' } });
  });

  it('the bulletin then prints the number and 主送', async () => {
    await database.db.updateTable('enterprise').set({ created_at: new Date('2020-01-01T00:00:00Z') }).execute();
    const month = `${Number(YEAR) - 1}-12`;
    const snap = await call(app, await signInAs(app, 'sys', undefined, '10.0.7.2'), 'POST', '/api/coverage/snapshots', { month });
    expect(snap.statusCode, snap.body).toBe(201);
    const html = await call(app, orgA, 'GET', `/api/reports/bulletin?region=440305&month=${month}&format=html`);
    expect(html.statusCode, html.body).toBe(200);
    expect(html.body).toContain(`南组通〔${YEAR}〕1号`);
    expect(html.body).toContain('各街道党工委：');
    expect(html.body).toContain('抄送：深圳市委组织部。');
    const again = await call(app, orgA, 'GET', `/api/reports/bulletin?region=440305&month=${month}&format=html`);
    expect(again.body).toContain(`南组通〔${YEAR}〕1号`);
    expect((await call(app, orgA, 'GET', '/api/reports/bulletin-issuer?region=440305')).json()).toMatchObject({ issuedThisYear: 1, nextNumber: `南组通〔${YEAR}〕2号` });
  });
});
