import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { buildCrossStreet, type CrossStreet } from '../factories/cross-street.js';
import { buildTestApp, buildWorld, call, signInAs, type Session } from '../factories/world.js';
import { createTestDatabase } from './db.js';

/**
 * The two-street world of an API test file (test/factories/world.ts + cross-street.ts) behind one
 * app, with sessions for `users`; filled in the file's beforeAll, closed in its afterAll. `send`
 * calls as a user (townA unless named).
 */
export type TwoStreets = {
  database: Database; app: FastifyInstance; cs: CrossStreet; s: Record<string, Session>;
  send(method: string, url: string, body?: unknown, who?: string): ReturnType<typeof call>;
};

export function useTwoStreets(users: readonly string[]): TwoStreets {
  let close: (() => Promise<void>) | undefined;
  const t = { s: {} } as TwoStreets;
  t.send = (method, url, body, who = 'townA') => call(t.app, t.s[who], method, url, body);
  beforeAll(async () => {
    t.database = await createTestDatabase();
    const world = await buildWorld(t.database);
    ({ app: t.app, close } = await buildTestApp(t.database));
    for (const u of users) t.s[u] = await signInAs(t.app, u);
    t.cs = await buildCrossStreet(t.database, world, t.app, t.s.sys);
  }, 120_000);
  afterAll(async () => {
    await close?.();
    await t.database?.close();
  });
  return t;
}
