import { PLATFORM_DEADLINE, type RuleTaskKind } from './types.js';

/** The rule engine's kinds: gaps and organisation findings (docs/inbox.md). */
export const RULE_TASK_KINDS: readonly RuleTaskKind[] = [
  {
    id: 'coverage.gap', label: '消除党建工作空白点', subject: 'enterprise', subjectLabel: '企业', anchor: 'enterprise',
    forRoles: ['township_officer', 'community_officer'], action: 'enterprise.update', dueDays: 90, dueRule: `${PLATFORM_DEADLINE}90日内`,
    reason: '尚未实现党的组织覆盖和工作覆盖（空白点）',
    finding: { ruleId: 'enterprise.status', status: 'gap' },
  },
  {
    id: 'org.secretaryVacant', label: '配齐党组织书记', subject: 'party_org', subjectLabel: '党组织', anchor: 'party_org',
    forRoles: ['township_officer', 'branch_secretary'], action: 'org.manage', dueDays: 30, dueRule: `${PLATFORM_DEADLINE}30日内`,
    finding: { ruleId: 'org.secretaryVacant' },
  },
  {
    id: 'org.reelectionOverdue', label: '督促党组织按期换届', subject: 'party_org', subjectLabel: '党组织', anchor: 'party_org',
    forRoles: ['township_officer', 'branch_secretary'], action: 'org.manage', dueDays: 60, dueRule: `${PLATFORM_DEADLINE}60日内`,
    finding: { ruleId: 'org.reelectionOverdue' },
  },
  {
    id: 'org.committeeMissing', label: '选举产生支部委员会', subject: 'party_org', subjectLabel: '党组织', anchor: 'party_org',
    forRoles: ['township_officer', 'branch_secretary'], action: 'org.manage', dueDays: 90, dueRule: `${PLATFORM_DEADLINE}90日内`,
    finding: { ruleId: 'org.committeeMissing' },
  },
];
