import type { ColumnType, Generated } from 'kysely';
import type { GeneratedId, Ref, NullableRef, NullableText } from './foundation.js';

type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type UnionApplicationStatus = 'pending' | 'accepted' | 'rejected' | 'merged';
export type UnionApplicationEventKind = 'submitted' | 'referred' | 'accepted' | 'rejected' | 'merged';

/** The union's public page (0039_union_join.sql). */
export type UnionJoinLinkTable = {
  union_id: Ref;
  token: string;
  show_chair: ColumnType<boolean, boolean | undefined, boolean>;
  office_phone: NullableText;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

/** An application from the public page; ID and phone sealed as in `person`. */
export type UnionApplicationTable = {
  id: GeneratedId;
  union_id: Ref;
  name: string;
  gender: ColumnType<'male' | 'female' | null, 'male' | 'female' | null | undefined, 'male' | 'female' | null>;
  id_number_enc: string;
  id_number_index: string;
  phone_enc: string;
  phone_index: string;
  key_id: string;
  employer_name: string;
  status: ColumnType<UnionApplicationStatus, UnionApplicationStatus | undefined, UnionApplicationStatus>;
  referred_from_union_id: NullableRef;
  referral_note: NullableText;
  decision_reason: NullableText;
  decided_at: NullableTime;
  decided_by: NullableRef;
  person_id: NullableRef;
  member_id: NullableRef;
  submitted_at: Generated<Date>;
  version: Generated<number>;
};

export type UnionApplicationEventTable = {
  id: GeneratedId;
  application_id: Ref;
  kind: UnionApplicationEventKind;
  union_id: Ref;
  to_union_id: NullableRef;
  note: NullableText;
  actor_id: NullableRef;
  at: Generated<Date>;
};

export type UnionJoinThrottleTable = { bucket: string; window_start: Date | string; hits: number };

export type UnionJoinTables = {
  union_join_link: UnionJoinLinkTable;
  union_application: UnionApplicationTable;
  union_application_event: UnionApplicationEventTable;
  union_join_throttle: UnionJoinThrottleTable;
};
