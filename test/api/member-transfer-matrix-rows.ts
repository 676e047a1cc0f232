import { COMMUNITIES } from '../factories/world.js';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for transfers of 组织关系, 亮身份 declarations and 我的, spread into MATRIX
 * in permission-matrix.test.ts. A letter goes from an organisation of COMMUNITIES[0] (county A,
 * street A) to one of COMMUNITIES[4] (county B): street A's managers issue and revoke, county B's
 * accept and return; each side sees the letter, a third party nothing. Every probe that changes
 * something gets its own member, letter or declaration.
 */
const FROM_REGION = COMMUNITIES[0];
const TO_REGION = COMMUNITIES[4];
const ORG_READERS = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'multi'];
const ORG_MANAGERS = ['sys', 'orgA', 'orgB', 'townA', 'secretary', 'multi'];
const SENDER = { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'secretary', 'multi'] };
const BOTH_SIDES = { ok: ['sys', 'orgA', 'townA', 'commA', 'orgB', 'multi'], hidden: ['parkA', 'assocA', 'secretary', 'instructor'] };
const RECEIVER = { ok: ['sys', 'orgB', 'multi'], notManaged: ['orgA', 'townA'], hidden: ['secretary'] };
const ISSUER = { ok: ['sys', 'orgA', 'townA'], notManaged: ['orgB', 'multi'], hidden: ['secretary'] };
const STREET_DECIDERS = { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'secretary', 'multi'] };

