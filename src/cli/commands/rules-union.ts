import {
  SIZE_VERDICT_LABELS, type CommitteeSummary, type CongressSummary, type UnionCommitteeFinding,
} from '../../domain/rules/index.js';
import { CONGRESS_MATTER_LABELS } from '../../domain/union-committee.js';

/**
 * The committee and 职代会 sections of a union in `liangxin rules check` (docs/unions.md): the size
 * band, the congress form, the representative minimum (the province's text when it has one), each
 * session's quorum and each resolution's verdict, then the findings with their sources in Chinese.
 * Rule ids are in the --json output.
 */
const SEVERITY: Record<UnionCommitteeFinding['severity'], string> = { info: '提示', warning: '注意', overdue: '逾期' };
const findingLines = (f: UnionCommitteeFinding): string[] => [
  `    ${f.severity === 'info' ? '·' : '!'} 【${SEVERITY[f.severity]}】${f.summary}`, `      ${f.title}：${f.message}`,
];

export function renderCommittee(c: CommitteeSummary): string[] {
  const lines = ['  工会委员会：'];
  lines.push(c.band ? `    委员名额：${c.band.label}（依据：${c.band.source}）` : '    委员名额：无对应档次');
  if (c.electedOn) {
    lines.push(`    本届：${c.electedOn}选举，任期${c.termYears}年${c.termEndsOn ? `，至${c.termEndsOn}` : ''}；委员${c.size}人（${SIZE_VERDICT_LABELS[c.sizeVerdict]}）`);
    lines.push(`    主席：${c.chair ? `${c.chair}（${c.chairFullTime ? '专职' : '兼职'}）` : '空缺'}`);
  }
  if (c.note) lines.push(`    说明：${c.note}`);
  for (const f of c.findings) lines.push(...findingLines(f));
  return lines;
}

export function renderCongress(c: CongressSummary): string[] {
  const lines = ['  职工代表大会：', `    形式：${c.formText}（依据：${c.formSource}）`];
  const local = c.rule.provinceCode ? `［地方：${c.rule.provinceCode}］` : '';
  lines.push(`    代表人数：${c.rule.minimum != null ? `不少于${c.rule.minimum}人；` : ''}${c.rule.explain}${local}（依据：${c.rule.source} ${c.rule.confidence}）`);
  if (c.rule.managersMaxPercent != null) lines.push(`    中层以上管理人员代表不超过${c.rule.managersMaxPercent}%`);
  lines.push(`    上次召开：${c.lastHeldOn ?? '无'}${c.nextDueBy ? `；下次应于${c.nextDueBy}前召开` : ''}`);
  for (const s of c.sessions) {
    const counts = s.representatives != null ? `应到${s.representatives}人、实到${s.present ?? '—'}人${s.quorumNeeded != null ? `（至少${s.quorumNeeded}人）` : ''}` : '';
    lines.push(`    · ${s.heldOn} ${s.kindLabel}${s.session ? ` ${s.session}` : ''}：${counts}${counts ? '，' : ''}${s.quorumLabel}`);
    if (s.matters.length) lines.push(`      审议事项：${s.matters.map((m) => CONGRESS_MATTER_LABELS[m]).join('、')}`);
    for (const r of s.resolutions) {
      lines.push(`      决议「${r.title}」：赞成${r.votesFor}、反对${r.votesAgainst}、弃权${r.votesAbstain}${r.needed != null ? `（须${r.needed}票以上，即超过全体代表半数）` : ''} → ${r.outcomeLabel}`);
    }
  }
  const missing = c.matters.filter((m) => !m.taken).map((m) => m.label);
  if (c.sessions.length) lines.push(`    近一年未审议的法定事项（劳动合同法第四条）：${missing.length ? missing.join('、') : '无'}`);
  for (const f of c.findings) lines.push(...findingLines(f));
  return lines;
}
