import type { Severity } from './catalogue.js';
import { PLATFORM_RULE } from './citations.js';
import { addYears, fromDay, toDay } from './dates.js';

/**
 * Labour dispute mediation rules (docs/unions.md, "劳动争议调解"; shared rules §6.5). A catalogue of
 * its own, like training-catalogue.ts; every number is a dated version with its source in Chinese.
 *
 * Counting: a period in days starts the day after the event (《民法典》第二百零一条), so a case received
 * on R must be mediated by R + 15 (its last day) and is overdue from R + 16 while still open. A
 * period in years ends on the same date of the last year, or that month's last day when the date
 * does not exist (第二百零二条: known on 2024-02-29 → limitation ends 2025-02-28).
 */
const LAW = '《劳动争议调解仲裁法》';
const OLD = '《企业劳动争议处理条例》（1993年）';
const PROVISIONS = '《企业劳动争议协商调解规定》（人力资源和社会保障部令第17号）';
const CIVIL = '《民法典》第二百零一条、第二百零二条（期间计算）';

export const MEDIATION_DOC = { law: LAW, oldRegulation: OLD, provisions: PROVISIONS, civilCode: CIVIL } as const;

export type MediationRuleId =
  | 'mediation.deadline'
  | 'mediation.overdue'
  | 'mediation.arbitrationLimit'
  | 'mediation.agreementReview'
  | 'mediation.collectiveRepresentatives'
  | 'mediation.committeeMissing';

export type MediationRuleEntry = { id: MediationRuleId; severity: Severity; title: string; source: string };

export const MEDIATION_RULE_CATALOGUE: Record<MediationRuleId, MediationRuleEntry> = {
  'mediation.deadline': { id: 'mediation.deadline', severity: 'info', title: '调解期限', source: `${LAW}第十四条；${CIVIL}` },
  'mediation.overdue': { id: 'mediation.overdue', severity: 'overdue', title: '调解逾期未结', source: `${LAW}第十四条（自收到调解申请之日起十五日内未达成调解协议的，当事人可以依法申请仲裁）` },
  'mediation.arbitrationLimit': { id: 'mediation.arbitrationLimit', severity: 'info', title: '申请仲裁的时效期间', source: `${LAW}第二十七条（劳动争议申请仲裁的时效期间为一年）；${CIVIL}` },
  'mediation.agreementReview': { id: 'mediation.agreementReview', severity: 'info', title: '调解协议仲裁审查申请期限', source: `${PROVISIONS}（调解协议生效之日起十五日内，双方当事人可以共同向仲裁委员会提出仲裁审查申请）` },
  'mediation.collectiveRepresentatives': { id: 'mediation.collectiveRepresentatives', severity: 'warning', title: '集体争议应推举代表', source: `${LAW}第七条（发生劳动争议的劳动者一方在十人以上，并有共同请求的，可以推举代表参加调解、仲裁或者诉讼活动）` },
  'mediation.committeeMissing': { id: 'mediation.committeeMissing', severity: 'warning', title: '大中型企业未设立劳动争议调解委员会', source: `${PROVISIONS}（大中型企业应当依法设立劳动争议调解委员会）；${LAW}第十条` },
};

/** A dated version of the mediation period, chosen by the day the application was received. */
export type DaysVersion = { days: number; validFrom: string; validTo?: string; source: string };

// Shared rules §6.5 ⚠ (the deadline changed): 30 days under the 1993 条例, 15 days under the law in force 2008-05-01.
export const MEDIATION_DAYS_VERSIONS: readonly DaysVersion[] = [
  { days: 30, validFrom: '1993-08-01', validTo: '2008-05-01', source: `${OLD}（调解委员会调解劳动争议应当自当事人申请调解之日起三十日内结束）` },
  { days: 15, validFrom: '2008-05-01', source: `${LAW}第十四条（自劳动争议调解组织收到调解申请之日起十五日内未达成调解协议的，当事人可以依法申请仲裁）` },
];

// Shared rules §6.5: the joint review window of an agreement, from 2012-01-01.
export const AGREEMENT_REVIEW_VERSIONS: readonly DaysVersion[] = [
  { days: 15, validFrom: '2012-01-01', source: MEDIATION_RULE_CATALOGUE['mediation.agreementReview'].source },
];

// Shared rules §6.5, Art. 27: one year from when the party knew or should have known.
export const ARBITRATION_LIMIT_YEARS: readonly { years: number; validFrom: string; source: string }[] = [
  { years: 1, validFrom: '2008-05-01', source: MEDIATION_RULE_CATALOGUE['mediation.arbitrationLimit'].source },
];

const versionOn = <T extends { validFrom: string; validTo?: string }>(list: readonly T[], date: string): T | null =>
  list.find((v) => v.validFrom <= date && (v.validTo === undefined || date < v.validTo)) ?? null;

/** The mediation period in force for an application received on `receivedOn` (the earliest version before 1993). */
export function mediationDaysOn(receivedOn: string): DaysVersion {
  return versionOn(MEDIATION_DAYS_VERSIONS, receivedOn) ?? MEDIATION_DAYS_VERSIONS[0];
}

