import { sql, type Insertable, type Selectable } from 'kysely';
import type { NoticeListFilter, NoticeReplyFilter } from '../../contracts/notice.js';
import type { Executor } from '../../db/schema.js';
import type { NoticeRecipientTable, NoticeTable } from '../../db/tables/notice.js';
import { addresseeSql, noticeOwnedSql, recipientManagedSql, type RecipientScopes } from '../access/notice-scope.js';
import type { Scope } from '../access/scope.js';

/** SQL for notices and their recipients (docs/notices.md). Every read takes the reader's scope (access/notice-scope.ts). */
export type NoticeRow = Selectable<NoticeTable>;
export type RecipientRow = Selectable<NoticeRecipientTable>;
export type Counts = { recipients: number; read: number; replied: number };
export type NoticeView = NoticeRow & Counts;

const counts = sql<string>`(SELECT json_build_object('recipients', count(*), 'read', count(r.read_at), 'replied', count(r.replied_at))::text FROM notice_recipient r WHERE r.notice_id = n.id)`;
const withCounts = (r: NoticeRow & { counts: string }): NoticeView => {
  const { counts: c, ...row } = r;
  const parsed = JSON.parse(c) as Counts;
  return { ...row, recipients: Number(parsed.recipients), read: Number(parsed.read), replied: Number(parsed.replied) };
};
const like = (q: string) => `%${q.replace(/[%_\\]/g, (ch) => '\\' + ch)}%`;

export async function findNotice(db: Executor, scope: Scope, id: string): Promise<NoticeView | undefined> {
  const r = await db.selectFrom('notice as n').selectAll('n').select(counts.as('counts')).where('n.id', '=', id).where(noticeOwnedSql(scope, 'n')).executeTakeFirst();
  return r ? withCounts(r) : undefined;
}

/** The publisher's list: drafts and published first by date, newest first. */
export async function listNotices(db: Executor, scope: Scope, f: NoticeListFilter, limit = 5000): Promise<NoticeView[]> {
  let q = db.selectFrom('notice as n').selectAll('n').select(counts.as('counts')).where(noticeOwnedSql(scope, 'n'));
  if (f.state) q = q.where('n.state', '=', f.state);
  if (f.q) q = q.where('n.title', 'like', like(f.q));
  const rows = await q.orderBy(sql`coalesce(n.published_at, n.created_at)`, 'desc').orderBy('n.id', 'desc').limit(limit).execute();
  return rows.map(withCounts);
}

