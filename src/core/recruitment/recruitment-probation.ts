import type { RecruitmentStepInput } from '../../contracts/recruitment.js';
import { changeMemberStatusIn } from '../member/member.service.js';
import { assertDate, assertVote, field } from './recruitment-checks.js';
import type { StepCtx, StepResult } from './recruitment-steps.js';

/**
 * The two outcomes of a 预备期 other than 转正 (党章 第七条; 细则 第三十二条): 延长预备期 — once, by
 * six to twelve months — and 取消预备党员资格. Each is discussed by the 支部大会 (its vote must pass,
 * as for admission) and approved by the higher 党委; the approval day is the step's date.
 * Cancelling closes the case and ends the membership through the roster's own status change
 * (出党, reason 取消预备党员资格), in the step's transaction, with the member's history event.
 */
type Extend = Extract<RecruitmentStepInput, { step: 'extend' }>;
type Cancel = Extract<RecruitmentStepInput, { step: 'cancel' }>;

function decision(ctx: StepCtx, s: Extend | Cancel, what: string): void {
  const r = ctx.row;
  assertDate(s.meetingOn, 'meetingOn', `讨论${what}的支部大会日期`, [r.approved_on, '上级党委审批接收日期']);
  assertDate(s.on, 'on', `上级党委批准${what}日期`, [s.meetingOn, `讨论${what}的支部大会日期`]);
  assertVote(s, what);
}

export function extend(ctx: StepCtx, s: Extend): StepResult {
  if (ctx.row.extension_on) throw field('months', 'ALREADY_EXTENDED', '预备期只能延长一次', 'CONFLICT');
  decision(ctx, s, '延长预备期');
  return {
    set: {
      extension_on: s.on, extension_months: s.months, extension_reason: s.reason,
      extension_meeting_on: s.meetingOn, extension_voting: s.voting, extension_present: s.present, extension_yes: s.yes,
    },
    at: s.on, data: { months: s.months, reason: s.reason, meetingOn: s.meetingOn, voting: s.voting, present: s.present, yes: s.yes },
  };
}

export async function cancel(ctx: StepCtx, s: Cancel): Promise<StepResult> {
  decision(ctx, s, '取消预备党员资格');
  const r = ctx.row;
  const m = await ctx.tx.selectFrom('party_member').select(['id', 'version']).where('id', '=', r.member_id!).executeTakeFirstOrThrow();
  await changeMemberStatusIn(ctx.tx, ctx.keyring, ctx.actor, m.id, {
    version: m.version, status: 'left', since: s.on, leftReason: 'probationCancelled', note: s.reason,
  });
  return {
    set: {
      stage: 'closed', closed_on: s.on, closed_reason: s.reason, cancelled_on: s.on,
      cancel_meeting_on: s.meetingOn, cancel_voting: s.voting, cancel_present: s.present, cancel_yes: s.yes,
    },
    at: s.on, data: { reason: s.reason, meetingOn: s.meetingOn, voting: s.voting, present: s.present, yes: s.yes, memberId: m.id, from: r.stage },
  };
}
