import type { Db, Executor } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { todayInChina } from '../../domain/org-terms.js';
import { isIsoDate } from '../../domain/rules/index.js';
import { RULE_KINDS, TASK_REASON, taskDueOn, taskKind } from '../../domain/task-kinds.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { currentTaskFindings, type TaskFinding } from './task-findings.js';
import { closeTasks, existingTasks, insertTaskEvents, insertTasks, lockTaskRefresh, reopenTasks, type ExistingTask } from './task.repository.js';

/**
 * Refresh (刷新待办): the rule engine's current findings become open tasks; a task whose finding is
 * gone is closed as 已整改 (closed by the fact changing, not by a tick box); a finding that comes back
 * reopens the task it had. Idempotent: a second run with no change of facts writes nothing but its
 * audit entry. One transaction per region, under one lock, so two refreshes never open a task twice.
 */
export type RefreshResult = { regionPrefix: string | null; date: string; opened: number; closed: number; reopened: number; open: number };

const keyOf = (kind: string, table: string, id: string) => `${kind}|${table}|${id}`;

type Plan = { insert: TaskFinding[]; reopen: Map<string, string[]>; close: string[] };

function plan(found: TaskFinding[], existing: ExistingTask[]): Plan {
  const have = new Map(existing.map((t) => [keyOf(t.kind, t.subject_table, t.subject_id), t]));
  const seen = new Set<string>();
  const out: Plan = { insert: [], reopen: new Map(), close: [] };
  for (const f of found) {
    const key = keyOf(f.kind.id, f.subjectTable, f.subjectId);
    if (seen.has(key)) continue;
    seen.add(key);
    const t = have.get(key);
    if (!t || (t.state !== 'open' && t.closed_by !== 'fact_changed')) out.insert.push(f);
    else if (t.state === 'done') out.reopen.set(t.kind, [...(out.reopen.get(t.kind) ?? []), t.id]);
  }
  for (const t of existing) if (t.state === 'open' && !seen.has(keyOf(t.kind, t.subject_table, t.subject_id))) out.close.push(t.id);
  return out;
}

/** The refresh of one region (or all, `undefined`) inside the caller's transaction. */
export async function refreshTasksIn(tx: Executor, actor: Actor, regionPrefix: string | undefined, date: string): Promise<RefreshResult> {
  await lockTaskRefresh(tx);
  const found = await currentTaskFindings(tx, regionPrefix, date);
  // Only the rule engine's kinds: a workflow's tasks are opened and closed by the workflow itself.
  const existing = await existingTasks(tx, RULE_KINDS.map((k) => k.id), regionPrefix);
  const p = plan(found, existing);
  const at = new Date();
  const opened = await insertTasks(tx, p.insert.map((f) => ({
    kind: f.kind.id, subject_table: f.subjectTable, subject_id: f.subjectId, region_code: f.regionCode,
    enterprise_id: f.enterpriseId, party_org_id: f.partyOrgId, due_on: taskDueOn(f.kind, todayInChina(at)), source_rule_id: f.ruleId,
  })), at);
  await insertTaskEvents(tx, opened, 'opened', TASK_REASON.opened, actor.username, at);
  await closeTasks(tx, p.close, at);
  await insertTaskEvents(tx, p.close, 'closed', TASK_REASON.factChanged, actor.username, at);
  let reopened = 0;
  for (const [kind, ids] of p.reopen) {
    await reopenTasks(tx, ids, taskDueOn(taskKind(kind)!, todayInChina(at)), at);
    await insertTaskEvents(tx, ids, 'reopened', TASK_REASON.reopened, actor.username, at);
    reopened += ids.length;
  }
  const result: RefreshResult = { regionPrefix: regionPrefix ?? null, date, opened: opened.length, closed: p.close.length, reopened, open: found.length };
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
