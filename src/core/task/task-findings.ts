import type { Executor } from '../../db/schema.js';
import type { RuleTaskKind } from '../../domain/task-kinds.js';
import { activeFinders } from './task-finders.js';

/**
 * The findings that should be open tasks now, computed by the finders (task-finders.ts) with the
 * same batched queries and evaluators as the work lists (src/core/worklist). Only the rules a
 * declared kind names are kept. The anchor ids say whose task it is (one at least: task_anchor_check).
 */
export type TaskFinding = {
  kind: RuleTaskKind;
  subjectTable: string;
  subjectId: string;
  regionCode: string | null;
  enterpriseId: string | null;
  partyOrgId: string | null;
  unionOrgId: string | null;
  ruleId: string;
  /** A due date the rule itself fixes (dues: the day the six months complete); omitted = the kind's days. */
  dueOn?: string;
  /** What people read about the subject when the kind counts something (某党支部：3名党员欠交党费3个月以上). */
  label?: string;
};

/** Every finding a declared kind turns into a task, for the records placed under `regionPrefix` (or all). */
export async function currentTaskFindings(db: Executor, regionPrefix: string | undefined, date: string): Promise<TaskFinding[]> {
  const out: TaskFinding[] = [];
  // One by one: spreading a province's findings (600,000 at 1M enterprises) into push overflows the stack.
  for (const f of activeFinders()) for (const x of await f.full(db, regionPrefix, date)) out.push(x);
  return out;
}
