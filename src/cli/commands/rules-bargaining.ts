import {
  BARGAINING_STAGE_LABELS, bargainingSchedule, CONTRACT_KIND_LABELS, REQUESTED_BY_LABELS, successorsOf,
  type BargainingDue, type BargainingFinding, type BargainingStage, type VoteVerdict,
} from '../../domain/rules/bargaining.js';
import type { UnionRuleFacts } from '../../domain/rules/facts.js';

/**
 * `liangxin rules check` for a union's 集体协商 rounds (docs/rules.md, "集体协商"): each round's
 * stage and every due date — reply, filing, effective, renewal — with the text it rests on (a
 * Shanghai union's 15-day reply cites 《上海市集体合同条例》), then the findings. Rule ids only in --json.
 */
export type BargainingCheck = {
  id?: string; contractKind: 'collective' | 'wage'; requestedOn: string; requestedBy: 'union' | 'employer'; stage: BargainingStage; stageLabel: string;
  effectiveOn: string | null; vote: VoteVerdict | null; dues: BargainingDue[]; findings: BargainingFinding[];
};

export function bargainingOf(f: UnionRuleFacts, date: string, province?: string): BargainingCheck[] | undefined {
  if (!f.bargaining) return undefined;
  const p = province ?? f.provinceCode ?? null;
  const next = successorsOf(f.bargaining, date, p);
  return f.bargaining.map((r, i) => {
    const s = bargainingSchedule(r, date, p, next[i]);
    return {
      ...(r.id ? { id: r.id } : {}), contractKind: r.contractKind, requestedOn: r.requestedOn, requestedBy: r.requestedBy, stage: s.stage, stageLabel: BARGAINING_STAGE_LABELS[s.stage],
      effectiveOn: s.effectiveOn, vote: s.vote, dues: s.dues, findings: s.findings,
    };
  });
}

const STATE: Record<BargainingDue['state'], string> = { done: '已完成', late: '逾期完成', pending: '未到期', overdue: '已逾期' };
const SEVERITY = { info: '提示', warning: '注意', overdue: '逾期' } as const;

function dueLine(d: BargainingDue): string {
  const when = d.key === 'renewal' ? `${d.from}起提醒，${d.date}期满` : d.key === 'effective' ? `${d.date}生效` : `${d.date}前`;
  const done = d.doneOn && d.key !== 'effective' ? `，${d.doneOn}完成` : '';
  return `      ${d.label}：${when}（${d.key === 'effective' && d.state === 'overdue' ? '审查有异议，未生效' : STATE[d.state]}${done}）　依据：${d.source}`;
}

export function renderBargaining(list: BargainingCheck[]): string[] {
  const lines = [list.length ? '  集体协商：' : '  集体协商：无'];
  list.forEach((c) => {
    const by = `（${REQUESTED_BY_LABELS[c.requestedBy]}提出）`;
    lines.push(`    ${CONTRACT_KIND_LABELS[c.contractKind]} ${c.requestedOn}要约${by}：${c.stageLabel}${c.effectiveOn && c.stage !== 'filed' ? `，${c.effectiveOn}生效` : ''}`);
    if (c.vote) lines.push(`      草案审议：${c.vote.passed ? '通过' : c.vote.quorum ? '未获全体职工代表半数以上同意' : '出席代表不足三分之二'}`);
    for (const d of c.dues) lines.push(dueLine(d));
    for (const x of c.findings) lines.push(`      ! 【${SEVERITY[x.severity]}】${x.title}：${x.message}`);
  });
  return lines;
}
