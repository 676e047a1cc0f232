import type { ColumnType, Generated } from 'kysely';
import type { GeneratedId, Ref, NullableRef, NullableText } from './foundation.js';


export type TaskState = 'open' | 'done' | 'cancelled';
/** The rule engine's subjects are enterprises and organisations; a workflow names its own table. */
export type TaskSubjectTable = string;
export type TaskEventKind = 'opened' | 'closed' | 'reopened' | 'cancelled' | 'assigned' | 'moved';

/** Tasks and their history (0049_tasks.sql). */
export type TaskTable = {
  id: GeneratedId;
  kind: string;
  subject_table: TaskSubjectTable;
  subject_id: Ref;
  region_code: NullableText;
  enterprise_id: NullableRef;
  /** The enterprise's place now, kept by triggers (0072): the inbox's street read. Never written by code. */
  enterprise_region: ColumnType<string | null, never, never>;
  party_org_id: NullableRef;
  union_org_id: NullableRef;
  /** What people read about a workflow's subject (a rule task reads its anchor's name). */
  subject_label: NullableText;
  /** The page that opens a workflow's subject; null = the anchor's own page. */
  link_path: NullableText;
  due_on: ColumnType<string, string, string>;
  assignee_user_id: NullableRef;
  /** The role whose holders may act on it (0073: an approval level's role); null = every role holding the kind's action. */
  assignee_role: NullableText;
  state: ColumnType<TaskState, TaskState | undefined, TaskState>;
  source_rule_id: NullableText;
  source_workflow: NullableText;
  opened_at: ColumnType<Date, Date | string | undefined, Date | string>;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  closed_by: NullableText;
  /** A cancelled task's finding was seen gone (0051): its coming back opens a new task. */
  finding_gone_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: Generated<number>;
};

export type TaskEventTable = {
  id: GeneratedId;
  task_id: Ref;
  event: TaskEventKind;
  reason: string;
  actor_name: string;
  at: Generated<Date>;
};

export type TaskTables = { task: TaskTable; task_event: TaskEventTable };