let made = 0;
const uniq = () => ++made;
function idNumber(k: number): string {
  const body = `44030519800101${String(k % 1000).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return body + '10X98765432'[[...body].reduce((s, d, i) => s + Number(d) * w[i], 0) % 11];
}

async function newOrg(c: Ctx, region: string): Promise<string> {
  const db = c.database.db;
  const { id } = await db.insertInto('party_org').values({ name: `转接矩阵党支部${uniq()}`, org_type: 'branch', setup_mode: 'standalone', region_code: region })
    .returning('id').executeTakeFirstOrThrow();
  await db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
  return id;
}
const orgs: { from?: string; to?: string } = {};
const fromOrg = async (c: Ctx) => (orgs.from ??= await newOrg(c, FROM_REGION));
const toOrg = async (c: Ctx) => (orgs.to ??= await newOrg(c, TO_REGION));

async function newMember(c: Ctx, orgId?: string): Promise<string> {
  const db = c.database.db;
  const person = await db.insertInto('person').values({ name: `转接矩阵党员${uniq()}`, region_code: FROM_REGION }).returning('id').executeTakeFirstOrThrow();
  const m = await db.insertInto('party_member').values({ person_id: person.id, org_id: orgId ?? await fromOrg(c), category: 'full', joined_on: '2010-01-01' })
    .returning('id').executeTakeFirstOrThrow();
  return m.id;
}
async function newLetter(c: Ctx, outside = false): Promise<string> {
  const t = await c.database.db.insertInto('member_transfer').values({
    member_id: await newMember(c), direction: outside ? 'outgoing' : 'internal', from_org_id: await fromOrg(c), to_org_id: outside ? null : await toOrg(c),
    outside_org: outside ? '外省某党支部' : null, letter_year: 2090 + (uniq() % 9), letter_seq: uniq(), issued_on: '2026-01-01', valid_until: '2099-12-31', status: 'issued',
  }).returning('id').executeTakeFirstOrThrow();
  return t.id;
}
let shownMemberId = '';
const shownMember = async (c: Ctx) => (shownMemberId ||= await newMember(c));
let shownLetter = '';
const letter = async (c: Ctx) => (shownLetter ||= await newLetter(c));

async function newDeclaration(c: Ctx): Promise<string> {
  const k = uniq();
  // A number sealed with the app's own keyring (the cross-street person's), under an index of its own.
  const sealed = await c.database.db.selectFrom('person').select('id_number_enc').where('id', '=', c.cs.people.pPII).executeTakeFirstOrThrow();
  const d = await c.database.db.insertInto('member_declaration').values({
    name: `申报矩阵${k}`, id_number_enc: sealed.id_number_enc!, id_number_index: `matrix-${k}`, enterprise_id: c.world.enterprises[0].id, named_org: '某地党支部',
    category: 'full', channel: 'official',
  }).returning('id').executeTakeFirstOrThrow();
  return d.id;
}
let shownDecl = '';
const declaration = async (c: Ctx) => (shownDecl ||= await newDeclaration(c));

export const MEMBER_TRANSFER_MATRIX_ROWS: Row[] = [
  { route: 'GET /api/member-transfers', request: () => ({ url: '/api/member-transfers?box=out' }), expect: { ok: ORG_READERS } },
  { route: 'GET /api/member-transfers/export.xlsx', request: () => ({ url: '/api/member-transfers/export.xlsx?box=in' }), expect: { ok: ORG_READERS } },
  { route: 'GET /api/member-transfers/receivers', request: () => ({ url: '/api/member-transfers/receivers?q=转接矩阵' }), expect: { ok: ORG_MANAGERS } },
  { route: 'POST /api/member-transfers', request: async (c) => ({ url: '/api/member-transfers', payload: { memberId: await newMember(c), toOrgId: await toOrg(c) } }), expect: SENDER },
  {
    route: 'POST /api/member-transfers/incoming',
    request: async (c) => ({ url: '/api/member-transfers/incoming', payload: {
      toOrgId: await fromOrg(c), outsideOrg: '外省某党支部', paperLetterNo: `纸${uniq()}`, receiptOn: '2026-01-05', name: `转入矩阵${uniq()}`,
      idNumber: idNumber(uniq()), category: 'full', joinedOn: '2010-01-01',
    } }),
    expect: SENDER,
  },
  {
    route: 'POST /api/member-transfers/org-move',
    request: async (c) => {
      const from = await newOrg(c, FROM_REGION);
      await newMember(c, from);
      return { url: '/api/member-transfers/org-move', payload: { fromOrgId: from, toOrgId: await toOrg(c) } };
    },
    expect: SENDER,
  },
  { route: 'GET /api/member-transfers/:id', request: async (c) => ({ url: `/api/member-transfers/${await letter(c)}` }), expect: BOTH_SIDES },
  { route: 'POST /api/member-transfers/:id/accept', request: async (c) => ({ url: `/api/member-transfers/${await newLetter(c)}/accept`, payload: { version: 1 } }), expect: RECEIVER },
  { route: 'POST /api/member-transfers/:id/return', request: async (c) => ({ url: `/api/member-transfers/${await newLetter(c)}/return`, payload: { version: 1, reason: '矩阵退回' } }), expect: RECEIVER },
  { route: 'POST /api/member-transfers/:id/revoke', request: async (c) => ({ url: `/api/member-transfers/${await newLetter(c)}/revoke`, payload: { version: 1, reason: '矩阵撤回' } }), expect: ISSUER },
  {
    route: 'POST /api/member-transfers/:id/receipt', request: async (c) => ({ url: `/api/member-transfers/${await newLetter(c, true)}/receipt`, payload: { version: 1, receiptOn: '2026-01-10' } }),
    expect: SENDER,
  },
  { route: 'GET /api/member-declarations', request: () => ({ url: '/api/member-declarations' }), expect: { ok: [...ORG_READERS, 'member'] } },
  { route: 'GET /api/member-declarations/export.xlsx', request: () => ({ url: '/api/member-declarations/export.xlsx' }), expect: { ok: [...ORG_READERS, 'member'] } },
  { route: 'GET /api/member-declarations/enterprises', request: () => ({ url: '/api/member-declarations/enterprises?q=企业' }), expect: { ok: [...ORG_MANAGERS, 'member'] } },
  {
    route: 'POST /api/member-declarations',
    request: (c) => ({ url: '/api/member-declarations', payload: {
      name: `亮身份矩阵${uniq()}`, idNumber: idNumber(uniq()), enterpriseId: c.world.enterprises[0].id, namedOrg: '某地党支部', category: 'full',
    } }),
    expect: { ok: ['sys', 'orgA', 'townA', 'member'], hidden: ['orgB', 'secretary', 'multi'] },
  },
  {
    route: 'GET /api/member-declarations/:id', request: async (c) => ({ url: `/api/member-declarations/${await declaration(c)}` }),
    expect: { ok: ['sys', 'orgA', 'townA', 'commA'], hidden: ['orgB', 'parkA', 'assocA', 'secretary', 'instructor', 'multi', 'member'] },
  },
  { route: 'POST /api/member-declarations/:id/confirm', request: async (c) => ({ url: `/api/member-declarations/${await newDeclaration(c)}/confirm`, payload: { version: 1 } }), expect: STREET_DECIDERS },
  { route: 'POST /api/member-declarations/:id/reject', request: async (c) => ({ url: `/api/member-declarations/${await newDeclaration(c)}/reject`, payload: { version: 1, reason: '矩阵退回' } }), expect: STREET_DECIDERS },
  {
    route: 'GET /api/me/member',
    request: async (c) => {
      if (c.caller === 'member') {
        const person = await c.database.db.insertInto('person').values({ name: `我的矩阵${uniq()}`, region_code: FROM_REGION }).returning('id').executeTakeFirstOrThrow();
        await c.database.db.updateTable('app_user').set({ person_id: person.id }).where('id', '=', c.world.users.member.id).execute();
      }
      return { url: '/api/me/member' };
    },
    // Linked accounts only; a declaration made from an account also opens its page (sys, orgA, townA and member declared above).
    expect: { ok: ['sys', 'orgA', 'townA', 'member'], hidden: ['orgB', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'union', 'multi'] },
  },
  {
    route: 'POST /api/members/:id/mobility',
    request: async (c) => ({ url: `/api/members/${await newMember(c)}/mobility`, payload: { version: 1, status: 'lostContact', since: '2025-01-01' } }),
    expect: { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'secretary', 'multi'] },
  },
  {
    route: 'POST /api/members/:id/mobile-reports',
    request: async (c) => {
      const id = await newMember(c);
      await c.database.db.updateTable('party_member').set({ status: 'mobile', status_since: '2025-01-01', mobile_card_no: '矩阵流0001', mobile_org_name: '外地某党支部' }).where('id', '=', id).execute();
      return { url: `/api/members/${id}/mobile-reports`, payload: { version: 1, reportedOn: '2025-06-01' } };
    },
    expect: { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'secretary', 'multi'] },
  },
  { route: 'GET /api/members/:id/status-findings', request: async (c) => ({ url: `/api/members/${await shownMember(c)}/status-findings` }), expect: { ok: ['sys', 'orgA', 'townA', 'commA'], hidden: ['orgB', 'parkA', 'assocA', 'secretary', 'instructor', 'multi'] } },
  { route: 'GET /api/member-findings', request: () => ({ url: '/api/member-findings' }), expect: { ok: ORG_READERS } },
  { route: 'GET /api/member-mobility', request: () => ({ url: '/api/member-mobility' }), expect: { ok: ORG_READERS } },
  { route: 'GET /api/member-mobility/export.xlsx', request: () => ({ url: '/api/member-mobility/export.xlsx' }), expect: { ok: ORG_READERS } },
  { route: 'PUT /api/users/:id/person', request: (c) => ({ url: `/api/users/${c.world.users.commA.id}/person`, payload: { personId: null } }), expect: { ok: ['sys', 'orgA'], hidden: ['orgB', 'multi'] } },
];
