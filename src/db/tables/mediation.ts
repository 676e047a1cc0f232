import type { ColumnType, Generated } from 'kysely';
import type { GeneratedId, Ref, NullableRef, NullableText, NullableDate } from './foundation.js';

type Fen = ColumnType<string, number | string | undefined, number | string>;
type NullableFen = ColumnType<string | null, number | string | null | undefined, number | string | null>;

export type MediationBodyKind = 'enterprise' | 'street';
export type MediationCaseStatus = 'accepted' | 'mediating' | 'agreed' | 'failed' | 'withdrawn';
export type MediationCategory = 'relationship' | 'contract' | 'dismissal' | 'conditions' | 'pay' | 'other';

/** Labour dispute mediation (0042_mediation.sql). */
export type MediationBodyTable = {
  id: GeneratedId;
  kind: MediationBodyKind;
  name: string;
  enterprise_id: NullableRef;
  union_id: NullableRef;
  region_code: NullableText;
  founded_on: NullableDate;
  status: ColumnType<'active' | 'dissolved', 'active' | 'dissolved' | undefined, 'active' | 'dissolved'>;
  dissolved_on: NullableDate;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type MediationBodyMemberTable = {
  id: GeneratedId;
  body_id: Ref;
  person_id: Ref;
  side: 'employee' | 'employer';
  basis: 'unionMember' | 'elected' | 'appointed';
  chair: ColumnType<boolean, boolean | undefined, boolean>;
  chair_basis: ColumnType<'unionMember' | 'agreed' | null, 'unionMember' | 'agreed' | null | undefined, 'unionMember' | 'agreed' | null>;
  since: string;
  until: NullableDate;
};

export type MediationCaseTable = {
  id: GeneratedId;
  body_id: Ref;
  received_on: string;
  due_on: string;
  employer_enterprise_id: NullableRef;
  employer_name: string;
  collective: ColumnType<boolean, boolean | undefined, boolean>;
  category: MediationCategory;
  claim: string;
  claimed_fen: Fen;
  agreed_fen: NullableFen;
  known_on: NullableDate;
  status: ColumnType<MediationCaseStatus, MediationCaseStatus | undefined, MediationCaseStatus>;
  closed_on: NullableDate;
  agreement_text: NullableText;
  outcome_note: NullableText;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type MediationCasePartyTable = {
  id: GeneratedId;
  case_id: Ref;
  person_id: Ref;
  role: 'applicant' | 'representative';
  ordinal: number;
};

export type MediationCaseEventTable = {
  id: GeneratedId;
  case_id: Ref;
  kind: string;
  at: string;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  actor_id: NullableRef;
  recorded_at: Generated<Date>;
};

export type MediationTables = {
  mediation_body: MediationBodyTable;
  mediation_body_member: MediationBodyMemberTable;
  mediation_case: MediationCaseTable;
  mediation_case_party: MediationCasePartyTable;
  mediation_case_event: MediationCaseEventTable;
};
