import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { getFigures } from '../../src/core/coverage/coverage-figures.service.js';
import { getTrend, takeSnapshot } from '../../src/core/coverage/snapshot.service.js';
import { lifeOrgs, lifeRollup } from '../../src/core/life/life-rollup.js';
import { saveLifeSettings } from '../../src/core/life/life-settings.js';
import { createOrg } from '../../src/core/party-org/party-org.service.js';
import { bulletinCharts } from '../../src/core/report/bulletin-charts.js';
import { buildBulletin, type Bulletin } from '../../src/core/report/bulletin-data.js';
import { bulletinDocx } from '../../src/core/report/bulletin-docx.js';
import { bulletinHtml } from '../../src/core/report/bulletin-html.js';
import { bulletinXlsx } from '../../src/core/report/bulletin-xlsx.js';
import { FiguresQuery, TrendQuery } from '../../src/contracts/coverage-metrics.js';
import { LifeOrgsQuery } from '../../src/contracts/life.js';
import type { Database } from '../../src/db/database.js';
import { monthEnd, previousPeriod } from '../../src/domain/metrics.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, seedEnterprise, seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * 组织生活达标率 in the coverage figures and the bulletin's 组织生活开展情况 section (docs/life.md):
 * three 党支部 — 北山 one founded this month (达标), 北山 one silent since 2015 (不活跃), 西溪 one that
 * met last month only (滞后) — counted the same by the figure, its sub-areas, the district page and
 * the bulletin's three files; the dormant months setting moves the verdict. Both engines.
 */
let database: Database;
const sys = systemActor();
const today = todayInChina();
const month = previousPeriod(today.slice(0, 7));
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
let b: Bulletin;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  await seedRegions(db);
  for (const r of [TOWN_A, TOWN_B]) await seedEnterprise(db, { regionCode: r });
  await db.updateTable('enterprise').set({ created_at: new Date('2024-01-01T00:00:00Z') }).execute();
  const branch = async (name: string, regionCode: string, foundedOn: string) => (await createOrg(db, sys, { name, orgType: 'branch', setupMode: 'standalone', regionCode, foundedOn })).id;
  await branch('北山新建党支部', COMMUNITY_A1, `${month}-01`);
  await branch('北山久未开会党支部', COMMUNITY_A1, '2015-03-01');
  const lagging = await branch('西溪缺开党支部', TOWN_B, '2015-03-01');
  await db.insertInto('meeting').values({ org_id: lagging, kind: 'themeDay', held_on: `${month}-10`, topic: '主题党日' }).execute();
  b = await buildBulletin(db, sys, '330106', month);
}, 120_000);
afterAll(async () => database?.close());

