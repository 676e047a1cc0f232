import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { hashPassword } from '../../src/core/auth/password.js';
import { sessionIdOf } from '../../src/core/auth/tokens.js';
import { buildTestApp, call, signInAs, type Session } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

const PW = 'Cost-Test-Pass-1';
const SESSION_TABLES = /"(user_session|app_user|user_role)"/;

/**
 * Counts, per request, the statements that touch the session tables. It sees every statement the
 * app sends through Kysely (builders and raw `sql` alike) by their operation tree, where table names
 * appear as identifiers, so no server-side statistics are needed.
 */
class SessionQueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (SESSION_TABLES.test(JSON.stringify(node))) this.count += 1;
    return node;
  }
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

describe(`per-request session cost on ${testEngine()}`, () => {
  let database: Database;
  let test: Awaited<ReturnType<typeof buildTestApp>>;
  const counter = new SessionQueryCounter();
  let s: Session;

  const lastSeen = async (): Promise<number> => {
    const token = decodeURIComponent(s.cookie.slice('lx_session='.length));
    const row = await database.db.selectFrom('user_session').select('last_seen_at').where('id', '=', sessionIdOf(token)).executeTakeFirstOrThrow();
    return new Date(row.last_seen_at).getTime();
  };
  const countedGet = async (url: string) => {
    counter.count = 0;
    const res = await call(test.app, s, 'GET', url);
    return { res, queries: counter.count };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    test = await buildTestApp({ ...database, db: database.db.withPlugin(counter) });
    const u = await database.db.insertInto('app_user').values({ username: 'walker', display_name: 'walker', password_hash: await hashPassword(PW), must_change_password: false })
      .returning('id').executeTakeFirstOrThrow();
    // Two grants, so the grants really are aggregated in the one query.
    await database.db.insertInto('user_role').values([
      { user_id: u.id, role: 'township_officer', region_prefixes: ['440305001'] },
      { user_id: u.id, role: 'community_officer', region_prefixes: ['440306001001'] },
    ]).execute();
    s = await signInAs(test.app, 'walker', PW);
  });
  afterAll(async () => {
    await test?.close();
    await database?.close();
  });

  it('an authenticated GET makes one session query, and a second within a minute writes nothing', async () => {
    // Pretend the last recorded activity was two minutes ago: the next request records it again.
    const token = decodeURIComponent(s.cookie.slice('lx_session='.length));
    await database.db.updateTable('user_session').set({ last_seen_at: new Date(Date.now() - 120_000) }).where('id', '=', sessionIdOf(token)).execute();
    const before = await lastSeen();

    const first = await countedGet('/api/party-orgs');
    expect(first.res.statusCode, first.res.body).toBe(200);
    expect(first.queries).toBe(1); // the counter sees it, so "≤ 1" below is not vacuous
    const touched = await lastSeen();
    expect(touched).toBeGreaterThan(before + 60_000);

    const second = await countedGet('/api/party-orgs');
    expect(second.res.statusCode).toBe(200);
    expect(second.queries).toBeLessThanOrEqual(1);
    expect(await lastSeen()).toBe(touched);
  });

  it('the one query carries both grants (scope is their union)', async () => {
    const { res, queries } = await countedGet('/api/auth/me');
    expect(res.statusCode).toBe(200);
    expect(queries).toBeLessThanOrEqual(1);
    const me = res.json() as { grants: Array<{ role: string; regionPrefixes: string[] }> };
    const roles = me.grants.map((g) => `${g.role}:${g.regionPrefixes.join(',')}`);
    expect(roles).toEqual(['township_officer:440305001', 'community_officer:440306001001']);
  });
});
