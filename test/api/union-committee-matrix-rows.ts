import { COMMUNITIES } from '../factories/world.js';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for union committees, 换届选举 and the 职代会 (docs/unions.md), spread into
 * MATRIX in permission-matrix.test.ts. Read with the union (union.read: own place or a link); changed
 * by union.manage over it by its own place — never through a link.
 * * R: a union registered in COMMUNITIES[0] covering e0 (as org-matrix-rows' UNION).
 * * Y: a joint union of street T1 (C[3]) covering e1 of street T0 and e3 of T1 (as the cross-street
 *   跨街联合工会): townA sees it through e1 and may change nothing; multi sees it by T1, manages no union there.
 * Change probes get a fresh union, seat or session at version 1, so each caller meets the same state.
 */
const SEEN = { ok: ['sys', 'orgA', 'townA', 'commA'], hidden: ['orgB', 'parkA', 'assocA', 'union', 'multi'] };
const MANAGED = { ok: ['sys', 'orgA'], hidden: ['orgB', 'multi', 'union'] };
const Y_SEEN = { ok: ['sys', 'orgA', 'townA', 'multi'], hidden: ['orgB', 'commA', 'parkA', 'assocA', 'union'] };
const Y_MANAGED = { ok: ['sys', 'orgA'], notManaged: ['multi'], hidden: ['orgB', 'union'] };

let made = 0;
const e = (c: Ctx, i: number) => c.world.enterprises[i].id;
async function newUnion(c: Ctx, y: boolean): Promise<string> {
  const db = c.database.db;
  const { id } = await db.insertInto('union_org').values({ name: `委员会矩阵工会${++made}`, kind: y ? 'joint' : 'standalone', region_code: y ? COMMUNITIES[3] : COMMUNITIES[0], members: 40 })
    .returning('id').executeTakeFirstOrThrow();
  for (const i of y ? [1, 3] : [0]) await db.insertInto('union_coverage').values({ union_id: id, enterprise_id: e(c, i), since: '2024-01-01' }).execute();
  return id;
}
const person = async (c: Ctx) => (await c.database.db.insertInto('person').values({ name: `矩阵委员${++made}`, region_code: COMMUNITIES[0] }).returning('id').executeTakeFirstOrThrow()).id;
async function newSeat(c: Ctx, unionId: string): Promise<string> {
  return (await c.database.db.insertInto('union_committee_seat').values({ union_id: unionId, person_id: await person(c), role: 'member', declared_on: '2024-01-01', since: '2024-01-01' })
    .returning('id').executeTakeFirstOrThrow()).id;
}
async function newSession(c: Ctx, unionId: string): Promise<string> {
  return (await c.database.db.insertInto('union_congress').values({ union_id: unionId, held_on: '2025-03-01', kind: 'congress', representatives: 30, present: 25 })
    .returning('id').executeTakeFirstOrThrow()).id;
}
const fixtures: { r?: string; y?: string } = {};
const unionOf = async (c: Ctx, y: boolean) => (y ? (fixtures.y ??= await newUnion(c, true)) : (fixtures.r ??= await newUnion(c, false)));

const pair = (route: string, make: (c: Ctx, y: boolean) => Promise<{ url: string; payload?: unknown }>, own: Row['expect'], link: Row['expect']): Row[] => [
  { route, request: (c) => make(c, false), expect: own },
  { route, request: (c) => make(c, true), expect: link },
];

export const UNION_COMMITTEE_MATRIX_ROWS: Row[] = [
  ...pair('GET /api/unions/:id/committee', async (c, y) => ({ url: `/api/unions/${await unionOf(c, y)}/committee` }), SEEN, Y_SEEN),
  ...pair('GET /api/unions/:id/committee/export.xlsx', async (c, y) => ({ url: `/api/unions/${await unionOf(c, y)}/committee/export.xlsx` }), SEEN, Y_SEEN),
  ...pair('GET /api/unions/:id/congress', async (c, y) => ({ url: `/api/unions/${await unionOf(c, y)}/congress` }), SEEN, Y_SEEN),
  ...pair('GET /api/unions/:id/congress/export.xlsx', async (c, y) => ({ url: `/api/unions/${await unionOf(c, y)}/congress/export.xlsx` }), SEEN, Y_SEEN),
  ...pair('POST /api/unions/:id/elections', async (c, y) => ({
    url: `/api/unions/${await newUnion(c, y)}/elections`,
    payload: { version: 1, heldOn: '2025-05-20', termYears: 5, seats: [{ personId: await person(c), role: 'chair', closeRelative: false }] },
  }), MANAGED, Y_MANAGED),
  ...pair('POST /api/unions/:id/committee/seats', async (c, y) => ({
    url: `/api/unions/${await newUnion(c, y)}/committee/seats`, payload: { personId: await person(c), role: 'member', closeRelative: false, since: '2025-01-01' },
  }), MANAGED, Y_MANAGED),
  ...pair('PATCH /api/union-committee-seats/:id', async (c, y) => ({ url: `/api/union-committee-seats/${await newSeat(c, await unionOf(c, y))}`, payload: { version: 1, fullTime: true } }), MANAGED, Y_MANAGED),
  ...pair('POST /api/union-committee-seats/:id/end', async (c, y) => ({
    url: `/api/union-committee-seats/${await newSeat(c, await unionOf(c, y))}/end`, payload: { version: 1, until: '2025-01-01', reason: '矩阵' },
  }), MANAGED, Y_MANAGED),
  ...pair('PATCH /api/union-congresses/:id', async (c, y) => ({ url: `/api/union-congresses/${await newSession(c, await unionOf(c, y))}`, payload: { version: 1, present: 21 } }), MANAGED, Y_MANAGED),
  ...pair('POST /api/union-congresses/:id/resolutions', async (c, y) => ({
    url: `/api/union-congresses/${await newSession(c, await unionOf(c, y))}/resolutions`, payload: { title: '工资集体协商方案', matter: 'pay', votesFor: 20 },
  }), MANAGED, Y_MANAGED),
];
