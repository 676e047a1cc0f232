import { COMMUNITIES } from '../factories/world.js';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for the bulk routes of the 待认定属地 queue (the list itself has its row in
 * permission-matrix.test.ts). The bulk probes send a stale version for the world's pending enterprise,
 * so they never change the world: a holder of 认定企业属地 gets 200 with a per-row result (conflict,
 * or notFound outside the scope), and a chosen street outside the caller's regions is 403 for the
 * whole request. Per-row scope is tested in placement-queue.test.ts with two street officials.
 */
const PLACERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'multi'];
const EXPORTERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'multi'];
const pendingRef = (c: Ctx) => [{ id: c.world.enterprises[c.world.enterprises.length - 1].id, version: 999 }];

export const PLACEMENT_QUEUE_MATRIX_ROWS: Row[] = [
  { route: 'GET /api/placement-queue/export.xlsx', request: () => ({ url: '/api/placement-queue/export.xlsx' }), expect: { ok: EXPORTERS } },
  {
    route: 'POST /api/placement-queue/accept',
    request: (c) => ({ url: '/api/placement-queue/accept', payload: { items: pendingRef(c) } }),
    expect: { ok: PLACERS },
  },
  {
    route: 'POST /api/placement-queue/place',
    request: (c) => ({ url: '/api/placement-queue/place', payload: { regionCode: COMMUNITIES[0], items: pendingRef(c) } }),
    expect: { ok: ['sys', 'orgA', 'townA', 'commA'] },
  },
];
