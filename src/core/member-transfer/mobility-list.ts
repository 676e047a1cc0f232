import type { Writable } from 'node:stream';
import { sql } from 'kysely';
import type { MobilityFilter, MobilityPage, MobilityQuery, MobilityRow } from '../../contracts/member-transfer.js';
import type { Db, Executor } from '../../db/schema.js';
import { MEMBER_STATUS_LABELS } from '../../domain/member.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { memberOwnedSql } from '../access/member-scope.js';
import { requireAction } from '../access/require.js';
import type { Scope } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { allPages, decodeCursor, encodeCursor, type Keyset } from '../keyset-cursor.js';
import { writeListXlsx } from '../xlsx/list-xlsx.js';
import { factsOf, findingsOf, type MobilityFactsRow } from './mobility.service.js';

/**
 * 流动党员 / 失联党员 (docs/member-transfers.md): the members of the caller's organisations — by the
 * organisation's own place, never through a link — who are 流动, 失联 or 停止党籍 (the last step of
 * 失联), each with the findings of the member rules on them. One query serves the list, its total
 * and the export, so the file holds exactly the list's rows: the list by pages (the longest-standing
 * first), the export every page in turn.
 */
const EXPORT_PAGE = 1000;
/** Members without a start date sort first, as if they had been so for the longest. */
const SINCE_KEY = sql<string>`coalesce(m.status_since, DATE '1900-01-01')::text`;
const STATUSES = ['mobile', 'lostContact', 'suspended'] as const;

function query(db: Executor, scope: Scope, f: MobilityFilter) {
  let q = db.selectFrom('party_member as m').innerJoin('person as p', 'p.id', 'm.person_id').innerJoin('party_org as o', 'o.id', 'm.org_id')
    .leftJoin('party_org as mo', 'mo.id', 'm.mobile_org_id')
    .where(memberOwnedSql(scope)).where('m.status', 'in', f.status ? [f.status] : [...STATUSES]);
  if (f.q) q = q.where('p.name', 'like', `%${f.q.replace(/[%_\\]/g, (c) => '\\' + c)}%`);
  return q;
}

async function rowsOf(db: Executor, actor: Actor, f: MobilityFilter, after: Keyset | undefined, limit: number): Promise<{ items: MobilityRow[]; last: Keyset | null }> {
  const scope = requireAction(actor, 'org.read');
  let q = query(db, scope, f);
  if (after) q = q.where(sql<boolean>`(${SINCE_KEY}, m.id) > (${after.key}, ${after.id}::bigint)`);
  const rows = await q.select(['m.id', 'p.name', 'm.org_id', 'o.name as org_name', 'm.status', 'm.status_since', 'm.mobile_card_no', 'm.mobile_place', 'm.mobile_org_name', 'm.mobile_reported_on', 'mo.name as mobile_org_in'])
    .select(SINCE_KEY.as('since_key')).orderBy(SINCE_KEY).orderBy('m.id').limit(limit).execute();
  const facts = rows as unknown as MobilityFactsRow[];
  const findings = findingsOf(facts, await factsOf(db, facts), today());
  const items = rows.map((r) => ({
    memberId: r.id, name: r.name, orgId: r.org_id, orgName: r.org_name, status: r.status as MobilityRow['status'], since: r.status_since,
    mobileCardNo: r.mobile_card_no, mobileOrgName: r.mobile_org_in ?? r.mobile_org_name, mobilePlace: r.mobile_place, reportedOn: r.mobile_reported_on,
    findings: findings.filter((x) => x.memberId === r.id),
  }));
  const end = rows.at(-1);
  return { items, last: rows.length === limit && end ? { key: end.since_key, id: String(end.id) } : null };
}

export async function listMobility(db: Db, actor: Actor, q: MobilityQuery): Promise<MobilityPage> {
  const { cursor, limit, ...f } = q;
  const after = cursor ? decodeCursor(cursor) : undefined;
  const scope = requireAction(actor, 'org.read');
  const [page, count] = await Promise.all([
    rowsOf(db, actor, f, after, limit),
    query(db, scope, f).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: page.items, total: Number(count.n), nextCursor: page.last ? encodeCursor(page.last) : null };
}

/** The list's rows as a workbook (audited `member.mobility_export` before the file's last bytes). */
export function openMobilityExport(db: Db, actor: Actor, f: MobilityFilter) {
  const write = async (out: Writable): Promise<number> => {
    requireAction(actor, 'org.read');
    return writeListXlsx(db, out, {
      sheet: '流动党员和失联党员',
      pages: allPages((after) => rowsOf(db, actor, f, after, EXPORT_PAGE)),
      columns: [
        { header: '姓名', width: 12, cell: (r) => r.name },
        { header: '所在党组织', width: 32, cell: (r) => r.orgName },
        { header: '状态', width: 12, cell: (r) => MEMBER_STATUS_LABELS[r.status] },
        { header: '起始日期', width: 12, cell: (r) => r.since },
        { header: '流动党员活动证编号', width: 20, cell: (r) => r.mobileCardNo },
        { header: '流入地党组织', width: 32, cell: (r) => r.mobileOrgName },
        { header: '外出地点', width: 24, cell: (r) => r.mobilePlace },
        { header: '最近汇报日期', width: 12, cell: (r) => r.reportedOn },
        { header: '提醒及依据', width: 60, cell: (r) => r.findings.map((x) => `${x.title}：${x.message}`).join('\n') },
      ],
      beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'member.mobility_export', entity: 'party_member', after: { filter: f, rows } })),
    });
  };
  return { title: `流动党员和失联党员-${today()}`, write };
}
