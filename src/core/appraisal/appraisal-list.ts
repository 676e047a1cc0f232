import type { Writable } from 'node:stream';
import type { AppraisalList, AppraisalListFilter, AppraisalListItem, AppraisalListQuery } from '../../contracts/appraisal-list.js';
import type { Db } from '../../db/schema.js';
import { APPRAISAL_KIND_LABELS, APPRAISAL_STATE_LABELS, GRADE_LABELS, type Grade } from '../../domain/appraisal.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { holdsAction, requireAction } from '../access/require.js';
import { scopeFor } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { asOfFor } from '../annual-report/annual-report.query.js';
import { allPages, decodeCursor, encodeCursor, type Keyset } from '../keyset-cursor.js';
import { ACCESS_LABEL } from '../xlsx/list-labels.js';
import { regionColumns, writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import { appraisalCounts, appraisalPage, type AppraisalListRow, type AppraisalListScopes } from './appraisal-list.repository.js';

/**
 * 述职评议、考核 of an area for a year (docs/annual-report.md, "Appraisals of an area"): every
 * secretary and instructor due one, marked or not, each opening its sheet; read under org.read
 * (secretaries, where the organisation is seen) and instructor.read (instructors). `markable` is
 * org.review by the subject's own place — a joint branch of another street seen through a link is
 * listed, never marked. The XLSX holds exactly the filter's rows, every page in turn, audited.
 */
const EXPORT_PAGE = 1000;

function scopes(actor: Actor): AppraisalListScopes {
  return {
    org: requireAction(actor, 'org.read'),
    instructor: holdsAction(actor, 'instructor.read') ? scopeFor(actor, 'instructor.read') : null,
    review: scopeFor(actor, 'org.review'),
  };
}

function toItem(r: AppraisalListRow, year: number): AppraisalListItem {
  return {
    kind: r.kind, kindLabel: APPRAISAL_KIND_LABELS[r.kind], subjectId: r.subject_id, subjectName: r.subject_name, regionCode: r.region_code,
    personId: r.person_id, personName: r.person_name, state: r.state, stateLabel: APPRAISAL_STATE_LABELS[r.state],
    total: r.total === null ? null : Number(r.total), gradeLabel: r.grade ? GRADE_LABELS[r.grade as Grade] ?? null : null, allowance: r.allowance,
    link: `${r.kind === 'secretary' ? '/orgs' : '/instructors'}/${r.subject_id}/appraisal?year=${year}`,
    access: r.owned ? 'full' : 'partial', markable: r.markable,
  };
}

async function pageOf(db: Db, s: AppraisalListScopes, f: AppraisalListFilter, after: Keyset | undefined, limit: number) {
  const rows = await appraisalPage(db, s, { ...f, asOf: asOfFor(f.year) }, { after, limit });
  const end = rows.at(-1);
  return { items: rows.map((r) => toItem(r, f.year)), last: rows.length === limit && end ? { key: end.sort_key, id: end.subject_id } : null };
}

export async function listAppraisals(db: Db, actor: Actor, q: AppraisalListQuery): Promise<AppraisalList> {
  const { cursor, limit, ...f } = q;
  const after = cursor ? decodeCursor(cursor) : undefined;
  const s = scopes(actor);
  const [page, counts] = await Promise.all([pageOf(db, s, f, after, limit), appraisalCounts(db, s, { ...f, asOf: asOfFor(f.year) })]);
  const byState: Record<string, number> = {};
  for (const c of counts) byState[c.state] = c.n;
  return { items: page.items, total: counts.reduce((t, c) => t + c.n, 0), byState, nextCursor: page.last ? encodeCursor(page.last) : null };
}

const COLUMNS: ListColumn<AppraisalListItem>[] = [
  { header: '类别', width: 22, cell: (r) => r.kindLabel },
  { header: '姓名', width: 12, cell: (r) => r.personName ?? '' },
  { header: '党组织或指导员', width: 36, cell: (r) => r.subjectName },
  ...regionColumns<AppraisalListItem>((r) => r.regionCode),
  { header: '评分情况', width: 10, cell: (r) => r.stateLabel },
  { header: '总分', width: 8, cell: (r) => r.total },
  { header: '等次', width: 10, cell: (r) => r.gradeLabel ?? '' },
  { header: '补贴档次', width: 10, cell: (r) => r.allowance ?? '' },
  { header: '查看范围', width: 16, cell: (r) => ACCESS_LABEL[r.access] ?? '' },
];

/** The list as a workbook: exactly the filter's rows, audited `appraisal.export` with the filter and the row count. */
export function openAppraisalListExport(db: Db, actor: Actor, f: AppraisalListFilter): { title: string; write(out: Writable): Promise<number> } {
  const s = scopes(actor);
  const pages = () => allPages((after) => pageOf(db, s, f, after, EXPORT_PAGE));
  return {
    title: `${f.year}年度述职评议考核情况-${todayInChina()}`,
    write: (out) => writeListXlsx(db, out, {
      sheet: '述职评议考核', columns: COLUMNS, pages: pages(),
      beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'appraisal.export', entity: 'appraisal', after: { filter: f, rows } })),
    }),
  };
}
