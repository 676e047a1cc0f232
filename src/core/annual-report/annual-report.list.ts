import type { Writable } from 'node:stream';
import type { ReportList, ReportListFilter, ReportListItem, ReportListQuery } from '../../contracts/annual-report.js';
import { ORG_TYPE_LABEL } from '../../contracts/party-org.js';
import type { Db } from '../../db/schema.js';
import { REPORT_STATE_LABELS, type ReportSection, type ReportState } from '../../domain/annual-report.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { ACCESS_LABEL } from '../xlsx/list-labels.js';
import { regionColumns, writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import { allPages, decodeCursor, encodeCursor, type Keyset } from '../keyset-cursor.js';
import { countReportsByState, listReports, type ReportListRow } from './annual-report.repository.js';

/**
 * The year's reports over the reader's area (docs/annual-report.md): every active organisation it
 * sees, with the state of its report and its key figures — from the submitted snapshot when there
 * is one, else from the records today, in keyset pages (area, name). The XLSX holds exactly the
 * filter's rows, every page in turn (the district summary).
 */
const EXPORT_PAGE = 1000;
const fromSnapshot = (figures: unknown, section: string, key: string): number | undefined => {
  const f = (figures as ReportSection[] | null)?.find((s) => s.key === section)?.figures.find((x) => x.key === key);
  return typeof f?.value === 'number' ? f.value : undefined;
};

function toItem(r: ReportListRow): ReportListItem {
  const state: ReportState = r.status ?? 'none';
  const snap = state === 'submitted' || state === 'passed' ? r.figures : null;
  const probationary = fromSnapshot(snap, 'members', 'probationary') ?? Number(r.roster_probationary_members);
  return {
    orgId: String(r.org_id), orgName: r.org_name, orgType: r.org_type, regionCode: r.region_code, state, stateLabel: REPORT_STATE_LABELS[state],
    submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
    members: fromSnapshot(snap, 'members', 'total') ?? Number(r.roster_full_members) + Number(r.roster_probationary_members), probationary,
    admitted: fromSnapshot(snap, 'recruitment', 'admitted') ?? Number(r.admitted),
    access: r.owned ? 'full' : 'partial',
  };
}

type Page = { items: ReportListItem[]; last: Keyset | null };

async function pageOf(db: Db, actor: Actor, q: ReportListFilter, after: Keyset | undefined, limit: number): Promise<Page> {
  const scope = requireAction(actor, 'org.read');
  const rows = await listReports(db, scope, q, { after, limit });
  const end = rows.at(-1);
  return { items: rows.map(toItem), last: rows.length === limit && end ? { key: end.sort_key, id: String(end.org_id) } : null };
}

export async function listAnnualReports(db: Db, actor: Actor, q: ReportListQuery): Promise<ReportList> {
  const { cursor, limit, ...filter } = q;
  const after = cursor ? decodeCursor(cursor) : undefined;
  const scope = requireAction(actor, 'org.read');
  const [page, counts] = await Promise.all([pageOf(db, actor, filter, after, limit), countReportsByState(db, scope, filter)]);
  const byState: Record<string, number> = {};
  for (const c of counts) byState[c.state] = c.n;
  return { items: page.items, total: counts.reduce((t, c) => t + c.n, 0), byState, nextCursor: page.last ? encodeCursor(page.last) : null };
}

const COLUMNS: ListColumn<ReportListItem>[] = [
  { header: '党组织', width: 36, cell: (r) => r.orgName },
  { header: '组织类别', width: 10, cell: (r) => ORG_TYPE_LABEL[r.orgType as keyof typeof ORG_TYPE_LABEL] ?? r.orgType },
  ...regionColumns<ReportListItem>((r) => r.regionCode),
  { header: '报告状态', width: 14, cell: (r) => r.stateLabel },
  { header: '提交时间', width: 12, cell: (r) => r.submittedAt?.slice(0, 10) ?? '' },
  { header: '党员总数', width: 10, cell: (r) => r.members },
  { header: '预备党员', width: 10, cell: (r) => r.probationary },
  { header: '本年接收预备党员', width: 12, cell: (r) => r.admitted },
  { header: '查看范围', width: 16, cell: (r) => ACCESS_LABEL[r.access] ?? '' },
];

/** The district summary table: exactly the list's rows; audited with the filter and the row count. */
export async function openReportListExport(db: Db, actor: Actor, q: ReportListFilter): Promise<{ title: string; write(out: Writable): Promise<number> }> {
  requireAction(actor, 'org.read');
  const pages = () => allPages((after) => pageOf(db, actor, q, after, EXPORT_PAGE));
  return {
    title: `${q.year}年度党建工作报告汇总-${todayInChina()}`,
    write: (out) => writeListXlsx(db, out, {
      sheet: '年度报告汇总', columns: COLUMNS, pages: pages(),
      beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'annualReport.export', entity: 'annual_report', after: { filter: q, rows } })),
    }),
  };
}
