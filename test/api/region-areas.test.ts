import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { systemActor } from '../../src/core/access/actor.js';
import { hashPassword } from '../../src/core/auth/password.js';
import { loadRegions } from '../../src/core/region/region-load.service.js';
import { buildTestApp, call, signInAs, type Session } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

/**
 * Issue 13 items 2 and 3: GET /api/auth/me names the person's own areas (scope roots), and region
 * search shows every result's full path — two 南山区 told apart — with the searcher's area first.
 */
const PW = 'Region-Areas-Pass-1';
type Found = { code: string; name: string; pathName: string };

describe(`own areas and region search on ${testEngine()}`, () => {
  let database: Database;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  const sessions: Record<string, Session> = {};

  async function user(username: string, role: string, prefixes: string[]) {
    const u = await database.db.insertInto('app_user')
      .values({ username, display_name: username, password_hash: await hashPassword(PW), must_change_password: false })
      .returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('user_role').values({ user_id: u.id, role, region_prefixes: prefixes, all_regions: prefixes.length === 0 }).execute();
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    // 深圳市南山区 and 黑龙江省鹤岗市南山区 share a name.
    await loadRegions(database, systemActor('test'), { scope: ['440305', '230404'] });
    await user('district', 'org_admin', ['440305']);
    // a street, given as its 12-digit code, plus one of its own communities (adds nothing)
    await user('street', 'township_officer', ['440305003000', '440305003001']);
    await user('hegang', 'org_admin', ['230404']);
    await user('root', 'system_admin', []);
    ({ app, close } = await buildTestApp(database));
    for (const name of ['district', 'street', 'hegang', 'root']) sessions[name] = await signInAs(app, name, PW);
  });
  afterAll(async () => {
    await close?.();
    await database?.close();
  });

  it('/api/auth/me names the scope roots, outermost only', async () => {
    const me = async (name: string) => (await call(app, sessions[name]!, 'GET', '/api/auth/me')).json().areas;
    expect(await me('district')).toEqual([{ prefix: '440305', code: '440305000000', name: '南山区', level: 3, path: '广东省 › 深圳市 › 南山区' }]);
    const street = await me('street');
    expect(street).toHaveLength(1);
    expect(street[0]).toMatchObject({ prefix: '440305003', level: 4, path: expect.stringMatching(/^广东省 › 深圳市 › 南山区 › \S+街道$/) });
    expect(await me('root')).toEqual([]);
  });

  it('two 南山区 are told apart by their path, and each searcher sees their own first', async () => {
    const search = async (name: string) =>
      (await call(app, sessions[name]!, 'GET', `/api/regions/search?q=${encodeURIComponent('南山区')}`)).json().items as Found[];
    const forDistrict = await search('district');
    const districts = forDistrict.filter((r) => r.name === '南山区');
    expect(districts.map((r) => r.pathName).sort()).toEqual(['广东省 › 深圳市 › 南山区', '黑龙江省 › 鹤岗市 › 南山区']);
    expect(forDistrict[0]!.code).toBe('440305000000');
    expect((await search('hegang'))[0]!.code).toBe('230404000000');
  });

  it('pinyin initials rank the searcher’s own streets first', async () => {
    const street = (await call(app, sessions.street!, 'GET', '/api/auth/me')).json().areas[0] as { code: string; name: string };
    const initials = (await call(app, sessions.street!, 'GET', `/api/regions/${street.code}`)).json().initials as string;
    const found = (await call(app, sessions.hegang!, 'GET', `/api/regions/search?q=${initials}`)).json().items as Found[];
    expect(found.some((r) => r.code === street.code)).toBe(true);
    const mine = (await call(app, sessions.street!, 'GET', `/api/regions/search?q=${initials}`)).json().items as Found[];
    expect(mine[0]!.code).toBe(street.code);
  });
});
