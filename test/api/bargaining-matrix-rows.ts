import { COMMUNITIES } from '../factories/world.js';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for 集体协商 (docs/unions.md, "集体协商"), spread into MATRIX in
 * permission-matrix.test.ts. Rounds are read with their union (union.read: own place or a link) and
 * changed by union.manage over the union by its own place — never through a link.
 * * R: a union registered in COMMUNITIES[0] covering e0.
 * * Y: a joint union of street T1 (C[2]) covering e0 of street T0 — townA and commA see its rounds
 *   through the link; multi sees it by its street but manages unions only in the other county (403 NOT_MANAGED).
 * Change probes get a fresh union (a new round) or a fresh round at version 1, so each caller meets the same state.
 */
const READERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'union', 'multi'];
const SEEN = { ok: ['sys', 'orgA', 'townA', 'commA'], hidden: ['orgB', 'parkA', 'assocA', 'union', 'multi'] };
const MANAGED = { ok: ['sys', 'orgA'], hidden: ['orgB', 'multi', 'union'] };
const Y_SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'multi'], hidden: ['orgB', 'parkA', 'assocA', 'union'] };
const Y_MANAGED = { ok: ['sys', 'orgA'], notManaged: ['multi'], hidden: ['orgB', 'union'] };

let made = 0;
async function newUnion(c: Ctx, region: string, kind: 'standalone' | 'joint'): Promise<string> {
  const db = c.database.db;
  const { id } = await db.insertInto('union_org').values({ name: `协商矩阵工会${++made}`, kind, region_code: region }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('union_coverage').values({ union_id: id, enterprise_id: c.world.enterprises[0].id, since: '2024-01-01' }).execute();
  return id;
}
const newRound = async (c: Ctx, unionId: string) => (await c.database.db.insertInto('union_bargaining')
  .values({ union_id: unionId, contract_kind: 'collective', requested_on: '2026-01-05', requested_by: 'union' }).returning('id').executeTakeFirstOrThrow()).id;
const fixtures: { own?: string; joint?: string; ownRound?: string; jointRound?: string } = {};
const own = async (c: Ctx) => (fixtures.own ??= await newUnion(c, COMMUNITIES[0], 'standalone'));
const joint = async (c: Ctx) => (fixtures.joint ??= await newUnion(c, COMMUNITIES[2], 'joint'));

type Make = (c: Ctx, union: (c: Ctx) => Promise<string>) => Promise<{ url: string; payload?: unknown }>;
const pair = (route: string, make: Make, mine: Row['expect'], link: Row['expect']): Row[] => [
  { route, request: (c) => make(c, own), expect: mine },
  { route, request: (c) => make(c, joint), expect: link },
];
const request = { contractKind: 'collective', requestedOn: '2026-02-01', requestedBy: 'union' };

export const BARGAINING_MATRIX_ROWS: Row[] = [
  ...pair('GET /api/unions/:id/bargaining', async (c, u) => ({ url: `/api/unions/${await u(c)}/bargaining` }), SEEN, Y_SEEN),
  { route: 'POST /api/unions/:id/bargaining', request: async (c) => ({ url: `/api/unions/${await newUnion(c, COMMUNITIES[0], 'standalone')}/bargaining`, payload: request }), expect: MANAGED },
  { route: 'POST /api/unions/:id/bargaining', request: async (c) => ({ url: `/api/unions/${await newUnion(c, COMMUNITIES[2], 'joint')}/bargaining`, payload: request }), expect: Y_MANAGED },
  ...pair('GET /api/bargaining/rounds/:id', async (c, u) => {
    const id = u === own ? (fixtures.ownRound ??= await newRound(c, await u(c))) : (fixtures.jointRound ??= await newRound(c, await u(c)));
    return { url: `/api/bargaining/rounds/${id}` };
  }, SEEN, Y_SEEN),
  ...pair('POST /api/bargaining/rounds/:id/steps', async (c, u) => ({ url: `/api/bargaining/rounds/${await newRound(c, await u(c))}/steps`, payload: { step: 'reply', version: 1, repliedOn: '2026-01-10' } }), MANAGED, Y_MANAGED),
  { route: 'GET /api/bargaining/board', request: () => ({ url: '/api/bargaining/board' }), expect: { ok: READERS } },
  { route: 'GET /api/bargaining/board/export.xlsx', request: () => ({ url: '/api/bargaining/board/export.xlsx' }), expect: { ok: READERS } },
  { route: 'GET /api/bargaining/rounds', request: () => ({ url: '/api/bargaining/rounds?stage=requested' }), expect: { ok: READERS } },
  { route: 'GET /api/bargaining/rounds/export.xlsx', request: () => ({ url: '/api/bargaining/rounds/export.xlsx' }), expect: { ok: READERS } },
];
