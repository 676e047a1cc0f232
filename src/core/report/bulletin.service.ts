import type { Db } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { bulletinCharts } from './bulletin-charts.js';
import { buildBulletin, type Bulletin } from './bulletin-data.js';
import { bulletinDocx } from './bulletin-docx.js';
import { bulletinHtml } from './bulletin-html.js';
import { issueBulletin } from './bulletin-issue.service.js';
import { htmlToPdf, svgToPng, withBrowser } from './bulletin-render.js';
import { bulletinXlsx } from './bulletin-xlsx.js';

export type BulletinFormat = 'pdf' | 'docx' | 'xlsx' | 'html';
export type BulletinFile = { bulletin: Bulletin; body: Buffer; contentType: string; fileName: string };

const TYPES: Record<BulletinFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
};

/**
 * One data model, four renderings. Generating a bulletin issues it: the first time, the year's next
 * 文号 (bulletin-issue.service.ts); every later time, the same number, date, header and 版记.
 * Generating is recorded in the audit log.
 */
export async function generateBulletin(db: Db, actor: Actor, q: { region: string; month: string; format: BulletinFormat }): Promise<BulletinFile> {
  const draft = await buildBulletin(db, actor, q.region, q.month);
  const issue = await issueBulletin(db, actor, q.region, q.month);
  const b: Bulletin = { ...draft, issue, office: issue.office, issuedOn: issue.issuedOn };
  const body = await render(b, q.format);
  await db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'report.bulletin', entity: 'region', entityId: b.regionCode, after: { period: b.period, format: q.format, docNumber: issue.docNumber } }));
  return { bulletin: b, body, contentType: TYPES[q.format], fileName: `${b.regionName}${b.periodLabel}覆盖情况通报.${q.format}` };
}

async function render(b: Bulletin, format: BulletinFormat): Promise<Buffer> {
  if (format === 'xlsx') return bulletinXlsx(b);
  const charts = bulletinCharts(b);
  if (format === 'html') return Buffer.from(bulletinHtml(b, charts));
  return withBrowser(async (browser) => {
    if (format === 'pdf') return htmlToPdf(browser, bulletinHtml(b, charts));
    const [ranking, trend] = [await svgToPng(browser, charts.ranking, 640, 300), await svgToPng(browser, charts.trend, 640, 260)];
    return bulletinDocx(b, { ranking, trend });
  });
}
