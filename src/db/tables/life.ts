import type { ColumnType, Generated } from 'kysely';
import type { DateOnly, GeneratedId, Ref, NullableText, NullableInt } from './foundation.js';
import type { MeetingKind } from '../../domain/rules/life-catalogue.js';


export type Resolution = { subject: string; yes: number };

/** A meeting of 三会一课 or organisational life (0024_meetings.sql). */
export type MeetingTable = {
  id: GeneratedId;
  org_id: Ref;
  kind: MeetingKind;
  held_on: DateOnly;
  place: NullableText;
  topic: string;
  voting_members: NullableInt;
  present: NullableInt;
  resolutions: ColumnType<Resolution[], string | undefined, string>;
  minutes: NullableText;
  recorded_by: ColumnType<string | null, string | null | undefined, string | null>;
  deleted_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  deleted_by: ColumnType<string | null, string | null | undefined, string | null>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type MeetingAttendeeTable = {
  meeting_id: Ref;
  member_id: Ref;
  present: boolean;
  absence_reason: NullableText;
  written_opinion: Generated<boolean>;
};

export type LifeTables = { meeting: MeetingTable; meeting_attendee: MeetingAttendeeTable };
