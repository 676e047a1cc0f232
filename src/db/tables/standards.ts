import type { ColumnType, Generated } from 'kysely';
import type { DateOnly, GeneratedId, Ref, NullableRef, NullableText } from './foundation.js';
import type { AssessmentStatus, ReviewDecision } from '../../domain/standards/standards-status.js';
import type { ReviewLevel } from '../../domain/standards/standards-types.js';
import type { AttachmentOwnerKind } from '../../domain/attachment.js';

type Stamp = ColumnType<Date | null, Date | null | undefined, Date | null>;
/** numeric(5,1): the drivers hand it back as text. */
type Score = ColumnType<string | null, number | null | undefined, number | null>;

/** 0027_standards_attachments.sql */
export type AttachmentTable = {
  id: GeneratedId; owner_kind: AttachmentOwnerKind; owner_id: Ref; sha256: string; size: number; media_type: string; file_name: string;
  uploaded_by: NullableRef; deleted_at: Stamp; deleted_by: NullableRef; version: Generated<number>; created_at: Generated<Date>; updated_at: Generated<Date>;
};

export type RecordRef = { label: string; link: string; at?: string | null };

export type ChecklistAssessmentTable = {
  id: GeneratedId; template_id: string; template_version: DateOnly; party_org_id: NullableRef; union_id: NullableRef; year: number;
  status: Generated<AssessmentStatus>; stage: ColumnType<ReviewLevel | null, ReviewLevel | null | undefined, ReviewLevel | null>;
  total: Score; stars: ColumnType<number | null, number | null | undefined, number | null>;
  submitted_at: Stamp; submitted_by: NullableRef; created_by: NullableRef;
  version: Generated<number>; created_at: Generated<Date>; updated_at: Generated<Date>;
};

export type ChecklistEvidenceTable = {
  assessment_id: Ref; item_key: string; kind: 'record' | 'upload' | 'attestation';
  record_ref: ColumnType<RecordRef | null, string | null | undefined, string | null>;
  attachment_id: NullableRef; attestation: NullableText; updated_by: NullableRef; updated_at: Generated<Date>;
};

export type ChecklistReviewTable = {
  id: GeneratedId; assessment_id: Ref; level: ReviewLevel; decision: ReviewDecision;
  marks: ColumnType<Record<string, number>, string, string>; total: ColumnType<string, number, number>;
  stars: ColumnType<number | null, number | null | undefined, number | null>; comment: NullableText; reviewer_id: NullableRef; reviewed_at: Generated<Date>;
};

export type StandardsTables = RecognitionTables & {
  attachment: AttachmentTable; checklist_assessment: ChecklistAssessmentTable; checklist_evidence: ChecklistEvidenceTable; checklist_review: ChecklistReviewTable;
};

/** 0032_recognition.sql */
export type OrgRecognitionTable = {
  id: GeneratedId; party_org_id: Ref; kind: import('../../domain/recognition.js').RecognitionKind; title: string;
  level: import('../../domain/recognition.js').RecognitionLevel; member_id: NullableRef; granted_on: DateOnly;
  granted_by: NullableText; document: NullableText; contact: NullableText; recorded_by: NullableRef; created_at: Generated<Date>;
};
export type OrgPairingTable = {
  id: GeneratedId; party_org_id: Ref; partner_org_id: Ref; since: DateOnly; content: NullableText; recorded_by: NullableRef; created_at: Generated<Date>;
};
export type RecognitionTables = { org_recognition: OrgRecognitionTable; org_pairing: OrgPairingTable };
