import type { Db } from '../../db/schema.js';
import { partialLinks } from '../access/partial-view.js';
import type { FindingOut, PartyOrgDetail, PartyOrgListQuery, PartyOrgPage } from '../../contracts/party-org.js';
import { holdsOn } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { canManageOrg, requireVisibleOrg } from './party-org.access.js';
import { toCoverage, toPartyOrg, toPosition } from './party-org.mapper.js';
import type { HistoryPage, HistoryQuery } from '../../contracts/history.js';
import { detailHistory, historyPage, type EventSource } from './history-page.js';
import { countOrgEvents, countOrgs, findNames, listOrgs as listOrgRows, pageOrgEvents } from './party-org.repository.js';
import { listCoverage, listPositions } from './org-links.repository.js';

export async function listOrgs(db: Db, actor: Actor, q: PartyOrgListQuery): Promise<PartyOrgPage> {
  const scope = requireAction(actor, 'org.read');
  const [rows, total] = await Promise.all([listOrgRows(db, scope, q), countOrgs(db, scope, q)]);
  const page = rows.slice(0, q.limit);
  return { items: page.map(toPartyOrg), nextCursor: rows.length > q.limit ? page.at(-1)!.id : null, total };
}

/** Alerts for one organisation at a date; supplied by the rule-engine adapter (coverage-facts). */
export type OrgAlertSource = (db: Db, orgIds: string[], date: string, shows?: (enterpriseId: string) => boolean) => Promise<Map<string, FindingOut[]>>;

/**
 * One organisation with its coverage, positions and history as of `date` (vacancy is derived).
 * Seen only through a link (partial), it shows its own facts and positions, the coverage of
 * enterprises in the reader's scope, and the rest as counts (docs/organisations.md, "Seeing partly").
 */
export async function getOrgDetail(db: Db, actor: Actor, id: string, date: string, alertsOf?: OrgAlertSource): Promise<PartyOrgDetail> {
  const { org, scope } = await requireVisibleOrg(db, actor, id);
  const full = org.owned;
  const [coverage, positions, history, names, manageable] = await Promise.all([
    listCoverage(db, id, scope), listPositions(db, id), detailHistory(orgEvents(db, id), full),
    findNames(db, org.parent_id && org.parent_visible ? [org.parent_id] : []), canManageOrg(db, actor, id),
  ]);
  const links = partialLinks(coverage, full);
  const secretaryVacant = org.status === 'active'
    && !positions.some((p) => p.position === 'secretary' && holdsOn(p.since, p.until, date));
  const alerts = alertsOf ? (await alertsOf(db, [id], date, links.shows)).get(id) ?? [] : [];
  return {
    ...toPartyOrg(org),
    parentName: org.parent_id && org.parent_visible ? names.get(org.parent_id) ?? null : null,
    coverage: links.shown.map(toCoverage),
    positions: positions.map(toPosition),
    ...history,
    secretaryVacant,
    alerts,
    manageable,
    hiddenCoverageCount: links.hiddenCount,
  };
}

const orgEvents = (db: Db, id: string): EventSource => ({
  page: (before, limit) => pageOrgEvents(db, id, before, limit), count: () => countOrgEvents(db, id),
});

/** `GET /api/party-orgs/:id/history`: seen as the detail is — a partial reader gets no events, only their count. */
export async function getOrgHistory(db: Db, actor: Actor, id: string, q: HistoryQuery): Promise<HistoryPage> {
  const { org } = await requireVisibleOrg(db, actor, id);
  return historyPage(orgEvents(db, id), org.owned, q);
}
