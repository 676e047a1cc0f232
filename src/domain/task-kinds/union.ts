import { PLATFORM_DEADLINE, type RuleTaskKind } from './types.js';

/**
 * The unions' kinds, fed by the union finder of the refresh (src/core/task/task-finder-union.ts) from
 * the same findings as the union alerts; anchored on the union, acted on by whoever manages it
 * (工会干部, the district). What they cite is the rule's own source (《工会法》, 《集体合同规定》).
 */
// The street's officers read unions but do not manage them (src/domain/permissions.ts): 工会干部 and the district act.
const FOR: RuleTaskKind['forRoles'] = ['union_officer', 'org_admin'];

export const UNION_TASK_KINDS: readonly RuleTaskKind[] = [
  {
    id: 'union.reelectionOverdue', label: '督促工会按期换届', subject: 'union_org', subjectLabel: '工会', anchor: 'union_org',
    forRoles: FOR, action: 'union.manage', dueDays: 60, dueRule: `${PLATFORM_DEADLINE}60日内`,
    finding: { ruleId: 'union.reelectionOverdue' },
  },
  {
    id: 'union.contractExpired', label: '续签集体合同', subject: 'union_org', subjectLabel: '工会', anchor: 'union_org',
    forRoles: FOR, action: 'union.manage', dueDays: 60, dueRule: `${PLATFORM_DEADLINE}60日内`,
    reason: '集体合同（或工资专项集体合同）已到期，尚未续签',
    finding: { ruleId: 'union.contractExpired' },
  },
  {
    id: 'union.contractExpiring', label: '启动集体合同续签协商', subject: 'union_org', subjectLabel: '工会', anchor: 'union_org',
    forRoles: FOR, action: 'union.manage', dueDays: 30, dueRule: `${PLATFORM_DEADLINE}30日内`,
    finding: { ruleId: 'union.contractExpiring' },
  },
  {
    id: 'union.committeeMissing', label: '配齐工会委员会', subject: 'union_org', subjectLabel: '工会', anchor: 'union_org',
    forRoles: FOR, action: 'union.manage', dueDays: 90, dueRule: `${PLATFORM_DEADLINE}90日内`,
    finding: { ruleId: 'union.committeeMissing' },
  },
];
