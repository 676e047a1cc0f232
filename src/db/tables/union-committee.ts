import type { ColumnType, Generated } from 'kysely';
import type { GeneratedId, Ref, NullableRef, NullableText, NullableDate, NullableInt } from './foundation.js';


export type CommitteeRoleColumn = 'chair' | 'viceChair' | 'member' | 'womenMember' | 'fundsAuditor';

/** 换届选举 (0040_union_committee_congress.sql). */
export type UnionElectionTable = {
  id: GeneratedId;
  union_id: Ref;
  held_on: string;
  term_years: number;
  term_ends_on: string;
  method: ColumnType<'members' | 'delegates', 'members' | 'delegates' | undefined, 'members' | 'delegates'>;
  notes: NullableText;
  actor_id: NullableRef;
  created_at: Generated<Date>;
};

/** One person's place on a union committee (0040). */
export type UnionCommitteeSeatTable = {
  id: GeneratedId;
  union_id: Ref;
  election_id: NullableRef;
  person_id: Ref;
  role: CommitteeRoleColumn;
  full_time: ColumnType<boolean, boolean | undefined, boolean>;
  close_relative: ColumnType<boolean, boolean | undefined, boolean>;
  declared_on: string;
  since: string;
  until: NullableDate;
  end_reason: NullableText;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type UnionCongressResolutionTable = {
  id: GeneratedId;
  congress_id: Ref;
  title: string;
  matter: NullableText;
  votes_for: number;
  votes_against: ColumnType<number, number | undefined, number>;
  votes_abstain: ColumnType<number, number | undefined, number>;
  actor_id: NullableRef;
  created_at: Generated<Date>;
};

/** The columns 0040 adds to union_congress (0006); joined onto its table type in schema.ts. */
export type UnionCongressExtraColumns = {
  employees: NullableInt;
  representatives: NullableInt;
  managers: NullableInt;
  present: NullableInt;
  matters: ColumnType<string[], string | undefined, string>;
  version: Generated<number>;
  updated_at: Generated<Date>;
};

export type UnionCommitteeTables = {
  union_election: UnionElectionTable;
  union_committee_seat: UnionCommitteeSeatTable;
  union_congress_resolution: UnionCongressResolutionTable;
  union_congress: UnionCongressExtraColumns;
};
