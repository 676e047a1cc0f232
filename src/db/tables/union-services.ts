import type { ColumnType, Generated } from 'kysely';
import type { GeneratedId, Ref, NullableRef, NullableText, NullableDate } from './foundation.js';

/** bigint fen: read as a string by pg, written as a number. */
type Fen = ColumnType<string, number | string, number | string>;
type NullableFen = ColumnType<string | null, number | string | null | undefined, number | string | null>;

export type HardshipLevelDb = 'deep' | 'relative' | 'accident';
export type HardshipStatusDb = 'applied' | 'approved' | 'rejected' | 'closed';

/** 0043_union_services.sql */
export type UnionHardshipFileTable = {
  id: GeneratedId;
  union_id: Ref;
  person_id: Ref;
  level: HardshipLevelDb;
  reasons: ColumnType<string[], string[], string[]>;
  reason_note: NullableText;
  household_size: ColumnType<number | null, number | null | undefined, number | null>;
  income_per_head_fen: NullableFen;
  status: ColumnType<HardshipStatusDb, HardshipStatusDb | undefined, HardshipStatusDb>;
  applied_on: string;
  approved_on: NullableDate;
  last_reviewed_on: NullableDate;
  closed_on: NullableDate;
  close_reason: NullableText;
  version: Generated<number>;
  created_by: NullableRef;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type UnionHardshipPaymentTable = {
  id: GeneratedId;
  file_id: Ref;
  paid_on: string;
  kind: string;
  amount_fen: Fen;
  note: NullableText;
  recorded_by: NullableRef;
  created_at: Generated<Date>;
};

export type UnionHardshipReviewTable = {
  id: GeneratedId;
  file_id: Ref;
  reviewed_on: string;
  outcome: 'continue' | 'levelChanged' | 'closed';
  level: HardshipLevelDb;
  note: NullableText;
  reviewer_id: NullableRef;
  created_at: Generated<Date>;
};

export type UnionCompetitionTable = {
  id: GeneratedId;
  union_id: Ref;
  name: string;
  starts_on: string;
  ends_on: string;
  participants: ColumnType<number, number | undefined, number>;
  recorded_by: NullableRef;
  created_at: Generated<Date>;
};

export type PersonHonourTable = {
  id: GeneratedId;
  person_id: Ref;
  union_id: Ref;
  kind: string;
  level: string;
  year: number;
  awarded_by: string;
  competition_id: NullableRef;
  recorded_by: NullableRef;
  created_at: Generated<Date>;
};

export type UnionFundsMonthTable = {
  id: GeneratedId;
  union_id: Ref;
  month: string;
  payroll_fen: Fen;
  payroll_own: ColumnType<boolean, boolean | undefined, boolean>;
  due_fen: Fen;
  due_on: string;
  paid_fen: ColumnType<string, number | string | undefined, number | string>;
  paid_on: NullableDate;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type UnionServiceTables = {
  union_hardship_file: UnionHardshipFileTable;
  union_hardship_payment: UnionHardshipPaymentTable;
  union_hardship_review: UnionHardshipReviewTable;
  union_competition: UnionCompetitionTable;
  person_honour: PersonHonourTable;
  union_funds_month: UnionFundsMonthTable;
};
