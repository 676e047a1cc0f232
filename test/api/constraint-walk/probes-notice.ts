import { api, NO_ID, NO_REGION, path, REGION, type Probe, type Walk } from './walk.js';

/**
 * Notices (docs/notices.md) and the digest's e-mail address (docs/inbox.md, "每日摘要"): the
 * constraints of notice and notice_recipient driven through POST /api/notices, withdraw and the reply
 * of a copy; app_user.email through PUT /api/me/email. A notice of the fixture's district to its party
 * organisations (the walk's 约束党支部 among them) is published by NOTICE_FIXTURE.
 */
const OFFICE = REGION.slice(0, 6).padEnd(12, '0');
const notice = { title: '约束通知', body: '正文', publisherRegionCode: OFFICE, target: { mode: 'region', kinds: ['party_org'] } };
const post = (body: Record<string, unknown>) => api((w) => w.api('POST', '/api/notices', { ...notice, ...body }));

export async function NOTICE_FIXTURE(w: Omit<Walk, 'f'>): Promise<void> {
  const made = await w.api('POST', '/api/notices', { ...notice, replyForm: [{ key: 'n', label: '人数', type: 'number', required: true }] });
  if (made.statusCode !== 201) throw new Error(`notice fixture: ${made.statusCode} ${made.body}`);
  const n = made.json() as { id: string; version: number };
  const res = await w.api('POST', `/api/notices/${n.id}/publish`, { version: n.version });
  if (res.statusCode !== 200) throw new Error(`notice fixture publish: ${res.statusCode} ${res.body}`);
}
const fixture = async (w: Walk) => w.database.db.selectFrom('notice').select(['id', 'version']).where('title', '=', '约束通知').where('state', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
const myVersion = async (w: Walk) => (await w.database.db.selectFrom('app_user').select('version').where('username', '=', 'sys').executeTakeFirstOrThrow()).version;

export const NOTICE_PROBES: Record<string, Probe | Probe[]> = {
  notice_title_check: [post({ title: '' }), post({ title: '通'.repeat(201) })],
  notice_body_check: [post({ body: '' }), post({ body: '文'.repeat(20001) })],
  notice_publisher_region_fk: post({ publisherRegionCode: NO_REGION }),
  notice_publisher_name_check: [post({ publisherName: '' }), post({ publisherName: '名'.repeat(61) })],
  notice_withdraw_reason_check: [
    api(async (w) => w.api('POST', `/api/notices/${(await fixture(w)).id}/withdraw`, { version: (await fixture(w)).version, reason: '' })),
    api(async (w) => w.api('POST', `/api/notices/${(await fixture(w)).id}/withdraw`, { version: (await fixture(w)).version, reason: '因'.repeat(201) })),
  ],
  'notice.title': post({ title: undefined }),
  'notice.body': post({ body: undefined }),
  'notice.publisher_region_code': post({ publisherRegionCode: undefined }),
  'notice.target': post({ target: undefined }),
  notice_recipient_notice_fk: path((w) => w.api('GET', `/api/notices/${NO_ID}/replies`)),
  notice_recipient_org_fk: post({ target: { mode: 'picked', orgs: [{ kind: 'party_org', id: NO_ID }] } }),
  notice_recipient_union_fk: post({ target: { mode: 'picked', orgs: [{ kind: 'union_org', id: NO_ID }] } }),
  'notice_recipient.notice_id': path((w) => w.api('PUT', `/api/notice-inbox/${NO_ID}/reply`, { version: 1, values: { n: 1 } })),
  app_user_email_check: [
    api(async (w) => w.api('PUT', '/api/me/email', { email: 'not-an-address', version: await myVersion(w) })),
    api(async (w) => w.api('PUT', '/api/me/email', { email: `${'a'.repeat(250)}@x.cn`, version: await myVersion(w) })),
  ],
};

export const NOTICE_SKIPPED: Record<string, string> = {
  'notice.publisher_name': 'the request may leave it out: the service fills in the sending region\'s own name (区划名称)',
  notice_state_check: 'the state is a literal the publish and withdraw steps write (草稿 → 已发布 → 已撤回); no request carries it',
  notice_withdrawn_when: 'the withdrawal writes the state and its time in one statement',
  notice_created_by_fk: 'the signed-in author, read from the session',
  notice_published_by_fk: 'the signed-in publisher, read from the session',
  notice_withdrawn_by_fk: 'the signed-in user who withdraws, read from the session',
  notice_recipient_read_by_fk: 'the signed-in reader, read from the session',
  notice_recipient_replied_by_fk: 'the signed-in user who replies, read from the session',
  notice_recipient_replied_when: 'the reply and its time are written in one statement',
  notice_recipient_one_org: 'each row is written from one addressee, a party organisation or a union (the target\'s kind)',
  notice_recipient_org_key: 'the recipients are written once, at publishing, from a set of distinct organisations; a second publish is refused (NOT_DRAFT)',
  notice_recipient_union_key: 'as notice_recipient_org_key, for unions',
};
