/** An assessment's life (docs/standards.md): drafted by the organisation, reviewed level by level. */
export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'returned', 'passed'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export const ASSESSMENT_STATUS_LABELS: Record<AssessmentStatus, string> = {
  draft: '自评中', submitted: '待审核', returned: '已退回', passed: '已通过',
};

export const EVIDENCE_STATES = ['found', 'attached', 'attested', 'missing'] as const;
export type EvidenceState = (typeof EVIDENCE_STATES)[number];
export const EVIDENCE_STATE_LABELS: Record<EvidenceState, string> = {
  found: '已从台账找到', attached: '已上传材料', attested: '已说明', missing: '缺少佐证',
};

export const REVIEW_DECISIONS = ['pass', 'return'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export const REVIEW_DECISION_LABELS: Record<ReviewDecision, string> = { pass: '审核通过', return: '退回修改' };
