import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { systemActor } from '../../src/core/access/actor.js';
import { hashPassword } from '../../src/core/auth/password.js';
import { loadRegions } from '../../src/core/region/region-load.service.js';
import { buildTestApp, call, signInAs, type Session } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

const PW = 'Region-Api-Pass-1';

describe(`region routes on ${testEngine()}`, () => {
  let database: Database;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let member: Session;

  beforeAll(async () => {
    database = await createTestDatabase();
    await loadRegions(database, systemActor('test'), { scope: ['110101'] });
    const u = await database.db.insertInto('app_user')
      .values({ username: 'reader', display_name: '读者', password_hash: await hashPassword(PW), must_change_password: false })
      .returning('id').executeTakeFirstOrThrow();
    // The narrowest role, scoped far away: the dictionary is public reference data all the same.
    await database.db.insertInto('user_role').values({ user_id: u.id, role: 'member', region_prefixes: ['440305'] }).execute();
    ({ app, close } = await buildTestApp(database));
    member = await signInAs(app, 'reader', PW);
  });
  afterAll(async () => {
    await close?.();
    await database?.close();
  });

  it('requires a signed-in user', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/regions' })).statusCode).toBe(401);
  });

  it('lists provinces, then children of a code', async () => {
    const roots = await call(app, member, 'GET', '/api/regions');
    expect(roots.json().items.map((r: { name: string }) => r.name)).toEqual(['北京市']);
    const towns = await call(app, member, 'GET', '/api/regions?parent=110101000000');
    expect(towns.statusCode).toBe(200);
    expect(towns.json().items.map((r: { name: string }) => r.name)).toContain('东华门街道');
  });

  it('detail carries the path from the province', async () => {
    const res = await call(app, member, 'GET', '/api/regions/110101001001');
    expect(res.statusCode).toBe(200);
    expect(res.json().path.map((r: { name: string }) => r.name)).toEqual(['北京市', '市辖区', '东城区', '东华门街道', '多福巷社区居委会']);
  });

  it('search by initials and by name', async () => {
    const byInitials = await call(app, member, 'GET', '/api/regions/search?q=dhm');
    expect(byInitials.json().items[0]).toMatchObject({ code: '110101001000', name: '东华门街道', level: 4 });
    const byName = await call(app, member, 'GET', `/api/regions/search?q=${encodeURIComponent('多福巷')}`);
    expect(byName.json().items.map((r: { code: string }) => r.code)).toEqual(['110101001001']);
  });

  it.each([
    ['/api/regions/999999999999', 404, 'NOT_FOUND'],
    ['/api/regions?parent=999999999999', 404, 'NOT_FOUND'],
    ['/api/regions/1101', 400, 'VALIDATION_FAILED'],
    ['/api/regions?parent=abc', 400, 'VALIDATION_FAILED'],
    ['/api/regions/search?q=', 400, 'VALIDATION_FAILED'],
    ['/api/regions/search?q=a&limit=999', 400, 'VALIDATION_FAILED'],
  ])('%s → %i %s', async (url, status, code) => {
    const res = await call(app, member, 'GET', url);
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe(code);
  });
});
