import type { ColumnType, Generated } from 'kysely';
import type { GeneratedId } from './foundation.js';

type Ref = ColumnType<string, string | number | bigint, string | number | bigint>;
type NullableRef = ColumnType<string | null, string | number | bigint | null | undefined, string | number | bigint | null>;

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
