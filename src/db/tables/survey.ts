import type { ColumnType, Generated } from 'kysely';
import type { GeneratedId, Json, NullableRef, NullableText, Ref } from './foundation.js';

type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type NullableJson = ColumnType<unknown, string | null | undefined, string | null>;

/** A fact corrected by hand or by an accepted survey answer (0056_ledger_corrections.sql). */
export type EnterpriseFactOverrideTable = {
  enterprise_id: Ref;
  fact: string;
  source: 'manual' | 'survey';
  import_value: Json<unknown>;
  set_by: NullableRef;
  set_at: Generated<Date>;
};

/** 排查摸底 (0057_surveys.sql). */
export type SurveyCampaignTable = {
  id: GeneratedId;
  name: string;
  region_prefix: string;
  intro: NullableText;
  fields: Json<unknown>;
  target_filter: Json<unknown>;
  closes_on: ColumnType<string, string, string>;
  status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>;
  created_by: NullableRef;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type SurveyTargetState = 'sent' | 'answered' | 'reviewed';

export type SurveyTargetTable = {
  id: GeneratedId;
  campaign_id: Ref;
  enterprise_id: Ref;
  street_code: NullableText;
  link_nonce: string;
  revoked_at: NullableTime;
  state: ColumnType<SurveyTargetState, SurveyTargetState | undefined, SurveyTargetState>;
  answered_at: NullableTime;
  respondent: NullableText;
  version: Generated<number>;
};

export type SurveyAnswerState = 'info' | 'same' | 'proposed' | 'accepted' | 'rejected';

export type SurveyAnswerTable = {
  id: GeneratedId;
  target_id: Ref;
  field_key: string;
  fact: NullableText;
  old_value: NullableJson;
  new_value: NullableJson;
  old_enc: NullableText;
  value_enc: NullableText;
  key_id: NullableText;
  state: SurveyAnswerState;
  decided_by: NullableRef;
  decided_at: NullableTime;
  decision_note: NullableText;
};

export type SurveyThrottleTable = { bucket: string; window_start: Date; hits: number };

export type SurveyTables = {
  enterprise_fact_override: EnterpriseFactOverrideTable;
  survey_campaign: SurveyCampaignTable;
  survey_target: SurveyTargetTable;
  survey_answer: SurveyAnswerTable;
  survey_throttle: SurveyThrottleTable;
};
