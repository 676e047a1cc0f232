import type { RecruitmentStepInput } from '../../contracts/recruitment.js';
import type { Executor } from '../../db/schema.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { CASE_STAGE_LABELS, RECRUITMENT_STEP_LABELS, STEP_STAGES } from '../../domain/recruitment.js';
import { plusDays } from '../../domain/rules/member-context.js';
import type { Actor } from '../access/actor.js';
import type { Keyring } from '../crypto/keyring.js';
import { addMemberIn, confirmMemberIn } from '../member/member.service.js';
import { requireApprover, requireFullMember } from './recruitment.access.js';
import { probationEndsOn } from './recruitment.mapper.js';
import type { CaseRow, CaseUpdateSet } from './recruitment.repository.js';
import { casePeople } from './recruitment.repository.js';
import { assertCounts, assertDate, assertVote, field } from './recruitment-checks.js';
import { cancel, extend } from './recruitment-probation.js';

/**
 * Each step of a case (docs/recruitment.md, "Steps"): what it may be recorded after, what it
 * checks at write time (the people, the approver, the vote), and what it changes. The timeline's
 * deadlines and waits are NOT refused here — the rules report them as findings; only what makes a
 * record wrong (a date before the step it follows, a day in the future, a probationary sponsor, a
 * 总支 approving, a vote that did not pass) is refused.
 */
export type StepCtx = { tx: Executor; keyring: Keyring; actor: Actor; row: CaseRow };
export type StepResult = {
  set: CaseUpdateSet;
  at: string;
  data: Record<string, unknown>;
  people?: { role: 'mentor' | 'sponsor'; list: Array<{ memberId: string; name: string }> };
};

export { assertDate, field };

/** What the input alone gets wrong, before the case is looked at (a period ending before it starts, more votes than people). */
export function assertShape(s: RecruitmentStepInput): void {
  if (s.step === 'notice' && s.to < s.from) throw field('to', 'BEFORE_START', '公示结束日期不能早于开始日期');
  if (s.step === 'meeting' || s.step === 'extend' || s.step === 'cancel') assertCounts(s);
}

export function assertStage(row: CaseRow, input: RecruitmentStepInput): void {
  const allowed = input.step === 'notice' ? (input.stage === 'full' ? ['probationary'] : ['candidate']) : STEP_STAGES[input.step];
  if (!allowed.includes(row.stage)) {
    throw field('step', 'STEP_NOT_ALLOWED', `当前为“${CASE_STAGE_LABELS[row.stage]}”阶段，不能登记“${RECRUITMENT_STEP_LABELS[input.step]}”`, 'CONFLICT');
  }
}

async function people(ctx: StepCtx, refs: Array<{ memberId: string }>, key: 'mentors' | 'sponsors', role: '培养联系人' | '入党介绍人') {
  if (new Set(refs.map((r) => r.memberId)).size !== refs.length) throw field(`${key}.1.memberId`, 'DUPLICATE', `两名${role}不能是同一人`);
  const out = [];
  for (const [i, r] of refs.entries()) out.push(await requireFullMember(ctx.tx, ctx.actor, r.memberId, `${key}.${i}.memberId`, role, ctx.row.person_id));
  return out.map((p) => ({ memberId: p.memberId, name: p.name }));
}

export async function applyStep(ctx: StepCtx, s: RecruitmentStepInput): Promise<StepResult> {
  const r = ctx.row;
  switch (s.step) {
    case 'talk':
      assertDate(s.on, 'on', '谈话日期', [r.applied_on, '提出入党申请日期']);
      return { set: { talked_on: s.on, talker_name: s.talkerName }, at: s.on, data: { talkerName: s.talkerName } };
    case 'activist': {
      assertDate(s.on, 'on', '确定为入党积极分子日期', [r.applied_on, '提出入党申请日期']);
      const list = await people(ctx, s.mentors, 'mentors', '培养联系人');
      return { set: { activist_on: s.on, stage: 'activist' }, at: s.on, data: { mentors: list }, people: { role: 'mentor', list } };
    }
    case 'candidate':
      assertDate(s.on, 'on', '列为发展对象日期', [r.activist_on, '确定为入党积极分子日期']);
      return { set: { candidate_on: s.on, stage: 'candidate' }, at: s.on, data: {} };
    case 'review':
      assertDate(s.on, 'on', '政治审查日期', [r.activist_on, '确定为入党积极分子日期']);
      return { set: { review_on: s.on, review_result: s.result }, at: s.on, data: { result: s.result } };
    case 'training':
      assertDate(s.on, 'on', '培训结业日期', [r.activist_on, '确定为入党积极分子日期']);
      if (s.days == null && s.hours == null) throw field('days', 'REQUIRED', '请填写培训天数或学时');
      return { set: { training_on: s.on, training_days: s.days ?? null, training_hours: s.hours ?? null }, at: s.on, data: { days: s.days ?? null, hours: s.hours ?? null } };
    case 'notice': {
      const after: [string | null, string] = s.stage === 'candidate' ? [r.candidate_on, '列为发展对象日期'] : s.stage === 'probationary' ? [r.candidate_on, '列为发展对象日期'] : [r.meeting_on, '支部大会日期'];
      assertDate(s.from, 'from', '公示开始日期', after);
      const cols = { candidate: ['candidate_notice_from', 'candidate_notice_to'], probationary: ['admission_notice_from', 'admission_notice_to'], full: ['full_notice_from', 'full_notice_to'] } as const;
      const [from, to] = cols[s.stage];
      return { set: { [from]: s.from, [to]: s.to }, at: s.from, data: { stage: s.stage, from: s.from, to: s.to } };
    }
    case 'sponsors': {
      const list = await people(ctx, s.sponsors, 'sponsors', '入党介绍人');
      return { set: {}, at: today(), data: { sponsors: list }, people: { role: 'sponsor', list } };
    }
    case 'meeting': return meeting(ctx, s);
    case 'approve': return approve(ctx, s);
    case 'extend': return extend(ctx, s);
    case 'cancel': return cancel(ctx, s);
    case 'confirm': return confirm(ctx, s);
    case 'leaving':
      return { set: { leaving_on: s.on }, at: today(), data: { leavingOn: s.on } };
    case 'close':
      assertDate(s.on, 'on', '终止日期', [r.applied_on, '提出入党申请日期']);
      return { set: { stage: 'closed', closed_on: s.on, closed_reason: s.reason }, at: s.on, data: { reason: s.reason, from: r.stage } };
  }
}

