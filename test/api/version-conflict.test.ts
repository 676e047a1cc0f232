import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { buildTestApp, call } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';
import { buildVersionedWorld, type VersionedWorld } from '../helpers/versioned-world.js';

/**
 * Issue 12: two clients holding the same version send the same change. The first gets 200 and the
 * next version; the second is 409 VERSION_CONFLICT although its values are already stored — it
 * never saw them. The 409 carries the record as it stands now (people masked) and is declared in
 * the OpenAPI document of every versioned route.
 */
describe(`stale versions on ${testEngine()}`, () => {
  let database: Database;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let w: VersionedWorld;

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ app, close } = await buildTestApp(database));
    w = await buildVersionedWorld(database, app, 'vc');
  });
  afterAll(async () => {
    await close?.();
    await database?.close();
  });

  const versionOf = async (url: string) => (await call(app, w.admin, 'GET', url)).json().version as number;

  /** A and B both read `version`; A writes, then B writes the very same body. */
  async function twoClients(url: string, read: string, body: (version: number) => object, method = 'PATCH') {
    const version = await versionOf(read);
    const a = await call(app, w.admin, method, url, body(version));
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json().version).toBe(version + 1);
    const b = await call(app, w.admin, method, url, body(version));
    expect(b.statusCode, b.body).toBe(409);
    expect(b.json()).toMatchObject({ code: 'VERSION_CONFLICT', details: [], current: { version: version + 1 } });
    return b.json() as { current: Record<string, unknown> };
  }

  /**
   * B read the record, A then changed it (PATCH), B dissolves with what it read: 409. (Dissolving
   * twice answers CONFLICT "已撤销" today — the services test the status before the version.)
   */
  async function staleAfter(record: string, change: object, dissolve: string, body: object) {
    const version = await versionOf(record);
    expect((await call(app, w.admin, 'PATCH', record, { version, ...change })).statusCode).toBe(200);
    const b = await call(app, w.admin, 'POST', dissolve, { version, ...body });
    expect([b.statusCode, b.json().code, b.json().current?.status]).toEqual([409, 'VERSION_CONFLICT', 'active']);
  }

  it('party organisation: the exact repro (version 1, fullMembers 9 twice)', async () => {
    const a = await call(app, w.admin, 'PATCH', `/api/party-orgs/${w.orgId}`, { version: 1, changes: { fullMembers: 9 } });
    expect([a.statusCode, a.json().version]).toEqual([200, 2]);
    const b = await call(app, w.admin, 'PATCH', `/api/party-orgs/${w.orgId}`, { version: 1, changes: { fullMembers: 9 } });
    expect([b.statusCode, b.json().code]).toEqual([409, 'VERSION_CONFLICT']);
    expect(b.json().current).toMatchObject({ id: w.orgId, version: 2, fullMembers: 9 });
    // The 409's `current` is the plain record: nothing of the detail page leaks into it.
    expect(b.json().current).not.toHaveProperty('coverage');
  });

  it('party organisation: reelect and dissolve', async () => {
    const org = `/api/party-orgs/${w.orgId}`;
    await twoClients(`${org}/reelect`, org, (version) => ({ version, heldOn: '2025-01-01', termYears: 3 }), 'POST');
    await staleAfter(org, { changes: { fullMembers: 10 } }, `${org}/dissolve`, { on: '2025-06-01', reason: '并发测试' });
  });

  it('union: update and dissolve', async () => {
    const union = `/api/unions/${w.unionId}`;
    const b = await twoClients(union, union, (version) => ({ version, changes: { members: 25 } }));
    expect(b.current).toMatchObject({ members: 25 });
    await staleAfter(union, { changes: { members: 26 } }, `${union}/dissolve`, { on: '2025-06-01', reason: '并发测试' });
  });

  it('instructor', async () => {
    const url = `/api/instructors/${w.instructorId}`;
    await twoClients(url, url, (version) => ({ version, status: 'inactive' }));
  });

  it('person: the 409 shows the masked view only', async () => {
    const url = `/api/people/${w.personId}`;
    const b = await twoClients(url, url, (version) => ({ version, phone: '13900139000' }));
    expect(b.current).toMatchObject({ revealed: false, birthDate: null });
    expect(b.current.phone).not.toBe('13900139000');
    expect(String(b.current.phone)).toContain('*');
  });

  it('user', async () => {
    const url = `/api/users/${w.userId}`;
    await twoClients(url, url, (version) => ({ version, displayName: '改名' }));
  });

  it('placement: stale even when the region is the one stored', async () => {
    const e = `/api/enterprises/${w.enterpriseId}`;
    const b = await twoClients(`${e}/placement`, e, (version) => ({ version, regionCode: TOWN_B }));
    expect(b.current).toMatchObject({ regionCode: TOWN_B, placement: 'manual' });
    const missing = await call(app, w.admin, 'PATCH', `${e}/placement`, { regionCode: TOWN_A });
    expect([missing.statusCode, missing.json().code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('declares the 409 with its body in the OpenAPI document of every versioned route', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: { properties?: Record<string, unknown> } }> }> }>>;
    };
    const versioned = [
      ['patch', '/api/party-orgs/{id}'], ['post', '/api/party-orgs/{id}/dissolve'], ['post', '/api/party-orgs/{id}/reelect'],
      ['patch', '/api/unions/{id}'], ['post', '/api/unions/{id}/dissolve'], ['patch', '/api/instructors/{id}'],
      ['patch', '/api/people/{id}'], ['patch', '/api/users/{id}'], ['patch', '/api/enterprises/{id}/placement'],
    ] as const;
    for (const [method, path] of versioned) {
      const conflict = doc.paths[path]?.[method]?.responses['409'];
      expect(conflict, `${method} ${path}`).toBeDefined();
      const props = Object.keys(conflict?.content?.['application/json']?.schema.properties ?? {});
      expect(props.sort(), `${method} ${path}`).toEqual(['code', 'current', 'details', 'message']);
    }
  });
});
