import type { Executor } from '../../db/schema.js';
import { todayInChina } from '../../domain/org-terms.js';
import { TASK_REASON, taskDueOn, taskKind } from '../../domain/task-kinds.js';
import type { Actor } from '../access/actor.js';
import type { TaskFinding } from './task-findings.js';
import {
  closeTasks, insertTaskEvents, insertTasks, markFindingGone, placeTasks, relabelOpenTasks, reopenTasks, type ExistingTask,
} from './task-refresh.repository.js';

/**
 * The difference between the findings of some records and their tasks, and its set-based writing —
 * shared by the regional refresh and the incremental one (docs/inbox.md, "Refresh"). Every task given
 * must belong to a record whose findings were computed: a task without a finding is then fixed.
 *
 *  finding, no task ................................ open a task
 *  finding, open task .............................. keep (re-placed if the record moved: 属地变更)
 *  finding, task closed as 已整改 ................... reopen it (问题再次出现)
 *  finding, task 已撤销, finding never went away ..... leave it cancelled (a person withdrew it)
 *  finding, task 已撤销, finding went away since ..... open a new task (a new matter)
 *  no finding, open task ........................... close as 已整改
 *  no finding, task 已撤销 .......................... note that the finding went away
 */
export type PlanCounts = { opened: number; closed: number; reopened: number; moved: number };

const keyOf = (kind: string, table: string, id: string) => `${kind}|${table}|${id}`;

type Plan = { insert: TaskFinding[]; reopen: Map<string, { kind: string; dueOn?: string; ids: string[] }>; close: string[]; gone: string[]; moves: Map<string | null, string[]> };

function plan(found: TaskFinding[], existing: ExistingTask[]): Plan {
  const have = new Map(existing.map((t) => [keyOf(t.kind, t.subject_table, t.subject_id), t]));
  const seen = new Set<string>();
  const out: Plan = { insert: [], reopen: new Map(), close: [], gone: [], moves: new Map() };
  const move = (t: ExistingTask, region: string | null) => {
    if (t.region_code !== region) out.moves.set(region, [...(out.moves.get(region) ?? []), t.id]);
  };
  for (const f of found) {
    const key = keyOf(f.kind.id, f.subjectTable, f.subjectId);
    if (seen.has(key)) continue;
    seen.add(key);
    const t = have.get(key);
    if (!t || (t.state === 'done' && t.closed_by !== 'fact_changed') || (t.state === 'cancelled' && t.finding_gone_at)) out.insert.push(f);
    else if (t.state === 'done') {
      // Reopened together when they share a due date: the kind's days, or the date the rule fixed.
      const group = `${t.kind}|${f.dueOn ?? ''}`;
      const g = out.reopen.get(group) ?? { kind: t.kind, dueOn: f.dueOn, ids: [] };
      g.ids.push(t.id);
      out.reopen.set(group, g);
      move(t, f.regionCode);
    }
    else if (t.state === 'open') move(t, f.regionCode);
  }
  for (const t of existing) {
    if (seen.has(keyOf(t.kind, t.subject_table, t.subject_id))) continue;
    if (t.state === 'open') out.close.push(t.id);
    else if (t.state === 'cancelled' && !t.finding_gone_at) out.gone.push(t.id);
  }
  return out;
}

/** Writes the difference inside the caller's transaction (under its refresh lock); returns what changed. */
export async function applyTaskPlan(tx: Executor, actor: Actor, found: TaskFinding[], existing: ExistingTask[]): Promise<PlanCounts> {
  const p = plan(found, existing);
  const at = new Date();
  const today = todayInChina(at);
  const opened = await insertTasks(tx, p.insert.map((f) => ({
    kind: f.kind.id, subject_table: f.subjectTable, subject_id: f.subjectId, region_code: f.regionCode,
    enterprise_id: f.enterpriseId, party_org_id: f.partyOrgId, union_org_id: f.unionOrgId, due_on: f.dueOn ?? taskDueOn(f.kind, today), source_rule_id: f.ruleId,
    subject_label: f.label ?? null,
  })), at);
  await insertTaskEvents(tx, opened, 'opened', TASK_REASON.opened, actor.username, at);
  const closed = await closeTasks(tx, p.close, at);
  await insertTaskEvents(tx, closed, 'closed', TASK_REASON.factChanged, actor.username, at);
  await markFindingGone(tx, p.gone, at);
  let reopened = 0;
  const reopenedIds = new Set<string>();
  for (const { kind, dueOn, ids } of p.reopen.values()) {
    const back = await reopenTasks(tx, ids, dueOn ?? taskDueOn(taskKind(kind)!, today), at);
    await insertTaskEvents(tx, back, 'reopened', TASK_REASON.reopened, actor.username, at);
    back.forEach((id) => reopenedIds.add(id));
    reopened += back.length;
  }
  let moved = 0;
  for (const [region, ids] of p.moves) {
    const placed = await placeTasks(tx, ids, region);
    // A reopened task's history already says it is back; the move shows on tasks that stayed open.
    const shown = placed.filter((id) => !reopenedIds.has(id));
    await insertTaskEvents(tx, shown, 'moved', TASK_REASON.moved, actor.username, at);
    moved += shown.length;
  }
  // A counted finding's words follow the count (3名 → 5名) on the task that stays open; not a change of the task's state.
  await relabelOpenTasks(tx, found.filter((f) => f.label !== undefined).map((f) => ({ kind: f.kind.id, subjectTable: f.subjectTable, subjectId: f.subjectId, label: f.label! })));
  return { opened: opened.length, closed: closed.length, reopened, moved };
}