export const insertNotice = (tx: Executor, row: Insertable<NoticeTable>) => tx.insertInto('notice').values(row).returningAll().executeTakeFirstOrThrow();
export const lockNotice = (tx: Executor, id: string) => tx.selectFrom('notice').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
export const setNotice = (tx: Executor, id: string, version: number, set: Partial<Record<'state' | 'published_at' | 'published_by' | 'withdrawn_at' | 'withdrawn_by' | 'withdraw_reason', string | Date | null>>) =>
  tx.updateTable('notice').set({ ...set, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` } as never)
    .where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();

export type Addressee = { kind: 'party_org' | 'union_org'; id: string; region_code: string | null; name: string };

/** Active organisations of the kinds lying, by their own place, under `prefix` and in the scope. */
export async function addresseesUnder(db: Executor, scope: Scope, kinds: readonly string[], prefix: string): Promise<Addressee[]> {
  const out: Addressee[] = [];
  if (kinds.includes('party_org')) {
    const rows = await db.selectFrom('party_org as o').select(['o.id', 'o.region_code', 'o.name']).where('o.status', '=', 'active')
      .where('o.region_code', 'like', `${prefix}%`).where(addresseeSql(scope, 'org', 'o')).orderBy('o.id').execute();
    out.push(...rows.map((r) => ({ kind: 'party_org' as const, ...r })));
  }
  if (kinds.includes('union_org')) {
    const rows = await db.selectFrom('union_org as u').select(['u.id', 'u.region_code', 'u.name']).where('u.status', '=', 'active')
      .where('u.region_code', 'like', `${prefix}%`).where(addresseeSql(scope, 'union', 'u')).orderBy('u.id').execute();
    out.push(...rows.map((r) => ({ kind: 'union_org' as const, ...r })));
  }
  return out;
}

/** Of the picked organisations, those that are active, under `prefix` and in the scope (the rest are refused by the service). */
export async function addresseesPicked(db: Executor, scope: Scope, ids: { party_org: string[]; union_org: string[] }, prefix: string): Promise<Addressee[]> {
  const out: Addressee[] = [];
  if (ids.party_org.length) {
    const rows = await db.selectFrom('party_org as o').select(['o.id', 'o.region_code', 'o.name']).where('o.id', 'in', ids.party_org).where('o.status', '=', 'active')
      .where('o.region_code', 'like', `${prefix}%`).where(addresseeSql(scope, 'org', 'o')).execute();
    out.push(...rows.map((r) => ({ kind: 'party_org' as const, ...r })));
  }
  if (ids.union_org.length) {
    const rows = await db.selectFrom('union_org as u').select(['u.id', 'u.region_code', 'u.name']).where('u.id', 'in', ids.union_org).where('u.status', '=', 'active')
      .where('u.region_code', 'like', `${prefix}%`).where(addresseeSql(scope, 'union', 'u')).execute();
    out.push(...rows.map((r) => ({ kind: 'union_org' as const, ...r })));
  }
  return out;
}

export async function insertRecipients(tx: Executor, noticeId: string, list: Addressee[]): Promise<RecipientRow[]> {
  if (!list.length) return [];
  const rows: RecipientRow[] = [];
  for (let i = 0; i < list.length; i += 1000) {
    rows.push(...await tx.insertInto('notice_recipient').values(list.slice(i, i + 1000).map((a) => ({
      notice_id: noticeId, party_org_id: a.kind === 'party_org' ? a.id : null, union_id: a.kind === 'union_org' ? a.id : null, region_code: a.region_code,
    }))).returningAll().execute());
  }
  return rows;
}

/** One row of the replies table: the recipient with its organisation's name and street. */
export type ReplyRowView = RecipientRow & { org_name: string; street_code: string | null; street_name: string | null };
const orgName = sql<string>`coalesce((SELECT name FROM party_org WHERE id = r.party_org_id), (SELECT name FROM union_org WHERE id = r.union_id), '')`;
const streetCode = sql<string | null>`CASE WHEN length(r.region_code) = 12 THEN rpad(substr(r.region_code, 1, 9), 12, '0') END`;

export async function replyRows(db: Executor, noticeId: string, f: NoticeReplyFilter): Promise<ReplyRowView[]> {
  let q = db.selectFrom('notice_recipient as r').selectAll('r').select(orgName.as('org_name')).select(streetCode.as('street_code'))
    .select(sql<string | null>`(SELECT name FROM region WHERE code = ${streetCode})`.as('street_name'))
    .where('r.notice_id', '=', noticeId);
  if (f.status === 'replied') q = q.where('r.replied_at', 'is not', null);
  if (f.status === 'unreplied') q = q.where('r.replied_at', 'is', null);
  if (f.status === 'read') q = q.where('r.read_at', 'is not', null);
  if (f.status === 'unread') q = q.where('r.read_at', 'is', null);
  if (f.streetCode) q = q.where(streetCode, '=', f.streetCode);
  return q.orderBy(sql`r.region_code`).orderBy('r.id').execute() as Promise<ReplyRowView[]>;
}

/** Progress by street (first 9 digits of the organisation's place when published), with the street's name. */
export async function progressByStreet(db: Executor, noticeId: string) {
  const rows = await db.selectFrom('notice_recipient as r').where('r.notice_id', '=', noticeId)
    .select(streetCode.as('street_code'))
    .select([sql<number>`count(*)::int`.as('recipients'), sql<number>`count(r.read_at)::int`.as('read'), sql<number>`count(r.replied_at)::int`.as('replied')])
    .groupBy(streetCode).orderBy(streetCode).execute();
  const codes = rows.map((r) => r.street_code).filter((c): c is string => !!c);
  const names = new Map(codes.length ? (await db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute()).map((r) => [r.code, r.name]) : []);
  return rows.map((r) => ({ ...r, street_name: r.street_code ? names.get(r.street_code) ?? null : null }));
}

/** A recipient's copy as the inbox shows it. */
export type CopyView = RecipientRow & {
  title: string; body: string; publisher_name: string; published_at: Date | null; deadline: string | null; ask_receipt: boolean;
  reply_form: unknown[]; org_name: string; notice_state: NoticeRow['state'];
};
const copyQuery = (db: Executor, rs: RecipientScopes) => db.selectFrom('notice_recipient as r').innerJoin('notice as n', 'n.id', 'r.notice_id')
  .selectAll('r').select(['n.title', 'n.body', 'n.publisher_name', 'n.published_at', 'n.deadline', 'n.ask_receipt', 'n.reply_form', 'n.state as notice_state'])
  .select(orgName.as('org_name')).where('n.state', '=', 'published').where(recipientManagedSql(rs, 'r'));

export async function findCopy(db: Executor, rs: RecipientScopes, id: string): Promise<CopyView | undefined> {
  return copyQuery(db, rs).where('r.id', '=', id).executeTakeFirst() as Promise<CopyView | undefined>;
}

/**
 * The organisations' copies the reader manages, unread first, then newest. Notices the reader's own
 * office sent are left out: those are followed on the publisher's side.
 */
export async function listCopies(db: Executor, rs: RecipientScopes, ownOffice: Scope | null, f: { unread?: boolean; q?: string }, limit = 5000): Promise<CopyView[]> {
  let q = copyQuery(db, rs);
  if (ownOffice) q = q.where(sql<boolean>`NOT ${noticeOwnedSql(ownOffice, 'n')}`);
  // 未读 is known only where the notice asks for a receipt: nothing is recorded about reading the others.
  const unread = sql<boolean>`(n.ask_receipt AND r.read_at IS NULL)`;
  if (f.unread !== undefined) q = q.where(f.unread ? unread : sql<boolean>`NOT ${unread}`);
  if (f.q) q = q.where('n.title', 'like', like(f.q));
  return q.orderBy(unread, 'desc').orderBy('n.published_at', 'desc').orderBy('r.id', 'desc').limit(limit).execute() as Promise<CopyView[]>;
}

export const lockRecipient = (tx: Executor, id: string) => tx.selectFrom('notice_recipient').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
/** First opening only: later openings leave who read it first and when. */
export const markRead = (tx: Executor, id: string, by: string | null) =>
  tx.updateTable('notice_recipient').set({ read_at: sql<Date>`now()`, read_by: by }).where('id', '=', id).where('read_at', 'is', null).returningAll().executeTakeFirst();
export const saveReply = (tx: Executor, id: string, version: number, values: Record<string, string | number | null>, by: string | null) =>
  tx.updateTable('notice_recipient').set({
    reply: JSON.stringify(values), replied_at: sql<Date>`now()`, replied_by: by,
    version: sql<number>`version + 1`, updated_at: sql<Date>`now()`,
  }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
export const recipientsOf = (db: Executor, noticeId: string) => db.selectFrom('notice_recipient').selectAll().where('notice_id', '=', noticeId).orderBy('id').execute();
export const regionOf = (db: Executor, code: string) => db.selectFrom('region').select(['code', 'name', 'prefix', 'level']).where('code', '=', code).executeTakeFirst();
