import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { drillDown, getFigures } from '../../src/core/coverage/coverage-figures.service.js';
import { bulletinCharts } from '../../src/core/report/bulletin-charts.js';
import { buildBulletin, type Bulletin } from '../../src/core/report/bulletin-data.js';
import { bulletinDocx } from '../../src/core/report/bulletin-docx.js';
import { bulletinHtml } from '../../src/core/report/bulletin-html.js';
import { bulletinXlsx } from '../../src/core/report/bulletin-xlsx.js';
import { DrillQuery, FiguresQuery } from '../../src/contracts/coverage-metrics.js';
import type { Database } from '../../src/db/database.js';
import { previousPeriod } from '../../src/domain/metrics.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { seedEnterprise, seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * Issue 16 item 10: the union figures from names and congresses, in the coverage figures and the
 * bulletin's 工会工作情况 section. 北山's union keeps a roster (3 active names, one of them 劳务派遣,
 * and one 保留会籍 — the typed 会员数 25 no longer counts) and held its 职代会 last month; 西溪's union
 * has only its typed 20 members and no congress. A 北山 street mediation body concluded one case within
 * 15 days and one after. Both engines.
 */
let database: Database;
const sys = systemActor();
const month = previousPeriod(todayInChina().slice(0, 7));
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
let b: Bulletin;
let rosterEnterprise = '';

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  await seedRegions(db);
  rosterEnterprise = await seedEnterprise(db, { regionCode: TOWN_A, employeeCount: 30, name: '北山精工有限公司' });
  const typed = await seedEnterprise(db, { regionCode: TOWN_B, employeeCount: 40, name: '西溪纺织有限公司' });
  await db.updateTable('enterprise').set({ created_at: new Date('2024-01-01T00:00:00Z') }).execute();
  const union = async (name: string, region: string, enterprise: string, members: number) => {
    const u = await db.insertInto('union_org').values({ name, kind: 'standalone', region_code: region, members, founded_on: '2020-01-01' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('union_coverage').values({ union_id: u.id, enterprise_id: enterprise, since: '2020-01-01' }).execute();
    return u.id;
  };
  const u1 = await union('北山精工有限公司工会委员会', TOWN_A, rosterEnterprise, 25);
  await union('西溪纺织有限公司工会委员会', TOWN_B, typed, 20);
  await db.updateTable('union_org').set({ roster_since: '2024-01-01' }).where('id', '=', u1).execute();
  for (const [i, status, dispatched] of [[0, 'active', true], [1, 'active', false], [2, 'active', false], [3, 'retained', false]] as const) {
    const p = await db.insertInto('person').values({ name: `会员${'甲乙丙丁'[i]}` }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('union_member').values({ person_id: p.id, union_id: u1, status, dispatched, enterprise_id: rosterEnterprise }).execute();
  }
  await db.insertInto('union_congress').values({ union_id: u1, held_on: `${month}-05`, kind: 'congress' }).execute();
  const body = await db.insertInto('mediation_body').values({ kind: 'street', name: '北山街道劳动争议调解委员会', region_code: TOWN_A }).returning('id').executeTakeFirstOrThrow();
  const kase = (received: string, due: string, closed: string) => db.insertInto('mediation_case').values({
    body_id: body.id, received_on: received, due_on: due, employer_name: '北山精工有限公司', category: 'pay', claim: '拖欠加班工资', status: 'agreed', closed_on: closed, agreed_fen: 100_000,
  }).execute();
  await kase(`${month}-02`, `${month}-17`, `${month}-10`);
  await kase(`${month}-01`, `${month}-16`, `${month}-25`);
  b = await buildBulletin(db, sys, '330106', month);
}, 120_000);
afterAll(async () => database?.close());

describe(`union figures and the bulletin's 工会工作情况 on ${testEngine()}`, () => {
  it('职工入会率 counts names where a union keeps a roster, typed numbers elsewhere, marked in the drill-down', async () => {
    const fig = await getFigures(database.db, sys, FiguresQuery.parse({ regionPrefix: '330106', month }));
    expect(fig.total.pairs.unionMembership).toMatchObject({ numerator: 3 + 20, denominator: 70 });
    expect(fig.total.pairs.congressCoverage).toMatchObject({ numerator: 1, denominator: 2, rate: 50 });
    expect(fig.metrics.find((m) => m.id === 'congressCoverage')!.label).toBe('职代会建制率');
    const drill = await drillDown(database.db, sys, DrillQuery.parse({ regionPrefix: '330106', month, metric: 'unionMembership', part: 'numerator' }));
    expect(drill.items.map((i) => [i.name, i.unionMembers, i.unionMembersFromRoster])).toEqual([['北山精工有限公司', 3, true], ['西溪纺织有限公司', 20, false]]);
    const congress = await drillDown(database.db, sys, DrillQuery.parse({ regionPrefix: '330106', month, metric: 'congressCoverage', part: 'numerator' }));
    expect(congress.items.map((i) => i.id)).toEqual([rosterEnterprise]);
  });

  it('the bulletin: a numbered section with the areas, mediation in time and dispatched members, in HTML, DOCX and XLSX', async () => {
    const u = b.union!;
    expect(u.rows.map((r) => [r.name, r.unionMembership.numerator, r.unionMembership.denominator, r.congressCoverage.numerator])).toEqual([['北山街道', 3, 30, 1], ['西溪街道', 20, 40, 0]]);
    expect(u.mediation).toEqual({ closedInTime: 1, closed: 2 });
    expect(u.roster).toEqual({ members: 3, dispatched: 1 });
    const html = bulletinHtml(b, bulletinCharts(b));
    expect(html).toContain('三、工会工作情况');
    expect(html).toContain('四、存在问题和工作要求');
    expect(html).toContain('职工入会率32.9%');
    expect(html).toContain('职代会建制率50.0%');
    expect(html).toContain('其中在受理之日起15日内结案1件，按期结案率50.0%（《劳动争议调解仲裁法》第十四条）');
    expect(html).toContain('实名登记会员3人，其中劳务派遣工1人，占33.3%');
    expect(html).not.toMatch(/congressCoverage|unionMembership|dispatched/);
    const xml = await (await JSZip.loadAsync(await bulletinDocx(b, { ranking: PNG, trend: PNG }))).file('word/document.xml')!.async('string');
    expect(xml).toContain('三、工会工作情况');
    expect(xml).toContain('职代会建制率');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await bulletinXlsx(b) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('工会工作')!;
    expect(ws.getRow(6).values).toEqual([undefined, '330106', '合计', 2, 2, 100, 23, 70, 32.9, 0, 2, 0, 1, 2, 50]);
  });
});
