import { COMMUNITIES } from '../factories/world.js';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for the work inbox (docs/inbox.md). Every signed-in user may open the
 * inbox: what they see follows from the actions their roles hold (a member or union officer gets an
 * empty list, not a refusal; scope is tested in inbox.test.ts and scope-checks-inbox.ts). Refreshing
 * from the rule engine is the district's organisation department's (刷新待办事项).
 */
/**
 * 指派 / 撤销 / detail: a fresh open task per probe (配齐党组织书记 on a new branch without a
 * secretary), so one caller's cancel never changes the next caller's answer. MINE is a branch of
 * street T0 (COMMUNITIES[0]); LINKED a branch of street T1 (COMMUNITIES[2]) covering T0's first
 * enterprise — seen there through the link, never acted on.
 */
let made = 0;
async function freshTask(c: Ctx, where: 'mine' | 'linked'): Promise<string> {
  const db = c.database.db;
  const region = where === 'mine' ? COMMUNITIES[0] : COMMUNITIES[2];
  const org = (await db.insertInto('party_org').values({ name: `矩阵待办支部${++made}`, org_type: 'branch', setup_mode: 'joint', region_code: region })
    .returning('id').executeTakeFirstOrThrow()).id;
  await db.updateTable('party_org').set({ path: org }).where('id', '=', org).execute();
  if (where === 'linked') await db.insertInto('party_org_coverage').values({ org_id: org, enterprise_id: c.world.enterprises[0].id, mode: 'joint', since: '2024-01-01' }).execute();
  const task = await db.insertInto('task').values({
    kind: 'org.secretaryVacant', subject_table: 'party_org', subject_id: org, party_org_id: org, region_code: region, due_on: '2027-01-01', source_rule_id: 'org.secretaryVacant',
  }).returning('id').executeTakeFirstOrThrow();
  return task.id;
}
const TASK_SEEN = { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'union', 'member', 'multi'] };
// Streets T0 and T1 lie in the same county: orgA manages both; orgB (the other county) sees neither.
const LINKED_ACTED = { ok: ['sys', 'orgA', 'multi'], notManaged: ['townA'], hidden: ['orgB', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'union', 'member'] };
const sysId = (c: Ctx) => c.world.users.sys.id;

const EVERYONE = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'union', 'member', 'multi'];

export const INBOX_MATRIX_ROWS: Row[] = [
  { route: 'GET /api/inbox', request: () => ({ url: '/api/inbox?view=role' }), expect: { ok: EVERYONE } },
  { route: 'GET /api/inbox.xlsx', request: () => ({ url: '/api/inbox.xlsx?view=overdue' }), expect: { ok: EVERYONE } },
  { route: 'GET /api/inbox/counts', request: () => ({ url: '/api/inbox/counts' }), expect: { ok: EVERYONE } },
  { route: 'GET /api/inbox/overdue-by-region', request: () => ({ url: '/api/inbox/overdue-by-region' }), expect: { ok: EVERYONE } },
  { route: 'POST /api/tasks/refresh', request: () => ({ url: '/api/tasks/refresh', payload: {} }), expect: { ok: ['sys', 'orgA', 'orgB', 'multi'] } },
  { route: 'GET /api/tasks/:id', request: async (c) => ({ url: `/api/tasks/${await freshTask(c, 'mine')}` }), expect: TASK_SEEN },
  { route: 'GET /api/tasks/:id/assignees', request: async (c) => ({ url: `/api/tasks/${await freshTask(c, 'mine')}/assignees` }), expect: TASK_SEEN },
  {
    route: 'POST /api/tasks/:id/assign', request: async (c) => ({ url: `/api/tasks/${await freshTask(c, 'mine')}/assign`, payload: { userId: sysId(c), version: 1 } }),
    expect: TASK_SEEN,
  },
  {
    route: 'POST /api/tasks/:id/cancel', request: async (c) => ({ url: `/api/tasks/${await freshTask(c, 'mine')}/cancel`, payload: { reason: '矩阵测试撤销', version: 1 } }),
    expect: TASK_SEEN,
  },
  {
    route: 'POST /api/tasks/:id/assign', request: async (c) => ({ url: `/api/tasks/${await freshTask(c, 'linked')}/assign`, payload: { userId: sysId(c), version: 1 } }),
    expect: LINKED_ACTED,
  },
  {
    route: 'POST /api/tasks/:id/cancel', request: async (c) => ({ url: `/api/tasks/${await freshTask(c, 'linked')}/cancel`, payload: { reason: '矩阵测试撤销', version: 1 } }),
    expect: LINKED_ACTED,
  },
];
