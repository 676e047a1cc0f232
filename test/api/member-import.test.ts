import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database.js';
import { generateMembers } from '../../src/core/generator/members.js';
import { writeMemberFile } from '../../src/core/generator/members-file.js';
import { COMMUNITIES, buildTestApp, buildWorld, call, signInAs, type Session } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { multipart } from '../helpers/multipart.js';


describe(`roster import route on ${testEngine()}`, { timeout: 300_000 }, () => {
  let database: Database;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let dir: string;
  const s: Record<string, Session> = {};

  const upload = (who: Session, file: string, fields: Record<string, string> = {}) => {
    const m = multipart(fields, { name: path.basename(file), content: fs.readFileSync(file) });
    return app.inject({ method: 'POST', url: '/api/imports/members', payload: m.payload, headers: { ...m.headers, cookie: who.cookie, 'x-csrf-token': who.csrf } });
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await buildWorld(database);
    ({ app, close } = await buildTestApp(database));
    for (const u of ['townA', 'orgB', 'commA']) s[u] = await signInAs(app, u);
    const { id } = await database.db.insertInto('party_org').values({ name: '路由测试党支部', org_type: 'branch', setup_mode: 'standalone', region_code: COMMUNITIES[0] })
      .returning('id').executeTakeFirstOrThrow();
    await database.db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-member-route-'));
  }, 300_000);
  afterAll(async () => {
    await close?.();
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports a roster (dry run first), answers the summary, and a re-run changes nothing', async () => {
    const gen = await writeMemberFile(path.join(dir, 'roster.xlsx'), generateMembers({ count: 12, seed: 3, orgs: ['路由测试党支部'] }), { format: 'xlsx' });
    const dry = await upload(s.townA, gen.path, { dryRun: 'true' });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, applied: false, rows: 12, created: 12, rejected: 0, errors: [] });
    const real = await upload(s.townA, gen.path);
    expect(real.json()).toMatchObject({ dryRun: false, applied: true, created: 12, updated: 0, rejected: 0, organisations: 1 });
    expect((await upload(s.townA, gen.path)).json()).toMatchObject({ created: 0, updated: 0, unchanged: 12 });
    // The answer never carries a clear ID number.
    expect(real.body).not.toMatch(/\d{17}[\dX]/);
  });

  it('a faulty roster: 200 with row errors, nothing applied; the error report is its starter’s alone', async () => {
    const gen = await writeMemberFile(path.join(dir, 'faulty.csv'), generateMembers({ count: 45, seed: 5, orgs: ['路由测试党支部'], withFaults: true }), { format: 'csv' });
    const res = await upload(s.townA, gen.path);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { importId: string; applied: boolean; rejected: number; errors: Array<{ row: number; code: string }> };
    expect(body.applied).toBe(false);
    expect([...new Set(body.errors.map((e) => e.row))].sort((a, b) => a - b)).toEqual(gen.rejectedRows);
    const report = await call(app, s.townA, 'GET', `/api/imports/members/${body.importId}/errors.xlsx`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('spreadsheetml');
    expect((await call(app, s.orgB, 'GET', `/api/imports/members/${body.importId}/errors.xlsx`)).statusCode).toBe(404);
  });

  it('refuses a street outside the organisation as an unknown 支部, a non-manager with 403, and a bad file with a Chinese message', async () => {
    const gen = await writeMemberFile(path.join(dir, 'other.csv'), generateMembers({ count: 3, seed: 8, orgs: ['路由测试党支部'] }), { format: 'csv' });
    const other = (await upload(s.orgB, gen.path)).json() as { errors: Array<{ code: string }> };
    expect(new Set(other.errors.map((e) => e.code))).toEqual(new Set(['ORG_UNKNOWN']));
    expect((await upload(s.commA, gen.path)).statusCode).toBe(403);
    const png = path.join(dir, 'x.csv');
    fs.writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const bad = await upload(s.townA, png);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'FILE_UNSUPPORTED' });
    const noHeader = path.join(dir, 'nohdr.csv');
    fs.writeFileSync(noHeader, '名称,地址\r\n甲,乙\r\n');
    expect((await upload(s.townA, noHeader)).json()).toMatchObject({ code: 'FILE_NO_HEADER' });
  });
});
