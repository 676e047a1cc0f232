/**
 * 年度党建工作报告 (登记申报) of a party organisation (issue 15 item 5; docs/annual-report.md): the
 * statuses a report moves through, who may move it, and the typed facts the organisation states
 * because no record holds them. Pure: no I/O.
 */
export const REPORT_STATUSES = ['draft', 'submitted', 'passed', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
/** `none`: nothing saved yet — the report exists only as the records' prefill. */
export type ReportState = ReportStatus | 'none';
export const REPORT_STATE_LABELS: Record<ReportState, string> = {
  none: '未填报', draft: '填报中', submitted: '已提交待审核', passed: '审核通过', returned: '已退回修改',
};

/** The organisation edits and submits while it holds the pen: before submitting, or once returned. */
export const editable = (s: ReportState): boolean => s === 'none' || s === 'draft' || s === 'returned';
export const reviewable = (s: ReportState): boolean => s === 'submitted';

export const REVIEW_DECISIONS = ['pass', 'return'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const REPORT_EVENT_LABELS: Record<string, string> = {
  saved: '保存', submitted: '提交', passed: '审核通过', returned: '退回修改',
};

/** What only the organisation knows: the narrative and a few typed facts, each with its Chinese label. */
export const NARRATIVE_FIELDS = ['highlights', 'problems', 'plans'] as const;
export type NarrativeField = (typeof NARRATIVE_FIELDS)[number];
export const NARRATIVE_LABELS: Record<NarrativeField, string> = { highlights: '工作亮点', problems: '存在问题', plans: '下年度工作打算' };
export const FACT_LABELS = { honours: '获得表彰情况' } as const;

/** A figure drawn from the records: what it counts, the value, and where the records behind it are. */
export type ReportFigure = { key: string; label: string; value: number | string | null; unit?: string; source: string; link?: string };
export type ReportSection = { key: string; title: string; figures: ReportFigure[] };

/** Figures of the live records that differ from the submitted snapshot (the "records changed since" note). */
export function figuresChanged(snapshot: ReportSection[], live: ReportSection[]): Array<{ key: string; label: string; submitted: ReportFigure['value']; now: ReportFigure['value'] }> {
  const before = new Map<string, ReportFigure>(snapshot.flatMap((s) => s.figures.map((f): [string, ReportFigure] => [`${s.key}.${f.key}`, f])));
  const out: Array<{ key: string; label: string; submitted: ReportFigure['value']; now: ReportFigure['value'] }> = [];
  for (const s of live) {
    for (const f of s.figures) {
      const key = `${s.key}.${f.key}`;
      const old = before.get(key);
      if (!old || old.value !== f.value) out.push({ key, label: `${s.title}：${f.label}`, submitted: old?.value ?? null, now: f.value });
    }
  }
  return out;
}
