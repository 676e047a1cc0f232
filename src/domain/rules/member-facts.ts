/**
 * What the member rules read about one Party member (issue 14): the recruitment timeline and the
 * people in it, the dues basis and payments, transfers, mobility, lost contact and a 亮身份
 * declaration. Same conventions as facts.ts: dates `YYYY-MM-DD`, months `YYYY-MM`, money in
 * integer fen (分). A date after the evaluation date is a plan, not a fact: the rules ignore it.
 */

import type { MemberStatus } from '../member.js';

/** Who pays what (中组发〔2008〕3号 第二、五、六条). */
export const DUES_CATEGORIES = ['employed', 'retired', 'farmer', 'student', 'unemployed', 'relief', 'subsistence'] as const;
export type DuesCategory = (typeof DUES_CATEGORIES)[number];
export const DUES_CATEGORY_LABELS: Record<DuesCategory, string> = {
  employed: '在职党员', retired: '离退休党员', farmer: '农民党员', student: '学生党员',
  unemployed: '下岗失业党员', relief: '依靠抚恤或救济生活的党员', subsistence: '享受最低生活保障的党员',
};
/** Categories whose dues are a share of a monthly base (the others pay a fixed amount). */
export const BASED_CATEGORIES: ReadonlySet<DuesCategory> = new Set(['employed', 'retired']);

/** A basis in force from a month on (the month pay at a new level starts) until the next one. */
export type DuesBasis = { fromMonth: string; category: DuesCategory; /** After-tax monthly base, fen (employed, retired). */ baseFen?: number | null };
/** 少交或免交 for hardship: 0 = exempt. Applies only once approved by the higher 党委. */
export type DuesReduction = { fromMonth: string; toMonth?: string | null; amountFen: number; approvedOn?: string | null };
export type DuesPayment = { month: string; paidOn: string; amountFen?: number | null };
export type MemberDuesFacts = { bases: DuesBasis[]; reductions?: DuesReduction[]; payments?: DuesPayment[] };

/** A member named in the timeline (培养联系人, 入党介绍人): full from `fullOn`; none = not a full member. */
export type PersonRef = { name?: string; personId?: string; fullOn?: string | null; /** 留党察看 etc.: may not sponsor. */ rightsRestricted?: boolean };

/** Who approved the admission: only a 党委 may (`committee`); a 村/社区党委 under a street 党委 only reviews. */
export type ApproverType = 'committee' | 'subordinateCommittee' | 'generalBranch' | 'branch';
export type NoticeStage = 'candidate' | 'probationary' | 'full';

export type RecruitmentFacts = {
  appliedOn: string;
  talkedOn?: string | null;
  activistOn?: string | null;
  mentors?: PersonRef[];
  candidateOn?: string | null;
  politicalReviewOn?: string | null;
  training?: { completedOn: string; days?: number | null; hours?: number | null } | null;
  /**
   * The 学时 recorded here from training sessions (入党积极分子和发展对象 courses, from the day listed
   * as 发展对象; docs/training.md): judged beside the hand-entered training, the better of the two counts.
   */
  recordedTraining?: Array<{ on: string; hours: number }> | null;
  sponsors?: PersonRef[];
  /** 支部大会 on admission: members with a vote who should attend, those present, yes votes (written ones included). */
  branchMeeting?: { heldOn: string; votingMembers: number; present: number; yesVotes: number } | null;
  approval?: { approvedOn: string; approverType: ApproverType; /** 特殊情况延长审批 (≤ 6 months). */ extended?: boolean } | null;
  probationExtensions?: { decidedOn: string; months: number }[];
  fullOn?: string | null;
  /** The candidate is expected to leave the unit on this day. */
  leavingOn?: string | null;
  /** 公示: first and last day (both included). */
  publicNotices?: { stage: NoticeStage; startsOn: string; endsOn: string }[];
};

/** A 组织关系介绍信: `validUntil` is its last valid day; `receivedOn` the day the receiver took it in (回执). */
export type TransferFact = { issuedOn: string; validUntil?: string | null; receivedOn?: string | null; toOrg?: string };
/** Away from the branch: at a relatively fixed place (地点相对固定) or not. */
/** Away from `since`; `reportedOn`: the last time they reported to the organisation holding them. */
export type MobilityFact = { since: string; until?: string | null; fixedPlace: boolean; place?: string; reportedOn?: string | null };

export type MemberRuleFacts = {
  id: string;
  name?: string;
  /** Two digits (or a longer region code): chooses the province's settings (农民党员党费, 公示天数…). */
  provinceCode?: string | null;
  status?: MemberStatus;
  birthDate?: string | null;
  recruitment?: RecruitmentFacts | null;
  dues?: MemberDuesFacts | null;
  transfers?: TransferFact[];
  mobility?: MobilityFact[];
  /** Last contact before losing touch (失联 from this day); `suspendedOn`: 停止党籍 decided. */
  contact?: { lostSince?: string | null; suspendedOn?: string | null } | null;
  /** 亮身份: a member declared themself; the organisation must confirm. */
  declaration?: { declaredOn: string; confirmedOn?: string | null } | null;
};
