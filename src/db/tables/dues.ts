import type { ColumnType, Generated } from 'kysely';
import type { DateOnly, GeneratedId, Ref, NullableRef } from './foundation.js';

/** bigint money: read as text by the drivers, written as a number. */
type BigFen = ColumnType<string | null, number | null | undefined, number | null>;

/** Party dues (0020_dues.sql; docs/dues.md). */
export type DuesBasisTable = {
  id: GeneratedId; member_id: Ref; from_month: string; category: string; base_fen: BigFen;
  created_by: NullableRef; created_at: Generated<Date>;
};
export type DuesReductionTable = {
  id: GeneratedId; member_id: Ref; from_month: string; to_month: string | null; amount_fen: number;
  approved_on: DateOnly; approval_ref: string | null; created_by: NullableRef; created_at: Generated<Date>;
  withdrawn_on: DateOnly; withdrawn_reason: string | null;
};
export type DuesMonthTable = {
  org_id: Ref; month: string; status: Generated<'open' | 'closed'>; computed_at: Generated<Date>; closed_at: Date | null; version: Generated<number>;
  reopened_at: Date | null; reopen_reason: string | null;
};
export type DuesLedgerTable = {
  id: GeneratedId; member_id: Ref; month: string; org_id: Ref; category: string; base_fen: BigFen;
  standard_fen: number; due_fen: number; rule_id: string; bracket: string;
  paid_fen: Generated<number>; paid_on: DateOnly; method: 'hand' | 'import' | null;
  version: Generated<number>; computed_at: Generated<Date>; updated_at: Generated<Date>;
};
export type DuesImportBatchTable = {
  id: GeneratedId; file_name: string; file_sha256: string; rows_total: number; rows_applied: number;
  created_by: NullableRef; created_at: Generated<Date>;
};
export type DuesPaymentTable = {
  id: GeneratedId; ledger_id: Ref; amount_fen: number; paid_on: string; method: 'hand' | 'import';
  batch_id: NullableRef; note: string | null; created_by: NullableRef; created_at: Generated<Date>;
};

export type DuesTables = {
  dues_basis: DuesBasisTable;
  dues_reduction: DuesReductionTable;
  dues_month: DuesMonthTable;
  dues_ledger: DuesLedgerTable;
  dues_import_batch: DuesImportBatchTable;
  dues_payment: DuesPaymentTable;
};
