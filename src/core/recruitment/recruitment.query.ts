import type { RecruitmentCase, RecruitmentFindingPage, RecruitmentListFilter, RecruitmentListQuery, RecruitmentPage } from '../../contracts/recruitment.js';
import type { Db, Executor } from '../../db/schema.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { CASE_STAGES, type CaseStage } from '../../domain/recruitment.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import type { Scope } from '../access/scope.js';
import type { Keyring } from '../crypto/keyring.js';
import { canManageCase, requireVisibleCase } from './recruitment.access.js';
import { findingsOf, toCase, toSummary } from './recruitment.mapper.js';
import * as repo from './recruitment.repository.js';
import { rulesWithSettings } from './recruitment-settings.js';

/** `GET /api/recruitment`: a keyset page of the cases the reader sees, with the total and the per-stage counts under the same filters. */
export async function listCasePage(db: Db, actor: Actor, q: RecruitmentListQuery): Promise<RecruitmentPage> {
  const scope = requireAction(actor, 'org.read');
  const { cursor, limit, ...filter } = q;
  const [rows, total, byStage, findings] = await Promise.all([
    repo.listCases(db, scope, filter, cursor, limit + 1), repo.countCases(db, scope, filter), repo.countByStage(db, scope, filter),
    filter.orgId ? openFindings(db, scope, { orgId: filter.orgId, q: filter.q }) : null,
  ]);
  const page = rows.slice(0, limit);
  const [people, rules] = await Promise.all([repo.casePeople(db, page.map((r) => r.id)), rulesWithSettings(db)]);
  const asOf = today();
  const counts = Object.fromEntries(CASE_STAGES.map((s) => [s, byStage.get(s) ?? 0])) as Record<CaseStage, number>;
  return { items: page.map((r) => toSummary(r, findingsOf(r, people, asOf, rules))), total, counts, findings, nextCursor: rows.length > limit ? page.at(-1)!.id : null };
}

/** The findings of one organisation's open cases, counted (the organisation page's 发展党员 card). */
async function openFindings(db: Db, scope: Scope, filter: RecruitmentListFilter): Promise<{ alerts: number; reminders: number }> {
  const rows = await repo.listCases(db, scope, filter, undefined, 5000);
  const [people, rules] = await Promise.all([repo.casePeople(db, rows.map((r) => r.id)), rulesWithSettings(db)]);
  const all = rows.flatMap((r) => findingsOf(r, people, today(), rules));
  return { alerts: all.filter((f) => f.severity !== 'info').length, reminders: all.filter((f) => f.severity === 'info').length };
}

/** One case with its people, findings and history (masked; newest event first). */
export async function getCaseIn(db: Executor, keyring: Keyring, actor: Actor, id: string): Promise<RecruitmentCase> {
  const { c } = await requireVisibleCase(db, actor, id);
  const [people, manageable, events, rules] = await Promise.all([repo.casePeople(db, [id]), canManageCase(db, actor, id), repo.caseEvents(db, id), rulesWithSettings(db)]);
  return toCase(keyring, c, people, findingsOf(c, people, today(), rules), {
    manageable,
    events: events.map((e) => ({ id: e.id, kind: e.kind, at: e.at, data: e.data, recordedAt: new Date(e.recorded_at).toISOString() })),
  });
}

/**
 * The recruitment findings of the organisations the caller manages by their own place (the work
 * list of 发展党员): every violation and every coming deadline, with its source, soonest first.
 */
export async function listCaseFindings(db: Db, actor: Actor, orgId?: string): Promise<RecruitmentFindingPage> {
  const scope = requireAction(actor, 'org.read');
  const rows = await repo.ownedOpenCases(db, scope, orgId, 5000);
  const [people, rules] = await Promise.all([repo.casePeople(db, rows.map((r) => r.id)), rulesWithSettings(db)]);
  const asOf = today();
  const rank = { overdue: 0, warning: 1, info: 2 } as const;
  const items = rows.flatMap((r) => findingsOf(r, people, asOf, rules))
    .sort((a, b) => rank[a.severity] - rank[b.severity] || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
  return { items, total: items.length };
}
