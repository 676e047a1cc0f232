import type { Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for issue 16's district views (docs/unions.md "工会服务 — district pages",
 * "在统计和月通报中"), spread into MATRIX in permission-matrix.test.ts: area lists read under
 * union.read by every union reader, each seeing its own area (scope is tested in
 * test/api/union-district.test.ts and the scope property's districtUnion ops).
 */
const READERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'union', 'multi'];

export const UNION_DISTRICT_MATRIX_ROWS: Row[] = [
  { route: 'GET /api/hardship/rollup', request: () => ({ url: '/api/hardship/rollup' }), expect: { ok: READERS } },
  { route: 'GET /api/hardship/rollup/export.xlsx', request: () => ({ url: '/api/hardship/rollup/export.xlsx' }), expect: { ok: READERS } },
  { route: 'GET /api/union-members/dispatched', request: () => ({ url: '/api/union-members/dispatched' }), expect: { ok: READERS } },
  { route: 'GET /api/union-members/dispatched/export.xlsx', request: () => ({ url: '/api/union-members/dispatched/export.xlsx' }), expect: { ok: READERS } },
];
