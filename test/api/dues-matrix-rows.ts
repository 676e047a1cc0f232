import { COMMUNITIES } from '../factories/world.js';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for party dues (docs/dues.md), spread into MATRIX in
 * permission-matrix.test.ts. The ledger belongs to an organisation of COMMUNITIES[0] (county A,
 * street A): its readers see the month and a member's reductions, its managers by own place compute,
 * pay, close, approve a reduction; county B,
 * the secretary of another organisation and `multi` find nothing. The settings are changed only
 * with org.manage over the whole jurisdiction; 我的党费 answers only a linked member account.
 */
const REGION = COMMUNITIES[0];
const ORG_READERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'multi'];
const ORG_MANAGERS = ['sys', 'orgA', 'orgB', 'townA', 'secretary', 'multi'];
const SEEN = { ok: ['sys', 'orgA', 'townA', 'commA'], hidden: ['orgB', 'parkA', 'assocA', 'secretary', 'instructor', 'multi'] };
const MANAGED = { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'secretary', 'multi'] };
const MONTH = '2026-10';

let made = 0;
const uniq = () => ++made;
async function newOrg(c: Ctx): Promise<string> {
  const db = c.database.db;
  const { id } = await db.insertInto('party_org').values({ name: `党费矩阵党支部${uniq()}`, org_type: 'branch', setup_mode: 'standalone', region_code: REGION })
    .returning('id').executeTakeFirstOrThrow();
  await db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
  return id;
}
let shownOrg = '';
const org = async (c: Ctx) => (shownOrg ||= await newOrg(c));
async function newMember(c: Ctx): Promise<string> {
  const db = c.database.db;
  const person = await db.insertInto('person').values({ name: `党费矩阵党员${uniq()}`, region_code: REGION }).returning('id').executeTakeFirstOrThrow();
  const m = await db.insertInto('party_member').values({ person_id: person.id, org_id: await org(c), category: 'full', joined_on: '2010-01-01' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('dues_basis').values({ member_id: m.id, from_month: '2026-01', category: 'student' }).execute();
  return m.id;
}
let shownMember = '';
const member = async (c: Ctx) => (shownMember ||= await newMember(c));
async function newLedger(c: Ctx): Promise<string> {
  const l = await c.database.db.insertInto('dues_ledger').values({
    member_id: await newMember(c), month: MONTH, org_id: await org(c), category: 'student', base_fen: null, standard_fen: 20, due_fen: 20, rule_id: 'member.duesMinimal', bracket: '学生党员每月0.2元',
  }).returning('id').executeTakeFirstOrThrow();
  return l.id;
}
/** A pending reduction of a fresh member (each approval needs its own). */
async function newReduction(c: Ctx): Promise<string> {
  const r = await c.database.db.insertInto('dues_reduction').values({ member_id: await newMember(c), from_month: '2099-01', amount_fen: 0 }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}
async function closedMonth(c: Ctx): Promise<string> {
  const id = await newOrg(c);
  await c.database.db.insertInto('dues_month').values({ org_id: id, month: MONTH, status: 'closed', closed_at: new Date() }).execute();
  return id;
}
async function openMonth(c: Ctx): Promise<string> {
  const id = await newOrg(c);
  await c.database.db.insertInto('dues_month').values({ org_id: id, month: MONTH }).execute();
  return id;
}

export const DUES_MATRIX_ROWS: Row[] = [
  { route: 'GET /api/dues/ledger', request: async (c) => ({ url: `/api/dues/ledger?orgId=${await org(c)}&month=${MONTH}` }), expect: SEEN },
  { route: 'GET /api/dues/ledger/export.xlsx', request: async (c) => ({ url: `/api/dues/ledger/export.xlsx?orgId=${await org(c)}&month=${MONTH}` }), expect: SEEN },
  { route: 'POST /api/dues/months/compute', request: async (c) => ({ url: '/api/dues/months/compute', payload: { month: MONTH, orgId: await org(c) } }), expect: MANAGED },
  { route: 'POST /api/dues/months/close', request: async (c) => ({ url: '/api/dues/months/close', payload: { month: MONTH, orgId: await openMonth(c) } }), expect: MANAGED },
  { route: 'POST /api/dues/months/reopen', request: async (c) => ({ url: '/api/dues/months/reopen', payload: { month: MONTH, orgId: await closedMonth(c), reason: '结账前漏登基数' } }), expect: MANAGED },
  {
    route: 'POST /api/dues/ledger/:id/payments',
    request: async (c) => ({ url: `/api/dues/ledger/${await newLedger(c)}/payments`, payload: { version: 1, amountFen: 20, paidOn: '2026-10-20' } }),
    expect: MANAGED,
  },
  { route: 'PUT /api/dues/members/:memberId/basis', request: async (c) => ({ url: `/api/dues/members/${await member(c)}/basis`, payload: { fromMonth: '2026-02', category: 'farmer' } }), expect: MANAGED },
  {
    route: 'POST /api/dues/members/:memberId/reductions',
    request: async (c) => ({ url: `/api/dues/members/${await member(c)}/reductions`, payload: { fromMonth: '2026-03', amountFen: 0 } }),
    expect: MANAGED,
  },
  { route: 'GET /api/dues/members/:memberId/reductions', request: async (c) => ({ url: `/api/dues/members/${await member(c)}/reductions` }), expect: SEEN },
  {
    route: 'POST /api/dues/reductions/:id/approve',
    request: async (c) => ({ url: `/api/dues/reductions/${await newReduction(c)}/approve`, payload: { approvedOn: '2026-10-20', approvalRef: '批复〔2026〕7号' } }),
    expect: MANAGED,
  },
  {
    route: 'POST /api/dues/reductions/:id/withdraw',
    request: async (c) => ({ url: `/api/dues/reductions/${await newReduction(c)}/withdraw`, payload: { reason: '登记有误' } }),
    expect: MANAGED,
  },
  { route: 'GET /api/dues/members/:memberId/statement', request: async (c) => ({ url: `/api/dues/members/${await member(c)}/statement?year=2026` }), expect: SEEN },
  { route: 'GET /api/dues/members/:memberId/statement.xlsx', request: async (c) => ({ url: `/api/dues/members/${await member(c)}/statement.xlsx?year=2026` }), expect: SEEN },
  { route: 'GET /api/dues/settings', request: () => ({ url: '/api/dues/settings' }), expect: { ok: ORG_READERS } },
  {
    route: 'PUT /api/dues/settings',
    request: async (c) => {
      const row = await c.database.db.selectFrom('app_setting').select('value').where('key', '=', 'dues.settings').executeTakeFirst();
      const version = (row?.value as { version?: number } | undefined)?.version ?? 0;
      return { url: '/api/dues/settings', payload: { returnRatioBp: 3000, recalcMode: 'onChange', version } };
    },
    expect: { ok: ['sys'] },
  },
  {
    route: 'GET /api/me/dues',
    request: async (c) => {
      if (c.caller === 'member') {
        const m = await c.database.db.selectFrom('party_member').select('person_id').where('id', '=', await member(c)).executeTakeFirstOrThrow();
        await c.database.db.updateTable('app_user').set({ person_id: m.person_id }).where('id', '=', c.world.users.member.id).execute();
      }
      return { url: '/api/me/dues?year=2026' };
    },
    expect: { ok: ['member'], hidden: ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'union', 'multi'] },
  },
  // A JSON body is not an upload: holders of org.manage get past the gate and are refused by the use case.
  { route: 'POST /api/dues/imports', request: () => ({ url: '/api/dues/imports', payload: { file: 'x' } }), expect: { reached: ORG_MANAGERS } },
  { route: 'POST /api/dues/imports/errors.xlsx', request: () => ({ url: '/api/dues/imports/errors.xlsx', payload: { file: 'x' } }), expect: { reached: ORG_MANAGERS } },
];
