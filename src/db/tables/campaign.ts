import type { ColumnType, Generated } from 'kysely';
import type { DateOnly, GeneratedId } from './foundation.js';

/** A campaign target (0014_campaign_targets.sql). numeric comes back from pg as text. */
export type CampaignTargetTable = {
  id: GeneratedId;
  region_code: string;
  metric: string;
  target_rate: ColumnType<string, number | string, number | string>;
  deadline: ColumnType<string, string, string>;
  title: string;
  note: string | null;
  status: Generated<'active' | 'withdrawn'>;
  set_by: ColumnType<string | null, string | null | undefined, string | null>;
  set_by_name: Generated<string>;
  withdrawn_on: DateOnly | null;
  withdrawn_reason: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type CampaignTables = { campaign_target: CampaignTargetTable };
