import type { ColumnType, Generated } from 'kysely';
import type { GeneratedId, Ref, NullableRef, NullableText, NullableDate } from './foundation.js';


export type UnionMemberStatus = 'active' | 'retained' | 'transferred' | 'left';

/** Real-name union members (0037_union_members.sql). */
export type UnionMemberTable = {
  id: GeneratedId;
  person_id: Ref;
  union_id: Ref;
  joined_on: NullableDate;
  card_number: NullableText;
  status: ColumnType<UnionMemberStatus, UnionMemberStatus | undefined, UnionMemberStatus>;
  status_since: NullableDate;
  enterprise_id: NullableRef;
  employer_name: NullableText;
  dispatched: ColumnType<boolean, boolean | undefined, boolean>;
  dispatch_employer_name: NullableText;
  source: ColumnType<'manual' | 'import' | 'application', 'manual' | 'import' | 'application' | undefined, 'manual' | 'import' | 'application'>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type UnionMemberEventTable = {
  id: GeneratedId;
  member_id: Ref;
  kind: string;
  at: string;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  actor_id: NullableRef;
  recorded_at: Generated<Date>;
};

export type UnionMemberTables = { union_member: UnionMemberTable; union_member_event: UnionMemberEventTable };
