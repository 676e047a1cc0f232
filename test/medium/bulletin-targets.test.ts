import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { createTarget } from '../../src/core/campaign/campaign.service.js';
import { addCoverage } from '../../src/core/party-org/org-links.service.js';
import { createOrg } from '../../src/core/party-org/party-org.service.js';
import { bulletinCharts } from '../../src/core/report/bulletin-charts.js';
import { buildBulletin, type Bulletin } from '../../src/core/report/bulletin-data.js';
import { bulletinDocx } from '../../src/core/report/bulletin-docx.js';
import { bulletinHtml } from '../../src/core/report/bulletin-html.js';
import { bulletinXlsx } from '../../src/core/report/bulletin-xlsx.js';
import type { Database } from '../../src/db/database.js';
import { previousPeriod } from '../../src/domain/metrics.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { createTestDatabase } from '../helpers/db.js';
import { actorWith, COUNTY, seedEnterprise, seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * The monthly bulletin carries 工作目标进展 in all three files: the district's target with its
 * progress at the month end, the gap in enterprises and the streets behind (two-street world:
 * 北山街道 3 of 4 organised, 西溪街道 0 of 2, one more at the district itself). Both engines.
 */
let database: Database;
let b: Bulletin;
const sys = systemActor();
const month = previousPeriod(todayInChina().slice(0, 7));
// A 1×1 PNG: the charts' pictures are not what this test reads.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  await seedRegions(db);
  const a = await Promise.all([0, 1, 2, 3].map(() => seedEnterprise(db, { regionCode: TOWN_A })));
  await Promise.all([0, 1].map(() => seedEnterprise(db, { regionCode: TOWN_B })));
  await seedEnterprise(db, { regionCode: COUNTY });
  const org = await createOrg(db, sys, { name: '北山街道联合党支部', orgType: 'branch', setupMode: 'joint', regionCode: TOWN_A, foundedOn: '2024-01-01' });
  for (const id of a.slice(0, 3)) await addCoverage(db, sys, org.id, { enterpriseId: id, since: '2024-01-01' });
  // The ledger has been kept since 2024: the month's snapshot is not "before the ledger".
  await db.updateTable('enterprise').set({ created_at: new Date('2024-01-01T00:00:00Z') }).execute();
  const district = actorWith('org_admin', { regionPrefixes: ['330106'] }, 'district');
  await createTarget(db, district, { region: '330106', metric: 'twoCoverage', targetRate: 90, deadline: `${Number(month.slice(0, 4)) + 2}-06-30`, title: '“两个覆盖”率达到90%' });
  b = await buildBulletin(db, sys, '330106', month);
});
afterAll(async () => database?.close());

describe('bulletin 工作目标进展', () => {
  it('holds the district target at the month end: progress, gap, streets behind', () => {
    expect(b.targets!.items).toHaveLength(1);
    expect(b.targets!.items[0]).toMatchObject({ numerator: 3, denominator: 7, gap: 4, gapText: '还差4户企业', setOn: '西湖区' });
    expect(b.targets!.items[0]!.behind.map((x) => [x.name, x.gap])).toEqual([['西溪街道', 2], ['北山街道', 1]]);
  });

  it('HTML/PDF: its own numbered section before 存在问题', () => {
    const html = bulletinHtml(b, bulletinCharts(b));
    expect(html).toContain('三、工作目标进展');
    expect(html).toContain('四、组织生活开展情况');
    expect(html).toContain('五、存在问题和工作要求');
    expect(html).toMatch(/“两个覆盖”率达到90%（西湖区设定，目标值90%，期限\d{4}年6月30日）：截至\d{4}年\d+月\d+日为42\.9%（3\/7），还差4户企业，距期限\d+天。未达到目标的有西溪街道（0\.0%，差2户）、北山街道（75\.0%，差1户）。/);
    expect(html).not.toMatch(/twoCoverage|campaign|§/);
  });

  it('DOCX and XLSX carry the same section', async () => {
    const docx = await bulletinDocx(b, { ranking: PNG, trend: PNG });
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    expect(xml).toContain('三、工作目标进展');
    expect(xml).toContain('还差4户企业');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await bulletinXlsx(b) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('工作目标进展')!;
    expect(ws.getRow(4).values).toEqual([undefined, '“两个覆盖”率达到90%', '“两个覆盖”率', '西湖区', 90, expect.any(String), 42.9, 3, 7, '还差4户企业', expect.stringMatching(/^距期限\d+天$/), '推进中', '西溪街道（差2户）、北山街道（差1户）']);
  });
});
