import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { hashPassword } from '../../src/core/auth/password.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

const PW = 'Log-Test-Pass-1';
const ID_NUMBER = '110101199003071234';

type Captured = { app: FastifyInstance; lines: string[] };

describe(`LOG_LEVEL on ${testEngine()}`, () => {
  let database: Database;
  let dir: string;
  const apps: FastifyInstance[] = [];

  /** The app as `npm start` builds it (logger on), writing its log into `lines`. */
  async function appAt(level: string): Promise<Captured> {
    const lines: string[] = [];
    const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: level, LX_REQUIRE_TOTP_FOR_ADMINS: 'false' });
    const app = await buildApp({ database, config }, { logger: true, logStream: { write: (l) => lines.push(l) }, webDir: path.join(dir, 'no-web') });
    await app.ready();
    apps.push(app);
    return { app, lines };
  }
  // A sign-in (password in the body) and a search with an ID number in the query string.
  async function traffic(app: FastifyInstance): Promise<void> {
    const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'logger', password: PW } });
    expect(res.statusCode, res.body).toBe(200);
    await app.inject({ method: 'GET', url: `/api/health?q=${ID_NUMBER}` });
  }
  const levels = (lines: string[]) => lines.map((l) => (JSON.parse(l) as { level: number }).level);

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-log-'));
    await database.db.insertInto('app_user')
      .values({ username: 'logger', display_name: '记录员', password_hash: await hashPassword(PW), must_change_password: false }).execute();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('LOG_LEVEL=warn writes no info lines', async () => {
    const { app, lines } = await appAt('warn');
    await traffic(app);
    expect(levels(lines).filter((l) => l < 40)).toEqual([]);
  });

  it('LOG_LEVEL=info writes the request line, without query string, body or personal data', async () => {
    const { app, lines } = await appAt('info');
    await traffic(app);
    // One line per request (docs/operations.md "Logs"): the route pattern, never the URL with its query.
    const requests = lines.map((l) => JSON.parse(l) as { msg: string; method?: string; route?: string; status?: number })
      .filter((l) => l.msg === 'request');
    expect(requests).toEqual([
      expect.objectContaining({ method: 'POST', route: '/api/auth/sign-in', status: 200 }),
      expect.objectContaining({ method: 'GET', route: '/api/health', status: 200 }),
    ]);
    const all = lines.join('\n');
    for (const secret of [PW, ID_NUMBER, '记录员', 'lx_session', 'csrf']) expect(all).not.toContain(secret);
  });

  it('an unknown LOG_LEVEL is refused, not quietly replaced', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
    expect(loadConfig({ LOG_LEVEL: 'WARN' }).logLevel).toBe('warn');
    expect(loadConfig({}).logLevel).toBe('info');
    // LX_LOG_LEVEL is the documented name and wins over the older LOG_LEVEL.
    expect(loadConfig({ LX_LOG_LEVEL: 'debug', LOG_LEVEL: 'warn' }).logLevel).toBe('debug');
    expect(() => loadConfig({ LX_LOG_FORMAT: 'xml' })).toThrow(/LX_LOG_FORMAT/);
  });
});
