import type { ColumnType, Generated } from 'kysely';
import type { DateOnly, GeneratedId, Id } from './foundation.js';

export type Gender = 'male' | 'female';

/** A natural person. ID and phone numbers only as ciphertext + blind index (0005_personal_data.sql). */
export type PersonTable = {
  id: GeneratedId;
  name: string;
  gender: Gender | null;
  birth_date: DateOnly | null;
  id_number_enc: string | null;
  id_number_index: string | null;
  phone_enc: string | null;
  phone_index: string | null;
  key_id: string | null;
  /** 登记区划: where the registering office sits (0013); visibility by region. */
  region_code: ColumnType<string | null, string | null | undefined, string | null>;
  /** 民族 and 学历 as the national member system writes them (0015). */
  ethnicity: ColumnType<string | null, string | null | undefined, string | null>;
  education: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
};

export type AuditCheckpointTable = {
  id: GeneratedId;
  seq: Id;
  hash: string;
  kind: 'prune' | 'anchor';
  removed: ColumnType<string, string | number | undefined, string | number>;
  created_at: Generated<Date>;
  mac: string | null;
};

export type PersonalDataTables = {
  person: PersonTable;
  audit_checkpoint: AuditCheckpointTable;
};
