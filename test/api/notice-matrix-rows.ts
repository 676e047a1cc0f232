import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { COMMUNITIES, TOWNSHIPS } from '../factories/world.js';
import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for notices and the daily digest (docs/notices.md, docs/inbox.md "每日摘要").
 * * N: a notice of street T0 (townA's), published to R, a branch of COMMUNITIES[0] — read and managed
 *   under 发布通知公告 by the offices whose scope holds T0 (sys, orgA, townA); orgB and multi (T1 and
 *   county 2) hold the action elsewhere: 404; the rest lack it: 403.
 * * R's copy of N: read and answered by whoever manages R by its own place (sys, orgA, townA); anyone
 *   else — a secretary of another organisation, a union officer, a member — meets 404.
 * Change probes get a fresh notice or copy at version 1, so each caller meets the same state.
 */
const EVERYONE = ['sys', 'orgA', 'orgB', 'townA', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'union', 'member', 'multi'];
const PUBLISHERS = ['sys', 'orgA', 'orgB', 'townA', 'multi'];
const NO_PUBLISH = ['commA', 'parkA', 'assocA', 'secretary', 'instructor', 'union', 'member'];
const OFFICE = { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'multi'], forbidden: NO_PUBLISH };
const COPY = { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'commA', 'parkA', 'assocA', 'secretary', 'instructor', 'union', 'member', 'multi'] };
const T0 = TOWNSHIPS[0]!.padEnd(12, '0');
const FORM = [{ key: 'n', label: '人数', type: 'number', required: true }];

let attachmentDir = '';
/** The test app's attachment directory (permission-matrix.test.ts sets it from the app's config). */
export const setNoticeAttachmentDir = (dir: string) => { attachmentDir = dir; };

let made = 0;
const fixtures: { org?: string; n?: string; copy?: string; file?: string } = {};
async function org(c: Ctx): Promise<string> {
  if (fixtures.org) return fixtures.org;
  const db = c.database.db;
  const { id } = await db.insertInto('party_org').values({ name: '通知矩阵支部', org_type: 'branch', setup_mode: 'standalone', region_code: COMMUNITIES[0] }).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
  return (fixtures.org = id);
}
async function notice(c: Ctx, state: 'draft' | 'published'): Promise<{ id: string; copy: string | null }> {
  const db = c.database.db;
  const n = await db.insertInto('notice').values({
    title: `矩阵通知${++made}`, body: '正文', publisher_region_code: T0, publisher_name: '测试街道1', reply_form: JSON.stringify(FORM),
    target: JSON.stringify({ mode: 'picked', orgs: [{ kind: 'party_org', id: await org(c) }] }), state, published_at: state === 'published' ? new Date() : null,
  }).returning('id').executeTakeFirstOrThrow();
  if (state === 'draft') return { id: n.id, copy: null };
  const r = await db.insertInto('notice_recipient').values({ notice_id: n.id, party_org_id: await org(c), region_code: COMMUNITIES[0] }).returning('id').executeTakeFirstOrThrow();
  return { id: n.id, copy: r.id };
}
const fixed = async (c: Ctx) => {
  if (!fixtures.n) { const x = await notice(c, 'published'); fixtures.n = x.id; fixtures.copy = x.copy!; }
  return { id: fixtures.n, copy: fixtures.copy! };
};
async function file(c: Ctx): Promise<string> {
  if (fixtures.file) return fixtures.file;
  const content = Buffer.from('%PDF-1.4 通知矩阵');
  const sha = createHash('sha256').update(content).digest('hex');
  const target = path.join(attachmentDir, sha.slice(0, 2), sha.slice(2, 4), sha);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, content);
  return (fixtures.file = (await c.database.db.insertInto('attachment').values({ owner_kind: 'notice', owner_id: (await fixed(c)).id, sha256: sha, size: content.length, media_type: 'application/pdf', file_name: '通知.pdf' })
    .returning('id').executeTakeFirstOrThrow()).id);
}
const versionOf = async (c: Ctx) => (await c.database.db.selectFrom('app_user').select('version').where('id', '=', c.world.users[c.caller]!.id).executeTakeFirstOrThrow()).version;
const smtpVersion = async (c: Ctx) => {
  const v = (await c.database.db.selectFrom('app_setting').select('value').where('key', '=', 'smtp').executeTakeFirst())?.value as { version?: number } | undefined;
  return v?.version ?? 1;
};
const reached = (x: { ok: string[] } & Record<string, string[]>) => { const { ok, ...rest } = x; return { reached: ok, ...rest }; };

