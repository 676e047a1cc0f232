import { lifeCalendar, LIFE_STATUS_LABELS } from '../../../domain/rules/life-compliance.js';
import { meetingFacts } from '../../life/meeting.repository.js';
import { hasGroups, orgsWithGroups } from '../../party-group/party-group.repository.js';
import type { SectionProvider } from './section.js';

/**
 * 组织生活: each kind's meetings held against the periods the rule in force expected (the same
 * calendar as /orgs/:id/life, judged on today's date), and the year's status.
 */
export const meetingsSection: SectionProvider = {
  key: 'meetings', title: '组织生活',
  async collect({ db, org, year, today }) {
    const rows = await meetingFacts(db, org.id, today);
    const meetings = rows.map((r) => ({ id: r.id, kind: r.kind, date: r.held_on, votingMembers: r.voting_members, present: r.present, votes: r.resolutions }));
    const c = lifeCalendar({ orgType: org.org_type, since: org.founded_on, hasGroups: hasGroups(await orgsWithGroups(db, [org.id]), org.id, meetings), meetings }, year, today);
    const link = `/orgs/${org.id}/life?year=${year}`;
    const kinds = c.kinds.filter((k) => k.expected > 0 || k.held > 0).map((k) => ({
      key: k.kind, label: k.label,
      value: k.expected > 0 ? `已开${k.held}次（应开${k.expected}期，缺开${k.missed.length}期）` : `已开${k.held}次`,
      source: k.source ? `会议记录；应开期数依${k.source}` : '会议记录', link,
    }));
    return [{ key: 'status', label: '组织生活情况', value: LIFE_STATUS_LABELS[c.status], source: '组织生活年历（按现行规定判定）', link }, ...kinds];
  },
};
