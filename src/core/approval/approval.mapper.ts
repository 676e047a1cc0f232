import type { ApprovalStep, ApprovalSummary } from '../../contracts/approval.js';
import {
  APPROVAL_KIND_CATALOGUE, APPROVAL_STATE_LABEL, APPROVAL_STEP_LABEL, LEVEL_LABEL, isApprovalKind, levelTitle, type ApprovalKind, type LevelRole,
} from '../../domain/approval.js';
import type { RequestView, StepRow } from './approval.repository.js';

/** Rows → contracts, in the official's words (no codes). */
const kindOf = (k: string): ApprovalKind => (isApprovalKind(k) ? k : 'recruitment.admission');

export function waitingFor(r: Pick<RequestView, 'kind' | 'state' | 'levels' | 'current_level'>): string {
  const kind = kindOf(r.kind);
  if (r.state === 'pending') return `待${levelTitle(kind, r.levels[r.current_level])}`;
  if (r.state === 'returned') return `${LEVEL_LABEL[r.levels[r.current_level]]}已退回，待申请人修改后重新提交`;
  return APPROVAL_STATE_LABEL[r.state];
}

export function toSummary(r: RequestView): ApprovalSummary {
  const kind = kindOf(r.kind);
  const c = APPROVAL_KIND_CATALOGUE[kind];
  return {
    id: r.id, kind, kindLabel: c.label, mode: c.mode, subjectLabel: r.subject_label, href: hrefOf(r), orgId: r.party_org_id, orgName: r.org_name,
    state: r.state, stateLabel: APPROVAL_STATE_LABEL[r.state],
    levels: r.levels.map((role, index) => ({ index, role, label: levelTitle(kind, role) })),
    currentLevel: r.current_level, waitingFor: waitingFor(r), requester: r.requester_name,
    submittedAt: new Date(r.submitted_at).toISOString(), decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null, version: r.version,
  };
}

/** The page of the record a request is about (the case, the member, the organisation). */
const PAGE: Record<string, string> = { recruitment_case: '/recruitment', party_member: '/members', party_org: '/orgs', checklist_assessment: '/standards/assessments' };
export const hrefOf = (r: Pick<RequestView, 'subject_table' | 'subject_id'>): string =>
  // A declaration has no page of its own: the review list opens its confirmation.
  (r.subject_table === 'member_declaration' ? `/declarations?id=${r.subject_id}`
    : PAGE[r.subject_table] ? `${PAGE[r.subject_table]}/${r.subject_id}` : '/approvals');

export function toStep(s: StepRow): ApprovalStep {
  // `summary`: what a module keeps of a level's decision, in words (a checklist's total and stars).
  const d = s.data as { deputy?: string; until?: string; findings?: string[]; summary?: string };
  const detail = s.action === 'delegated' && d.deputy ? `委托${d.deputy}代审至${d.until}` : d.summary ?? null;
  return {
    id: s.id, action: s.action, actionLabel: APPROVAL_STEP_LABEL[s.action],
    levelLabel: s.level_role ? LEVEL_LABEL[s.level_role as LevelRole] ?? null : null,
    actor: s.actor_name, comment: s.comment, detail, at: new Date(s.at).toISOString(),
  };
}

/** The audit view of a request: what was decided, never the person's ID number (the payload holds none). */
export const requestAuditView = (r: Pick<RequestView, 'id' | 'kind' | 'subject_table' | 'subject_id' | 'party_org_id' | 'state' | 'current_level' | 'levels' | 'version'>) => ({
  id: r.id, kind: r.kind, subject: `${r.subject_table}:${r.subject_id}`, orgId: r.party_org_id, state: r.state, currentLevel: r.current_level,
  levels: r.levels, version: r.version,
});
