import type { ColumnType, Generated } from 'kysely';
import type { GeneratedId, Ref, NullableRef, NullableText, NullableDate, NullableInt } from './foundation.js';


export type BargainingSessionJson = { heldOn: string; notes: string | null };

/** 集体协商 rounds (0041_union_bargaining.sql). */
export type UnionBargainingTable = {
  id: GeneratedId;
  union_id: Ref;
  contract_kind: 'collective' | 'wage';
  requested_on: string;
  requested_by: 'union' | 'employer';
  request_notes: NullableText;
  replied_on: NullableDate;
  sessions: ColumnType<BargainingSessionJson[], string | undefined, string>;
  vote_on: NullableDate;
  vote_congress_id: NullableRef;
  vote_representatives: NullableInt;
  vote_present: NullableInt;
  vote_yes: NullableInt;
  signed_on: NullableDate;
  starts_on: NullableDate;
  ends_on: NullableDate;
  contract_id: NullableRef;
  filed_on: NullableDate;
  objection_on: NullableDate;
  objection_notes: NullableText;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type UnionBargainingTables = { union_bargaining: UnionBargainingTable };
