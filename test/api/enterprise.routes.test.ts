import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { hashPassword } from '../../src/core/auth/password.js';
import { ENTERPRISE_FACT_FIELDS } from '../../src/domain/enterprise-facts.js';
import { buildTestApp, call, signInAs, type Session } from '../factories/world.js';
import { code, seedRegions } from '../factories/enterprise.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { multipart } from '../helpers/multipart.js';

const PW = 'Ledger-Api-Pass-1';


const CSV = [
  '东城区企业名录（2026年10月）',
  '统一社会信用代码,企业名称,住所,属地区划代码,从业人数,登记状态',
  `${code(1)},北京甲科技有限公司,北京市东城区东华门街道1号,110101001000,12,存续`,
  `${code(2)},北京乙餐饮有限公司,北京市东城区景山街道2号,110101002000,5,在业`,
  `${code(3)},北京丙商贸有限公司,北京市西城区西长安街街道3号,110102001000,30人,存续`,
  '91110101MA00000BAD,坏代码公司,北京市东城区,110101001000,1,存续',
].join('\n');

describe(`enterprise and import routes on ${testEngine()}`, () => {
  let database: Database;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let admin: Session;
  let clerk: Session;

  async function user(username: string, role: string, prefixes: string[]) {
    const u = await database.db.insertInto('app_user').values({ username, display_name: username, password_hash: await hashPassword(PW), must_change_password: false })
      .returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('user_role').values({ user_id: u.id, role, all_regions: prefixes.length === 0, region_prefixes: prefixes }).execute();
  }

  async function upload(s: Session, name: string, content: Buffer, fields: Record<string, string> = {}) {
    const m = multipart({ source: 'api-test', ...fields }, { name, content });
    return app.inject({ method: 'POST', url: '/api/imports/enterprises', payload: m.payload, headers: { ...m.headers, cookie: s.cookie, 'x-csrf-token': s.csrf } });
  }

  async function waitFor(s: Session, id: string) {
    for (let i = 0; i < 200; i++) {
      const res = await call(app, s, 'GET', `/api/imports/${id}`);
      const body = res.json();
      if (body.status !== 'running') return body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('import did not finish');
  }

  const xlsxOf = async (body: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    return wb;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    ({ app, close } = await buildTestApp(database));
    await user('admin1', 'system_admin', []);
    await user('clerk1', 'township_officer', ['110101001']);
    admin = await signInAs(app, 'admin1', PW);
    clerk = await signInAs(app, 'clerk1', PW);
  });
  afterAll(async () => {
    await close?.();
    await database?.close();
  });

  it('imports an uploaded file in the background and reports counts, errors and the error report', async () => {
    const res = await upload(admin, '名录.csv', Buffer.from(CSV));
    expect(res.statusCode).toBe(202);
    const done = await waitFor(admin, res.json().importId);
    expect(done.status).toBe('completed');
    expect(done.result).toMatchObject({ rows: 4, created: 3, rejected: 1 });
    expect(done.result.errors[0]).toMatchObject({ row: 6, column: '统一社会信用代码' });
    expect(done.progress.rows).toBe(4);

    const report = await call(app, admin, 'GET', `/api/imports/${done.id}/errors.xlsx`);
    expect(report.statusCode).toBe(200);
    const sheet = (await xlsxOf(report.rawPayload)).worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('错误原因');
    expect(sheet.getRow(2).getCell(header.indexOf('错误原因') + 1).text).toContain('统一社会信用代码');
    expect(sheet.rowCount).toBe(2);
  });

  it('refuses a file that is not CSV or XLSX with a clear message and writes nothing', async () => {
    const before = await database.db.selectFrom('import_batch').select('id').execute();
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const res = await upload(admin, 'photo.csv', png);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toMatch(/^FILE_/);
    expect(await database.db.selectFrom('import_batch').select('id').execute()).toHaveLength(before.length);
  });

  it('a dry run reports and writes nothing', async () => {
    const csv = CSV.replace('北京甲科技有限公司,北京市东城区东华门街道1号,110101001000,12', '北京甲科技有限公司,北京市东城区东华门街道1号,110101001000,99');
    const res = await upload(admin, 'dry.csv', Buffer.from(csv), { dryRun: 'true' });
    const done = await waitFor(admin, res.json().importId);
    expect(done).toMatchObject({ status: 'dry_run', result: { updated: 1, updatedFacts: { employeeCount: 1 } } });
    const e = await database.db.selectFrom('enterprise').select('employee_count').where('credit_code', '=', code(1)).executeTakeFirstOrThrow();
    expect(e.employee_count).toBe(12);
  });

  it('lists with filters and hides enterprises outside the scope (404 on detail)', async () => {
    const all = (await call(app, admin, 'GET', '/api/enterprises?sort=name&limit=2')).json();
    expect(all.total).toBe(3);
    expect(all.items).toHaveLength(2);
    expect(all.nextCursor).toBeTruthy();
    const mine = (await call(app, clerk, 'GET', '/api/enterprises')).json();
    expect(mine.items.map((i: { creditCode: string }) => i.creditCode)).toEqual([code(1)]);
    const other = (await call(app, admin, 'GET', `/api/enterprises?q=${code(3)}`)).json().items[0];
    expect((await call(app, clerk, 'GET', `/api/enterprises/${other.id}`)).statusCode).toBe(404);
    const detail = (await call(app, admin, 'GET', `/api/enterprises/${other.id}`)).json();
    expect(detail.history[0]).toMatchObject({ kind: 'created' });
    expect((await call(app, admin, 'GET', '/api/enterprises?sizeClass=huge')).statusCode).toBe(400);
  });

  it('an import by a township officer cannot create outside the township (OUT_OF_SCOPE row errors)', async () => {
    const csv = CSV.replaceAll(code(1), code(11)).replaceAll(code(2), code(12)).replaceAll(code(3), code(13));
    const res = await upload(clerk, 'mine.csv', Buffer.from(csv));
    const done = await waitFor(clerk, res.json().importId);
    expect(done.result).toMatchObject({ created: 1, rejected: 3 });
    expect(done.result.errors.filter((e: { code: string }) => e.code === 'OUT_OF_SCOPE')).toHaveLength(2);
    expect((await call(app, clerk, 'GET', `/api/imports/${done.id}`)).statusCode).toBe(200);
    const others = (await call(app, clerk, 'GET', '/api/imports')).json();
    expect(others.every((b: { id: string }) => b.id === done.id)).toBe(true);
  });

  it('exports with the import headers, and re-importing the export changes nothing', async () => {
    const res = await call(app, admin, 'GET', '/api/enterprises/export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const sheet = (await xlsxOf(res.rawPayload)).worksheets[0];
    // The import's headers, with the region's name for people beside its code (ignored on import).
    const labels = ENTERPRISE_FACT_FIELDS.map((f) => f.label);
    labels.splice(labels.indexOf('属地区划代码') + 1, 0, '属地区划名称');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(labels);
    const named = sheet.getColumn(labels.indexOf('属地区划名称') + 1).values.slice(2).map(String);
    expect(named).toContain('北京市 › 市辖区 › 东城区 › 东华门街道');
    const again = await upload(admin, 'export.xlsx', res.rawPayload);
    const done = await waitFor(admin, again.json().importId);
    expect(done.result).toMatchObject({ rows: 4, created: 0, updated: 0, unchanged: 4, rejected: 0 });
  });

  it('serves an empty template with notes', async () => {
    const res = await call(app, clerk, 'GET', '/api/enterprises/template.xlsx');
    const wb = await xlsxOf(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['企业台账', '填写说明']);
    expect(wb.worksheets[0].rowCount).toBe(1);
  });

  it('saves a column mapping per source and applies it', async () => {
    const bad = await call(app, admin, 'PUT', '/api/import-mappings/custom', { mapping: { 号码: 'nonsense' } });
    expect(bad.statusCode).toBe(400);
    const put = await call(app, admin, 'PUT', '/api/import-mappings/custom', { mapping: { 号码: 'creditCode', 字号: 'name' } });
    expect(put.statusCode).toBe(200);
    expect((await call(app, admin, 'GET', '/api/import-mappings/custom')).json()).toEqual({ mapping: { 号码: 'creditCode', 字号: 'name' } });
    const csv = `号码,字号,属地区划代码\n${code(21)},映射测试有限公司,110101001000\n`;
    const res = await upload(admin, 'mapped.csv', Buffer.from(csv), { source: 'custom' });
    expect(res.statusCode).toBe(202);
    expect((await waitFor(admin, res.json().importId)).result).toMatchObject({ created: 1 });
  });

  it('places a pending enterprise through the queue', async () => {
    const csv = `统一社会信用代码,企业名称\n${code(31)},待认定测试有限公司\n`;
    await waitFor(admin, (await upload(admin, 'pending.csv', Buffer.from(csv))).json().importId);
    const queue = (await call(app, admin, 'GET', '/api/placement-queue')).json();
    const item = queue.items.find((i: { creditCode: string }) => i.creditCode === code(31));
    expect(item.placement).toBe('pending');
    const placed = await call(app, admin, 'PATCH', `/api/enterprises/${item.id}/placement`, { regionCode: '110101002000', version: item.version });
    expect(placed.json()).toMatchObject({ placement: 'manual', regionCode: '110101002000', version: item.version + 1 });
    // The same write again holds a version that moved on: 409 with the record as it stands now.
    const stale = await call(app, admin, 'PATCH', `/api/enterprises/${item.id}/placement`, { regionCode: '110101002000', version: item.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', details: [], current: { id: item.id, version: item.version + 1, placement: 'manual' } });
  });
});
