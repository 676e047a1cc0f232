/**
 * Field work (实地走访, docs/inbox.md): what an instructor may tick on a visit. Each code but
 * `resolved` opens the enterprise's field-work task for its street; `resolved` (问题已整改) closes it,
 * so it is ticked alone. The codes are also listed in migration 0052's CHECK.
 */
export const VISIT_FINDINGS = ['branchPossible', 'secretaryVacant', 'unionMissing', 'resolved'] as const;
export type VisitFinding = (typeof VISIT_FINDINGS)[number];

export const VISIT_FINDING_LABEL: Record<VisitFinding, string> = {
  branchPossible: '已有3名以上党员可单独建支部',
  secretaryVacant: '书记空缺',
  unionMissing: '未建工会',
  resolved: '问题已整改',
};

/** The findings that ask for work (all but 问题已整改). */
export const isProblem = (f: VisitFinding): boolean => f !== 'resolved';

/** The reason a field-work task shows when a visit closes it. */
export const VISIT_RESOLVED_REASON = '实地核实已整改';

/** What the task says was found, in the official's words: 书记空缺、未建工会. */
export const findingsText = (fs: readonly VisitFinding[]): string => fs.filter(isProblem).map((f) => VISIT_FINDING_LABEL[f]).join('、');

export const VISIT_CHANNEL_LABEL = { official: '工作人员代录', self: '指导员本人' } as const;
