import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { buildTestApp, buildWorld, call, COMMUNITIES, signInAs, TOWNSHIPS, type Session, type World } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

/**
 * The month bulletin says whose member counts are 填报数 (docs/members.md, "Counts"): the party
 * organisations of the region in being at the month end without a roster by then, counted under the
 * figures, by area, in HTML, DOCX's source data and XLSX; when every organisation keeps a roster, it
 * says the counts are the roster's. Fixed past month 2024-06.
 */
const MONTH = '2024-06';

describe(`bulletin: typed member counts on ${testEngine()}`, () => {
  let database: Database;
  let world: World;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let town: Session;
  const orgs: string[] = [];

  const html = async () => {
    const res = await call(app, town, 'GET', `/api/reports/bulletin?region=${TOWNSHIPS[0]}&month=${MONTH}&format=html`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res.body;
  };
  const typedOf = (body: string) => Number(/data-typed-counts="(\d+)"/.exec(body)?.[1] ?? NaN);
  const org = async (name: string, region: string, values: { founded_on?: string; roster_since?: string; status?: 'dissolved'; dissolved_on?: string } = {}) => {
    const { id } = await database.db.insertInto('party_org').values({ name, org_type: 'branch', setup_mode: 'standalone', region_code: region, ...values })
      .returning('id').executeTakeFirstOrThrow();
    await database.db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
    orgs.push(id);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await buildWorld(database);
    ({ app, close } = await buildTestApp(database));
    await database.db.updateTable('enterprise').set({ created_at: new Date('2020-01-15T00:00:00Z') }).where('id', '=', world.enterprises[0]!.id).execute();
    const sys = await signInAs(app, 'sys', undefined, '10.0.5.2');
    expect((await call(app, sys, 'POST', '/api/coverage/snapshots', { month: MONTH })).statusCode).toBe(201);
    town = await signInAs(app, 'townA', undefined, '10.0.5.1');
  });
  afterAll(async () => {
    await close?.();
    await database?.close();
  });

  it('counts the organisations without a roster at the month end, by area, in the note under the figures', async () => {
    const before = typedOf(await html());
    expect(before).toBeGreaterThanOrEqual(0);
    await org('填报数甲党支部', COMMUNITIES[0]);                                      // typed
    await org('名册乙党支部', COMMUNITIES[0], { roster_since: '2024-01-01' });        // roster by the month end
    await org('填报数丙党支部', COMMUNITIES[1], { roster_since: '2024-09-01' });      // roster only after the month end: typed then
    await org('后成立丁党支部', COMMUNITIES[1], { founded_on: '2024-08-01' });        // not in being at the month end
    await org('已撤销戊党支部', COMMUNITIES[1], { status: 'dissolved', dissolved_on: '2024-05-01' }); // dissolved before
    await org('外街己党支部', COMMUNITIES[2]);                                        // another street
    const body = await html();
    expect(typedOf(body)).toBe(before + 2);
    const note = /<p class="note"[^>]*>([^<]*)<\/p>/.exec(body)?.[1] ?? '';
    expect(note).toContain(`其中${before + 2}个党组织的党员数为填报数（尚未建立党员名册）`);
    const names = await database.db.selectFrom('region').select(['code', 'name']).where('code', 'in', [COMMUNITIES[0], COMMUNITIES[1]]).execute();
    for (const n of names) expect(note).toContain(n.name);
    expect(note).not.toMatch(/roster|member|[a-z_]{4,}/);

    const xlsx = await call(app, town, 'GET', `/api/reports/bulletin?region=${TOWNSHIPS[0]}&month=${MONTH}&format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells: unknown[] = [];
    wb.getWorksheet('概况')!.eachRow((r) => cells.push(r.getCell(1).value, r.getCell(2).value));
    const at = cells.indexOf('党员数为填报数的党组织（尚未建立党员名册）');
    expect(at).toBeGreaterThan(-1);
    expect(cells[at + 1]).toBe(before + 2);
  });

  it('when every organisation of the region keeps a roster by the month end, it says the counts are the roster\'s', async () => {
    await database.db.updateTable('party_org').set({ roster_since: '2024-01-01' }).where('region_code', 'like', `${TOWNSHIPS[0]}%`).execute();
    const body = await html();
    expect(typedOf(body)).toBe(0);
    expect(body).toContain('各党组织均已建立党员名册，本通报涉及的党员数均按党员名册统计。');
  });
});
