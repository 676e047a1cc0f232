import { DOC } from '../rules/citations.js';
import type { WorkflowTaskKind } from './types.js';

/**
 * 组织关系转接 (docs/member-transfers.md): a letter issued to an organisation in the system waits for
 * that organisation to receive it. The receiving side's task (anchored on the receiving organisation,
 * so its street and secretary see it, the sender's do not); due on the letter's last valid day; closed
 * by 接收 or 退回, cancelled when the sender revokes it or the letter expires.
 */
export const TRANSFER_TASK_KINDS: readonly WorkflowTaskKind[] = [
  {
    id: 'transfer.receive', label: '接收转入党员组织关系', subject: 'member_transfer', subjectLabel: '组织关系介绍信', anchor: 'party_org',
    forRoles: ['branch_secretary', 'township_officer'], action: 'org.manage', dueDays: 90, dueRule: '介绍信有效期届满之日前办理接收或退回',
    reason: '党员组织关系介绍信待接收', workflow: 'memberTransfer',
    source: `${DOC.memberEducationRegulation}第二十五条（党员组织关系转接，接收党组织应及时办理）`,
  },
];
