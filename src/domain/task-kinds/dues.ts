import { PLATFORM_DEADLINE, type RuleTaskKind } from './types.js';

/**
 * 党费 (docs/dues.md), fed by the refresh's dues finder (src/core/task/task-finder-dues.ts) from the
 * dues ledger: an organisation whose ledger holds members owing dues for the months the rule names
 * (`dues.arrearsTaskMonths`, 3 by default, a platform setting beside 中组发〔2008〕3号's 按月交纳) gets
 * one task, naming how many members; it closes when the payments are recorded (the dues write
 * refreshes its organisation) and reopens if arrears come back. The due date is the rule's: the day
 * the member who has owed longest would complete the six months of 《中国共产党章程》第九条; a member
 * already past them leaves the platform's 30 days from the day it was found.
 */
export const DUES_TASK_KINDS: readonly RuleTaskKind[] = [
  {
    id: 'dues.arrears', label: '督促党员补交党费', subject: 'party_org', subjectLabel: '党组织', anchor: 'party_org',
    forRoles: ['township_officer', 'branch_secretary'], action: 'org.manage', dueDays: 30,
    dueRule: `至欠交最久的党员连续满6个月未交纳党费之日（《中国共产党章程》第九条）；已满的，${PLATFORM_DEADLINE}30日内`,
    reason: '有党员欠交党费满3个月以上',
    finding: { ruleId: 'member.duesArrears' },
  },
];
