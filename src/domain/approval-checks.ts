/**
 * The checks the approval engine's last level runs on an organisation before it is dissolved or merged
 * (docs/approvals.md, "Deciding"), as pure rules: each finding says what is wrong and its basis in
 * Chinese. A finding refuses the approval; nothing is written.
 */
export type ApprovalFinding = { ruleId: string; severity: 'overdue'; title: string; message: string; source: string };

export type DissolutionFacts = { orgName: string; rosterMembers: number; activeChildren: number };

const TRANSFER_BASIS = '《中国共产党党员教育管理工作条例》第二十五条（党员组织关系转接）：撤销前须将党员组织关系转至其他党组织';
const SETUP_BASIS = '《中国共产党支部工作条例（试行）》：党支部的成立、调整和撤销须经上级党组织批准';

export function dissolutionFindings(f: DissolutionFacts): ApprovalFinding[] {
  const out: ApprovalFinding[] = [];
  if (f.rosterMembers > 0) {
    out.push({
      ruleId: 'org.dissolveMembersRemain', severity: 'overdue', title: '党员组织关系尚未转出',
      message: `${f.orgName}的党员名册中仍有${f.rosterMembers}名党员，撤销前须将其组织关系转至其他党组织`, source: TRANSFER_BASIS,
    });
  }
  if (f.activeChildren > 0) {
    out.push({
      ruleId: 'org.dissolveChildrenRemain', severity: 'overdue', title: '下级党组织尚未撤销或调整',
      message: `${f.orgName}下仍有${f.activeChildren}个未撤销的下级党组织`, source: SETUP_BASIS,
    });
  }
  return out;
}

export type MergerFacts = { orgName: string; lettersWaiting: readonly string[] };

const LETTER_BASIS = '《中国共产党党员教育管理工作条例》第二十五条（党员组织关系转接）：党员组织关系介绍信须由接收党组织办结';

/**
 * Before a merger (党组织合并): a member whose letter still waits cannot follow the merged organisation's
 * members — the letter names it as sender or receiver — so the letter is finished first.
 */
export function mergerFindings(f: MergerFacts): ApprovalFinding[] {
  if (!f.lettersWaiting.length) return [];
  const who = f.lettersWaiting.length > 3 ? `${f.lettersWaiting.slice(0, 3).join('、')}等${f.lettersWaiting.length}人` : f.lettersWaiting.join('、');
  return [{
    ruleId: 'org.mergeLettersWaiting', severity: 'overdue', title: '组织关系介绍信尚未办结',
    message: `${f.orgName}有${f.lettersWaiting.length}份待接收的组织关系介绍信（${who}），合并前须办结、退回或撤回`, source: LETTER_BASIS,
  }];
}
