import { PLATFORM_RULE } from '../rules/citations.js';
import type { WorkflowTaskKind } from './types.js';

/**
 * Notices (通知公告, docs/notices.md): a published notice with a reply form opens a task for every
 * recipient organisation (subject: its recipient row); the organisation's reply closes it (已回复),
 * withdrawing the notice cancels it. Two kinds because a task has one anchor: a party organisation's
 * copy is handled under 管理党组织, a union's under 管理工会. Due: the notice's own deadline.
 */
const DUE = '发文单位规定的回复截止日期（未规定的，自发布之日起15日内）';
const SOURCE = `${PLATFORM_RULE}（上级要求回复的通知，由收文组织在截止日期前填报回执）`;

export const NOTICE_TASK_KINDS: readonly WorkflowTaskKind[] = [
  {
    id: 'notice.reply', label: '回复通知', subject: 'notice_recipient', subjectLabel: '通知回执', anchor: 'party_org',
    forRoles: ['branch_secretary', 'township_officer'], action: 'org.manage', dueDays: 15, dueRule: DUE,
    reason: '上级通知要求回复', workflow: 'notice.publish', source: SOURCE,
  },
  {
    id: 'notice.replyUnion', label: '回复通知（工会）', subject: 'notice_recipient', subjectLabel: '通知回执', anchor: 'union_org',
    forRoles: ['union_officer'], action: 'union.manage', dueDays: 15, dueRule: DUE,
    reason: '上级通知要求回复', workflow: 'notice.publish', source: SOURCE,
  },
];
