import type { ColumnType, Generated } from 'kysely';
import type { GeneratedId, Ref, NullableRef } from './foundation.js';


/** 党小组 of a 党支部 (0036_party_groups.sql); members point to it through party_member.group_id. */
export type PartyGroupTable = {
  id: GeneratedId;
  org_id: Ref;
  name: string;
  leader_member_id: NullableRef;
  dissolved_on: ColumnType<string | null, string | null | undefined, string | null>;
  version: Generated<number>;
  created_at: Generated<Date>;
};

export type PartyGroupTables = { party_group: PartyGroupTable };
