import type { Db } from '../../db/schema.js';
import type { FindingOut, PartyOrgDetail, PartyOrgListQuery, PartyOrgPage } from '../../contracts/party-org.js';
import { holdsOn } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { requireVisibleOrg } from './party-org.access.js';
import { toCoverage, toHistoryEvent, toPartyOrg, toPosition } from './party-org.mapper.js';
import { findNames, listOrgEvents, listOrgs as listOrgRows } from './party-org.repository.js';
import { listCoverage, listPositions } from './org-links.repository.js';

export async function listOrgs(db: Db, actor: Actor, q: PartyOrgListQuery): Promise<PartyOrgPage> {
  const rows = await listOrgRows(db, requireAction(actor, 'org.read'), q);
  const page = rows.slice(0, q.limit);
  return { items: page.map(toPartyOrg), nextCursor: rows.length > q.limit ? page.at(-1)!.id : null };
}

/** Alerts for one organisation at a date; supplied by the rule-engine adapter (coverage-facts). */
export type OrgAlertSource = (db: Db, orgIds: string[], date: string) => Promise<Map<string, FindingOut[]>>;

/** One organisation with its coverage, positions and history as of `date` (vacancy is derived). */
export async function getOrgDetail(db: Db, actor: Actor, id: string, date: string, alertsOf?: OrgAlertSource): Promise<PartyOrgDetail> {
  const { org } = await requireVisibleOrg(db, actor, 'org.read', id);
  const [coverage, positions, events, names] = await Promise.all([
    listCoverage(db, id), listPositions(db, id), listOrgEvents(db, id), findNames(db, org.parent_id ? [org.parent_id] : []),
  ]);
  const secretaryVacant = org.status === 'active'
    && !positions.some((p) => p.position === 'secretary' && holdsOn(p.since, p.until, date));
  const alerts = alertsOf ? (await alertsOf(db, [id], date)).get(id) ?? [] : [];
  return {
    ...toPartyOrg(org),
    parentName: org.parent_id ? names.get(org.parent_id) ?? null : null,
    coverage: coverage.map(toCoverage),
    positions: positions.map(toPosition),
    history: events.map(toHistoryEvent),
    secretaryVacant,
    alerts,
  };
}
