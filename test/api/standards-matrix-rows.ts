import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { COMMUNITIES } from '../factories/world.js';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for 标准化建设 and attachments (docs/standards.md, docs/attachments.md),
 * spread into MATRIX in permission-matrix.test.ts. An assessment and a file are read where their
 * organisation is read (org.read: own place or a current link) and written by its manager by own
 * place (never through a link); a review needs org.manage over the organisation's place by area
 * (street or wider), so a street that sees a joint branch of another street only through a link is
 * refused (NOT_REVIEWER, a 403), as is every reader without org.manage.
 * * R: a branch registered in COMMUNITIES[0] (street T0) covering e0.
 * * Y: a joint branch of street T1 (C[2]) covering e0 — townA sees it, multi manages and reviews it.
 * Writes get a fresh organisation or assessment per request, so each caller meets the same state.
 */
const ALL = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'union', 'member', 'multi'];
const SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor'], hidden: ['orgB', 'parkA', 'assocA', 'secretary', 'multi'] };
const MANAGED = { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'secretary', 'multi'] };
const Y_SEEN = { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor', 'multi'], hidden: ['orgB', 'parkA', 'assocA', 'secretary'] };
const Y_MANAGED = { ok: ['sys', 'orgA', 'multi'], notManaged: ['townA'], hidden: ['orgB', 'secretary'] };
const reached = (x: { ok: string[] } & Record<string, string[]>) => { const { ok, ...rest } = x; return { reached: ok, ...rest }; };

/** The test app's attachment directory (permission-matrix.test.ts sets it from the app's config). */
let attachmentDir = '';
export const setStandardsAttachmentDir = (dir: string) => { attachmentDir = dir; };

let made = 0;
async function branch(c: Ctx, region: string, mode: 'standalone' | 'joint'): Promise<string> {
  const db = c.database.db;
  const { id } = await db.insertInto('party_org').values({ name: `标准矩阵支部${++made}`, org_type: 'branch', setup_mode: mode, region_code: region })
    .returning('id').executeTakeFirstOrThrow();
  await db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
  await db.insertInto('party_org_coverage').values({ org_id: id, enterprise_id: c.world.enterprises[0].id, mode, since: '2024-01-01' }).execute();
  return id;
}
const own = (c: Ctx) => branch(c, COMMUNITIES[0], 'standalone');
const joint = (c: Ctx) => branch(c, COMMUNITIES[2], 'joint');
const KEYS = ['organisation', 'secretary', 'site', 'rules', 'activities', 'funds'];

async function assessment(c: Ctx, org: string, status: 'draft' | 'submitted' = 'draft'): Promise<string> {
  const db = c.database.db;
  const { id } = await db.insertInto('checklist_assessment').values({
    template_id: 'partySixHave', template_version: '2019-01-01', party_org_id: org, year: 2026, status, stage: status === 'submitted' ? 'street' : null,
  }).returning('id').executeTakeFirstOrThrow();
  for (const k of KEYS) await db.insertInto('checklist_evidence').values({ assessment_id: id, item_key: k, kind: 'attestation', attestation: '矩阵说明' }).execute();
  return id;
}

async function file(c: Ctx, kind: 'meeting' | 'checklist', owner: string): Promise<string> {
  const content = Buffer.from(`%PDF-1.4 矩阵${++made}`);
  const sha = createHash('sha256').update(content).digest('hex');
  const target = path.join(attachmentDir, sha.slice(0, 2), sha.slice(2, 4), sha);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, content);
  return (await c.database.db.insertInto('attachment').values({ owner_kind: kind, owner_id: owner, sha256: sha, size: content.length, media_type: 'application/pdf', file_name: '矩阵.pdf' })
    .returning('id').executeTakeFirstOrThrow()).id;
}
async function meeting(c: Ctx, org: string): Promise<string> {
  return (await c.database.db.insertInto('meeting').values({ org_id: org, kind: 'themeDay', held_on: '2026-03-05', topic: `标准矩阵主题党日${++made}` })
    .returning('id').executeTakeFirstOrThrow()).id;
}
async function union(c: Ctx): Promise<string> {
  return (await c.database.db.insertInto('union_org').values({ name: `标准矩阵工会${++made}`, kind: 'standalone', region_code: COMMUNITIES[0] })
    .returning('id').executeTakeFirstOrThrow()).id;
}

const fixtures: Record<string, string> = {};
const once = async (key: string, make: () => Promise<string>) => (fixtures[key] ??= await make());
const R = (c: Ctx) => once('R', () => own(c));
const Y = (c: Ctx) => once('Y', () => joint(c));
const RA = async (c: Ctx) => once('RA', async () => assessment(c, await R(c)));
const YA = async (c: Ctx) => once('YA', async () => assessment(c, await Y(c)));

const pair = (route: string, make: (c: Ctx, org: (c: Ctx) => Promise<string>) => Promise<{ url: string; payload?: unknown }>, r: Row['expect'], y: Row['expect']): Row[] => [
  { route, request: (c) => make(c, own), expect: r },
  { route, request: (c) => make(c, joint), expect: y },
];
const fixed = (route: string, make: (c: Ctx, a: (c: Ctx) => Promise<string>, org: (c: Ctx) => Promise<string>) => Promise<{ url: string; payload?: unknown }>, r: Row['expect'], y: Row['expect']): Row[] => [
  { route, request: (c) => make(c, RA, R), expect: r },
  { route, request: (c) => make(c, YA, Y), expect: y },
];
const marks = { organisation: 18, secretary: 14, site: 14, rules: 14, activities: 18, funds: 14 };

