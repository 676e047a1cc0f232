import type { UnionRuleFacts } from '../../domain/rules/facts.js';
import { explainMediation, type MediationExplanation } from '../../domain/rules/mediation.js';

/**
 * `liangxin rules check` for a union's labour dispute mediation cases (docs/rules.md, "劳动争议调解"):
 * the last day of mediation, whether it is overdue, the arbitration limitation date and the agreement's
 * review window, each with the text it rests on. Rule ids only in --json.
 */
export function mediationOf(f: UnionRuleFacts, date: string): MediationExplanation[] | undefined {
  return f.mediation?.map((m) => explainMediation(m, date));
}

const SEVERITY = { info: '提示', warning: '注意', overdue: '逾期' } as const;

export function renderMediation(list: MediationExplanation[]): string[] {
  const lines = [list.length ? '  劳动争议调解：' : '  劳动争议调解：无'];
  for (const m of list) {
    const state = m.closedInTime === null ? (m.overdue ? '已逾期未结' : '调解中') : m.closedInTime ? '按期办结' : '逾期办结';
    lines.push(`    ${m.id ? `案件 ${m.id}` : '案件'}${m.name ? `「${m.name}」` : ''}：调解期限${m.mediationDays}日，至${m.mediationEndsOn}（${state}）`);
    if (m.arbitrationLimitOn) lines.push(`      申请仲裁时效届满：${m.arbitrationLimitOn}`);
    if (m.agreementReviewUntil) lines.push(`      调解协议共同申请仲裁审查截止：${m.agreementReviewUntil}`);
    for (const x of m.findings) lines.push(`      ${x.severity === 'info' ? '·' : '!'} 【${SEVERITY[x.severity]}】${x.title}：${x.message}　依据：${x.source}`);
  }
  return lines;
}
