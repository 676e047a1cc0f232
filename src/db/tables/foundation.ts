import type { ColumnType, Generated } from 'kysely';

/** bigint ids come back from pg as strings; we keep them as strings end to end. */
export type Id = ColumnType<string, string | number | bigint, string | number | bigint>;
export type GeneratedId = ColumnType<string, never, never>;
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type DateOnly = ColumnType<string, string | null, string | null>;
// Column shapes the tables share: a reference (bigint id in, string out) and nullable columns a write may leave out.
export type Ref = Id;
export type NullableRef = ColumnType<string | null, string | number | bigint | null | undefined, string | number | bigint | null>;
export type NullableText = ColumnType<string | null, string | null | undefined, string | null>;
export type NullableDate = NullableText;
export type NullableInt = ColumnType<number | null, number | null | undefined, number | null>;
export type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export type RegionTable = {
  code: string;
  level: number;
  name: string;
  parent_code: string | null;
  initials: Generated<string>;
  prefix: string;
};

export type ParkTable = { id: GeneratedId; name: string; region_code: string | null; created_at: Generated<Date> };
export type AssociationTable = {
  id: GeneratedId;
  name: string;
  region_code: string | null;
  industry: string | null;
  created_at: Generated<Date>;
};

export type ImportBatchTable = {
  id: GeneratedId;
  kind: string;
  file_name: string;
  file_sha256: string;
  source: Generated<string>;
  status: Generated<'running' | 'completed' | 'failed' | 'dry_run'>;
  actor_id: string | null;
  rows_total: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  summary: Generated<Json<Record<string, unknown>>>;
  started_at: Generated<Date>;
  finished_at: Date | null;
};

export type OperatingStatus = 'active' | 'suspended' | 'deregistered' | 'revoked' | 'moved_out';
export type SizeClass = 'large' | 'medium' | 'small' | 'micro';
export type Placement = 'placed' | 'pending' | 'manual';

export type EnterpriseTable = {
  id: GeneratedId;
  credit_code: string;
  name: string;
  initials: Generated<string>;
  ownership_type: string | null;
  legal_representative: string | null;
  address: string | null;
  region_code: string | null;
  placement: Generated<Placement>;
  park_id: string | null;
  association_id: string | null;
  industry: string | null;
  size_class: SizeClass | null;
  above_designated_size: Generated<boolean>;
  operating_status: Generated<OperatingStatus>;
  employee_count: number | null;
  member_count: number | null;
  registered_capital: ColumnType<string | null, string | number | null, string | number | null>;
  founded_on: DateOnly | null;
  owner_profile: string | null;
  // 0056: facts an import never carries (联系人, sealed 联系电话, 企业自报是否建立工会).
  contact_name: NullableText;
  contact_phone_enc: NullableText;
  contact_key_id: NullableText;
  union_reported: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  source: Generated<string>;
  facts_hash: Generated<string>;
  source_row_hash: Generated<Uint8Array | null>;
  created_import_id: Generated<string | null>;
  version: Generated<number>;
  first_seen_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  last_import_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type EnterpriseChangeTable = {
  id: GeneratedId;
  enterprise_id: string;
  import_id: string | null;
  actor_id: string | null;
  kind: string;
  changes: Generated<Json<Record<string, [unknown, unknown]>>>;
  changed_at: Generated<Date>;
  // 0056: 'import' | 'manual' | 'survey' | 'placement' (null on rows written before it), the reason of a hand correction.
  source: NullableText;
  reason: NullableText;
  survey_campaign_id: NullableRef;
};

export type AppUserTable = {
  id: GeneratedId;
  username: string;
  display_name: string;
  password_hash: string;
  must_change_password: Generated<boolean>;
  password_changed_at: Date | null;
  failed_attempts: Generated<number>;
  locked_until: Date | null;
  totp_secret: string | null;
  disabled: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type UserRoleTable = {
  id: GeneratedId;
  user_id: string;
  role: string;
  all_regions: Generated<boolean>;
  region_prefixes: Generated<string[]>;
  park_ids: Generated<string[]>;
  association_ids: Generated<string[]>;
  party_org_ids: Generated<string[]>;
  enterprise_ids: Generated<string[]>;
  granted_by: string | null;
  created_at: Generated<Date>;
};

export type UserSessionTable = {
  id: string;
  user_id: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  revoked_at: Date | null;
};

export type AuditEventTable = {
  seq: GeneratedId;
  at: ColumnType<Date, Date | string | undefined, Date | string>;
  actor_id: string | null;
  actor_name: string;
  ip: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Json | null;
  after: Json | null;
  prev_hash: string;
  hash: string;
};

export type AppSettingTable = { key: string; value: Json };

export type FoundationTables = {
  region: RegionTable;
  park: ParkTable;
  association: AssociationTable;
  import_batch: ImportBatchTable;
  enterprise: EnterpriseTable;
  enterprise_change: EnterpriseChangeTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  user_session: UserSessionTable;
  audit_event: AuditEventTable;
  app_setting: AppSettingTable;
};
