import { auditActionLabel } from '../../contracts/audit-labels.js';
import type { Executor } from '../../db/schema.js';
import { todayInChina } from '../../domain/org-terms.js';
import { RULE_KINDS } from '../../domain/task-kinds.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { taskFindingsByIds, type SubjectIds } from './task-findings-by-id.js';
import { activeFinders, finderKinds } from './task-finders.js';
import { applyTaskPlan, type PlanCounts } from './task-refresh-plan.js';
import { lastOrgEventId, lockIncrementalRefresh, orgEventSubjectsSince, tasksOfSubjects } from './task-refresh.repository.js';

/**
 * The refresh by itself (docs/inbox.md, "Refresh"): a change that may alter a finding — an
 * enterprise import, an organisation import or edit, a secretary appointed or gone, a coverage
 * added or ended, a re-election — refreshes the tasks of exactly the records it touched, inside its
 * own transaction, with the regional refresh's finders and writer. No full refresh per request.
 *
 * Who: whoever made the change (their right to it was checked by the change itself); the tasks are
 * the platform's, opened and closed by the facts. One audit entry (`task.autoRefresh`) when a task
 * changed, with the counts and what triggered it; nothing when nothing changed. An enterprise import
 * passes `audited: false`: its own entry (enterprise.import) is the one audit of the run, and each
 * task's history says what changed and for whom.
 */
export type RefreshForResult = PlanCounts & { subjects: number };

export async function refreshTasksFor(
  tx: Executor, actor: Actor, ids: SubjectIds, opts: { date?: string; trigger?: string; audited?: boolean } = {},
): Promise<RefreshForResult> {
  const enterpriseIds = [...new Set(ids.enterpriseIds ?? [])];
  const partyOrgIds = [...new Set(ids.partyOrgIds ?? [])];
  const unionOrgIds = [...new Set(ids.unionOrgIds ?? [])];
  const regionCodes = [...new Set(ids.regionCodes ?? [])];
  const subjects = enterpriseIds.length + partyOrgIds.length + unionOrgIds.length + regionCodes.length;
  if (!subjects || !RULE_KINDS.length) return { opened: 0, closed: 0, reopened: 0, moved: 0, subjects };
  await lockIncrementalRefresh(tx);
  const date = opts.date ?? todayInChina();
  const named: SubjectIds = { enterpriseIds, partyOrgIds, unionOrgIds, regionCodes };
  const found = await taskFindingsByIds(tx, named, date);
  const existing = [];
  for (const f of activeFinders()) existing.push(...await tasksOfSubjects(tx, finderKinds(f), f.subjectTable, named[f.idsKey] ?? []));
  const counts = await applyTaskPlan(tx, actor, found, existing);
  if (opts.audited !== false && counts.opened + counts.closed + counts.reopened + counts.moved > 0) {
    await recordAudit(tx, actor, {
      action: 'task.autoRefresh', entity: 'task', entityId: null,
      after: { trigger: opts.trigger ? auditActionLabel(opts.trigger) : null, date, enterprises: enterpriseIds.length, partyOrgs: partyOrgIds.length, unions: unionOrgIds.length, streets: regionCodes.length, ...counts },
    });
  }
  return { ...counts, subjects };
}

/** The enterprises an organisation covers or covered (a dissolution ends their coverage: their gaps may open). */
export { enterprisesCoveredBy, unionEnterprisesCoveredBy } from './task-refresh.repository.js';

/**
 * For a many-row change (an organisation import): note where the organisation history stands, make
 * the change, then refresh once the records whose history grew — every change of an organisation
 * writes its history (party_org_event), so none is missed and none is refreshed per row.
 */
export async function refreshTasksAfterOrgChanges<T>(tx: Executor, actor: Actor, trigger: string, change: () => Promise<T>): Promise<T> {
  const mark = await lastOrgEventId(tx);
  const out = await change();
  await refreshTasksFor(tx, actor, await orgEventSubjectsSince(tx, mark), { trigger });
  return out;
}
