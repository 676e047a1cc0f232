import { DOC } from '../rules/citations.js';
import { addMonths, addYears, fromDay, toDay } from '../rules/dates.js';
import type { WorkflowTaskKind } from './types.js';

/**
 * 发展党员 (docs/recruitment.md): when the higher committee approves a 预备党员, the branch's task
 * 预备期满讨论转正 opens, due on the probation's last day (党章 第七条: one year from the 支部大会
 * that admitted them, plus an extension if one was decided). Recording 转正 closes it; 取消预备党员资格
 * or closing the case cancels it; 延长预备期 moves its due date.
 */
export const RECRUITMENT_TASK_KINDS: readonly WorkflowTaskKind[] = [
  {
    id: 'recruitment.probationEnd', label: '预备期满讨论转正', subject: 'recruitment_case', subjectLabel: '发展党员', anchor: 'party_org',
    forRoles: ['branch_secretary', 'township_officer'], action: 'org.manage', dueDays: 365,
    dueRule: '预备期满之日（自支部大会通过接收之日起一年；延长预备期的，加上延长的期限）', reason: '预备党员预备期满，支部应及时讨论能否转为正式党员',
    workflow: 'recruitment', source: `${DOC.partyConstitution}第七条（预备党员的预备期为一年，自支部大会通过其为预备党员之日算起；预备期满，党支部应当及时讨论其能否转为正式党员）`,
  },
];

/** The probation's last day: one year from the admitting 支部大会, plus the extension's months. */
export const probationEndsOn = (meetingOn: string, extensionMonths: number | null): string =>
  fromDay(addMonths(addYears(toDay(meetingOn), 1), extensionMonths ?? 0) - 1);
