import { COMMUNITIES } from '../factories/world.js';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for 三会一课 (docs/life.md), spread into MATRIX in permission-matrix.test.ts.
 * Reads need org.read over the meeting's organisation; recording, changing and deleting org.manage
 * over it by its own place — never through a link.
 * * R: a branch registered in COMMUNITIES[0] covering e0 — seen as that branch is seen.
 * * Y: a joint branch of street T1 (C[2]) covering e0 of street T0 — townA (T0) sees it through the
 *   link and may not record a meeting (403 NOT_MANAGED); multi manages it by T1.
 * Change probes get a fresh meeting at version 1, so each caller meets the same state.
 */
const READERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'multi'];
const READERS_SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor'], hidden: ['orgB', 'parkA', 'assocA', 'secretary', 'multi'] };
const MANAGED = { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'secretary', 'multi'] };
const Y_SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor', 'multi'], hidden: ['orgB', 'parkA', 'assocA', 'secretary'] };
const Y_MANAGED = { ok: ['sys', 'orgA', 'multi'], notManaged: ['townA'], hidden: ['orgB', 'secretary'] };

let made = 0;
async function branch(c: Ctx, region: string, mode: 'standalone' | 'joint'): Promise<string> {
  const db = c.database.db;
  const { id } = await db.insertInto('party_org').values({ name: `会议矩阵支部${++made}`, org_type: 'branch', setup_mode: mode, region_code: region })
    .returning('id').executeTakeFirstOrThrow();
  await db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
  await db.insertInto('party_org_coverage').values({ org_id: id, enterprise_id: c.world.enterprises[0].id, mode, since: '2024-01-01' }).execute();
  return id;
}
async function newMeeting(c: Ctx, orgId: string): Promise<string> {
  return (await c.database.db.insertInto('meeting').values({ org_id: orgId, kind: 'themeDay', held_on: '2024-03-05', topic: `矩阵主题党日${++made}` })
    .returning('id').executeTakeFirstOrThrow()).id;
}
const fixtures: { org?: string; joint?: string; r?: string; y?: string } = {};
const org = async (c: Ctx) => (fixtures.org ??= await branch(c, COMMUNITIES[0], 'standalone'));
const joint = async (c: Ctx) => (fixtures.joint ??= await branch(c, COMMUNITIES[2], 'joint'));
const r = async (c: Ctx) => (fixtures.r ??= await newMeeting(c, await org(c)));
const y = async (c: Ctx) => (fixtures.y ??= await newMeeting(c, await joint(c)));
const body = { kind: 'committeeMeeting', heldOn: '2024-04-02', topic: '矩阵支委会', votingMembers: 3, present: 3 };

const pair = (route: string, make: (c: Ctx, orgOf: (c: Ctx) => Promise<string>) => Promise<{ url: string; payload?: unknown }>, own: Row['expect'], link: Row['expect']): Row[] => [
  { route, request: (c) => make(c, org), expect: own },
  { route, request: (c) => make(c, joint), expect: link },
];

export const LIFE_MATRIX_ROWS: Row[] = [
  ...pair('GET /api/meetings', async (c, o) => ({ url: `/api/meetings?orgId=${await o(c)}` }), READERS_SEEN, Y_SEEN),
  ...pair('GET /api/meetings/export.xlsx', async (c, o) => ({ url: `/api/meetings/export.xlsx?orgId=${await o(c)}` }), READERS_SEEN, Y_SEEN),
  ...pair('GET /api/party-orgs/:id/life', async (c, o) => ({ url: `/api/party-orgs/${await o(c)}/life?year=2024` }), READERS_SEEN, Y_SEEN),
  { route: 'GET /api/life/compliance', request: () => ({ url: '/api/life/compliance?year=2024' }), expect: { ok: READERS } },
  { route: 'GET /api/life/compliance/orgs', request: () => ({ url: '/api/life/compliance/orgs?year=2024&status=dormant' }), expect: { ok: READERS } },
  { route: 'GET /api/life/compliance/export.xlsx', request: () => ({ url: '/api/life/compliance/export.xlsx?year=2024' }), expect: { ok: READERS } },
  { route: 'GET /api/life/compliance/orgs/export.xlsx', request: () => ({ url: '/api/life/compliance/orgs/export.xlsx?year=2024&status=dormant' }), expect: { ok: READERS } },
  // 组织生活 settings: read by every organisation reader; changed only over the whole jurisdiction.
  { route: 'GET /api/life/settings', request: () => ({ url: '/api/life/settings' }), expect: { ok: READERS } },
  {
    route: 'PUT /api/life/settings',
    request: async (c) => {
      const row = await c.database.db.selectFrom('app_setting').select('value').where('key', '=', 'life.settings').executeTakeFirst();
      const version = (row?.value as { version?: number } | undefined)?.version ?? 0;
      return { url: '/api/life/settings', payload: { version, partyLessonEvery: 'quarter', dormantMonths: 6 } };
    },
    expect: { ok: ['sys'] },
  },
  ...pair('GET /api/meetings/roster', async (c, o) => ({ url: `/api/meetings/roster?orgId=${await o(c)}` }), MANAGED, Y_MANAGED),
  ...pair('POST /api/meetings', async (c, o) => ({ url: '/api/meetings', payload: { orgId: await o(c), ...body } }), MANAGED, Y_MANAGED),
  { route: 'GET /api/meetings/:id', request: async (c) => ({ url: `/api/meetings/${await r(c)}` }), expect: READERS_SEEN },
  { route: 'GET /api/meetings/:id', request: async (c) => ({ url: `/api/meetings/${await y(c)}` }), expect: Y_SEEN },
  ...pair('PUT /api/meetings/:id', async (c, o) => ({ url: `/api/meetings/${await newMeeting(c, await o(c))}`, payload: { version: 1, ...body } }), MANAGED, Y_MANAGED),
  ...pair('DELETE /api/meetings/:id', async (c, o) => ({ url: `/api/meetings/${await newMeeting(c, await o(c))}?version=1` }), MANAGED, Y_MANAGED),
];
