import type { LifeCalendarView } from '../../contracts/life.js';
import type { Db } from '../../db/schema.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { lifeCalendar } from '../../domain/rules/life-compliance.js';
import type { Actor } from '../access/actor.js';
import { canManageOrg, requireVisibleOrg } from '../party-org/party-org.access.js';
import { lifeOptions } from './life-settings.js';
import { meetingFacts } from './meeting.repository.js';
import { hasGroups, orgsWithGroups } from '../party-group/party-group.repository.js';

/**
 * An organisation's year of organisational life (docs/life.md), judged by the rules on today's date:
 * periods that have ended are expected, the current one is open. The organisation's founding day
 * bounds what is expected; the 党课 frequency and the dormant months are the settings (life-settings.ts); 党小组会 is expected once it has 党小组
 * on its roster or has recorded a 党小组会.
 */
export async function getLifeCalendar(db: Db, actor: Actor, orgId: string, year: number): Promise<LifeCalendarView> {
  const { org } = await requireVisibleOrg(db, actor, orgId);
  const asOf = today();
  const [rows, manageable, options, groups] = await Promise.all([meetingFacts(db, orgId, asOf), canManageOrg(db, actor, orgId), lifeOptions(db), orgsWithGroups(db, [orgId])]);
  const meetings = rows.map((r) => ({ id: r.id, kind: r.kind, date: r.held_on, votingMembers: r.voting_members, present: r.present, votes: r.resolutions }));
  const c = lifeCalendar({ orgType: org.org_type, since: org.founded_on, hasGroups: hasGroups(groups, orgId, meetings), meetings }, year, asOf, options);
  return {
    orgId, orgName: org.name, year, asOf, status: c.status, manageable,
    kinds: c.kinds.map(({ ruleId: _r, ...k }) => k),
    findings: c.findings.map(({ params: _p, ...f }) => f),
  };
}
