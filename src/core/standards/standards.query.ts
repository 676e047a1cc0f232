import type { Writable } from 'node:stream';
import type { OrgStandards, ReviewList, ReviewListQuery, ReviewRow, StandardsRollup, StandardsRollupQuery } from '../../contracts/standards.js';
import type { Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { checklistsOn, checklistVersionAt, TEMPLATE_LABELS } from '../../domain/standards/standards-catalogue.js';
import { gradeFor, resultLabel } from '../../domain/standards/standards-score.js';
import { ASSESSMENT_STATUS_LABELS } from '../../domain/standards/standards-status.js';
import { REVIEW_LEVEL_LABELS, type StandardOrgKind, type TemplateId } from '../../domain/standards/standards-types.js';
import type { Actor } from '../access/actor.js';
import { holdsAction } from '../access/require.js';
import { scopeFor } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import { listAssessments, notStartedByStreet, rollupAssessments, type ListRow, type Scopes } from './assessment-list.repository.js';
import { assessmentsOf } from './assessment.repository.js';
import { num } from './assessment.view.js';
import { canManageOwner, requireVisibleOwner } from './standards.access.js';

/** Reads of the standards work (docs/standards.md): one organisation's checklists, the review list and its XLSX, the district view. */
export async function orgStandards(db: Db, actor: Actor, kind: StandardOrgKind, id: string, year = Number(today().slice(0, 4))): Promise<OrgStandards> {
  await requireVisibleOwner(db, actor, kind, id);
  const rows = new Map((await assessmentsOf(db, kind, id, year)).map((r) => [r.template_id, r]));
  const day = `${year}-12-31` < today() ? `${year}-12-31` : today();
  return {
    orgKind: kind, orgId: id, year, manageable: await canManageOwner(db, actor, kind, id),
    items: checklistsOn(day, kind).map((v) => {
      const r = rows.get(v.templateId);
      return {
        templateId: v.templateId, name: v.name, assessmentId: r?.id ?? null, status: r?.status ?? null, stage: r?.stage ?? null,
        total: r ? num(r.total) : null, stars: r?.stars ?? null, result: r?.status === 'passed' ? resultLabel(r.stars) : null,
        grade: r?.status === 'passed' ? gradeOf(r.template_id, r.template_version, r.total) : null,
      };
    }),
  };
}

/** The named grade of a passed assessment, read from its own template version (职工之家; null for templates without grades). */
export function gradeOf(templateId: string, templateVersion: string, total: string | number | null): string | null {
  const v = checklistVersionAt(templateId, templateVersion);
  return v ? gradeFor(v, num(total)) : null;
}

function scopesOf(actor: Actor): Scopes {
  const s: Scopes = { org: holdsAction(actor, 'org.read') ? scopeFor(actor, 'org.read') : null, union: holdsAction(actor, 'union.read') ? scopeFor(actor, 'union.read') : null };
  if (!s.org && !s.union) throw new AppError('FORBIDDEN', '您没有“查看党组织”或“查看工会”的权限');
  return s;
}

const toRow = (r: ListRow): ReviewRow => ({
  id: r.id, templateId: r.template_id as TemplateId, templateName: TEMPLATE_LABELS[r.template_id as TemplateId] ?? r.template_id, orgKind: r.org_kind, orgId: r.org_id,
  orgName: r.org_name, regionCode: r.region_code, streetName: r.street_name, year: r.year, status: r.status, stage: r.stage,
  total: num(r.total), stars: r.stars, result: r.status === 'passed' ? resultLabel(r.stars) : null, submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
  grade: r.status === 'passed' ? gradeOf(r.template_id, r.template_version, r.total) : null,
});

/** The list's rows; a grade (computed, not stored) filters after the SQL, so the list and its XLSX agree. */
const rowsOf = async (db: Db, actor: Actor, q: ReviewListQuery): Promise<ReviewRow[]> =>
  (await listAssessments(db, scopesOf(actor), q)).map(toRow).filter((r) => !q.grade || r.grade === q.grade);

export async function reviewList(db: Db, actor: Actor, q: ReviewListQuery): Promise<ReviewList> {
  const rows = await rowsOf(db, actor, q);
  return { items: rows, total: rows.length };
}

const COLUMNS: ListColumn<ReviewRow>[] = [
  { header: '组织名称', width: 36, cell: (r) => r.orgName }, { header: '组织类别', width: 10, cell: (r) => (r.orgKind === 'partyOrg' ? '党组织' : '工会') },
  { header: '所在街道（乡镇）', width: 18, cell: (r) => r.streetName ?? '' }, { header: '标准', width: 16, cell: (r) => r.templateName },
  { header: '年度', width: 8, cell: (r) => r.year }, { header: '状态', width: 10, cell: (r) => ASSESSMENT_STATUS_LABELS[r.status] },
  { header: '待审核层级', width: 14, cell: (r) => (r.stage ? REVIEW_LEVEL_LABELS[r.stage] : '') },
  { header: '总分', width: 8, cell: (r) => r.total ?? '' }, { header: '结果', width: 14, cell: (r) => r.result ?? '' },
  { header: '等次', width: 14, cell: (r) => r.grade ?? '' },
];

/** The review list as XLSX — exactly its rows; audited with the filter and the count. */
export async function openReviewExport(db: Db, actor: Actor, q: ReviewListQuery): Promise<{ title: string; write(out: Writable): Promise<number> }> {
  scopesOf(actor); // refused before the file starts, not half-way through it
  async function* pages(): AsyncGenerator<ReviewRow[]> { yield await rowsOf(db, actor, q); }
  return {
    title: `标准化建设审核-${q.year}-${today()}`,
    write: (out) => writeListXlsx(db, out, {
      sheet: '标准化建设', columns: COLUMNS, pages: pages(),
      beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'checklist.export', entity: 'checklist', after: { filter: q, rows } })),
    }),
  };
}

