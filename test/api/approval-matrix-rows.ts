import { COMMUNITIES, TOWNSHIPS } from '../factories/world.js';
import { hashPassword } from '../../src/core/auth/password.js';
import { PASSWORD } from '../factories/world.js';
import { branchUnder, committeeOf, readyCase } from './approval-fixtures.js';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for the approval engine (docs/approvals.md), spread into MATRIX in
 * permission-matrix.test.ts. Fixtures: a street-A 党工委 and its branch in COMMUNITIES[0]; each probe
 * that writes gets a fresh case and a fresh request submitted by sys (so sys meets its own request:
 * 403 OWN_REQUEST). A level is decided only by its role over the branch's own place: 社区 by commA,
 * 街道 by townA (or a deputy); orgA owns the branch but not at that level (403 NOT_YOUR_LEVEL).
 */
const READERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'multi'];
const EVERYONE = [...READERS, 'union', 'member'];
const SEEN_ONLY = ['orgB', 'parkA', 'assocA', 'secretary', 'instructor', 'union', 'member', 'multi'];
const fx: { committee?: string; branch?: string; deputy?: string } = {};

async function place(c: Ctx): Promise<{ committee: string; branch: string }> {
  fx.committee ??= await committeeOf(c.database, TOWNSHIPS[0], '矩阵审批党工委');
  fx.branch ??= await branchUnder(c.database, fx.committee, COMMUNITIES[0], '矩阵审批支部');
  return { committee: fx.committee, branch: fx.branch };
}

/** A request straight in the table (the rows submitting leaves), at `level`, in `state`. */
async function request(c: Ctx, level: number, state: 'pending' | 'returned'): Promise<{ id: string; version: number }> {
  const { committee, branch } = await place(c);
  const caseId = await readyCase(c.database, branch, `矩阵审批人${c.n}`);
  const row = await c.database.db.insertInto('approval_request').values({
    kind: 'recruitment.admission', subject_table: 'recruitment_case', subject_id: caseId, party_org_id: branch, subject_label: `矩阵审批人${c.n}（接收预备党员）`,
    payload: JSON.stringify({ approverOrgId: committee, extended: false }), levels: JSON.stringify(['community_officer', 'township_officer', 'org_admin']),
    current_level: level, state, requester_user_id: c.world.users.sys.id,
  }).returning(['id', 'version']).executeTakeFirstOrThrow();
  return row;
}

/** A second township officer of street A: the deputy townA may name. */
async function deputy(c: Ctx): Promise<string> {
  if (fx.deputy) return fx.deputy;
  const u = await c.database.db.insertInto('app_user').values({ username: 'matrixDeputy', display_name: '矩阵代审人', password_hash: await hashPassword(PASSWORD), must_change_password: false })
    .returning('id').executeTakeFirstOrThrow();
  await c.database.db.insertInto('user_role').values({ user_id: u.id, role: 'township_officer', region_prefixes: [TOWNSHIPS[0]] }).execute();
  return (fx.deputy = u.id);
}

export const APPROVAL_MATRIX_ROWS: Row[] = [
  { route: 'GET /api/approvals', request: () => ({ url: '/api/approvals?view=pending' }), expect: { ok: EVERYONE } },
  { route: 'GET /api/approvals.xlsx', request: () => ({ url: '/api/approvals.xlsx?view=mine' }), expect: { ok: EVERYONE } },
  {
    route: 'GET /api/approvals/:id', request: async (c) => ({ url: `/api/approvals/${(await request(c, 0, 'pending')).id}` }),
    expect: { ok: ['sys', 'orgA', 'townA', 'commA'], hidden: SEEN_ONLY },
  },
  {
    route: 'POST /api/approvals',
    request: async (c) => {
      const { committee, branch } = await place(c);
      const subjectId = await readyCase(c.database, branch, `矩阵提交人${c.n}`);
      return { url: '/api/approvals', payload: { kind: 'recruitment.admission', subjectId, version: 1, payload: { approverOrgId: committee } } };
    },
    expect: { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'secretary', 'multi'] },
  },
  {
    route: 'POST /api/approvals/:id/decision',
    request: async (c) => {
      const r = await request(c, 0, 'pending');
      return { url: `/api/approvals/${r.id}/decision`, payload: { version: r.version, decision: 'approve' } };
    },
    expect: { ok: ['commA'], hidden: SEEN_ONLY },
  },
  {
    route: 'POST /api/approvals/:id/resubmit',
    request: async (c) => {
      const r = await request(c, 1, 'returned');
      return { url: `/api/approvals/${r.id}/resubmit`, payload: { version: r.version } };
    },
    expect: { ok: ['sys'], hidden: SEEN_ONLY },
  },
  {
    // 撤回: sys asked and still manages the branch, so only sys withdraws; orgA and townA, who manage it too, are refused (NOT_REQUESTER).
    route: 'POST /api/approvals/:id/withdraw',
    request: async (c) => {
      const r = await request(c, 1, 'returned');
      return { url: `/api/approvals/${r.id}/withdraw`, payload: { version: r.version } };
    },
    // commA sees the branch by its place but does not manage it (no 管理党组织).
    expect: { ok: ['sys'], notManaged: ['commA'], hidden: SEEN_ONLY },
  },
  {
    route: 'POST /api/approvals/:id/delegate',
    request: async (c) => {
      const r = await request(c, 1, 'pending');
      return { url: `/api/approvals/${r.id}/delegate`, payload: { version: r.version, deputyUserId: await deputy(c), until: '2099-12-31' } };
    },
    expect: { ok: ['townA'], hidden: SEEN_ONLY },
  },
  { route: 'GET /api/approval-flows', request: () => ({ url: '/api/approval-flows' }), expect: { ok: READERS } },
  {
    route: 'PUT /api/approval-flows/:regionPrefix',
    request: async (c) => {
      const row = await c.database.db.selectFrom('app_setting').select('value').where('key', '=', 'approval.flows.440305').executeTakeFirst();
      return { url: '/api/approval-flows/440305', payload: { version: (row?.value as { version?: number } | undefined)?.version ?? 0, flows: [] } };
    },
    expect: { ok: ['sys', 'orgA'] },
  },
];
