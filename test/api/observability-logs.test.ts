import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.js';
import { loadConfig } from '../../src/config.js';
import { generateKeyringText } from '../../src/core/crypto/keyring.js';
import { generateMembers } from '../../src/core/generator/members.js';
import { writeMemberFile } from '../../src/core/generator/members-file.js';
import type { Database } from '../../src/db/database.js';
import { COMMUNITIES, PASSWORD, buildWorld } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { multipart } from '../helpers/multipart.js';

const ID_NUMBER = '110105199003071239';
const PHONE = '13912345678';
const PERSON = '欧阳晓雯';

type Line = { level: number; msg: string; reqId?: string; method?: string; route?: string; status?: number; ms?: number; userId?: string | null };

/**
 * docs/operations.md "Logs": one JSON line per request — request id, method, route pattern, status,
 * duration, user id — and no personal data whatever the request carried: the password of a sign-in,
 * the session cookie and CSRF token, a person's name, ID number and phone (created, searched by
 * number, revealed), and a roster import's names and numbers.
 */
describe(`request log on ${testEngine()}`, { timeout: 300_000 }, () => {
  let database: Database;
  let app: FastifyInstance;
  let dir: string;
  const lines: string[] = [];
  const parsed = () => lines.map((l) => JSON.parse(l) as Line);

  beforeAll(async () => {
    database = await createTestDatabase();
    await buildWorld(database);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-obs-log-'));
    const keyFile = path.join(dir, 'keys.json');
    fs.writeFileSync(keyFile, generateKeyringText(), { mode: 0o600 });
    const config = loadConfig({ DATA_DIR: dir, LX_KEY_FILE: keyFile, LX_LOG_LEVEL: 'debug', LX_REQUIRE_TOTP_FOR_ADMINS: 'false', LX_SIGN_IN_RATE_LIMIT: '1000' });
    app = await buildApp({ database, config }, { logger: true, logStream: { write: (l) => lines.push(l) }, webDir: path.join(dir, 'no-web') });
    await app.ready();
    const { id } = await database.db.insertInto('party_org').values({ name: '日志测试党支部', org_type: 'branch', setup_mode: 'standalone', region_code: COMMUNITIES[0] })
      .returning('id').executeTakeFirstOrThrow();
    await database.db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('signs in, registers, searches, reveals and imports: the log has one line per request and none of the secrets', async () => {
    const signIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'sys', password: PASSWORD } });
    expect(signIn.statusCode, signIn.body).toBe(200);
    const cookieValue = signIn.cookies.find((c) => c.name === 'lx_session')!.value;
    const csrf = (signIn.json() as { csrfToken: string }).csrfToken;
    const headers = { cookie: `lx_session=${cookieValue}`, 'x-csrf-token': csrf };

    const created = await app.inject({ method: 'POST', url: '/api/people', headers, payload: { name: PERSON, idNumber: ID_NUMBER, phone: PHONE, regionCode: COMMUNITIES[0] } });
    expect(created.statusCode, created.body).toBe(201);
    const personId = (created.json() as { id: string }).id;
    expect((await app.inject({ method: 'POST', url: '/api/people/search', headers, payload: { idNumber: ID_NUMBER } })).statusCode).toBe(200);
    // A name in a query string, as a list search sends it: the line keeps the pattern only.
    expect((await app.inject({ method: 'GET', url: `/api/people?name=${encodeURIComponent(PERSON)}`, headers })).statusCode).toBe(200);
    const revealed = await app.inject({ method: 'GET', url: `/api/people/${personId}?reveal=1`, headers: { ...headers, 'x-request-id': 'trace-0001-abcd' } });
    expect(revealed.body).toContain(ID_NUMBER); // the clear number did go out — and still not into the log
    expect(revealed.headers['x-request-id']).toBe('trace-0001-abcd');

    const members = [...generateMembers({ count: 5, seed: 11, orgs: ['日志测试党支部'] })];
    const roster = await writeMemberFile(path.join(dir, 'roster.csv'), members, { format: 'csv' });
    const m = multipart({}, { name: 'roster.csv', content: fs.readFileSync(roster.path) });
    const imported = await app.inject({ method: 'POST', url: '/api/imports/members', payload: m.payload, headers: { ...m.headers, ...headers } });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ applied: true, created: 5 });
    // A refused request (a bad ID number in the body) and an unknown URL with a number in it.
    expect((await app.inject({ method: 'POST', url: '/api/people', headers, payload: { name: PERSON, idNumber: '110105199003071238' } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: `/api/nowhere/${ID_NUMBER}`, headers })).statusCode).toBe(404);

    const all = lines.join('\n');
    const secrets = [PASSWORD, cookieValue, csrf, PERSON, ID_NUMBER, PHONE, ...members.flatMap((x) => [x.cells.name, x.cells.idNumber, x.cells.phone].filter(Boolean))];
    for (const secret of secrets) expect(all, `the log holds ${secret}`).not.toContain(secret);
    expect(all).not.toMatch(/\d{17}[\dX]/); // no ID number of anyone, generated or typed

    const requests = parsed().filter((l) => l.msg === 'request');
    expect(requests.map((l) => `${l.method} ${l.route} ${l.status}`)).toEqual([
      'POST /api/auth/sign-in 200', 'POST /api/people 201', 'POST /api/people/search 200', 'GET /api/people 200',
      'GET /api/people/:id 200', 'POST /api/imports/members 200', 'POST /api/people 400', 'GET unmatched 404',
    ]);
    const sysId = (await database.db.selectFrom('app_user').select('id').where('username', '=', 'sys').executeTakeFirstOrThrow()).id;
    expect(requests.slice(1, 7).every((l) => l.userId === sysId && typeof l.ms === 'number' && typeof l.reqId === 'string')).toBe(true);
    expect(requests[0].userId).toBeNull(); // sign-in: nobody yet
    expect(requests.find((l) => l.route === '/api/people/:id')?.reqId).toBe('trace-0001-abcd');
    expect(new Set(requests.map((l) => l.reqId)).size).toBe(requests.length);
  });

  it('an incoming request id is kept only when it looks like one; otherwise a fresh one is made and echoed', async () => {
    const odd = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': `${PERSON} ${ID_NUMBER}` } });
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const none = await app.inject({ method: 'GET', url: '/healthz' });
    expect(none.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(none.headers['x-request-id']).not.toBe(odd.headers['x-request-id']);
    expect(lines.join('\n')).not.toContain(PERSON);
  });
});
