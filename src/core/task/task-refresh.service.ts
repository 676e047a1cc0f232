import type { Db, Executor } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { todayInChina } from '../../domain/org-terms.js';
import { isIsoDate } from '../../domain/rules/index.js';
import { RULE_KINDS } from '../../domain/task-kinds.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { subjectIdsOf, taskFindingsByIds } from './task-findings-by-id.js';
import { activeFinders, finderKinds } from './task-finders.js';
import { currentTaskFindings } from './task-findings.js';
import { applyTaskPlan } from './task-refresh-plan.js';
import { lockRegionalRefresh, tasksOfSubjects, tasksUnder } from './task-refresh.repository.js';

/**
 * Refresh (刷新待办): the rule engine's current findings become open tasks; a task whose finding is
 * gone is closed as 已整改 (closed by the fact changing, not by a tick box); a finding that comes back
 * reopens the task it had; a task a person cancelled stays cancelled (task-refresh-plan.ts). A record
 * that moved to another street takes its open task with it (属地变更), from whichever side is
 * refreshed. Idempotent: a second run with no change of facts writes nothing but its audit entry. One
 * transaction per region, under one lock, so two refreshes never open a task twice.
 */
export type RefreshResult = { regionPrefix: string | null; date: string; opened: number; closed: number; reopened: number; moved: number; open: number };

const keyOf = (t: { kind: string; subject_table: string; subject_id: string }) => `${t.kind}|${t.subject_table}|${t.subject_id}`;

/**
 * The region's findings and every task that must be compared with them: the tasks placed under the
 * region (their records re-read where they are now, if they moved out) and the tasks, placed
 * elsewhere, of records that moved in.
 */
async function regionPicture(tx: Executor, regionPrefix: string | undefined, date: string) {
  const kinds = RULE_KINDS.map((k) => k.id);
  const found = await currentTaskFindings(tx, regionPrefix, date);
  const existing = await tasksUnder(tx, kinds, regionPrefix);
  if (!regionPrefix) return { found, existing };
  const away = existing.filter((t) => !t.subject_region?.startsWith(regionPrefix));
  found.push(...await taskFindingsByIds(tx, subjectIdsOf(away, (t) => t.subject_table, (t) => t.subject_id), date));
  const have = new Set(existing.map(keyOf));
  const newcomers = subjectIdsOf(found.filter((f) => !have.has(`${f.kind.id}|${f.subjectTable}|${f.subjectId}`)), (f) => f.subjectTable, (f) => f.subjectId);
  const elsewhere = [];
  for (const f of activeFinders()) elsewhere.push(...await tasksOfSubjects(tx, finderKinds(f), f.subjectTable, newcomers[f.idsKey] ?? []));
  for (const t of elsewhere) if (!have.has(keyOf(t))) { have.add(keyOf(t)); existing.push(t); }
  return { found, existing };
}

/** The refresh of one region (or all, `undefined`) inside the caller's transaction. */
export async function refreshTasksIn(tx: Executor, actor: Actor, regionPrefix: string | undefined, date: string): Promise<RefreshResult> {
  await lockRegionalRefresh(tx);
  // Only the rule engine's kinds: a workflow's tasks are opened and closed by the workflow itself.
  const { found, existing } = await regionPicture(tx, regionPrefix, date);
  const counts = await applyTaskPlan(tx, actor, found, existing);
  const result: RefreshResult = { regionPrefix: regionPrefix ?? null, date, ...counts, open: found.length };
  await recordAudit(tx, actor, { action: 'task.refresh', entity: 'task', entityId: null, after: result });
  return result;
}

/**
 * Refresh the regions the actor may refresh: the one asked for (it must lie inside the grant), or
 * every region of the grant, or everything for an unrestricted grant.
 */
export async function refreshTasks(db: Db, actor: Actor, input: { regionCode?: string; date?: string }): Promise<RefreshResult[]> {
  const scope = requireAction(actor, 'task.refresh');
  const date = input.date ?? todayInChina();
  if (!isIsoDate(date)) throw new AppError('VALIDATION_FAILED', '日期格式应为YYYY-MM-DD', [{ field: 'date', code: 'DATE_INVALID' }]);
  const code = input.regionCode;
  if (code !== undefined && !/^\d{2,12}$/.test(code)) throw new AppError('VALIDATION_FAILED', '区划代码应为2至12位数字', [{ field: 'regionCode', code: 'REGION_INVALID' }]);
  if (code !== undefined && !scope.all && !scope.regionPrefixes.some((p) => code.startsWith(p))) {
    throw new AppError('FORBIDDEN', '该区划不在您的管辖范围内，不能刷新其待办事项', [{ field: 'regionCode', code: 'REGION_OUT_OF_SCOPE' }]);
  }
  const regions: Array<string | undefined> = code !== undefined ? [code] : scope.all ? [undefined] : scope.regionPrefixes;
  if (!regions.length) throw new AppError('FORBIDDEN', '您的授权不含行政区划，不能刷新待办事项');
  const out: RefreshResult[] = [];
  for (const r of regions) out.push(await db.transaction().execute((tx) => refreshTasksIn(tx, actor, r, date)));
  return out;
}
