import { RecruitmentStepInput } from '../../contracts/recruitment.js';
import type { Executor } from '../../db/schema.js';
import { APPROVAL_KIND_CATALOGUE, type ApprovalKind } from '../../domain/approval.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { MemberRuleId } from '../../domain/rules/member-catalogue.js';
import type { Actor } from '../access/actor.js';
import type { Scope } from '../access/scope.js';
import type { Keyring } from '../crypto/keyring.js';
import type { ApprovalAdapter, Payload, Subject } from './adapter.js';
import { blocking, dryRun, parsePayload, without } from './adapter-helpers.js';
import { orgName } from './approval.repository.js';
import { versionConflict } from '../party-org/party-org.access.js';
import { requireApprover, requireManagedCase } from '../recruitment/recruitment.access.js';
import { assertDate, assertShape, assertStage, field } from '../recruitment/recruitment-steps.js';
import { findingsOf } from '../recruitment/recruitment.mapper.js';
import * as cases from '../recruitment/recruitment.repository.js';
import { rulesWithSettings } from '../recruitment/recruitment-settings.js';
import { applyStepIn } from '../recruitment/recruitment.service.js';

/**
 * How the engine meets 发展党员 (docs/approvals.md, "Recruitment"): the step a request carries, the
 * checks before the last level may pass, and the step recorded when it does. The case's own step
 * code does the work — the engine adds levels in front of it, never a second copy of its rules.
 */
type Kind = Extract<ApprovalKind, `recruitment.${string}`>;

const STEP = { 'recruitment.candidate': 'candidate', 'recruitment.admission': 'approve', 'recruitment.confirm': 'confirm' } as const;
const ALL: Scope = { all: true, regionPrefixes: [], parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [] };

/** The findings that forbid the last level (a record that is wrong, not a deadline coming). */
const BLOCKING: Record<Kind, readonly MemberRuleId[]> = {
  'recruitment.candidate': ['member.candidateTooEarly', 'member.candidateEligible', 'member.stepOrder'],
  'recruitment.admission': ['member.applicantUnderAge', 'member.candidateEligible', 'member.politicalReviewMissing', 'member.trainingMissing',
    'member.sponsorsInvalid', 'member.meetingQuorum', 'member.meetingVotes', 'member.publicNoticeShort', 'member.stepOrder'],
  'recruitment.confirm': ['member.extensionInvalid', 'member.publicNoticeShort', 'member.stepOrder'],
};


/** The decision day goes in when the last level decides: the higher committee's approval is that day. */
function withDecisionDay(kind: Kind, p: Payload, day: string): Payload {
  if (kind === 'recruitment.admission') return { ...p, on: day };
  if (kind === 'recruitment.confirm') return { ...p, approvedOn: day };
  return p;
}

const parse = (kind: Kind, payload: Payload, version: number): RecruitmentStepInput =>
  parsePayload(RecruitmentStepInput, kind, { ...payload, step: STEP[kind], version });

/**
 * 接收预备党员 is not rehearsed: recording it registers the membership, which reads the applicant as
 * the last level's decider sees them, not as a branch secretary does. Its own refusals are checked
 * instead — the stage, the 支部大会 before it, a 党委 (not a 党总支 or 党支部) named as approving.
 */
async function precheckAdmission(tx: Executor, actor: Actor, row: cases.CaseRow, input: Extract<RecruitmentStepInput, { step: 'approve' }>): Promise<void> {
  assertShape(input);
  assertStage(row, input);
  if (!row.meeting_on) throw field('step', 'MEETING_REQUIRED', '请先登记支部大会讨论接收预备党员的情况', 'CONFLICT');
  assertDate(input.on, 'on', '审批日期', [row.meeting_on, '支部大会日期']);
  await requireApprover(tx, actor, input.approverOrgId);
}

/**
 * The requester's side: they manage the case by its own place (404 / 403 NOT_MANAGED otherwise), it
 * stands at `version`, and the step would be recorded today — checked by recording it and undoing it.
 */
async function prepare(tx: Executor, keyring: Keyring, actor: Actor, kind: Kind, id: string, payload: Payload, version?: number): Promise<{ subject: Subject; payload: Payload }> {
  const c = await requireManagedCase(tx, actor, id);
  const row = await cases.lockCase(tx, id);
  if (!row || (version !== undefined && row.version !== version)) throw versionConflict();
  const input = parse(kind, withDecisionDay(kind, payload, today()), row.version);
  if (input.step === 'approve') await precheckAdmission(tx, actor, row, input);
  else await dryRun(tx, () => applyStepIn(tx, keyring, actor, id, input));
  const clean = without(input, 'step', 'version', ...(kind === 'recruitment.admission' ? ['on'] : kind === 'recruitment.confirm' ? ['approvedOn'] : []));
  return { subject: { orgId: c.org_id, regionCode: c.org_region, label: `${c.name}（${APPROVAL_KIND_CATALOGUE[kind].label}）` }, payload: clean };
}

/** The case's rule findings that forbid the last level, as people read them. */
async function blockers(tx: Executor, kind: Kind, id: string) {
  const c = await cases.findCase(tx, ALL, id);
  if (!c) return [];
  return blocking(findingsOf(c, await cases.casePeople(tx, [id]), today(), await rulesWithSettings(tx)), BLOCKING[kind]);
}

/** The last level's effect: the step is recorded, by the decider, on the decision day. */
async function apply(tx: Executor, keyring: Keyring, actor: Actor, kind: Kind, id: string, payload: Payload): Promise<void> {
  const row = await cases.lockCase(tx, id);
  if (!row) throw versionConflict();
  await applyStepIn(tx, keyring, actor, id, parse(kind, withDecisionDay(kind, payload, today()), row.version));
}

/** One line of the case's history for each step of its request. */
async function note(tx: Executor, actor: Actor, id: string, data: Record<string, unknown>): Promise<void> {
  await cases.insertCaseEvent(tx, { caseId: id, kind: 'approval', at: today(), data, actorId: actor.userId });
}

/** What the request asks, in the form's words. */
async function asked(db: Executor, kind: Kind, p: Payload): Promise<Array<{ label: string; value: string }>> {
  const s = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : '—');
  if (kind === 'recruitment.candidate') return [{ label: '列为发展对象日期（支部委员会讨论）', value: s('on') }];
  if (kind === 'recruitment.confirm') return [{ label: '讨论转正的支部大会日期', value: s('meetingOn') }, { label: '转正日期', value: s('on') }];
  const org = typeof p.approverOrgId === 'string' ? await orgName(db, p.approverOrgId) : undefined;
  return [{ label: '审批党委', value: org ?? '—' }, { label: '因特殊情况延长审批时间', value: p.extended ? '是' : '否' }];
}

export const recruitmentAdapter: ApprovalAdapter<Kind> = { subjectTable: 'recruitment_case', prepare, blockers, apply, note, asked };
