import {
  FREQUENCY_LABELS, LIFE_STATUS_LABELS, lifeCalendar, MEETING_KIND_LABELS, QUORUM_LABELS, VOTE_LABELS,
  type LifeCalendar, type OrgRuleFacts,
} from '../../domain/rules/index.js';

/**
 * `liangxin rules check` for an organisation's meetings (docs/rules.md, "Organisational life"): the
 * year of the date — each kind's expected and held periods, the periods missed, every meeting's
 * quorum and votes, the findings with their sources. Rule ids only in --json.
 */
export function lifeOf(f: OrgRuleFacts, date: string): LifeCalendar | undefined {
  if (!f.meetings) return undefined;
  return lifeCalendar(
    { id: f.id, name: f.name, orgType: f.orgType, since: f.foundedOn, hasGroups: f.hasGroups ?? false, meetings: f.meetings },
    Number(date.slice(0, 4)), date, { partyLessonEvery: f.partyLessonEvery },
  );
}

const SEVERITY = { info: '提示', warning: '注意', overdue: '逾期' } as const;

export function renderLife(c: LifeCalendar): string[] {
  const lines = [`  组织生活（${c.year}年，截至${c.asOf}）：${LIFE_STATUS_LABELS[c.status]}`];
  for (const k of c.kinds) {
    if (!k.every && !k.held) continue;
    if (!k.every) {
      lines.push(`    ${k.label}（不作要求）：本年${k.held}次`);
      continue;
    }
    const labels = new Map(k.periods.map((p) => [p.key, p.label]));
    const missed = k.missed.length ? `；缺：${k.missed.map((m) => labels.get(m) ?? m).join('、')}` : '';
    lines.push(`    ${k.label}（${FREQUENCY_LABELS[k.every]}）：应开${k.expected}期，按期开${k.met}期，本年共${k.held}次${missed}`);
  }
  for (const m of c.meetings) {
    if (m.quorum === 'notApplicable') continue;
    const votes = m.votes.map((v) => `；${v.subject}：赞成${v.yes}票，${VOTE_LABELS[v.verdict]}`).join('');
    lines.push(`    ${m.date}${MEETING_KIND_LABELS[m.kind]}：${QUORUM_LABELS[m.quorum]}${votes}`);
  }
  lines.push(c.findings.length ? '    提醒：' : '    提醒：无');
  for (const f of c.findings) lines.push(`    ! 【${SEVERITY[f.severity]}】${f.message}`, `      ${f.title}：依据${f.source}`);
  return lines;
}
