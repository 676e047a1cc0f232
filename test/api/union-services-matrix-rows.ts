import { COMMUNITIES } from '../factories/world.js';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for the union services (docs/unions.md "工会服务"), spread into MATRIX in
 * permission-matrix.test.ts. Everything hangs on 跨街联合工会 (U1): registered in street T1, covering
 * an enterprise of T0 — townA reads it through the link (and holds no union.manage), multi sees it by
 * T1 and manages unions only in the other county (403 NOT_MANAGED), orgA manages it by its own place.
 * Writes get a fresh file, line or person per request, so each caller meets the same state.
 */
const READERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'union', 'multi'];
const U1_SEEN = { ok: ['sys', 'orgA', 'townA', 'multi'], hidden: ['orgB', 'commA', 'parkA', 'assocA', 'union'] };
const U1_MANAGED = { ok: ['sys', 'orgA'], notManaged: ['multi'], hidden: ['orgB', 'union'] };
const MANAGERS = ['sys', 'orgA', 'orgB', 'union', 'multi'];
const PERSON_SEEN = { ok: ['sys', 'orgA', 'multi'], hidden: ['orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'union'] };

const U1 = (c: Ctx) => c.cs.unions['跨街联合工会'];
let made = 0;
const T1_COMMUNITY = COMMUNITIES[3];

/** A person of street T1 holding a live membership of U1 (so a 帮扶 application is valid). */
async function member(c: Ctx): Promise<string> {
  const db = c.database.db;
  const { id } = await db.insertInto('person').values({ name: `帮扶矩阵会员${++made}`, region_code: T1_COMMUNITY }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('union_member').values({ person_id: id, union_id: U1(c), joined_on: '2024-01-01', status: 'active' }).execute();
  return id;
}
async function file(c: Ctx, status: 'applied' | 'approved'): Promise<string> {
  const r = await c.database.db.insertInto('union_hardship_file').values({
    union_id: U1(c), person_id: await member(c), level: 'relative', reasons: ['illness'], applied_on: '2025-01-10',
    status, approved_on: status === 'approved' ? '2025-01-20' : null,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}
/** A month no other probe used: months counted back from 2025-12. */
function freshMonth(): string {
  const k = ++made;
  const y = 2025 - Math.floor(k / 12);
  return `${y}-${String((k % 12) + 1).padStart(2, '0')}`;
}
async function line(c: Ctx): Promise<string> {
  const month = `${freshMonth()}-01`;
  const r = await c.database.db.insertInto('union_funds_month').values({ union_id: U1(c), month, payroll_fen: 1000000, due_fen: 20000, due_on: `${month.slice(0, 8)}15` })
    .returning('id').executeTakeFirstOrThrow();
  return r.id;
}
const fixtures: { file?: string } = {};

export const UNION_SERVICES_MATRIX_ROWS: Row[] = [
  { route: 'GET /api/unions/:id/services', request: (c) => ({ url: `/api/unions/${U1(c)}/services` }), expect: U1_SEEN },
  { route: 'GET /api/hardship', request: () => ({ url: '/api/hardship' }), expect: { ok: READERS } },
  { route: 'GET /api/hardship/export.xlsx', request: () => ({ url: '/api/hardship/export.xlsx' }), expect: { ok: READERS } },
  {
    route: 'POST /api/unions/:id/hardship',
    request: async (c) => ({ url: `/api/unions/${U1(c)}/hardship`, payload: { personId: await member(c), level: 'deep', reasons: ['illness'], appliedOn: '2025-02-01' } }),
    expect: U1_MANAGED,
  },
  { route: 'GET /api/hardship/:id', request: async (c) => ({ url: `/api/hardship/${(fixtures.file ??= await file(c, 'approved'))}` }), expect: U1_SEEN },
  { route: 'POST /api/hardship/:id/decision', request: async (c) => ({ url: `/api/hardship/${await file(c, 'applied')}/decision`, payload: { version: 1, decision: 'approve', on: '2025-02-01' } }), expect: U1_MANAGED },
  { route: 'POST /api/hardship/:id/payments', request: async (c) => ({ url: `/api/hardship/${await file(c, 'approved')}/payments`, payload: { version: 1, paidOn: '2025-02-01', kind: 'living', amountFen: 50000 } }), expect: U1_MANAGED },
  { route: 'POST /api/hardship/:id/reviews', request: async (c) => ({ url: `/api/hardship/${await file(c, 'approved')}/reviews`, payload: { version: 1, reviewedOn: '2026-01-20', outcome: 'continue', level: 'relative' } }), expect: U1_MANAGED },
  { route: 'POST /api/hardship/:id/close', request: async (c) => ({ url: `/api/hardship/${await file(c, 'approved')}/close`, payload: { version: 1, closedOn: '2025-06-01', reason: '再就业' } }), expect: U1_MANAGED },
  { route: 'GET /api/unions/:id/competitions', request: (c) => ({ url: `/api/unions/${U1(c)}/competitions` }), expect: U1_SEEN },
  { route: 'POST /api/unions/:id/competitions', request: (c) => ({ url: `/api/unions/${U1(c)}/competitions`, payload: { name: `矩阵劳动竞赛${++made}`, startsOn: '2025-03-01', endsOn: '2025-04-01', participants: 30 } }), expect: U1_MANAGED },
  { route: 'POST /api/unions/:id/honours', request: async (c) => ({ url: `/api/unions/${U1(c)}/honours`, payload: { personId: await member(c), kind: 'techExpert', level: 'district', year: 2024, awardedBy: '区人力资源和社会保障局' } }), expect: U1_MANAGED },
  { route: 'GET /api/people/:id/honours', request: (c) => ({ url: `/api/people/${c.cs.people.pR1}/honours` }), expect: PERSON_SEEN },
  { route: 'GET /api/unions/:id/funds', request: (c) => ({ url: `/api/unions/${U1(c)}/funds?year=2025` }), expect: U1_SEEN },
  { route: 'POST /api/unions/:id/funds', request: (c) => ({ url: `/api/unions/${U1(c)}/funds`, payload: { month: freshMonth(), payrollFen: 5000000 } }), expect: U1_MANAGED },
  { route: 'POST /api/union-funds/generate', request: () => ({ url: '/api/union-funds/generate', payload: { month: '2026-01' } }), expect: { ok: MANAGERS } },
  { route: 'POST /api/union-funds/:id/payment', request: async (c) => ({ url: `/api/union-funds/${await line(c)}/payment`, payload: { version: 1, paidFen: 20000, paidOn: '2025-12-10' } }), expect: U1_MANAGED },
  { route: 'POST /api/union-funds/:id/payroll', request: async (c) => ({ url: `/api/union-funds/${await line(c)}/payroll`, payload: { version: 1, payrollFen: 2000000 } }), expect: U1_MANAGED },
  { route: 'GET /api/union-funds/rollup', request: () => ({ url: '/api/union-funds/rollup?year=2025' }), expect: { ok: READERS } },
  { route: 'GET /api/union-funds/rollup/export.xlsx', request: () => ({ url: '/api/union-funds/rollup/export.xlsx?year=2025' }), expect: { ok: READERS } },
  { route: 'GET /api/union-funds/lines', request: () => ({ url: '/api/union-funds/lines?year=2025' }), expect: { ok: READERS } },
  { route: 'GET /api/union-funds/lines/export.xlsx', request: () => ({ url: '/api/union-funds/lines/export.xlsx?year=2025' }), expect: { ok: READERS } },
];
