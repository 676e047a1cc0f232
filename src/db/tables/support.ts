import type { ColumnType, Generated } from 'kysely';
import type { Availability, PlacementPosition, TalentStatus } from '../../domain/support.js';
import type { DateOnly, GeneratedId, Ref, NullableRef, NullableText } from './foundation.js';

/** bigint fen: the driver hands back text; mappers turn it into a number (exact below 2^53). */
type Fen = ColumnType<string, number | string, number | string>;

/** 0033_reserve_pool_support.sql */
export type ReserveTalentTable = {
  id: GeneratedId; person_id: Ref; region_code: NullableText; org_id: NullableRef; recommender: string; recommended_on: DateOnly;
  skills: string; availability: Availability; status: Generated<TalentStatus>; note: NullableText;
  version: Generated<number>; created_at: Generated<Date>; updated_at: Generated<Date>;
};
export type ReservePlacementTable = {
  id: GeneratedId; talent_id: Ref; org_id: Ref; position: PlacementPosition; placed_on: DateOnly; note: NullableText; recorded_by: NullableRef; created_at: Generated<Date>;
};
export type SupportFundingTable = {
  id: GeneratedId; org_id: Ref; given_on: DateOnly; amount_fen: Fen; source: string; purpose: string; recorded_by: NullableRef;
  version: Generated<number>; created_at: Generated<Date>; updated_at: Generated<Date>;
};
export type ActivitySiteTable = {
  id: GeneratedId; org_id: Ref; address: string; area_m2: number; shared: boolean; version: Generated<number>; created_at: Generated<Date>; updated_at: Generated<Date>;
};
export type ManagementExpenseTable = {
  id: GeneratedId; org_id: Ref; year: number; payroll_fen: Fen; amount_fen: Fen; version: Generated<number>; created_at: Generated<Date>; updated_at: Generated<Date>;
};

export type SupportTables = {
  reserve_talent: ReserveTalentTable; reserve_placement: ReservePlacementTable;
  support_funding: SupportFundingTable; activity_site: ActivitySiteTable; management_expense: ManagementExpenseTable;
};
