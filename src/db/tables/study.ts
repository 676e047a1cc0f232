import type { ColumnType, Generated } from 'kysely';
import type { StudyKind, StudyStatus, StudyTopic } from '../../domain/study.js';
import type { GeneratedId, NullableRef, NullableText, Ref } from './foundation.js';

/** A study material and its publisher: exactly one of region_code / org_id (0058_study.sql). */
export type StudyMaterialTable = {
  id: GeneratedId;
  title: string;
  topic: StudyTopic;
  kind: StudyKind;
  summary: NullableText;
  body: NullableText;
  url: NullableText;
  region_code: NullableText;
  org_id: NullableRef;
  published_on: ColumnType<string, string | undefined, string>;
  status: Generated<StudyStatus>;
  created_by: NullableRef;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

/** The reader's own 已学 mark; no time on purpose. */
export type StudyMarkTable = { material_id: Ref; user_id: Ref };

export type StudyTables = { study_material: StudyMaterialTable; study_mark: StudyMarkTable };