export const STANDARDS_MATRIX_ROWS: Row[] = [
  { route: 'GET /api/standards/templates', request: () => ({ url: '/api/standards/templates' }), expect: { ok: ALL } },
  ...fixed('GET /api/party-orgs/:id/standards', async (c, _a, o) => ({ url: `/api/party-orgs/${await o(c)}/standards?year=2026` }), SEEN, Y_SEEN),
  { route: 'GET /api/unions/:id/standards', request: async (c) => ({ url: `/api/unions/${await once('U', () => union(c))}/standards` }), expect: { ok: ['sys', 'orgA', 'townA', 'commA'], hidden: ['orgB', 'parkA', 'assocA', 'union', 'multi'] } },
  ...pair('POST /api/standards/assessments', async (c, o) => ({ url: '/api/standards/assessments', payload: { templateId: 'partySixHave', orgKind: 'partyOrg', orgId: await o(c), year: 2026 } }), MANAGED, Y_MANAGED),
  ...fixed('GET /api/standards/assessments/:id', async (c, a) => ({ url: `/api/standards/assessments/${await a(c)}` }), SEEN, Y_SEEN),
  ...pair('PUT /api/standards/assessments/:id/items/:key', async (c, o) => ({ url: `/api/standards/assessments/${await assessment(c, await o(c))}/items/funds`, payload: { version: 1, kind: 'attestation', attestation: '党费返还' } }), MANAGED, Y_MANAGED),
  // A JSON body is not an upload: managers get past the gate and are refused for the body (406).
  ...fixed('POST /api/standards/assessments/:id/items/:key/file', async (c, a) => ({ url: `/api/standards/assessments/${await a(c)}/items/site/file`, payload: { version: 1 } }), reached(MANAGED), reached(Y_MANAGED)),
  ...fixed('GET /api/standards/assessments/:id/attachments/:fileId', async (c, a) => ({ url: `/api/standards/assessments/${await a(c)}/attachments/${await file(c, 'checklist', await a(c))}` }), SEEN, Y_SEEN),
  ...pair('POST /api/standards/assessments/:id/submit', async (c, o) => ({ url: `/api/standards/assessments/${await assessment(c, await o(c))}/submit`, payload: { version: 1 } }), MANAGED, Y_MANAGED),
  ...pair('POST /api/standards/assessments/:id/reviews', async (c, o) => ({ url: `/api/standards/assessments/${await assessment(c, await o(c), 'submitted')}/reviews`, payload: { version: 1, decision: 'pass', marks } }),
    { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'parkA', 'assocA', 'secretary', 'multi'] },
    { ok: ['sys', 'orgA', 'multi'], hidden: ['orgB', 'parkA', 'assocA', 'secretary'] }),
  { route: 'GET /api/standards/reviews', request: () => ({ url: '/api/standards/reviews?year=2026' }), expect: { ok: ALL.filter((u) => u !== 'member') } },
  { route: 'GET /api/standards/reviews/export.xlsx', request: () => ({ url: '/api/standards/reviews/export.xlsx?year=2026' }), expect: { ok: ALL.filter((u) => u !== 'member') } },
  { route: 'GET /api/standards/rollup', request: () => ({ url: '/api/standards/rollup?year=2026' }), expect: { ok: ALL.filter((u) => u !== 'member') } },
  ...pair('GET /api/meetings/:id/attachments', async (c, o) => ({ url: `/api/meetings/${await meeting(c, await o(c))}/attachments` }), SEEN, Y_SEEN),
  ...pair('POST /api/meetings/:id/attachments', async (c, o) => ({ url: `/api/meetings/${await meeting(c, await o(c))}/attachments`, payload: { file: 'x' } }), reached(MANAGED), reached(Y_MANAGED)),
  ...pair('GET /api/meetings/:id/attachments/:fileId', async (c, o) => { const m = await meeting(c, await o(c)); return { url: `/api/meetings/${m}/attachments/${await file(c, 'meeting', m)}` }; }, SEEN, Y_SEEN),
  ...fixed('GET /api/party-orgs/:id/recognitions', async (c, _a, o) => ({ url: `/api/party-orgs/${await o(c)}/recognitions` }), SEEN, Y_SEEN),
  ...fixed('POST /api/party-orgs/:id/recognitions', async (c, _a, o) => ({ url: `/api/party-orgs/${await o(c)}/recognitions`, payload: { kind: 'modelSite', title: '街道党建示范点', level: 'street', grantedOn: '2026-06-30' } }), MANAGED, Y_MANAGED),
  // Each caller pairs a fresh organisation with the fixture's own branch R (seen by every manager that may record it).
  ...pair('POST /api/party-orgs/:id/pairings', async (c, o) => ({ url: `/api/party-orgs/${await o(c)}/pairings`, payload: { partnerOrgId: await once('P', () => branch(c, COMMUNITIES[0], 'standalone')), since: '2026-03-01' } }),
    MANAGED, { ok: ['sys', 'orgA'], notManaged: ['townA'], hidden: ['orgB', 'secretary', 'multi'] }),
  ...pair('DELETE /api/meetings/:id/attachments/:fileId', async (c, o) => { const m = await meeting(c, await o(c)); return { url: `/api/meetings/${m}/attachments/${await file(c, 'meeting', m)}?version=1` }; }, MANAGED, Y_MANAGED),
];
