import type { ColumnType, Generated } from 'kysely';
import type { GeneratedId, Ref, NullableText } from './foundation.js';
import type { ReportStatus, ReportSection } from '../../domain/annual-report.js';

type NullableRef = ColumnType<string | null, string | null | undefined, string | null>;
type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** 年度党建工作报告 of one organisation and year (0029_annual_report_appraisal.sql). */
export type AnnualReportTable = {
  id: GeneratedId;
  org_id: Ref;
  year: number;
  status: ColumnType<ReportStatus, ReportStatus | undefined, ReportStatus>;
  highlights: NullableText;
  problems: NullableText;
  plans: NullableText;
  honours: NullableText;
  figures: ColumnType<ReportSection[] | null, string | null | undefined, string | null>;
  submitted_at: NullableTime;
  submitted_by: NullableRef;
  reviewed_at: NullableTime;
  reviewed_by: NullableRef;
  review_comment: NullableText;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type AnnualReportEventTable = {
  id: GeneratedId;
  report_id: Ref;
  kind: string;
  comment: NullableText;
  actor_id: NullableRef;
  at: Generated<Date>;
};

export type AppraisalMark = { item: string; reviewer: 'street' | 'district'; score: number };

/** 述职评议 / 考核 of one person, kind and year. */
export type AppraisalTable = {
  id: GeneratedId;
  subject_id: Ref;
  person_id: Ref;
  kind: 'secretary' | 'instructor';
  year: number;
  template_id: string;
  marks: ColumnType<AppraisalMark[], string | undefined, string>;
  evidence: ColumnType<unknown[], string | undefined, string>;
  total: ColumnType<string | null, number | null | undefined, number | null>;
  grade: NullableText;
  allowance: NullableText;
  comment: NullableText;
  marked_by: NullableRef;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type AnnualReportTables = { annual_report: AnnualReportTable; annual_report_event: AnnualReportEventTable; appraisal: AppraisalTable };
