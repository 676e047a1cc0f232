import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { loadConfig } from '../../src/config.js';
import { hashPassword } from '../../src/core/auth/password.js';
import { generateKeyringText } from '../../src/core/crypto/keyring.js';
import type { Database } from '../../src/db/database.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

const ID = '110105199003071239';
const PASSWORD = 'Test-Passw0rd!x';
type Session = { cookie: string; csrf: string };

describe(`people and audit API on ${testEngine()}`, () => {
  let database: Database;
  let app: FastifyInstance;
  let dir: string;
  const as: Record<string, Session> = {};

  async function user(username: string, role: string): Promise<Session> {
    const u = await database.db.insertInto('app_user').values({
      username, display_name: username, password_hash: await hashPassword(PASSWORD), must_change_password: false,
    }).returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('user_role').values({ user_id: u.id, role, all_regions: true }).execute();
    const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: PASSWORD } });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'lx_session')!;
    return { cookie: `lx_session=${cookie.value}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
  }
  const get = (s: Session, url: string) => app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
  const send = (s: Session, method: 'POST' | 'PATCH', url: string, payload: unknown) =>
    app.inject({ method, url, payload: payload as object, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-api-pii-'));
    const keyFile = path.join(dir, 'keys.json');
    fs.writeFileSync(keyFile, generateKeyringText(), { mode: 0o600 });
    const config = { ...loadConfig({ DATA_DIR: dir, LX_REQUIRE_TOTP_FOR_ADMINS: 'false' }), keyFile };
    app = await buildApp({ database, config }, { webDir: path.join(dir, 'no-web') });
    as.admin = await user('orgadmin', 'org_admin');
    as.township = await user('township', 'township_officer');
    as.member = await user('member', 'member');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates a person; every answer is masked; bad ID numbers are 400 with the field', async () => {
    const created = await send(as.township, 'POST', '/api/people', { name: '王五', idNumber: ID, phone: '13800001234' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.body).not.toContain(ID);
    expect(created.json()).toMatchObject({ idNumber: '110105********1239', phone: '138****1234', revealed: false });
    const bad = await send(as.township, 'POST', '/api/people', { name: '错号', idNumber: '110105199003071238' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'INVALID_ID_NUMBER', details: [{ field: 'idNumber' }] });
    const dup = await send(as.township, 'POST', '/api/people', { name: '重复', idNumber: ID });
    expect(dup.statusCode).toBe(409);
    // Lookup by number is a POST body: a query string would put the clear number into access logs.
    expect((await get(as.admin, `/api/people?idNumber=${ID}`)).statusCode).toBe(400);
    const list = await send(as.admin, 'POST', '/api/people/search', { idNumber: ID });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(ID);
    expect((list.json() as { items: unknown[] }).items).toHaveLength(1);
  });

  it('reveal=1: 403 without pii.view; clear with it, and an audit row names who looked', async () => {
    const id = (await send(as.admin, 'POST', '/api/people/search', { idNumber: ID })).json().items[0].id as string;
    expect((await get(as.township, `/api/people/${id}?reveal=1`)).statusCode).toBe(403);
    expect((await get(as.member, `/api/people/${id}`)).statusCode).toBe(403);
    const masked = await get(as.admin, `/api/people/${id}`);
    expect(masked.body).not.toContain(ID);
    const clear = await get(as.admin, `/api/people/${id}?reveal=1`);
    expect(clear.statusCode).toBe(200);
    expect(clear.json()).toMatchObject({ idNumber: ID, phone: '13800001234', revealed: true });
    const log = await get(as.admin, `/api/audit?action=pii.view&entityId=${id}`);
    expect(log.json().items).toEqual([expect.objectContaining({ actorName: 'orgadmin', action: 'pii.view', entity: 'person', entityId: id })]);
    expect((await get(as.admin, '/api/people/99999999')).statusCode).toBe(404);
  });

  it('audit list: filters, keyset pages, 403 without audit.read, and never a clear ID number', async () => {
    expect((await get(as.township, '/api/audit')).statusCode).toBe(403);
    const page1 = await get(as.admin, '/api/audit?limit=2');
    expect(page1.statusCode).toBe(200);
    const p1 = page1.json() as { items: Array<{ seq: string }>; nextCursor: string };
    expect(p1.items).toHaveLength(2);
    const page2 = (await get(as.admin, `/api/audit?limit=2&cursor=${p1.nextCursor}`)).json() as { items: Array<{ seq: string }> };
    expect(BigInt(page2.items[0].seq)).toBeLessThan(BigInt(p1.items[1].seq));
    const persons = (await get(as.admin, '/api/audit?action=person')).json() as { items: Array<{ action: string }> };
    expect(persons.items.map((i) => i.action)).toEqual(['person.create']);
    const all = await get(as.admin, '/api/audit?limit=500');
    expect(all.body).not.toContain(ID);
    expect((await get(as.admin, '/api/audit?cursor=abc')).statusCode).toBe(400);
  });

  it('exports XLSX (masked) and the export is itself audited', async () => {
    const res = await get(as.admin, '/api/audit/export.xlsx?action=person');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(6).value).toBe('操作');
    expect(ws.rowCount).toBe(2);
    const cells = JSON.stringify(ws.getSheetValues());
    expect(cells).toContain('110105********1239');
    expect(cells).not.toContain(ID);
    // Read in Chinese: the action's label and 字段：旧值 → 新值, no action code or raw JSON.
    expect(ws.getRow(2).getCell(6).value).toBe('新建人员');
    expect(cells).toContain('身份证号：（空） → 110105********1239');
    expect(cells).not.toContain('person.create');
    const exports = (await get(as.admin, '/api/audit?action=audit.export')).json() as { items: unknown[] };
    expect(exports.items).toHaveLength(1);
  });

  it('verify: intact, then a tampered row is reported', async () => {
    const ok = await get(as.admin, '/api/audit/verify');
    expect(ok.json()).toMatchObject({ ok: true, checkpointsAuthenticated: true, problems: [] });
    await sql`UPDATE audit_event SET actor_name = 'nobody' WHERE action = 'person.create'`.execute(database.db);
    const bad = (await get(as.admin, '/api/audit/verify')).json() as { ok: boolean; problems: Array<{ kind: string }> };
    expect(bad.ok).toBe(false);
    expect(bad.problems.map((p) => p.kind)).toEqual(['altered']);
  });
});
