import { APPROVAL_KIND_CATALOGUE, APPROVAL_KINDS, LEVEL_ROLES } from '../approval.js';
import { PLATFORM_DEADLINE, type WorkflowTaskKind } from './types.js';

/**
 * The approval engine's kinds (docs/approvals.md, "Tasks"): one per flow kind the workflows submit,
 * for whoever decides a level (the task is reopened for each level in turn, its label naming the
 * level), and one for the requester when a level returns the request.
 */
const LEVEL_DAYS = 10;

export const APPROVAL_TASK_KINDS: readonly WorkflowTaskKind[] = [
  ...APPROVAL_KINDS.filter((k) => APPROVAL_KIND_CATALOGUE[k].wired).map((k): WorkflowTaskKind => ({
    id: `approval.${k}`, label: `${APPROVAL_KIND_CATALOGUE[k].label}${APPROVAL_KIND_CATALOGUE[k].mode}`, subject: 'approval_request', subjectLabel: '审批申请',
    anchor: 'party_org', forRoles: LEVEL_ROLES, action: 'approval.decide', dueDays: LEVEL_DAYS,
    dueRule: `平台默认工作时限，每一级自收到之日起${LEVEL_DAYS}日内`, workflow: 'approval', source: APPROVAL_KIND_CATALOGUE[k].source,
  })),
  {
    id: 'approval.returned', label: '审批退回，修改后重新提交', subject: 'approval_request', subjectLabel: '审批申请', anchor: 'party_org',
    forRoles: ['township_officer', 'branch_secretary'], action: 'org.manage', dueDays: 15, dueRule: `${PLATFORM_DEADLINE}15日内`,
    workflow: 'approval', source: '本平台审批流程：退回的申请由申请人修改后重新提交',
  },
];
