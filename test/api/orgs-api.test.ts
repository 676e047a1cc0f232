import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { COMMUNITIES, buildTestApp, buildWorld, call, signInAs, type Session, type World } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

/** The organisation API end to end: create, cover, explain, list, export, plan and apply a joint branch. */
describe(`organisation API on ${testEngine()}`, () => {
  let database: Database;
  let world: World;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let sys: Session;
  let townA: Session;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await buildWorld(database);
    ({ app, close } = await buildTestApp(database));
    sys = await signInAs(app, 'sys');
    townA = await signInAs(app, 'townA');
    // Two enterprises of community A with 1 and 2 full members: a joint branch can cover them.
    await database.db.updateTable('enterprise').set({ member_count: 1 }).where('id', '=', world.enterprises[0].id).execute();
    await database.db.updateTable('enterprise').set({ member_count: 2, region_code: COMMUNITIES[0] }).where('id', '=', world.enterprises[1].id).execute();
  });
  afterAll(async () => {
    await close?.();
    await database?.close();
  });

  it('validates bodies with field details and maps stale versions to 409', async () => {
    const bad = await call(app, townA, 'POST', '/api/party-orgs', { name: 'x', orgType: 'cell', setupMode: 'standalone' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['body.name', 'body.orgType']));
    const ok = await call(app, townA, 'POST', '/api/party-orgs', { name: '版本测试党支部', orgType: 'branch', setupMode: 'standalone', regionCode: COMMUNITIES[0] });
    expect(ok.statusCode, ok.body).toBe(201);
    const id = ok.json().id as string;
    expect((await call(app, townA, 'PATCH', `/api/party-orgs/${id}`, { version: 1, changes: { fullMembers: 4 } })).statusCode).toBe(200);
    const stale = await call(app, townA, 'PATCH', `/api/party-orgs/${id}`, { version: 1, changes: { fullMembers: 5 } });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'VERSION_CONFLICT']);
    expect((await call(app, townA, 'GET', '/api/party-orgs/abc')).statusCode).toBe(400);
  });

  it('plans and applies a joint branch; coverage and the gap list change', async () => {
    const [e0, e1] = [world.enterprises[0].id, world.enterprises[1].id];
    const before = await call(app, townA, 'GET', `/api/enterprises/${e0}/coverage?date=2025-06-30`);
    expect(before.json()).toMatchObject({ status: 'gap', coverageClass: 'gap' });
    expect(before.json().nextSteps[0].ruleId).toBe('enterprise.setupJointOrAttached');
    const gapsBefore = (await call(app, townA, 'GET', '/api/worklists/gaps?date=2025-06-30')).json().items.map((i: { link: { id: string } }) => i.link.id);
    expect(gapsBefore).toEqual(expect.arrayContaining([e0, e1]));
    const plan = await call(app, townA, 'GET', `/api/planner/joint-branches?regionPrefix=${COMMUNITIES[0].slice(0, 9)}&date=2025-06-30`);
    expect(plan.statusCode, plan.body).toBe(200);
    const proposal = plan.json().proposals.find((p: { enterpriseIds: string[] }) => p.enterpriseIds.includes(e0));
    expect(proposal.enterpriseIds.sort()).toEqual([e0, e1].sort());
    const applied = await call(app, townA, 'POST', '/api/planner/joint-branches/apply', { proposal, name: proposal.suggestedName, since: '2025-06-01' });
    expect(applied.statusCode, applied.body).toBe(201);
    const again = await call(app, townA, 'POST', '/api/planner/joint-branches/apply', { proposal, name: '重复方案', since: '2025-06-01' });
    expect(again.json().code).toBe('CONFLICT');
    const after = await call(app, townA, 'GET', `/api/enterprises/${e0}/coverage?date=2025-06-30`);
    expect(after.json()).toMatchObject({ status: 'joint', coverageClass: 'organisational' });
    expect(after.json().orgs[0].orgId).toBe(applied.json().id);
    const gapsAfter = (await call(app, townA, 'GET', '/api/worklists/gaps?date=2025-06-30')).json().items.map((i: { link: { id: string } }) => i.link.id);
    expect(gapsAfter).not.toContain(e0);
    const detail = await call(app, townA, 'GET', `/api/party-orgs/${applied.json().id}?date=2025-06-30`);
    expect(detail.json().coverage).toHaveLength(2);
    expect(detail.json().alerts.map((a: { ruleId: string }) => a.ruleId)).toContain('org.secretaryVacant');
  });

  it('exports a work list as XLSX with Chinese headers and one row per item', async () => {
    const res = await call(app, sys, 'GET', '/api/worklists/alerts.xlsx?date=2025-06-30');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(3).value).toBe('名称');
    // The region's name beside its code, for people reading the file.
    expect([ws.getRow(1).getCell(4).value, ws.getRow(1).getCell(5).value]).toEqual(['区划代码', '属地名称']);
    for (let i = 2; i <= ws.rowCount; i++) if (ws.getRow(i).getCell(4).value) expect(String(ws.getRow(i).getCell(5).value)).toContain('›');
    const page = await call(app, sys, 'GET', '/api/worklists/alerts?date=2025-06-30&limit=1000');
    expect(ws.rowCount - 1).toBe(page.json().items.length);
  });
});
