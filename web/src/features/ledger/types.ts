import type { OperatingStatus, Placement, SizeClass } from '../../../../src/db/tables/foundation';

/** Shapes of the ledger API (src/contracts/enterprise.ts on the server). */
export type EnterpriseListItem = {
  id: string;
  creditCode: string;
  name: string;
  regionCode: string | null;
  regionName?: string | null;
  placement: Placement;
  address: string | null;
  sizeClass: SizeClass | null;
  aboveDesignatedSize: boolean;
  operatingStatus: OperatingStatus;
  employeeCount: number | null;
  memberCount?: number | null;
  foundedOn: string | null;
  parkName?: string | null;
  associationName?: string | null;
  updatedAt?: string;
};

export type EnterprisePage = { items: EnterpriseListItem[]; nextCursor: string | null; total: number };

export type HistoryEntry = {
  changedAt: string;
  kind: string;
  changes: Record<string, [unknown, unknown]>;
  importId?: string | null;
  actorName?: string | null;
};

export type EnterpriseDetail = EnterpriseListItem & {
  ownershipType: string | null;
  legalRepresentative: string | null;
  registeredCapital: string | null;
  industry: string | null;
  ownerProfile: string | null;
  partyOrg?: string | null;
  source?: string;
  firstSeenAt?: string;
  lastSeenAt?: string;
  history: HistoryEntry[];
};

export type LedgerFilters = {
  regionPrefix?: string;
  parkId?: string;
  associationId?: string;
  sizeClass?: SizeClass;
  aboveDesignatedSize?: 'true' | 'false';
  operatingStatus?: OperatingStatus;
  placement?: Placement;
  q?: string;
  sort?: 'name' | 'founded_on' | 'employee_count' | 'updated_at';
  order?: 'asc' | 'desc';
};

export type Named = { id: string; name: string };

export type ImportStatus = 'running' | 'completed' | 'failed' | 'dry_run';
export type ImportRowError = { row: number; column?: string | null; code: string; message: string };
export type ImportResult = {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: ImportRowError[];
  deregistered?: Array<{ creditCode: string; name: string; status?: string } | string>;
  updatedFacts?: Record<string, number>;
  pending?: number;
};
export type ImportProgress = { bytesRead: number; totalBytes: number; rows: number };
export type ImportView = {
  id?: string;
  status: ImportStatus;
  fileName?: string;
  source?: string;
  startedAt?: string;
  finishedAt?: string | null;
  progress?: ImportProgress | null;
  result?: ImportResult | null;
  error?: { code: string; message: string } | null;
};
export type ImportListItem = {
  id: string;
  fileName: string;
  source?: string;
  status: ImportStatus;
  startedAt: string;
  rows?: number;
  created?: number;
  updated?: number;
  unchanged?: number;
  rejected?: number;
};