const empty = (withTemplate: boolean) => ({ total: 0, draft: 0, submitted: 0, returned: 0, passed: 0, stars: {} as Record<string, number>, grades: {} as Record<string, number>, notStarted: withTemplate ? 0 : null as number | null });

export async function standardsRollup(db: Db, actor: Actor, q: StandardsRollupQuery): Promise<StandardsRollup> {
  const scopes = scopesOf(actor);
  const rows = await rollupAssessments(db, scopes, q);
  const by = new Map<string, StandardsRollup['rows'][number]>();
  const t = !!q.templateId;
  const sum = empty(t);
  for (const r of rows) {
    const row = by.get(r.region) ?? { region: r.region, name: r.name, ...empty(t) };
    by.set(r.region, row);
    for (const c of [row, sum]) {
      c.total += r.n; c[r.status] += r.n;
      if (r.status === 'passed') c.stars[String(r.stars ?? 0)] = (c.stars[String(r.stars ?? 0)] ?? 0) + r.n;
      const grade = r.status === 'passed' ? gradeOf(r.template_id, r.template_version, r.total) : null;
      if (grade) { const g = (c.grades ??= {}); g[grade] = (g[grade] ?? 0) + r.n; }
    }
  }
  if (q.templateId) {
    const kind = checklistsOn(`${q.year}-12-31`).find((v) => v.templateId === q.templateId)?.orgKind ?? 'partyOrg';
    for (const r of await notStartedByStreet(db, scopes, { ...q, templateId: q.templateId }, kind)) {
      const row = by.get(r.region) ?? { region: r.region, name: r.name, ...empty(t) };
      by.set(r.region, row);
      row.notStarted = r.n;
      sum.notStarted = (sum.notStarted ?? 0) + r.n;
    }
  }
  return { year: q.year, rows: [...by.values()].sort((a, b) => a.region.localeCompare(b.region)), sum };
}
