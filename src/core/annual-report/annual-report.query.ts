import type { AnnualReport } from '../../contracts/annual-report.js';
import type { Db, Executor } from '../../db/schema.js';
import { figuresChanged, REPORT_EVENT_LABELS, REPORT_STATE_LABELS, reviewable, type ReportSection, type ReportState } from '../../domain/annual-report.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { canManageOrg } from '../party-org/party-org.access.js';
import type { PartyOrgView } from '../party-org/party-org.repository.js';
import { canReviewReport, requireReportReader } from './annual-report.access.js';
import { eventsOf, findReport } from './annual-report.repository.js';
import { collectSections } from './sections/index.js';

/** The year's last day, or today while the year runs: what "at year end" can mean today. */
export const asOfFor = (year: number, today = todayInChina()) => (`${year}-12-31` < today ? `${year}-12-31` : today);

export const liveSections = (db: Executor, org: PartyOrgView, year: number): Promise<ReportSection[]> => {
  const today = todayInChina();
  return collectSections({ db, org, year, asOf: asOfFor(year, today), today });
};

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * `GET /api/party-orgs/:id/annual-report?year=`: the report as the reader sees it — while open,
 * the records' figures as they stand; once submitted, the stored snapshot and what has changed
 * in the records since.
 */
export async function getAnnualReport(db: Db | Executor, actor: Actor, orgId: string, year: number): Promise<AnnualReport> {
  const { org } = await requireReportReader(db, actor, orgId);
  const row = await findReport(db, orgId, year);
  const state: ReportState = row?.status ?? 'none';
  const live = await liveSections(db, org, year);
  const frozen = row?.figures && (state === 'submitted' || state === 'passed') ? row.figures : null;
  const [history, manageable, reviewer] = await Promise.all([
    row ? eventsOf(db, row.id) : Promise.resolve([]), canManageOrg(db, actor, orgId), canReviewReport(db, actor, orgId),
  ]);
  return {
    orgId, orgName: org.name, year, asOf: asOfFor(year), state, stateLabel: REPORT_STATE_LABELS[state], version: row?.version ?? 0,
    highlights: row?.highlights ?? null, problems: row?.problems ?? null, plans: row?.plans ?? null,
    facts: { honours: row?.honours ?? null },
    sections: frozen ?? live,
    changedSince: frozen ? figuresChanged(frozen, live) : [],
    submittedAt: iso(row?.submitted_at ?? null), reviewedAt: iso(row?.reviewed_at ?? null), reviewComment: row?.review_comment ?? null,
    history: history.map((h) => ({ kind: h.kind, label: REPORT_EVENT_LABELS[h.kind] ?? h.kind, at: iso(h.at)!, by: h.by ?? null, comment: h.comment ?? null })),
    access: org.owned ? 'full' : 'partial', manageable, reviewable: reviewer && reviewable(state),
  };
}
