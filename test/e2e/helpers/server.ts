import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/api/app.js';
import { loadConfig } from '../../../src/config.js';
import { hashPassword } from '../../../src/core/auth/password.js';
import type { Database } from '../../../src/db/database.js';
import { openMigratedPglite } from '../../helpers/pglite-template.js';

export type TestServer = { url: string; database: Database; app: FastifyInstance; dataDir: string; close(): Promise<void> };

export type TestUser = { username: string; password: string; role?: string; allRegions?: boolean; regionPrefixes?: string[]; mustChangePassword?: boolean };

/**
 * The real server on an in-memory PGlite, listening on a free port and serving the built web UI
 * (run `npm run build:web` first; `npm run test:e2e` does).
 */
export async function startServer(env: NodeJS.ProcessEnv = {}): Promise<TestServer> {
  const webDir = path.resolve('web/dist');
  if (!fs.existsSync(path.join(webDir, 'index.html'))) throw new Error('web/dist is missing: run `npm run build:web` first');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-e2e-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', LX_REQUIRE_TOTP_FOR_ADMINS: 'false', LX_SIGN_IN_RATE_LIMIT: '1000', ...env });
  const database = await openMigratedPglite();
  const app = await buildApp({ database, config }, { logger: false, webDir });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    app,
    dataDir,
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A user with a known password and one role (system_admin over every region by default). */
export async function createUser(database: Database, user: TestUser): Promise<string> {
  const row = await database.db.insertInto('app_user').values({
    username: user.username,
    display_name: user.username,
    password_hash: await hashPassword(user.password),
    must_change_password: user.mustChangePassword ?? false,
  }).returning('id').executeTakeFirstOrThrow();
  await database.db.insertInto('user_role').values({
    user_id: row.id,
    role: user.role ?? 'system_admin',
    all_regions: user.allRegions ?? !user.regionPrefixes,
    region_prefixes: user.regionPrefixes ?? [],
  }).execute();
  return row.id;
}