export const NOTICE_MATRIX_ROWS: Row[] = [
  { route: 'GET /api/notices', request: () => ({ url: '/api/notices' }), expect: { ok: PUBLISHERS, forbidden: NO_PUBLISH } },
  { route: 'GET /api/notices/export.xlsx', request: () => ({ url: '/api/notices/export.xlsx' }), expect: { ok: PUBLISHERS, forbidden: NO_PUBLISH } },
  {
    route: 'POST /api/notices',
    request: async (c) => ({ url: '/api/notices', payload: { title: '矩阵拟稿', body: '正文', publisherRegionCode: T0, target: { mode: 'picked', orgs: [{ kind: 'party_org', id: await org(c) }] } } }),
    // orgB and multi hold the action elsewhere: writing in T0's name is 403 OUT_OF_SCOPE.
    expect: { ok: ['sys', 'orgA', 'townA'], forbidden: ['orgB', 'multi', ...NO_PUBLISH] },
  },
  { route: 'GET /api/notices/:id', request: async (c) => ({ url: `/api/notices/${(await fixed(c)).id}` }), expect: OFFICE },
  { route: 'POST /api/notices/:id/publish', request: async (c) => ({ url: `/api/notices/${(await notice(c, 'draft')).id}/publish`, payload: { version: 1 } }), expect: OFFICE },
  { route: 'POST /api/notices/:id/withdraw', request: async (c) => ({ url: `/api/notices/${(await notice(c, 'published')).id}/withdraw`, payload: { version: 1, reason: '矩阵撤回' } }), expect: OFFICE },
  { route: 'GET /api/notices/:id/replies', request: async (c) => ({ url: `/api/notices/${(await fixed(c)).id}/replies` }), expect: OFFICE },
  { route: 'GET /api/notices/:id/replies.xlsx', request: async (c) => ({ url: `/api/notices/${(await fixed(c)).id}/replies.xlsx` }), expect: OFFICE },
  // The upload's gate runs before the body is read: the office reaches the multipart parser (a JSON body is refused there).
  { route: 'POST /api/notices/:id/attachments', request: async (c) => ({ url: `/api/notices/${(await notice(c, 'draft')).id}/attachments`, payload: { file: 'x' } }), expect: reached(OFFICE) },
  // Read by the office and by the managers of a recipient organisation; 404 for anyone else, with or without an action.
  { route: 'GET /api/notices/:id/attachments/:fileId', request: async (c) => ({ url: `/api/notices/${(await fixed(c)).id}/attachments/${await file(c)}` }), expect: { ok: ['sys', 'orgA', 'townA'], hidden: ['orgB', 'multi', ...NO_PUBLISH] } },
  // Files of a published notice no longer change: the office reaches 409 NOT_DRAFT.
  { route: 'DELETE /api/notices/:id/attachments/:fileId', request: async (c) => ({ url: `/api/notices/${(await fixed(c)).id}/attachments/${await file(c)}?version=1` }), expect: reached(OFFICE) },
  { route: 'GET /api/notice-inbox', request: () => ({ url: '/api/notice-inbox' }), expect: { ok: EVERYONE } },
  { route: 'GET /api/notice-inbox/export.xlsx', request: () => ({ url: '/api/notice-inbox/export.xlsx' }), expect: { ok: EVERYONE } },
  { route: 'GET /api/notice-inbox/:id', request: async (c) => ({ url: `/api/notice-inbox/${(await fixed(c)).copy}` }), expect: COPY },
  { route: 'PUT /api/notice-inbox/:id/reply', request: async (c) => ({ url: `/api/notice-inbox/${(await notice(c, 'published')).copy}/reply`, payload: { version: 1, values: { n: 3 } } }), expect: COPY },
  { route: 'GET /api/settings/smtp', request: () => ({ url: '/api/settings/smtp' }), expect: { ok: ['sys'] } },
  {
    route: 'PUT /api/settings/smtp',
    request: async (c) => ({ url: '/api/settings/smtp', payload: { enabled: false, host: '', port: 587, tls: 'starttls', user: '', from: '', fromName: '两新平台', publicUrl: '', version: await smtpVersion(c) } }),
    expect: { ok: ['sys'] },
  },
  { route: 'GET /api/me/email', request: () => ({ url: '/api/me/email' }), expect: { ok: EVERYONE } },
  { route: 'PUT /api/me/email', request: async (c) => ({ url: '/api/me/email', payload: { email: `${c.caller}@example.cn`, version: await versionOf(c) } }), expect: { ok: EVERYONE } },
];
