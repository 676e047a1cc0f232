import type { ColumnType, Generated } from 'kysely';
import type { DateOnly, GeneratedId, Ref, NullableRef } from './foundation.js';
import type { VisitFinding } from '../../domain/fieldwork.js';

export type OrgType = 'committee' | 'generalBranch' | 'branch';
export type SetupMode = 'standalone' | 'joint' | 'attached' | 'dispatched';
export type PositionKind = 'secretary' | 'deputySecretary' | 'committeeMember';
export type OrgStatus = 'active' | 'dissolved';
export type UnionKind = 'standalone' | 'joint' | 'federation';
export type CongressKind = 'congress' | 'assembly';
export type ContractKind = 'collective' | 'wage';
export type InstructorKind = 'instructor' | 'liaison';

type Money = ColumnType<string | null, string | number | null | undefined, string | number | null>;

export type PartyOrgTable = {
  id: GeneratedId;
  code: string | null;
  name: string;
  org_type: OrgType;
  setup_mode: SetupMode;
  temporary: Generated<boolean>;
  mobile: Generated<boolean>;
  parent_id: NullableRef;
  path: Generated<string>;
  region_code: string | null;
  park_id: NullableRef;
  association_id: NullableRef;
  building: string | null;
  founded_on: DateOnly | null;
  term_years: number | null;
  term_ends_on: DateOnly | null;
  status: Generated<OrgStatus>;
  dissolved_on: DateOnly | null;
  full_members: Generated<number>;
  probationary_members: Generated<number>;
  /** The roster is kept here from this date (0015): counts derive from party_member; NULL = typed counts. */
  roster_since: ColumnType<string | null, string | null | undefined, string | null>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type PartyOrgCoverageTable = {
  id: GeneratedId;
  org_id: Ref;
  enterprise_id: Ref;
  /** The enterprise's place now, kept by triggers (0072): the inbox's link read. Never written by code. */
  enterprise_region: ColumnType<string | null, never, never>;
  mode: SetupMode;
  since: string;
  until: DateOnly | null;
  created_at: Generated<Date>;
};

export type OrgPositionTable = {
  id: GeneratedId;
  org_id: Ref;
  person_id: Ref;
  position: PositionKind;
  since: string;
  until: DateOnly | null;
  created_at: Generated<Date>;
};

export type HistoryEventTable<K extends string> = {
  id: GeneratedId;
  kind: string;
  at: string;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  actor_id: NullableRef;
  recorded_at: Generated<Date>;
} & Record<K, Ref>;

export type UnionOrgTable = {
  id: GeneratedId;
  code: string | null;
  name: string;
  kind: UnionKind;
  parent_id: NullableRef;
  region_code: string | null;
  park_id: NullableRef;
  association_id: NullableRef;
  founded_on: DateOnly | null;
  term_years: number | null;
  term_ends_on: DateOnly | null;
  members: Generated<number>;
  female_members: Generated<number>;
  has_committee: Generated<boolean>;
  organiser_person_id: NullableRef;
  has_women_committee: Generated<boolean>;
  women_committee_member: Generated<boolean>;
  funds_basis: string | null;
  monthly_payroll: Money;
  status: Generated<OrgStatus>;
  dissolved_on: DateOnly | null;
  /** Keeps a real-name roster (union_member) from this date: counts come from names (0037). */
  roster_since: ColumnType<string | null, string | null | undefined, string | null>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type UnionCoverageTable = {
  id: GeneratedId;
  union_id: Ref;
  enterprise_id: Ref;
  /** The enterprise's place now, kept by triggers (0072): the inbox's link read. Never written by code. */
  enterprise_region: ColumnType<string | null, never, never>;
  since: string;
  until: DateOnly | null;
  created_at: Generated<Date>;
};

export type UnionCongressTable = {
  id: GeneratedId;
  union_id: Ref;
  held_on: string;
  kind: CongressKind;
  session: string | null;
  notes: string | null;
  created_at: Generated<Date>;
};

export type UnionContractTable = {
  id: GeneratedId;
  union_id: Ref;
  kind: ContractKind;
  signed_on: string;
  starts_on: string;
  ends_on: string;
  filed_on: DateOnly | null;
  created_at: Generated<Date>;
};

export type InstructorTable = {
  id: GeneratedId;
  person_id: Ref;
  kind: InstructorKind;
  region_code: string | null;
  status: Generated<'active' | 'inactive'>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type InstructorAssignmentTable = {
  id: GeneratedId;
  instructor_id: Ref;
  enterprise_id: Ref;
  since: string;
  until: DateOnly | null;
  created_at: Generated<Date>;
};

export type VisitLogTable = {
  id: GeneratedId;
  instructor_id: Ref;
  enterprise_id: Ref;
  assignment_id: NullableRef;
  visited_on: string;
  notes: Generated<string>;
  actor_id: NullableRef;
  created_at: Generated<Date>;
  /** What the visit found (src/domain/fieldwork.ts; migration 0052). */
  findings: Generated<VisitFinding[]>;
  channel: Generated<'official' | 'self'>;
};

export type OrganisationTables = {
  party_org: PartyOrgTable;
  party_org_coverage: PartyOrgCoverageTable;
  org_position: OrgPositionTable;
  party_org_event: HistoryEventTable<'org_id'>;
  union_org: UnionOrgTable;
  union_coverage: UnionCoverageTable;
  union_congress: UnionCongressTable;
  union_contract: UnionContractTable;
  union_event: HistoryEventTable<'union_id'>;
  instructor: InstructorTable;
  instructor_assignment: InstructorAssignmentTable;
  visit_log: VisitLogTable;
};