async function meeting(ctx: StepCtx, s: Extract<RecruitmentStepInput, { step: 'meeting' }>): Promise<StepResult> {
  const r = ctx.row;
  assertDate(s.on, 'on', '支部大会日期', [r.candidate_on, '列为发展对象日期']);
  if (r.meeting_on) throw field('on', 'ALREADY_HELD', '已登记支部大会，不能重复登记', 'CONFLICT');
  if (r.review_result === 'failed') throw field('step', 'REVIEW_FAILED', '政治审查不合格，不能提交支部大会讨论', 'CONFLICT');
  const sponsors = (await casePeople(ctx.tx, [r.id])).filter((p) => p.role === 'sponsor');
  if (sponsors.length !== 2) throw field('sponsors', 'SPONSORS_REQUIRED', '请先确定两名正式党员作入党介绍人', 'CONFLICT');
  assertVote(s, '接收');
  return { set: { meeting_on: s.on, meeting_voting: s.voting, meeting_present: s.present, meeting_yes: s.yes }, at: s.on, data: { voting: s.voting, present: s.present, yes: s.yes } };
}

/** 上级党委审批: the applicant becomes a 预备党员 — the membership is created here, joined on the 支部大会 day. */
async function approve(ctx: StepCtx, s: Extract<RecruitmentStepInput, { step: 'approve' }>): Promise<StepResult> {
  const r = ctx.row;
  if (!r.meeting_on) throw field('step', 'MEETING_REQUIRED', '请先登记支部大会讨论接收预备党员的情况', 'CONFLICT');
  assertDate(s.on, 'on', '审批日期', [r.meeting_on, '支部大会日期']);
  const approver = await requireApprover(ctx.tx, ctx.actor, s.approverOrgId);
  const member = await addMemberIn(ctx.tx, ctx.keyring, ctx.actor, { personId: r.person_id, orgId: r.org_id, category: 'probationary', joinedOn: r.meeting_on });
  return {
    set: { approved_on: s.on, approver_org_id: approver.id, approval_extended: s.extended ?? false, stage: 'probationary', member_id: member.id },
    at: s.on, data: { approverOrgId: approver.id, approverOrgName: approver.name, extended: s.extended ?? false, memberId: member.id },
  };
}

/** 转正: the membership becomes full on the 转正 day, through the roster's own 转正. */
async function confirm(ctx: StepCtx, s: Extract<RecruitmentStepInput, { step: 'confirm' }>): Promise<StepResult> {
  const r = ctx.row;
  const end = probationEndsOn(r)!;
  const earliest = plusDays(end, 1);
  assertDate(s.meetingOn, 'meetingOn', '讨论转正的支部大会日期', [r.approved_on, '上级党委审批日期']);
  assertDate(s.approvedOn, 'approvedOn', '上级党委批准转正日期', [s.meetingOn, '讨论转正的支部大会日期']);
  assertDate(s.on, 'on', '转正日期', [earliest, '预备期满次日']);
  const m = await ctx.tx.selectFrom('party_member').select(['id', 'version']).where('id', '=', r.member_id!).executeTakeFirstOrThrow();
  await confirmMemberIn(ctx.tx, ctx.keyring, ctx.actor, m.id, { version: m.version, confirmedOn: s.on });
  return {
    set: { full_meeting_on: s.meetingOn, full_approved_on: s.approvedOn, full_on: s.on, stage: 'full' },
    at: s.on, data: { meetingOn: s.meetingOn, approvedOn: s.approvedOn, memberId: m.id },
  };
}
