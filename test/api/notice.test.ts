import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Notice, NoticeCopy, NoticeInboxPage, NoticeReplyTable } from '../../src/contracts/notice.js';
import { hashPassword } from '../../src/core/auth/password.js';
import { COMMUNITIES, PASSWORD, TOWNSHIPS, signInAs } from '../factories/world.js';
import { testEngine } from '../helpers/db.js';
import { useTwoStreets } from '../helpers/two-streets.js';

/**
 * Notices over HTTP on the two-street world (docs/notices.md). Street T0 (townA) writes to its party
 * organisations: A街支部 (C[0]) receives it; 跨街联合党支部 — registered in T1, linked to an enterprise
 * of T0 — does not (seeing through a link is not managing through it), nor A街子支部 (C[3], T1).
 * secA is A街支部's secretary (a grant over its subtree), secJ the joint branch's.
 */
const T0 = TOWNSHIPS[0]!.padEnd(12, '0');
const T1 = TOWNSHIPS[1]!.padEnd(12, '0');
const FORM = [
  { key: 'members', label: '党员人数', type: 'number', required: true },
  { key: 'heldOn', label: '述职日期', type: 'date', required: false },
  { key: 'done', label: '是否完成', type: 'choice', required: true, options: ['已完成', '未完成'] },
];

