import type { Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for the work inbox (docs/inbox.md). Every signed-in user may open the
 * inbox: what they see follows from the actions their roles hold (a member or union officer gets an
 * empty list, not a refusal; scope is tested in inbox.test.ts and scope-checks-inbox.ts). Refreshing
 * from the rule engine is the district's organisation department's (刷新待办事项).
 */
const EVERYONE = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'union', 'member', 'multi'];

export const INBOX_MATRIX_ROWS: Row[] = [
  { route: 'GET /api/inbox', request: () => ({ url: '/api/inbox?view=role' }), expect: { ok: EVERYONE } },
  { route: 'GET /api/inbox.xlsx', request: () => ({ url: '/api/inbox.xlsx?view=overdue' }), expect: { ok: EVERYONE } },
  { route: 'GET /api/inbox/counts', request: () => ({ url: '/api/inbox/counts' }), expect: { ok: EVERYONE } },
  { route: 'GET /api/inbox/overdue-by-region', request: () => ({ url: '/api/inbox/overdue-by-region' }), expect: { ok: EVERYONE } },
  { route: 'POST /api/tasks/refresh', request: () => ({ url: '/api/tasks/refresh', payload: {} }), expect: { ok: ['sys', 'orgA', 'orgB', 'multi'] } },
];
