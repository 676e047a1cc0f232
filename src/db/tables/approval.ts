import type { ColumnType, Generated } from 'kysely';
import type { ApprovalState, ApprovalStepAction, LevelRole } from '../../domain/approval.js';
import type { GeneratedId, NullableRef, NullableText, Ref } from './foundation.js';

/** Approval requests and their steps (0053_approvals.sql). */
export type ApprovalRequestTable = {
  id: GeneratedId;
  kind: string;
  subject_table: string;
  subject_id: Ref;
  party_org_id: Ref;
  subject_label: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  levels: ColumnType<LevelRole[], string, string>;
  flow_prefix: NullableText;
  current_level: Generated<number>;
  state: ColumnType<ApprovalState, ApprovalState | undefined, ApprovalState>;
  requester_user_id: Ref;
  deputy_user_id: NullableRef;
  deputy_until: ColumnType<string | null, string | null | undefined, string | null>;
  submitted_at: Generated<Date>;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: Generated<number>;
  updated_at: Generated<Date>;
};

export type ApprovalStepTable = {
  id: GeneratedId;
  request_id: Ref;
  level: ColumnType<number | null, number | null | undefined, number | null>;
  level_role: NullableText;
  action: ApprovalStepAction;
  actor_user_id: NullableRef;
  actor_name: string;
  comment: NullableText;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  at: Generated<Date>;
};

export type ApprovalTables = { approval_request: ApprovalRequestTable; approval_step: ApprovalStepTable };
