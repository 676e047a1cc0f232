import type { ColumnType, Generated } from 'kysely';
import type { Id } from './foundation.js';

/** Tables of src/db/migrations/0007_coverage.sql (docs/metrics.md). */
type BigCount = ColumnType<string, string | number | bigint, string | number | bigint>;
type NullableId = ColumnType<string | null, string | number | bigint | null, string | number | bigint | null>;

export type EnterpriseCoverageTable = {
  id: Id;
  region_code: string | null;
  park_id: NullableId;
  association_id: NullableId;
  industry: string | null;
  size_class: string | null;
  above_designated_size: boolean;
  active: boolean;
  status: string;
  full_members: number;
  employees: number;
  has_union: boolean;
  union_members: number;
  has_contract: boolean;
  secretary_vacant: boolean;
  /** full_members counted from the roster (0017), else the ledger's typed 党员数量. */
  members_from_roster: boolean;
  /** A covering union held a 职代会 / 职工大会 in the 12 months up to the day (0044). */
  has_congress: boolean;
  /** union_members counted from the covering unions' real-name rosters (0044), else typed. */
  union_members_from_roster: boolean;
};

export type CoverageStateTable = {
  id: Generated<number>;
  as_of: string | null;
  source_version: BigCount;
  refreshed_at: Date | null;
};

export type SnapshotScopeKind = 'all' | 'region' | 'park' | 'association' | 'industry' | 'size';

export type MetricSnapshotTable = {
  period: string;
  scope_kind: SnapshotScopeKind;
  scope_key: string;
  metric: string;
  numerator: BigCount;
  denominator: BigCount;
  computed_at: Generated<Date>;
};

export type CoverageTables = {
  enterprise_coverage: EnterpriseCoverageTable;
  coverage_state: CoverageStateTable;
  metric_snapshot: MetricSnapshotTable;
};
