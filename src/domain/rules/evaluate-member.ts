import type { Severity } from './catalogue.js';
import type { MemberFinding } from './member-catalogue.js';
import { memberContext } from './member-context.js';
import { duesFindings, monthlyDues, type DuesAmount } from './member-dues.js';
import type { MemberRuleFacts } from './member-facts.js';
import { recruitmentFindings, recruitmentStage, RECRUITMENT_STAGE_LABELS, type RecruitmentStage } from './member-recruitment.js';
import { statusFindings } from './member-status.js';
import { RULE_SET, type RuleSet } from './rule-set.js';

/**
 * One member, as of a date: every violation and every coming or missed deadline of the
 * recruitment timeline, the dues and the member's status, as findings with rule ids, Chinese
 * summaries, citations and due dates. Pure: the roster services assemble the facts.
 *
 *   evaluateMember(facts, '2025-06-30')                 // MemberFinding[]
 *   monthlyDues(facts, '2025-06')                       // { amountFen, bracket, ruleId, … } | null
 *   explainMember(facts, '2025-06-30')                  // both, plus the stage reached
 */

export type MemberExplanation = {
  subject: 'member';
  id: string;
  name?: string;
  date: string;
  stage: RecruitmentStage | null;
  stageLabel: string | null;
  /** The dues of the as-of month; null when no basis applies. */
  dues: DuesAmount | null;
  findings: MemberFinding[];
};

const RANK: Record<Severity, number> = { overdue: 0, warning: 1, info: 2 };

/** `province` (two digits) forces a province's settings; otherwise the member's own `provinceCode`. */
export function evaluateMember(f: MemberRuleFacts, asOf: string, ruleSet: RuleSet = RULE_SET, province?: string | null): MemberFinding[] {
  if (f.status === 'left') return [];
  const c = memberContext(f, asOf, ruleSet, province);
  const found = [
    ...(f.recruitment ? recruitmentFindings(f.recruitment, f.birthDate, c) : []),
    ...duesFindings(f, c),
    ...statusFindings(f, c),
  ];
  return found.sort((a, b) => RANK[a.severity] - RANK[b.severity]); // stable: same severity keeps the timeline's order
}

export function explainMember(f: MemberRuleFacts, asOf: string, ruleSet: RuleSet = RULE_SET, province?: string | null): MemberExplanation {
  const c = memberContext(f, asOf, ruleSet, province);
  const stage = f.recruitment ? recruitmentStage(f.recruitment, c) : null;
  return {
    subject: 'member', id: f.id, name: f.name, date: asOf, stage, stageLabel: stage ? RECRUITMENT_STAGE_LABELS[stage] : null,
    dues: f.status === 'left' ? null : monthlyDues(f, asOf.slice(0, 7), ruleSet, { province: c.province, asOf }),
    findings: evaluateMember(f, asOf, ruleSet, province),
  };
}
