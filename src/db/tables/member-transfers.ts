import type { ColumnType, Generated } from 'kysely';
import type { DateOnly, GeneratedId, Ref, NullableRef, NullableInt } from './foundation.js';
import type { MemberCategory } from '../../domain/member.js';
import type { DeclarationChannel, DeclarationStatus, TransferDirection, TransferStatus } from '../../domain/member-transfer.js';


/** A transfer of 组织关系 (0018_member_transfers.sql). */
export type MemberTransferTable = {
  id: GeneratedId;
  member_id: Ref;
  direction: TransferDirection;
  from_org_id: NullableRef;
  to_org_id: NullableRef;
  outside_org: string | null;
  letter_year: NullableInt;
  letter_seq: NullableInt;
  paper_letter_no: string | null;
  issued_on: DateOnly;
  valid_until: DateOnly | null;
  status: TransferStatus;
  decided_on: DateOnly | null;
  reason: string | null;
  receipt_on: DateOnly | null;
  batch_id: NullableRef;
  note: string | null;
  created_by: NullableRef;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

/** A 亮身份 declaration (0018_member_transfers.sql). */
export type MemberDeclarationTable = {
  id: GeneratedId;
  name: string;
  id_number_enc: string;
  id_number_index: string;
  phone_enc: string | null;
  enterprise_id: Ref;
  post: string | null;
  named_org: string;
  category: MemberCategory;
  joined_on: DateOnly | null;
  channel: DeclarationChannel;
  declared_by: NullableRef;
  status: Generated<DeclarationStatus>;
  reason: string | null;
  org_id: NullableRef;
  member_id: NullableRef;
  decided_by: NullableRef;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type MemberTransferTables = {
  member_transfer: MemberTransferTable;
  member_declaration: MemberDeclarationTable;
  party_member: { mobile_card_no: string | null; mobile_org_id: NullableRef; mobile_org_name: string | null; mobile_place: string | null; mobile_reported_on: ColumnType<string | null, string | null | undefined, string | null> };
  app_user: { person_id: NullableRef };
};
