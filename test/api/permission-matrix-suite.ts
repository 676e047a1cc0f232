import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database.js';
import { buildTestApp, buildWorld, call, signInAs, type Session, type World } from '../factories/world.js';
import { createTestDatabase } from '../helpers/db.js';
import { buildCrossStreet, type CrossStreet } from '../factories/cross-street.js';
import type { Ctx, Outcome, Row } from './org-matrix-rows.js';
import { setStandardsAttachmentDir } from './standards-matrix-rows.js';
import { setNoticeAttachmentDir } from './notice-matrix-rows.js';

/**
 * The permission matrix's shared machinery (docs/security-testing.md): every route × every role of
 * the generated world → expected outcome. ok = 2xx · reached = the use case ran and refused on its
 * own terms (4xx other than 401/403/404) · forbidden = 403 (capability missing or grant beyond
 * scope) · hidden = 404 (record outside scope) · notManaged = 403 NOT_MANAGED (record seen, not
 * managed) · outOfScope = 403 ENTERPRISE_OUT_OF_SCOPE (a link of a managed record to an enterprise
 * outside the caller's scope). Anyone not listed is expected to be `forbidden`.
 *
 * The matrix runs in several files (permission-matrix*.test.ts), one group of modules each, so CI's
 * two workers share it. Each rows module's fixtures (`made`, `shown…`) are kept for one world, so a
 * group's rows are requested in exactly one file — its own. Whether every registered route has rows
 * is checked once, in permission-matrix.test.ts, over all the groups (permission-matrix-groups.ts).
 */
export type Probe = Row & {
  public?: boolean;
  /** Sign in afresh for this probe (it ends or changes the session). */
  fresh?: boolean;
};

export const USERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'union', 'member', 'multi'];

const expectedFor = (p: Probe, user: string): Outcome =>
  (Object.entries(p.expect) as Array<[Outcome, string[]]>).find(([, users]) => users.includes(user))?.[0] ?? 'forbidden';

const outcomeOf = (status: number, body: string): Outcome | `status ${number}` => {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 403) {
    const code = (JSON.parse(body) as { details?: Array<{ code?: string }> }).details?.[0]?.code;
    return code === 'NOT_MANAGED' ? 'notManaged' : code === 'ENTERPRISE_OUT_OF_SCOPE' ? 'outOfScope' : 'forbidden';
  }
  if (status === 404) return 'hidden';
  if (status >= 400 && status < 500 && status !== 401) return 'reached';
  return `status ${status}`;
};

/** One world, one app and every user's session for a matrix file; filled in its beforeAll, closed in its afterAll. */
export type MatrixWorld = {
  database: Database; world: World; cs: CrossStreet; app: FastifyInstance;
  routes: Array<{ method: string; url: string }>;
  sessions: Record<string, Session>;
};

export function useMatrixWorld(): MatrixWorld {
  let close: (() => Promise<void>) | undefined;
  const m = { sessions: {} } as MatrixWorld;
  beforeAll(async () => {
    m.database = await createTestDatabase();
    m.world = await buildWorld(m.database);
    let config: { attachmentDir: string };
    ({ app: m.app, routes: m.routes, close, config } = await buildTestApp(m.database));
    setStandardsAttachmentDir(config.attachmentDir);
    setNoticeAttachmentDir(config.attachmentDir);
    for (const [i, u] of USERS.entries()) m.sessions[u] = await signInAs(m.app, u, undefined, `10.0.1.${i + 1}`);
    m.cs = await buildCrossStreet(m.database, m.world, m.app, m.sessions.sys);
  }, 300_000);
  afterAll(async () => {
    await close?.();
    await m.database?.close();
  });
  return m;
}

const ctxOf = (m: MatrixWorld, caller: string, n: number): Ctx => ({ world: m.world, database: m.database, cs: m.cs, caller, n });

/** The two walks of a group's rows: every route × every role, and no session → 401 on every non-public route. */
export function matrixProbes(m: MatrixWorld, rows: () => Probe[]): void {
  it('every route × every role gives the expected outcome', async () => {
    const failures: string[] = [];
    let n = 0;
    for (const probe of rows()) {
      const method = probe.route.split(' ')[0];
      for (const user of USERS) {
        const session = probe.fresh ? await signInAs(m.app, user, undefined, '10.0.2.1') : m.sessions[user];
        const req = await probe.request(ctxOf(m, user, ++n));
        const res = probe.public
          ? await m.app.inject({ method: method as 'GET', url: req.url, ...(req.payload ? { payload: req.payload as object } : {}) })
          : await call(m.app, session, method, req.url, req.payload);
        const got = outcomeOf(res.statusCode, res.body);
        const want = expectedFor(probe, user);
        if (got !== want) failures.push(`${probe.route} as ${user}: expected ${want}, got ${got} ${res.body.slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
    // A group's routes × every role: the whole matrix in one file passed 120 s on a busy two-core machine.
  }, 600_000);

  it('every non-public route refuses a request without a session (401)', async () => {
    for (const probe of rows().filter((p) => !p.public)) {
      const req = await probe.request(ctxOf(m, 'sys', 0));
      const res = await m.app.inject({ method: probe.route.split(' ')[0] as 'GET', url: req.url, ...(req.payload ? { payload: req.payload as object } : {}) });
      expect(res.statusCode, probe.route).toBe(401);
    }
  });
}