describe(`notices API on ${testEngine()}`, () => {
  const t = useTwoStreets(['sys', 'townA', 'orgA', 'multi', 'member']);
  let orgA = '', joint = '', child = '';

  beforeAll(async () => {
    const db = t.database.db;
    ({ 'A街支部': orgA, '跨街联合党支部': joint, 'A街子支部': child } = t.cs.orgs as Record<string, string>);
    const hash = await hashPassword(PASSWORD);
    for (const [username, org] of [['secA', orgA], ['secJ', joint]] as const) {
      const u = await db.insertInto('app_user').values({ username, display_name: username, password_hash: hash, must_change_password: false }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('user_role').values({ user_id: u.id, role: 'branch_secretary', party_org_ids: [org] }).execute();
      t.s[username] = await signInAs(t.app, username);
    }
  });

  const publish = async (body: Record<string, unknown>, who = 'townA') => {
    const made = await t.send('POST', '/api/notices', { title: '关于开展2026年度党组织书记述职评议的通知', body: '请各党组织按要求做好准备。', publisherRegionCode: T0, ...body }, who);
    expect(made.statusCode, made.body).toBe(201);
    const n = made.json() as Notice;
    expect(n.state).toBe('draft');
    const res = await t.send('POST', `/api/notices/${n.id}/publish`, { version: n.version }, who);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Notice;
  };
  const inbox = async (who: string) => {
    const res = await t.send('GET', '/api/notice-inbox', undefined, who);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as NoticeInboxPage;
  };

  it("a street's notice reaches its own organisations only, never a linked one of another street", async () => {
    const n = await publish({ target: { mode: 'region', kinds: ['party_org'] }, askReceipt: true, replyForm: FORM, deadline: '2099-12-31' });
    expect(n.publisherName).toBe('测试街道1');
    const table = (await t.send('GET', `/api/notices/${n.id}/replies`)).json() as NoticeReplyTable;
    const ids = table.items.map((r) => r.orgId);
    expect(ids).toContain(orgA);
    expect(ids).not.toContain(joint);
    expect(ids).not.toContain(child);
    expect(table.items.every((r) => r.streetCode === T0 && r.link.startsWith('/orgs/'))).toBe(true);
    expect(n.counts).toMatchObject({ recipients: table.total, read: 0, replied: 0, unreplied: table.total });
    expect((await inbox('secJ')).items.some((i) => i.noticeId === n.id)).toBe(false);
    expect((await inbox('multi')).items.some((i) => i.noticeId === n.id)).toBe(false);

    const picked = await t.send('POST', '/api/notices', { title: '通知', body: '正文', publisherRegionCode: T0, target: { mode: 'picked', orgs: [{ kind: 'party_org', id: orgA }, { kind: 'party_org', id: joint }] } });
    expect(picked.statusCode).toBe(400);
    expect(picked.json().details[0]).toMatchObject({ field: 'target.orgs[1].id', code: 'NOT_ADDRESSABLE' });
    const other = await t.send('POST', '/api/notices', { title: '通知', body: '正文', publisherRegionCode: T1, target: { mode: 'region', kinds: ['party_org'] } });
    expect(other.statusCode).toBe(403);
    expect(other.json().details[0]).toMatchObject({ field: 'publisherRegionCode' });
    // multi (T1's street office) addresses its joint branch; townA does not see that notice at all.
    const m = await publish({ publisherRegionCode: T1, target: { mode: 'picked', orgs: [{ kind: 'party_org', id: joint }] } }, 'multi');
    expect((await t.send('GET', `/api/notices/${m.id}`)).statusCode).toBe(404);
    expect((await inbox('secJ')).items.map((i) => i.noticeId)).toContain(m.id);
  });

  it('reading records a receipt only when asked; one reply per organisation, checked by type, versioned, closing its task', async () => {
    const n = await publish({ target: { mode: 'picked', orgs: [{ kind: 'party_org', id: orgA }] }, askReceipt: true, replyForm: FORM, deadline: '2099-12-31' });
    const plain = await publish({ target: { mode: 'picked', orgs: [{ kind: 'party_org', id: orgA }] } });
    const list = await inbox('secA');
    const mine = list.items.find((i) => i.noticeId === n.id)!;
    expect(mine).toMatchObject({ read: false, orgName: 'A街支部', hasReplyForm: true });
    expect(list.items.findIndex((i) => !i.read)).toBe(0);
    // Without a receipt nothing is recorded about reading: never listed as 未读.
    expect(list.items.find((i) => i.noticeId === plain.id)).toMatchObject({ read: true });
    expect(list.unread).toBe(list.items.filter((i) => !i.read).length);
    const task = () => t.database.db.selectFrom('task').select(['state', 'kind', 'party_org_id', 'due_on']).where('subject_table', '=', 'notice_recipient').where('subject_id', '=', mine.recipientId).executeTakeFirst();
    expect(await task()).toMatchObject({ state: 'open', kind: 'notice.reply', party_org_id: orgA, due_on: '2099-12-31' });

    const opened = (await t.send('GET', `/api/notice-inbox/${mine.recipientId}`, undefined, 'secA')).json() as NoticeCopy;
    expect(opened.readAt).not.toBeNull();
    const plainCopy = list.items.find((i) => i.noticeId === plain.id)!;
    expect(((await t.send('GET', `/api/notice-inbox/${plainCopy.recipientId}`, undefined, 'secA')).json() as NoticeCopy).readAt).toBeNull();
    expect((await t.send('GET', `/api/notice-inbox/${mine.recipientId}`, undefined, 'secJ')).statusCode).toBe(404);

    const bad = await t.send('PUT', `/api/notice-inbox/${mine.recipientId}/reply`, { version: opened.version, values: { members: '十二', done: '也许' } }, 'secA');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: { field: string }) => d.field)).toEqual(['values.members', 'values.done']);
    const ok = await t.send('PUT', `/api/notice-inbox/${mine.recipientId}/reply`, { version: opened.version, values: { members: 12, heldOn: '2026-11-20', done: '已完成' } }, 'secA');
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as NoticeCopy).values).toEqual({ members: 12, heldOn: '2026-11-20', done: '已完成' });
    expect(await task()).toMatchObject({ state: 'done' });
    const stale = await t.send('PUT', `/api/notice-inbox/${mine.recipientId}/reply`, { version: opened.version, values: { members: 13, done: '已完成' } }, 'secA');
    expect(stale.statusCode).toBe(409);

    await t.database.db.updateTable('notice').set({ deadline: '2025-01-01' }).where('id', '=', n.id).execute();
    const late = await t.send('PUT', `/api/notice-inbox/${mine.recipientId}/reply`, { version: (ok.json() as NoticeCopy).version, values: { members: 13, done: '已完成' } }, 'secA');
    expect(late.statusCode).toBe(409);
    expect(late.json().details[0].code).toBe('DEADLINE_PASSED');
    const audits = await t.database.db.selectFrom('audit_event').select('action').where('entity', '=', 'notice_recipient').where('entity_id', '=', mine.recipientId).execute();
    expect(audits.map((a) => a.action).sort()).toEqual(['notice.read', 'notice.reply']);
  });

  it('progress by street, the replies table with its 合计, and an XLSX of exactly those rows', async () => {
    const n = await publish({ target: { mode: 'region', kinds: ['party_org', 'union_org'] }, replyForm: FORM, deadline: '2099-12-31' });
    const copy = (await inbox('secA')).items.find((i) => i.noticeId === n.id)!;
    const c = (await t.send('GET', `/api/notice-inbox/${copy.recipientId}`, undefined, 'secA')).json() as NoticeCopy;
    expect((await t.send('PUT', `/api/notice-inbox/${copy.recipientId}/reply`, { version: c.version, values: { members: 7, done: '未完成' } }, 'secA')).statusCode).toBe(200);
    const detail = (await t.send('GET', `/api/notices/${n.id}`)).json() as Notice;
    expect(detail.counts.replied).toBe(1);
    expect(detail.byStreet).toEqual([expect.objectContaining({ regionCode: T0, name: '测试街道1', replied: 1, recipients: detail.counts.recipients })]);
    const table = (await t.send('GET', `/api/notices/${n.id}/replies?status=replied`)).json() as NoticeReplyTable;
    expect(table).toMatchObject({ total: 1, replied: 1, sums: { members: 7 } });
    expect(table.items.some((r) => r.orgKind === 'union_org')).toBe(false);
    const all = (await t.send('GET', `/api/notices/${n.id}/replies`)).json() as NoticeReplyTable;
    expect(all.items.some((r) => r.orgKind === 'union_org' && r.link.startsWith('/unions/'))).toBe(true);
    const x = await t.send('GET', `/api/notices/${n.id}/replies.xlsx`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(all.total + 2);
    expect(ws.getRow(1).values).toEqual(expect.arrayContaining(['组织名称', '党员人数', '是否完成']));
    expect(ws.getRow(all.total + 2).getCell(1).value).toBe('合计');
    expect(ws.getRow(all.total + 2).getCell(6).value).toBe(7);
    const listX = await t.send('GET', '/api/notices/export.xlsx');
    const lwb = new ExcelJS.Workbook();
    await lwb.xlsx.load(listX.rawPayload as unknown as ExcelJS.Buffer);
    expect(lwb.worksheets[0]!.rowCount - 1).toBe(((await t.send('GET', '/api/notices')).json() as { total: number }).total);
  });

  it('withdrawing keeps the record, hides the copies and cancels the reply tasks; others are refused', async () => {
    const n = await publish({ target: { mode: 'picked', orgs: [{ kind: 'party_org', id: orgA }] }, replyForm: FORM });
    const copy = (await inbox('secA')).items.find((i) => i.noticeId === n.id)!;
    expect((await t.send('POST', `/api/notices/${n.id}/withdraw`, { version: n.version, reason: '内容有误' }, 'multi')).statusCode).toBe(404);
    const w = await t.send('POST', `/api/notices/${n.id}/withdraw`, { version: n.version, reason: '内容有误，另行发文' });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json()).toMatchObject({ state: 'withdrawn', withdrawReason: '内容有误，另行发文' });
    expect((await t.send('GET', `/api/notice-inbox/${copy.recipientId}`, undefined, 'secA')).statusCode).toBe(404);
    const task = await t.database.db.selectFrom('task').select('state').where('subject_table', '=', 'notice_recipient').where('subject_id', '=', copy.recipientId).executeTakeFirstOrThrow();
    expect(task.state).toBe('cancelled');
    expect((await t.database.db.selectFrom('audit_event').select('action').where('entity', '=', 'notice').where('entity_id', '=', n.id).orderBy('seq').execute()).map((a) => a.action))
      .toEqual(['notice.create', 'notice.publish', 'notice.withdraw']);
    expect((await t.send('GET', '/api/notices', undefined, 'member')).statusCode).toBe(403);
    expect((await t.send('GET', '/api/notices/export.xlsx', undefined, 'member')).statusCode).toBe(403);
    expect(await inbox('member')).toEqual({ items: [], total: 0, unread: 0 });
    // The district sees its streets' notices; a street never sees the district's other street's.
    expect((await t.send('GET', `/api/notices/${n.id}`, undefined, 'orgA')).statusCode).toBe(200);
    void COMMUNITIES;
  });
});
