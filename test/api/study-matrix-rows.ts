import { COUNTIES, TOWNSHIPS } from '../factories/world.js';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for 学习 (docs/study.md), spread into MATRIX in permission-matrix.test.ts.
 * Reading needs no action: anyone signed in reads what lies in their scope; changing needs
 * study.publish (发布学习资料) over the publisher's own place.
 * * D: a material of county A (440305) — read by everyone whose places lie in county A (its streets,
 *   the park and association registered there, the secretary's, instructor's, union officer's and
 *   member's enterprises or community), not by county B; changed only by the county (the streets and
 *   the secretary, who publish too: 403 NOT_MANAGED).
 * * Y: a material of the joint branch of street T1 (C[2]) covering e0 of street T0 — townA, commA and
 *   the instructor see it through the link and townA may not change it (403 NOT_MANAGED); multi
 *   changes it by T1; the member of T0, the union officer and county B do not see it.
 * Change probes get a fresh material at version 1, so each caller meets the same state.
 */
const EVERYONE = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'union', 'member', 'multi'];
const PUBLISHERS = ['sys', 'orgA', 'orgB', 'townA', 'secretary', 'multi'];
const D_SEEN = { ok: EVERYONE.filter((u) => u !== 'orgB'), hidden: ['orgB'] };
const D_MANAGED = { ok: ['sys', 'orgA'], notManaged: ['townA', 'secretary', 'multi'], hidden: ['orgB'] };
const Y_SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor', 'multi'], hidden: ['orgB', 'parkA', 'assocA', 'secretary', 'union', 'member'] };
const Y_MANAGED = { ok: ['sys', 'orgA', 'multi'], notManaged: ['townA'], hidden: ['orgB', 'secretary'] };

const pad12 = (p: string) => p.padEnd(12, '0');
let made = 0;

async function material(c: Ctx, publisher: 'D' | 'Y'): Promise<string> {
  const where = publisher === 'D' ? { region_code: pad12(COUNTIES[0]) } : { org_id: c.cs.orgs['跨街联合党支部']! };
  return (await c.database.db.insertInto('study_material').values({ title: `矩阵学习资料${++made}`, topic: 'theory', kind: 'text', body: '正文', ...where })
    .returning('id').executeTakeFirstOrThrow()).id;
}

/** A file of the material, whose content is one the store already holds (an earlier row's upload). */
async function file(c: Ctx, owner: string): Promise<string> {
  const db = c.database.db;
  const held = await db.selectFrom('attachment').select(['sha256', 'size', 'media_type']).where('owner_kind', '!=', 'study').orderBy('id').executeTakeFirst();
  if (!held) throw new Error('study matrix rows: no stored attachment to reuse (the standards rows upload one first)');
  return (await db.insertInto('attachment').values({ owner_kind: 'study', owner_id: owner, sha256: held.sha256, size: held.size, media_type: held.media_type, file_name: '学习辅导.pdf' })
    .returning('id').executeTakeFirstOrThrow()).id;
}

const both = (route: string, request: (c: Ctx, m: string) => Promise<{ url: string; payload?: unknown }> | { url: string; payload?: unknown }, d: Row['expect'], y: Row['expect']): Row[] => [
  { route, request: async (c) => request(c, await material(c, 'D')), expect: d },
  { route, request: async (c) => request(c, await material(c, 'Y')), expect: y },
];
const reached = (e: Row['expect']): Row['expect'] => ({ ...e, reached: e.ok, ok: [] });
const body = { title: '矩阵学习资料（修改）', topic: 'charter', kind: 'text', body: '修改后的正文', status: 'published', version: 1 };

export const STUDY_MATRIX_ROWS: Row[] = [
  { route: 'GET /api/study/materials', request: () => ({ url: '/api/study/materials?topic=theory' }), expect: { ok: EVERYONE } },
  { route: 'GET /api/study/materials/export.xlsx', request: () => ({ url: '/api/study/materials/export.xlsx' }), expect: { ok: PUBLISHERS } },
  // A street of county A: its own street office and the county publish for it; county B and T1 are refused (OUT_OF_SCOPE, 403).
  {
    route: 'POST /api/study/materials',
    request: (c) => ({ url: '/api/study/materials', payload: { title: `矩阵发布${c.n}`, topic: 'theory', kind: 'video', url: 'https://www.12371.cn/', regionCode: pad12(TOWNSHIPS[0]) } }),
    expect: { ok: ['sys', 'orgA', 'townA'] },
  },
  ...both('GET /api/study/materials/:id', (_c, m) => ({ url: `/api/study/materials/${m}` }), D_SEEN, Y_SEEN),
  ...both('PUT /api/study/materials/:id', (_c, m) => ({ url: `/api/study/materials/${m}`, payload: body }), D_MANAGED, Y_MANAGED),
  // The reader's own mark: anyone who reads the material.
  ...both('PUT /api/study/materials/:id/learned', (_c, m) => ({ url: `/api/study/materials/${m}/learned`, payload: { learned: true } }), D_SEEN, Y_SEEN),
  // A JSON body is not an upload: whoever may change the material gets past the gate and is refused for the body.
  ...both('POST /api/study/materials/:id/attachments', (_c, m) => ({ url: `/api/study/materials/${m}/attachments`, payload: { file: 'x' } }), reached(D_MANAGED), reached(Y_MANAGED)),
  ...both('GET /api/study/materials/:id/attachments/:fileId', async (c, m) => ({ url: `/api/study/materials/${m}/attachments/${await file(c, m)}` }), D_SEEN, Y_SEEN),
  ...both('DELETE /api/study/materials/:id/attachments/:fileId', async (c, m) => ({ url: `/api/study/materials/${m}/attachments/${await file(c, m)}?version=1` }), D_MANAGED, Y_MANAGED),
];
