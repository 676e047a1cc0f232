import type { Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for the exports of the organisation, union and instructor lists: whoever
 * may read the list may take it as XLSX (the rows are the list's own, scope applied), nobody else.
 */
const ORG_READERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'multi'];
const UNION_READERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'union', 'multi'];
const INSTRUCTOR_READERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'instructor', 'multi'];

export const LIST_EXPORT_MATRIX_ROWS: Row[] = [
  { route: 'GET /api/party-orgs/export.xlsx', request: () => ({ url: '/api/party-orgs/export.xlsx?status=active' }), expect: { ok: ORG_READERS } },
  { route: 'GET /api/unions/export.xlsx', request: () => ({ url: '/api/unions/export.xlsx' }), expect: { ok: UNION_READERS } },
  { route: 'GET /api/instructors/export.xlsx', request: () => ({ url: '/api/instructors/export.xlsx?kind=instructor' }), expect: { ok: INSTRUCTOR_READERS } },
];
