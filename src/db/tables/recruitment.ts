import type { ColumnType, Generated } from 'kysely';
import type { DateOnly, GeneratedId, Ref, NullableRef, NullableText, NullableInt } from './foundation.js';
import type { CaseStage, ReviewResult, RecruitmentRole } from '../../domain/recruitment.js';

type NullableDate = DateOnly | null;

/** A recruitment case (0019_recruitment.sql): one applicant's path from 入党申请人 to 正式党员. */
export type RecruitmentCaseTable = {
  id: GeneratedId;
  person_id: Ref;
  org_id: Ref;
  stage: Generated<CaseStage>;
  applied_on: DateOnly;
  talked_on: NullableDate;
  talker_name: NullableText;
  activist_on: NullableDate;
  candidate_on: NullableDate;
  review_on: NullableDate;
  review_result: ColumnType<ReviewResult | null, ReviewResult | null | undefined, ReviewResult | null>;
  training_on: NullableDate;
  training_days: NullableInt;
  training_hours: NullableInt;
  candidate_notice_from: NullableDate;
  candidate_notice_to: NullableDate;
  admission_notice_from: NullableDate;
  admission_notice_to: NullableDate;
  meeting_on: NullableDate;
  meeting_voting: NullableInt;
  meeting_present: NullableInt;
  meeting_yes: NullableInt;
  approved_on: NullableDate;
  approver_org_id: NullableRef;
  approval_extended: Generated<boolean>;
  extension_on: NullableDate;
  extension_months: NullableInt;
  extension_reason: NullableText;
  extension_meeting_on: NullableDate;
  extension_voting: NullableInt;
  extension_present: NullableInt;
  extension_yes: NullableInt;
  cancelled_on: NullableDate;
  cancel_meeting_on: NullableDate;
  cancel_voting: NullableInt;
  cancel_present: NullableInt;
  cancel_yes: NullableInt;
  full_notice_from: NullableDate;
  full_notice_to: NullableDate;
  full_meeting_on: NullableDate;
  full_approved_on: NullableDate;
  full_on: NullableDate;
  leaving_on: NullableDate;
  member_id: NullableRef;
  closed_on: NullableDate;
  closed_reason: NullableText;
  created_by: NullableRef;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type RecruitmentPersonTable = {
  id: GeneratedId;
  case_id: Ref;
  role: RecruitmentRole;
  position: number;
  member_id: NullableRef;
  name: string;
};

export type RecruitmentEventTable = {
  id: GeneratedId;
  case_id: Ref;
  kind: string;
  at: string;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  actor_id: NullableRef;
  recorded_at: Generated<Date>;
};

export type RecruitmentTables = {
  recruitment_case: RecruitmentCaseTable;
  recruitment_person: RecruitmentPersonTable;
  recruitment_event: RecruitmentEventTable;
};