describe(`组织生活 in the figures and the bulletin on ${testEngine()}`, () => {
  it('the figure counts the 党支部 达标 over all, by street, as the district page does', async () => {
    const fig = await getFigures(database.db, sys, FiguresQuery.parse({ regionPrefix: '330106', month }));
    const m = fig.metrics.find((x) => x.id === 'lifeCompliance')!;
    expect([m.label, m.subject]).toEqual(['组织生活达标率', 'partyOrg']);
    expect(fig.total.pairs.lifeCompliance).toEqual({ numerator: 1, denominator: 3, rate: 33.3 });
    const by = Object.fromEntries(fig.groups.map((g) => [g.key, [g.pairs.lifeCompliance!.numerator, g.pairs.lifeCompliance!.denominator]]));
    expect(by).toMatchObject({ 330106001: [1, 2], 330106002: [0, 1] });
    // Today's figure and the district page judge the same day the same way.
    const now = await getFigures(database.db, sys, FiguresQuery.parse({ regionPrefix: '330106' }));
    const page = await lifeRollup(database.db, sys, { year: Number(today.slice(0, 4)), level: 'street', region: '330106' });
    expect([page.sum.compliant, page.sum.total]).toEqual([now.total.pairs.lifeCompliance!.numerator, now.total.pairs.lifeCompliance!.denominator]);
    // Cut by size or park, organisations cannot be counted: the metric is left out, not zero.
    const cut = await getFigures(database.db, sys, FiguresQuery.parse({ regionPrefix: '330106', sizeClass: 'small' }));
    expect(cut.metrics.some((x) => x.id === 'lifeCompliance')).toBe(false);
  });

  it('the bulletin: its numbered section with the streets and the branches behind, in HTML, DOCX and XLSX', async () => {
    expect(b.life!.asOf).toBe(monthEnd(month));
    expect(b.life!.rows.map((r) => [r.name, r.total, r.compliant, r.lagging, r.dormant])).toEqual([['北山街道', 2, 1, 0, 1], ['西溪街道', 1, 0, 1, 0]]);
    expect(b.life!.behind.map((x) => [x.name, x.area, x.status])).toEqual([['北山久未开会党支部', '北山街道', '不活跃'], ['西溪缺开党支部', '西溪街道', '滞后']]);
    const html = bulletinHtml(b, bulletinCharts(b));
    expect(html).toContain('三、组织生活开展情况');
    expect(html).toContain('四、存在问题和工作要求');
    expect(html).toContain('西湖区正常运转的党支部3个，本年组织生活达标1个，达标率33.3%；滞后1个，不活跃（连续6个月以上未开展组织生活）1个。');
    expect(html).toContain('《中国共产党支部工作条例（试行）》');
    expect(html).not.toMatch(/lifeCompliance|compliant|dormant/);
    const xml = await (await JSZip.loadAsync(await bulletinDocx(b, { ranking: PNG, trend: PNG }))).file('word/document.xml')!.async('string');
    expect(xml).toContain('三、组织生活开展情况');
    expect(xml).toContain('西溪缺开党支部');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await bulletinXlsx(b) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('组织生活')!;
    expect(ws.getRow(4).values).toEqual([undefined, '330106001', '北山街道', 2, 1, 0, 1, 50]);
    expect(ws.getRow(6).values).toEqual([undefined, '330106', '合计', 3, 1, 1, 1, 33.3]);
  });

  it('the month-end snapshot records the figure by area; the trend shows it from then on, an older month none; the month opens the same branches', async () => {
    // buildBulletin took last month's snapshot: its life rows are the figure of that month end.
    const stored = await database.db.selectFrom('metric_snapshot').select(['scope_kind', 'scope_key', 'numerator', 'denominator'])
      .where('period', '=', month).where('metric', '=', 'lifeCompliance').where('scope_key', 'in', ['330106000000', '330106001000', '330106002000', COMMUNITY_A1]).orderBy('scope_key').execute();
    expect(stored.map((r) => [r.scope_key, Number(r.numerator), Number(r.denominator)])).toEqual([
      ['330106000000', 1, 3], ['330106001000', 1, 2], [COMMUNITY_A1, 1, 2], ['330106002000', 0, 1],
    ]);
    const fig = await getFigures(database.db, sys, FiguresQuery.parse({ regionPrefix: '330106', month }));
    expect([fig.total.pairs.lifeCompliance!.numerator, fig.total.pairs.lifeCompliance!.denominator]).toEqual([1, 3]);
    // A month stored before the figure was recorded: its other metrics show, 组织生活达标率 shows nothing (not 0).
    const older = previousPeriod(month);
    await takeSnapshot(database.db, sys, older);
    await database.db.deleteFrom('metric_snapshot').where('period', '=', older).where('metric', '=', 'lifeCompliance').execute();
    const trend = await getTrend(database.db, sys, TrendQuery.parse({ regionPrefix: '330106', months: 2, until: month }));
    expect(trend.series.lifeCompliance).toEqual([null, { numerator: 1, denominator: 3, rate: 33.3 }]);
    expect(trend.series.orgCoverage![0]).not.toBeNull();
    // The drill-down of the stored month: the branches judged on its last day, as many as the snapshot counts.
    const opened = await lifeOrgs(database.db, sys, LifeOrgsQuery.parse({ year: Number(month.slice(0, 4)), region: '330106', date: monthEnd(month) }));
    expect(opened.total).toBe(3);
    const compliant = await lifeOrgs(database.db, sys, LifeOrgsQuery.parse({ year: Number(month.slice(0, 4)), region: '330106', date: monthEnd(month), status: 'compliant' }));
    expect(compliant.items.map((x) => x.name)).toEqual(['北山新建党支部']);
  });

  it('the dormant months are a setting, changed only by the whole jurisdiction with the version read', async () => {
    const district = actorWith('org_admin', { allRegions: true }, 'province');
    await saveLifeSettings(database.db, district, { version: 0, partyLessonEvery: 'quarter', dormantMonths: 24 });
    const again = await buildBulletin(database.db, sys, '330106', month);
    expect(again.life!.behind.map((x) => [x.name, x.status])).toEqual([['北山久未开会党支部', '不活跃'], ['西溪缺开党支部', '滞后']]);
    expect(again.life!.dormantMonths).toBe(24);
    await expect(saveLifeSettings(database.db, actorWith('org_admin', { regionPrefixes: ['330106'] }, 'district'), { version: 1, partyLessonEvery: 'year', dormantMonths: 6 }))
      .rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(saveLifeSettings(database.db, district, { version: 0, partyLessonEvery: 'year', dormantMonths: 6 })).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
  });
});
