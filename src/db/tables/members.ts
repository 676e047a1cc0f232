import type { ColumnType, Generated } from 'kysely';
import type { DateOnly, GeneratedId, Ref, NullableRef } from './foundation.js';
import type { MemberCategory, MemberLeftReason, MemberSource, MemberStatus } from '../../domain/member.js';


/** A party member's membership (0015_party_members.sql): one per person, always in one organisation. */
export type PartyMemberTable = {
  id: GeneratedId;
  person_id: Ref;
  org_id: Ref;
  category: MemberCategory;
  joined_on: DateOnly | null;
  confirmed_on: DateOnly | null;
  status: Generated<MemberStatus>;
  status_since: DateOnly | null;
  left_reason: MemberLeftReason | null;
  enterprise_id: NullableRef;
  /** 党小组 (0036): one group of the holding organisation, or none. */
  group_id: NullableRef;
  employer_name: string | null;
  post: string | null;
  source: Generated<MemberSource>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type PartyMemberEventTable = {
  id: GeneratedId;
  member_id: Ref;
  kind: string;
  at: string;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  actor_id: NullableRef;
  recorded_at: Generated<Date>;
};

export type MemberTables = {
  party_member: PartyMemberTable;
  party_member_event: PartyMemberEventTable;
};
