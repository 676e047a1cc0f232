import type { Generated } from 'kysely';
import type { TrainingAudience } from '../../domain/training.js';
import type { DateOnly, GeneratedId, Ref, NullableRef, NullableText } from './foundation.js';


/** A course and its organiser: exactly one of region_code / org_id (0028_training.sql). */
export type TrainingCourseTable = {
  id: GeneratedId;
  title: string;
  audience: TrainingAudience;
  hours: number;
  region_code: NullableText;
  org_id: NullableRef;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type TrainingSessionTable = {
  id: GeneratedId;
  course_id: Ref;
  held_on: DateOnly;
  hours: number;
  place: NullableText;
  region_code: NullableText;
  org_id: NullableRef;
  recorded_by: NullableRef;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type TrainingAttendanceTable = { session_id: Ref; person_id: Ref; hours: number };

export type TrainingTables = { training_course: TrainingCourseTable; training_session: TrainingSessionTable; training_attendance: TrainingAttendanceTable };
