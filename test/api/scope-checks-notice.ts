import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../src/db/database.js';
import { call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { Oracle, same, scopeOf, type CheckResult } from './scope-oracle.js';

/**
 * Notices in the scope property test, against docs/notices.md ("Who"):
 * * an organisation's copy is in a reader's 通知 list when the reader manages that organisation by its
 *   own place — 管理党组织 for a party organisation, 管理工会 for a union; never through a link; the
 *   notices of the reader's own office (notice.publish over the sender's region) are left out;
 * * a street or district office may address an organisation only when it lies, by its own place, in
 *   the office's region and in the caller's notice.publish scope: a picked organisation outside is
 *   refused by row (400 NOT_ADDRESSABLE), nothing written; without the action, 403.
 * * the notice's files are downloaded by its office and by the managers of any of its copies; 404 else.
 * One published notice from the city (440300000000) to every organisation and union of the world, with
 * one file, is made on first use, per world.
 */
type Copy = { id: string; org: string | null; union: string | null; notice: string; file: string };
const made = new WeakMap<Database, Copy[]>();
const CITY = '440300000000';

async function copies(c: Ctx): Promise<Copy[]> {
  const have = made.get(c.database);
  if (have) return have;
  const db = c.database.db;
  const n = await db.insertInto('notice').values({
    title: '范围检查通知', body: '正文', publisher_region_code: CITY, publisher_name: '市委组织部', target: JSON.stringify({ mode: 'region', kinds: ['party_org', 'union_org'] }),
    state: 'published', published_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow();
  const rows = [...[...c.model.orgs.keys()].map((id) => ({ notice_id: n.id, party_org_id: id, union_id: null })), ...[...c.model.unions.keys()].map((id) => ({ notice_id: n.id, party_org_id: null, union_id: id }))];
  // One file of the notice, its content in the server's store: read by the office and by the managers of a recipient.
  const content = Buffer.from('%PDF-1.4 范围检查通知');
  const sha = createHash('sha256').update(content).digest('hex');
  const target = path.join(c.attachmentDir!, sha.slice(0, 2), sha.slice(2, 4), sha);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, content);
  const file = (await db.insertInto('attachment').values({ owner_kind: 'notice', owner_id: n.id, sha256: sha, size: content.length, media_type: 'application/pdf', file_name: '通知.pdf' })
    .returning('id').executeTakeFirstOrThrow()).id;
  const out = (await db.insertInto('notice_recipient').values(rows).returning(['id', 'party_org_id', 'union_id']).execute())
    .map((r) => ({ id: r.id, org: r.party_org_id, union: r.union_id, notice: n.id, file }));
  made.set(c.database, out);
  return out;
}

export const noticeInbox: Op = async (c, user) => {
  const all = await copies(c);
  const g = c.world.users[user].grants;
  const o = new Oracle(c.model);
  const orgM = scopeOf(g, 'org.manage');
  const unionM = scopeOf(g, 'union.manage');
  const publish = scopeOf(g, 'notice.publish');
  const ownOffice = publish.held && (publish.all || publish.prefixes.some((p) => CITY.startsWith(p)));
  // The copies of the organisations the reader manages; the 通知 list leaves out the reader's own
  // office's notices, but a copy the reader manages opens all the same.
  const mine = all.filter((x) => (x.org ? o.own(orgM, 'org', x.org) : o.own(unionM, 'union', x.union!))).map((x) => x.id);
  const want = ownOffice ? [] : mine;
  const res = await call(c.app, c.sessions[user], 'GET', '/api/notice-inbox');
  const problems: string[] = [];
  same(problems, 'status', 200, res.statusCode);
  if (res.statusCode === 200) {
    const body = res.json() as { items: Array<{ recipientId: string }>; total: number };
    const ids = new Set(all.map((x) => x.id));
    const got = body.items.map((i) => i.recipientId).filter((id) => ids.has(id));
    same(problems, 'rows', want.sort(), got.sort());
    same(problems, 'total', body.items.length, body.total);
  }
  // Opening a copy: one that is not the reader's is the same 404 as one that does not exist.
  for (const x of all.slice(0, 3)) {
    const r = await call(c.app, c.sessions[user], 'GET', `/api/notice-inbox/${x.id}`);
    same(problems, `open ${x.id}`, mine.includes(x.id) ? 200 : 404, r.statusCode);
  }
  // The notice's file: its office, or the manager of any copy; anyone else the same 404 as no file.
  const download = await call(c.app, c.sessions[user], 'GET', `/api/notices/${all[0]!.notice}/attachments/${all[0]!.file}`);
  same(problems, 'file', ownOffice || mine.length > 0 ? 200 : 404, download.statusCode);
  return { op: 'noticeInbox', user, target: 'notice-inbox', problems } satisfies CheckResult;
};

export const noticeAddress: Op = async (c, user, a) => {
  const ids = [...c.model.orgs.keys()];
  const org = ids[a % ids.length]!;
  const g = c.world.users[user].grants;
  const publish = scopeOf(g, 'notice.publish');
  const office = (publish.prefixes[0] ?? '440305').padEnd(12, '0');
  const officePrefix = publish.prefixes[0] ?? '440305';
  const rec = c.model.orgs.get(org)!;
  const status = (await c.database.db.selectFrom('party_org').select('status').where('id', '=', org).executeTakeFirstOrThrow()).status;
  const officeOk = publish.held && (publish.all || publish.prefixes.some((p) => office.startsWith(p)));
  const addressable = officeOk && status === 'active' && rec.region !== null && rec.region.startsWith(officePrefix) && new Oracle(c.model).own(publish, 'org', org);
  const want = !publish.held || !officeOk ? 403 : addressable ? 201 : 400;
  const before = await c.database.db.selectFrom('notice').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const res = await call(c.app, c.sessions[user], 'POST', '/api/notices', { title: '范围检查', body: '正文', publisherRegionCode: office, target: { mode: 'picked', orgs: [{ kind: 'party_org', id: org }] } });
  const problems: string[] = [];
  same(problems, 'status', want, res.statusCode);
  if (want === 400) same(problems, 'code', 'NOT_ADDRESSABLE', (res.json() as { details: Array<{ code: string }> }).details[0]?.code);
  const after = await c.database.db.selectFrom('notice').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  same(problems, 'written', want === 201 ? Number(before.n) + 1 : Number(before.n), Number(after.n));
  return { op: 'noticeAddress', user, target: `org ${org}`, expected: String(want), problems } satisfies CheckResult;
};
