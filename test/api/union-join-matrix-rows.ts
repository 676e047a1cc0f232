import { COMMUNITIES } from '../factories/world.js';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for 扫码入会（亮牌子）(docs/unions.md), spread into MATRIX in
 * permission-matrix.test.ts. The public page and form need no session (`public: true` in the
 * matrix's own rows there); the link and the poster are read where the union is seen; the queue,
 * its export, the link's settings and every decision need union.manage by the union's own place.
 * Fixtures: a union registered in COMMUNITIES[0] covering e0; decisions get a fresh union with one
 * pending application each, sealed with a registered person's own ciphertext (the matrix's people
 * are sealed by the app's keyring), so each caller meets the same state.
 */
const SEEN = { ok: ['sys', 'orgA', 'townA', 'commA'], hidden: ['orgB', 'parkA', 'assocA', 'union', 'multi'] };
const MANAGED = { ok: ['sys', 'orgA'], hidden: ['orgB', 'multi', 'union'] };
const EVERYONE = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'union', 'member', 'multi'];

let made = 0;
async function newUnion(c: Ctx): Promise<string> {
  const db = c.database.db;
  const { id } = await db.insertInto('union_org').values({ name: `入会矩阵工会${++made}`, kind: 'standalone', region_code: COMMUNITIES[0] }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('union_coverage').values({ union_id: id, enterprise_id: c.world.enterprises[0].id, since: '2024-01-01' }).execute();
  return id;
}
const fixtures: { union?: string } = {};
const union = async (c: Ctx) => (fixtures.union ??= await newUnion(c));
const TOKEN = 'MatrixJoinToken_0123456789abcdef';
async function linked(c: Ctx): Promise<string> {
  const id = await union(c);
  await c.database.db.insertInto('union_join_link').values({ union_id: id, token: TOKEN }).onConflict((oc) => oc.column('union_id').doNothing()).execute();
  return id;
}
const linkVersion = async (c: Ctx) =>
  (await c.database.db.selectFrom('union_join_link').select('version').where('union_id', '=', await linked(c)).executeTakeFirstOrThrow()).version;

/** A fresh union with one pending application of a registered person, who holds no live membership. */
async function pending(c: Ctx): Promise<string> {
  const db = c.database.db;
  const p = await db.selectFrom('person').selectAll().where('id', '=', c.cs.people.pPII).executeTakeFirstOrThrow();
  await db.updateTable('union_member').set({ status: 'left' }).where('person_id', '=', p.id).where('status', 'in', ['active', 'retained']).execute();
  const r = await db.insertInto('union_application').values({
    union_id: await newUnion(c), name: '矩阵申请人', gender: p.gender, id_number_enc: p.id_number_enc!, id_number_index: p.id_number_index!,
    phone_enc: p.phone_enc!, phone_index: p.phone_index!, key_id: p.key_id!, employer_name: '矩阵单位',
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export const UNION_JOIN_MATRIX_ROWS: Array<Row & { public?: boolean }> = [
  { route: 'GET /api/join/:token', public: true, request: async (c) => { await linked(c); return { url: `/api/join/${TOKEN}` }; }, expect: { ok: EVERYONE } },
  // An ID number that fails its check: refused on its own terms (400, or 429 once the address's hour is used up).
  {
    route: 'POST /api/join/:token', public: true,
    request: async (c) => { await linked(c); return { url: `/api/join/${TOKEN}`, payload: { name: '矩阵', phone: '13800000000', idNumber: '110105199003070001', employer: '矩阵单位' } }; },
    expect: { reached: EVERYONE },
  },
  { route: 'GET /api/unions/:id/join-link', request: async (c) => ({ url: `/api/unions/${await linked(c)}/join-link` }), expect: SEEN },
  { route: 'PATCH /api/unions/:id/join-link', request: async (c) => ({ url: `/api/unions/${await linked(c)}/join-link`, payload: { version: await linkVersion(c), officePhone: '0755-86000000' } }), expect: MANAGED },
  { route: 'POST /api/unions/:id/join-link/regenerate', request: async (c) => ({ url: `/api/unions/${await newUnion(c)}/join-link/regenerate`, payload: { version: 1 } }), expect: MANAGED },
  { route: 'GET /api/unions/:id/poster.pdf', request: async (c) => ({ url: `/api/unions/${await union(c)}/poster.pdf` }), expect: SEEN },
  { route: 'GET /api/unions/:id/applications', request: async (c) => ({ url: `/api/unions/${await union(c)}/applications` }), expect: MANAGED },
  { route: 'GET /api/unions/:id/applications/export.xlsx', request: async (c) => ({ url: `/api/unions/${await union(c)}/applications/export.xlsx` }), expect: MANAGED },
  { route: 'POST /api/union-applications/:id/accept', request: async (c) => ({ url: `/api/union-applications/${await pending(c)}/accept`, payload: { version: 1 } }), expect: MANAGED },
  { route: 'POST /api/union-applications/:id/reject', request: async (c) => ({ url: `/api/union-applications/${await pending(c)}/reject`, payload: { version: 1, reason: '矩阵' } }), expect: MANAGED },
  { route: 'POST /api/union-applications/:id/refer', request: async (c) => ({ url: `/api/union-applications/${await pending(c)}/refer`, payload: { version: 1, toUnionId: await union(c) } }), expect: MANAGED },
];