/** Last day of the mediation period: received + N days (the period starts the next day). */
export const mediationDueOn = (receivedOn: string): string => fromDay(toDay(receivedOn) + mediationDaysOn(receivedOn).days);

/** Last day to apply for arbitration: the same date one year after the party knew, else that month's last day. */
export function arbitrationLimitOn(knownOn: string): string {
  const v = versionOn(ARBITRATION_LIMIT_YEARS, knownOn) ?? ARBITRATION_LIMIT_YEARS[0];
  return fromDay(addYears(toDay(knownOn), v.years));
}

/** Last day both sides may jointly ask the arbitration commission to review an agreement; null before the 2012 rule. */
export function agreementReviewUntil(agreedOn: string): string | null {
  const v = versionOn(AGREEMENT_REVIEW_VERSIONS, agreedOn);
  return v ? fromDay(toDay(agreedOn) + v.days) : null;
}

export type MediationClock = {
  days: number;
  dueOn: string;
  /** Days left until the last day, on `asOf` (0 on the last day; negative once overdue); null when closed. */
  daysLeft: number | null;
  overdue: boolean;
  /** Closed on or before the last day (null while open). */
  closedInTime: boolean | null;
  source: string;
};

/** The clock of a case as of a day: open past its last day is overdue. */
export function mediationClock(receivedOn: string, closedOn: string | null, asOf: string): MediationClock {
  const v = mediationDaysOn(receivedOn);
  const due = toDay(receivedOn) + v.days;
  const open = closedOn === null;
  return {
    days: v.days, dueOn: fromDay(due), source: v.source,
    daysLeft: open ? due - toDay(asOf) : null,
    overdue: open && toDay(asOf) > due,
    closedInTime: open ? null : toDay(closedOn) <= due,
  };
}

export type MediationFacts = {
  id?: string;
  name?: string;
  receivedOn: string;
  closedOn?: string | null;
  outcome?: 'agreed' | 'failed' | 'withdrawn' | null;
  knownOn?: string | null;
  workers?: number | null;
  commonClaim?: boolean;
  representatives?: number | null;
};

export type MediationFinding = { ruleId: MediationRuleId; severity: Severity; title: string; message: string; source: string; dueOn: string | null };

export type MediationExplanation = {
  subject: 'mediation';
  id?: string;
  name?: string;
  date: string;
  mediationDays: number;
  mediationEndsOn: string;
  overdue: boolean;
  closedInTime: boolean | null;
  arbitrationLimitOn: string | null;
  agreementReviewUntil: string | null;
  findings: MediationFinding[];
};

const finding = (id: MediationRuleId, message: string, dueOn: string | null, source?: string): MediationFinding => {
  const e = MEDIATION_RULE_CATALOGUE[id];
  return { ruleId: id, severity: e.severity, title: e.title, message, source: source ?? e.source, dueOn };
};

/** `liangxin rules check` on a mediation case: its last day, overdue verdict, the arbitration limit and the review window. */
export function explainMediation(f: MediationFacts, date: string): MediationExplanation {
  const closedOn = f.closedOn ?? null;
  const clock = mediationClock(f.receivedOn, closedOn, date);
  const findings: MediationFinding[] = [
    finding('mediation.deadline', `${f.receivedOn}收到调解申请，调解期限${clock.days}日，最后一日为${clock.dueOn}`, clock.dueOn, `${clock.source}；${CIVIL}`),
  ];
  if (clock.overdue) findings.push(finding('mediation.overdue', `已超过调解期限（${clock.dueOn}）仍未结案，当事人可以依法申请仲裁`, clock.dueOn));
  // The arbitration pointer matters while no agreement stands: open or failed, not agreed or withdrawn.
  const limit = f.knownOn && f.outcome !== 'agreed' && f.outcome !== 'withdrawn' ? arbitrationLimitOn(f.knownOn) : null;
  if (limit) {
    findings.push(finding('mediation.arbitrationLimit', `${f.knownOn}知道或者应当知道权利被侵害，申请仲裁的时效期间至${limit}`, limit));
  }
  const review = f.outcome === 'agreed' && closedOn ? agreementReviewUntil(closedOn) : null;
  if (review) findings.push(finding('mediation.agreementReview', `调解协议${closedOn}生效，双方可于${review}前（含当日）共同申请仲裁审查`, review));
  if ((f.workers ?? 0) >= 10 && f.commonClaim !== false && !(f.representatives ?? 0)) {
    findings.push(finding('mediation.collectiveRepresentatives', `劳动者一方${f.workers}人，有共同请求，应推举代表参加调解`, null));
  }
  return {
    subject: 'mediation', id: f.id, name: f.name, date, mediationDays: clock.days, mediationEndsOn: clock.dueOn, overdue: clock.overdue,
    closedInTime: clock.closedInTime, arbitrationLimitOn: limit, agreementReviewUntil: review, findings,
  };
}

/** A large or medium enterprise without an enterprise committee (warning; small and micro firms may set one up). */
export const committeeRequired = (sizeClass: string | null): boolean => sizeClass === 'large' || sizeClass === 'medium';

export const MEDIATION_PLATFORM_NOTE = `${PLATFORM_RULE}：撤回的案件不计入“按期办结率”的分子和分母`;
