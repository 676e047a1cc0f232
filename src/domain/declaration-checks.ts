import type { ApprovalFinding } from './approval-checks.js';
import type { MemberStatus } from './member.js';

/**
 * 亮身份确认 through the approval engine (docs/approvals.md, "Adapters"), as pure rules: which
 * organisation a request hangs on, and what refuses its last level. A declaration belongs to no
 * organisation until it is confirmed, while a request needs one whose owners by place decide.
 */

/** An organisation covering the declared enterprise today that the requester manages by its own place; `depth` counts its ancestors. */
export type AnchorCandidate = { id: string; depth: number };

/**
 * The anchor: the organisation chosen at confirmation (to register the member in — the requester
 * manages it, the rehearsal checked that); else the one covering the enterprise that the requester
 * manages by its own place, the deepest first (a branch before its 党委: the closest to the member),
 * then the lowest id. An organisation of another street covering the enterprise is seen through its
 * link, never managed, so it never anchors: the other street would decide this street's confirmation.
 * Null: no request can be submitted.
 */
export function declarationAnchor(chosenOrgId: string | null | undefined, covering: readonly AnchorCandidate[]): string | null {
  if (chosenOrgId) return chosenOrgId;
  const best = [...covering].sort((a, b) => b.depth - a.depth || Number(a.id) - Number(b.id))[0];
  return best?.id ?? null;
}

export const NO_ANCHOR_MESSAGE = '该企业目前没有您管理的党组织覆盖，无法确定由哪一级审批：尚未在党员名册中的，请选择登记入册的党组织；'
  + '已在册的，请先将该企业纳入您管理的党组织（如街道综合党委）的覆盖范围后再提交审批';

/** What the last level reads of the declared person on the day it decides. */
export type DeclarationFacts = {
  name: string;
  /** The membership the ID number holds today, if any (its status). */
  membership: { status: MemberStatus } | null;
  /** The request registers the person in an organisation (an organisation was chosen). */
  registers: boolean;
};

const ONE_ORG = '《中国共产党章程》第八条：每个党员都必须编入党的一个支部、小组或其他特定组织';
const VERIFY = '本平台工作规则：党员亮身份申报经党组织核实确认后方可计入党员名册';

/** The findings that refuse the last level: each says what is wrong, in Chinese, with its basis. */
export function declarationFindings(f: DeclarationFacts): ApprovalFinding[] {
  const out: ApprovalFinding[] = [];
  if (f.membership?.status === 'left') {
    out.push({
      ruleId: 'declaration.leftParty', severity: 'overdue', title: '党员名册记载申报人已出党',
      message: `党员名册记载${f.name}已出党，其党员身份须先核实，不能按亮身份申报确认`, source: VERIFY,
    });
  } else if (f.membership && f.registers) {
    out.push({
      ruleId: 'declaration.alreadyOnRoll', severity: 'overdue', title: '申报人已在党员名册中',
      message: `${f.name}已在党员名册中，不能再登记入册；请退回，由申请人不选择党组织重新提交（确认后记为在该企业工作）`, source: ONE_ORG,
    });
  }
  return out;
}
