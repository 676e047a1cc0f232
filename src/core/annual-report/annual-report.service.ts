import type { AnnualReport, ReportReview, ReportSave, ReportSubmit } from '../../contracts/annual-report.js';
import type { Db, Executor } from '../../db/schema.js';
import { editable, reviewable } from '../../domain/annual-report.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { versionConflict } from '../party-org/party-org.access.js';
import { reportField, requireReportReviewer, requireReportWriter } from './annual-report.access.js';
import { getAnnualReport, liveSections } from './annual-report.query.js';
import * as repo from './annual-report.repository.js';

/**
 * Writing the annual report (docs/annual-report.md): the organisation saves what no record holds
 * and submits; the street reviews. Each step is one transaction — the row locked, the version
 * checked (409), a history event and an audit entry written with it.
 */
const auditView = (r: repo.ReportRow) => ({ orgId: r.org_id, year: r.year, status: r.status, version: r.version });

function checkYear(year: number): void {
  if (year > Number(todayInChina().slice(0, 4))) throw reportField('year', 'FUTURE_YEAR', '不能填报今后年度的报告');
}

/** The row to change, locked; version 0 means "none yet" and creates it. */
async function lockedRow(tx: Executor, actor: Actor, orgId: string, year: number, version: number): Promise<repo.ReportRow> {
  const row = await repo.findReport(tx, orgId, year, true);
  if (!row) {
    if (version !== 0) throw versionConflict();
    const made = await repo.insertReport(tx, { org_id: orgId, year });
    await recordAudit(tx, actor, { action: 'annualReport.create', entity: 'annual_report', entityId: made.id, after: auditView(made) });
    return made;
  }
  if (row.version !== version) throw versionConflict();
  return row;
}

export async function saveAnnualReport(db: Db, actor: Actor, orgId: string, input: ReportSave): Promise<AnnualReport> {
  checkYear(input.year);
  await db.transaction().execute(async (tx) => {
    await requireReportWriter(tx, actor, orgId);
    const row = await lockedRow(tx, actor, orgId, input.year, input.version);
    if (!editable(row.status)) throw reportField('version', 'NOT_EDITABLE', '报告已提交，审核退回后才能修改', 'CONFLICT');
    const f = input.facts ?? {};
    const after = await repo.updateReport(tx, row.id, row.version, {
      highlights: input.highlights || null, problems: input.problems || null, plans: input.plans || null,
      honours: f.honours || null,
    });
    if (!after) throw versionConflict();
    await repo.addEvent(tx, row.id, 'saved', actor.userId);
    await recordAudit(tx, actor, { action: 'annualReport.save', entity: 'annual_report', entityId: row.id, before: auditView(row), after: auditView(after) });
  });
  return getAnnualReport(db, actor, orgId, input.year);
}

/** Submitting stores the records' figures as they stand: later edits to the records do not change it. */
export async function submitAnnualReport(db: Db, actor: Actor, orgId: string, input: ReportSubmit): Promise<AnnualReport> {
  checkYear(input.year);
  await db.transaction().execute(async (tx) => {
    const org = await requireReportWriter(tx, actor, orgId);
    const row = await lockedRow(tx, actor, orgId, input.year, input.version);
    if (!editable(row.status)) throw reportField('version', 'ALREADY_SUBMITTED', '报告已提交，不能重复提交', 'CONFLICT');
    const figures = await liveSections(tx, org, input.year);
    const after = await repo.updateReport(tx, row.id, row.version, {
      status: 'submitted', figures: JSON.stringify(figures), submitted_at: new Date(), submitted_by: actor.userId,
      reviewed_at: null, reviewed_by: null,
    });
    if (!after) throw versionConflict();
    await repo.addEvent(tx, row.id, 'submitted', actor.userId);
    await recordAudit(tx, actor, { action: 'annualReport.submit', entity: 'annual_report', entityId: row.id, before: auditView(row), after: auditView(after) });
  });
  return getAnnualReport(db, actor, orgId, input.year);
}

export async function reviewAnnualReport(db: Db, actor: Actor, orgId: string, input: ReportReview): Promise<AnnualReport> {
  await db.transaction().execute(async (tx) => {
    await requireReportReviewer(tx, actor, orgId);
    const row = await repo.findReport(tx, orgId, input.year, true);
    if (row && row.version !== input.version) throw versionConflict();
    if (!row || !reviewable(row.status)) throw reportField('version', 'NOT_SUBMITTED', '报告尚未提交或已审核，不能审核', 'CONFLICT');
    if (input.decision === 'return' && !input.comment) throw reportField('comment', 'REQUIRED', '退回修改时须填写审核意见');
    const after = await repo.updateReport(tx, row.id, row.version, {
      status: input.decision === 'pass' ? 'passed' : 'returned', reviewed_at: new Date(), reviewed_by: actor.userId, review_comment: input.comment || null,
    });
    if (!after) throw versionConflict();
    await repo.addEvent(tx, row.id, after.status, actor.userId, input.comment || null);
    await recordAudit(tx, actor, { action: `annualReport.${input.decision}`, entity: 'annual_report', entityId: row.id, before: auditView(row), after: { ...auditView(after), comment: input.comment ?? null } });
  });
  return getAnnualReport(db, actor, orgId, input.year);
}
