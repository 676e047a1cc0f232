import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { COMMUNITIES, buildTestApp, buildWorld, call, signInAs, type Session, type World } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

type Event = { id: string; kind: string };
type Page = { items: Event[]; nextCursor: string | null; hiddenCount: number };
type Detail = { access: string; history: Event[]; historyTotal: number; hiddenHistoryCount: number };

const EXTRA_EVENTS = 30;

/**
 * Organisation and union histories: the detail carries the latest 20 and the total, the history
 * route pages the rest newest first, and a reader who sees the record only through a link gets no
 * events from either (docs/organisations.md, "Seeing partly").
 */
describe(`history paging on ${testEngine()}`, () => {
  let database: Database;
  let world: World;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  const as: Record<'sys' | 'townA' | 'orgB', Session> = {} as Record<'sys' | 'townA' | 'orgB', Session>;
  const ids = { org: '', union: '' };

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await buildWorld(database);
    ({ app, close } = await buildTestApp(database));
    for (const u of ['sys', 'townA', 'orgB'] as const) as[u] = await signInAs(app, u);
    // Registered in township 2, covering an enterprise of township 1: townA sees both only through that link.
    const enterpriseId = world.enterprises[0].id;
    const org = await call(app, as.sys, 'POST', '/api/party-orgs', { name: '历史分页党支部', orgType: 'branch', setupMode: 'joint', regionCode: COMMUNITIES[2] });
    ids.org = org.json().id as string;
    expect((await call(app, as.sys, 'POST', `/api/party-orgs/${ids.org}/coverage`, { enterpriseId, since: '2025-01-01' })).statusCode).toBe(201);
    const union = await call(app, as.sys, 'POST', '/api/unions', { name: '历史分页联合工会', kind: 'joint', regionCode: COMMUNITIES[2] });
    ids.union = union.json().id as string;
    expect((await call(app, as.sys, 'POST', `/api/unions/${ids.union}/coverage`, { enterpriseId, since: '2025-01-01' })).statusCode).toBe(201);
    // A long history, as an organisation adjusted every month for years would have.
    const events = Array.from({ length: EXTRA_EVENTS }, (_, i) => ({ kind: 'adjusted', at: '2025-02-01', data: JSON.stringify({ n: i }) }));
    await database.db.insertInto('party_org_event').values(events.map((e) => ({ ...e, org_id: ids.org }))).execute();
    await database.db.insertInto('union_event').values(events.map((e) => ({ ...e, union_id: ids.union }))).execute();
  });
  afterAll(async () => {
    await close?.();
    await database?.close();
  });

  for (const kind of ['party-orgs', 'unions'] as const) {
    const base = () => `/api/${kind}/${kind === 'party-orgs' ? ids.org : ids.union}`;
    const total = EXTRA_EVENTS + 2; // created, coverage_added, then the extra ones

    it(`${kind}: the detail carries the latest 20 (oldest of them first) and the total`, async () => {
      const detail = (await call(app, as.sys, 'GET', base())).json() as Detail;
      expect(detail.history).toHaveLength(20);
      expect(detail.historyTotal).toBe(total);
      expect(detail.hiddenHistoryCount).toBe(0);
      const idsShown = detail.history.map((h) => BigInt(h.id));
      expect(idsShown).toEqual([...idsShown].sort((a, b) => (a < b ? -1 : 1)));
      // "Load more" from the oldest shown event returns exactly the rest, newest first.
      const rest = (await call(app, as.sys, 'GET', `${base()}/history?cursor=${detail.history[0].id}&limit=200`)).json() as Page;
      expect(rest.items.map((h) => h.kind).at(-1)).toBe('created');
      expect(rest.items).toHaveLength(total - 20);
      expect(rest.nextCursor).toBeNull();
    });

    it(`${kind}: the history route walks every event once, newest first, by keyset`, async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await call(app, as.sys, 'GET', `${base()}/history?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json() as Page;
        expect(page.items.length).toBeLessThanOrEqual(7);
        seen.push(...page.items.map((h) => h.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      expect(seen.map(BigInt)).toEqual(seen.map(BigInt).sort((a, b) => (a > b ? -1 : 1)));
    });

    it(`${kind}: a reader through a link gets no events from detail or route, only the count`, async () => {
      const detail = (await call(app, as.townA, 'GET', base())).json() as Detail;
      expect([detail.access, detail.history, detail.historyTotal, detail.hiddenHistoryCount]).toEqual(['partial', [], 0, total]);
      const page = await call(app, as.townA, 'GET', `${base()}/history`);
      expect(page.statusCode).toBe(200);
      expect(page.json()).toEqual({ items: [], nextCursor: null, hiddenCount: total });
    });

    it(`${kind}: unseen is 404, bad paging is 400`, async () => {
      expect((await call(app, as.orgB, 'GET', `${base()}/history`)).statusCode).toBe(404);
      expect((await call(app, as.sys, 'GET', `${base()}/history?limit=201`)).statusCode).toBe(400);
      expect((await call(app, as.sys, 'GET', `${base()}/history?cursor=abc`)).statusCode).toBe(400);
    });
  }
});
