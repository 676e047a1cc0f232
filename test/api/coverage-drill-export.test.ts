import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { buildTestApp, buildWorld, call, signInAs, COUNTIES, type Session } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

/**
 * Issue 13 item 4: a drill-down list carries its total, and its XLSX holds exactly the rows the list
 * shows — same filters, same scope, same order — with the region's name beside its code.
 */
type Item = { id: string; name: string; creditCode: string; regionCode: string | null };

describe(`coverage drill-down total and export on ${testEngine()}`, () => {
  let database: Database;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let sys: Session;
  let town: Session;

  beforeAll(async () => {
    database = await createTestDatabase();
    await buildWorld(database);
    ({ app, close } = await buildTestApp(database));
    sys = await signInAs(app, 'sys', undefined, '10.0.13.1');
    town = await signInAs(app, 'townA', undefined, '10.0.13.2');
  });
  afterAll(async () => {
    await close?.();
    await database?.close();
  });

  /** Every page of the list, as the drawer loads them with 加载更多. */
  async function listAll(s: Session, query: string): Promise<{ total: number | null; items: Item[] }> {
    const items: Item[] = [];
    let total: number | null = null;
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const res = await call(app, s, 'GET', `/api/coverage/drill?${query}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as { items: Item[]; nextCursor: string | null; total: number | null };
      if (first) total = page.total;
      else expect(page.total).toBeNull();
      items.push(...page.items);
      cursor = page.nextCursor;
    }
    return { total, items };
  }

  async function exported(s: Session, query: string) {
    const res = await call(app, s, 'GET', `/api/coverage/drill.xlsx?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const rows = [] as Array<Record<string, string>>;
    ws.eachRow((row, n) => {
      if (n === 1) return;
      rows.push(Object.fromEntries(header.map((h, i) => [h, String(row.getCell(i + 1).value ?? '')])));
    });
    return { header, rows };
  }

  it.each([
    ['sys, whole jurisdiction', 'sys', 'metric=twoCoverage&part=denominator'],
    ['sys, one county', 'sys', `metric=twoCoverage&part=denominator&regionPrefix=${COUNTIES[1]}`],
    ['township officer, own scope only', 'town', 'metric=orgCoverage&part=denominator'],
  ])('%s: the export holds exactly the list’s rows, in its order', async (_label, who, query) => {
    const s = who === 'sys' ? sys : town;
    const list = await listAll(s, query);
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.total).toBe(list.items.length);
    const file = await exported(s, query);
    expect(file.header.slice(0, 4)).toEqual(['企业名称', '统一社会信用代码', '属地区划代码', '属地区划名称']);
    expect(file.rows.map((r) => [r['企业名称'], r['统一社会信用代码'], r['属地区划代码']]))
      .toEqual(list.items.map((x) => [x.name, x.creditCode, x.regionCode ?? '']));
    for (const r of file.rows) if (r['属地区划代码']) expect(r['属地区划名称']).toMatch(/^广东省 › 深圳市 › 测试区\d/);
  });

  it('the township officer’s export holds only the township’s enterprises, not the county’s', async () => {
    const file = await exported(town, 'metric=orgCoverage&part=denominator');
    expect(file.rows.map((r) => r['属地区划代码']).every((c) => c.startsWith('440305001'))).toBe(true);
    expect(file.rows.length).toBeLessThan((await exported(sys, 'metric=orgCoverage&part=denominator')).rows.length);
  });

  it('a date in the future is refused as JSON before any file is sent; taking a copy is audited', async () => {
    const bad = await call(app, sys, 'GET', '/api/coverage/drill.xlsx?metric=twoCoverage&part=numerator&date=2999-01-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const audit = await database.db.selectFrom('audit_event').select(['action']).where('action', '=', 'coverage.drill_export').execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });
});
