import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { todayInChina } from '../../domain/org-terms.js';
import { taskDueOn, taskKind, type WorkflowTaskKind } from '../../domain/task-kinds.js';
import type { Actor } from '../access/actor.js';

/**
 * How a workflow raises and resolves its tasks (docs/inbox.md, "Workflow tasks"): in the transaction
 * of the action itself, so a task exists exactly when the work is waiting. A transfer sent opens the
 * receiving organisation's task; receiving or returning it closes the task — never a tick box.
 *
 * Deduplicated by kind and subject (one open task each, the partial unique index task_open_key): a
 * second open returns the open task; a task closed earlier is reopened in place, so one task keeps
 * its whole history. Both hold when two transactions race on PostgreSQL READ COMMITTED: the insert
 * yields to the index (ON CONFLICT DO NOTHING) and the reopen re-checks its state under the row lock.
 */
export type TaskAnchorIds = { enterpriseId?: string | null; partyOrgId?: string | null; unionOrgId?: string | null };

export type OpenTaskInput = {
  kind: string;
  subjectTable: string;
  subjectId: string;
  /** What people read about the subject: 张三（入党申请）, 关于开展…的通知 — no ID number, no phone. */
  subjectLabel: string;
  /** The page that opens the subject (/transfers/12); omitted = the anchor's own page. */
  linkPath?: string | null;
  /** The records the task belongs to; the kind's anchor among them must be given. */
  anchor: TaskAnchorIds;
  /** The anchor's place (the street × kind table and region filters). */
  regionCode: string | null;
  /** A date the workflow fixes (a statutory deadline); omitted = the kind's days from today. */
  dueOn?: string;
  assigneeUserId?: string | null;
  /**
   * The role whose holders may act on it (an approval level's 社区/街道/区), within the kind's scope;
   * omitted = every role holding the kind's action. Written on open and on reopen: a level task
   * reopened for the next level moves to that level's role.
   */
  assigneeRole?: string | null;
  /** Why it opened, as the history shows it (default 待办理). */
  reason?: string;
};

export type CloseTaskInput = {
  kind: string;
  subjectTable: string;
  subjectId: string;
  /** The action that resolved it (transfer.receive, notice.reply …), kept on the task. */
  closedBy: string;
  /** What the history shows, in Chinese: 已接收, 已回复, 申请已撤回 … */
  reason: string;
  /** `cancelled` (已撤销) when the work went away rather than being done (a request withdrawn). */
  state?: 'done' | 'cancelled';
};

function workflowKind(id: string): WorkflowTaskKind {
  const k = taskKind(id);
  // A programming error, not the user's: a workflow must declare its kind in src/domain/task-kinds/.
  if (!k || !k.workflow) throw new Error(`task kind ${id} is not a declared workflow kind`);
  return k;
}

const ANCHOR_ID = { enterprise: 'enterpriseId', party_org: 'partyOrgId', union_org: 'unionOrgId' } as const;

async function addEvent(tx: Executor, taskId: string, event: 'opened' | 'reopened' | 'closed' | 'cancelled', reason: string, actor: Actor, at: Date) {
  await tx.insertInto('task_event').values({ task_id: taskId, event, reason: reason.slice(0, 200), actor_name: actor.username, at }).execute();
}

const openTaskId = async (tx: Executor, kind: string, table: string, id: string) => (await tx.selectFrom('task').select('id')
  .where('kind', '=', kind).where('subject_table', '=', table).where('subject_id', '=', id).where('state', '=', 'open')
  .executeTakeFirst())?.id;

/** Opens (or returns, or reopens) the task of `kind` about the subject; returns its id. */
export async function openTask(tx: Executor, actor: Actor, input: OpenTaskInput): Promise<string> {
  const k = workflowKind(input.kind);
  // A workflow's task is about one record: never a street's own (region-anchored) task.
  if (k.anchor === 'region' || !input.anchor[ANCHOR_ID[k.anchor]]) throw new Error(`task kind ${k.id} needs its ${k.anchor} anchor`);
  const at = new Date();
  const dueOn = input.dueOn ?? taskDueOn(k, todayInChina(at));
  const place = {
    region_code: input.regionCode, enterprise_id: input.anchor.enterpriseId ?? null, party_org_id: input.anchor.partyOrgId ?? null,
    union_org_id: input.anchor.unionOrgId ?? null, subject_label: input.subjectLabel.slice(0, 200), link_path: input.linkPath ?? null,
  };
  const open = await openTaskId(tx, k.id, input.subjectTable, input.subjectId);
  if (open) {
    // Already waiting: keep its due date and history; the subject may have been renamed or moved.
    await tx.updateTable('task').set(place).where('id', '=', open).execute();
    return open;
  }
  const last = await tx.selectFrom('task').select(['id', 'state']).where('kind', '=', k.id).where('subject_table', '=', input.subjectTable)
    .where('subject_id', '=', input.subjectId).orderBy('id', 'desc').executeTakeFirst();
  if (last?.state === 'done') {
    const back = await tx.updateTable('task').set({
      ...place, state: 'open', closed_at: null, closed_by: null, opened_at: at, due_on: dueOn,
      assignee_user_id: input.assigneeUserId ?? null, assignee_role: input.assigneeRole ?? null, version: sql`version + 1`,
    }).where('id', '=', last.id).where('state', '=', 'done').returning('id').executeTakeFirst();
    if (back) { await addEvent(tx, back.id, 'reopened', input.reason ?? '再次待办理', actor, at); return back.id; }
  }
  const made = await tx.insertInto('task').values({
    ...place, kind: k.id, subject_table: input.subjectTable, subject_id: input.subjectId, due_on: dueOn,
    assignee_user_id: input.assigneeUserId ?? null, assignee_role: input.assigneeRole ?? null, source_workflow: k.workflow, opened_at: at,
  }).onConflict((oc) => oc.columns(['kind', 'subject_table', 'subject_id']).where('state', '=', 'open').doNothing())
    .returning('id').executeTakeFirst();
  if (made) { await addEvent(tx, made.id, 'opened', input.reason ?? '待办理', actor, at); return made.id; }
  // Another transaction opened it a moment ago.
  const theirs = await openTaskId(tx, k.id, input.subjectTable, input.subjectId);
  if (!theirs) throw new Error(`task ${k.id} for ${input.subjectTable} ${input.subjectId} neither opened nor found`);
  return theirs;
}

/** Closes the open task of `kind` about the subject, if there is one; returns its id or null. */
export async function closeTask(tx: Executor, actor: Actor, input: CloseTaskInput): Promise<string | null> {
  const k = workflowKind(input.kind);
  const at = new Date();
  const state = input.state ?? 'done';
  const row = await tx.updateTable('task').set({ state, closed_at: at, closed_by: input.closedBy.slice(0, 60), version: sql`version + 1` })
    .where('kind', '=', k.id).where('subject_table', '=', input.subjectTable).where('subject_id', '=', input.subjectId)
    .where('state', '=', 'open').returning('id').executeTakeFirst();
  if (!row) return null;
  await addEvent(tx, row.id, state === 'done' ? 'closed' : 'cancelled', input.reason, actor, at);
  return row.id;
}
