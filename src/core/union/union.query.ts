import type { Db } from '../../db/schema.js';
import { partialLinks } from '../access/partial-view.js';
import type { UnionDetail, UnionListQuery, UnionPage } from '../../contracts/union.js';
import type { FindingOut } from '../../contracts/party-org.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { toCongress, toContract, toUnion } from './union.mapper.js';
import type { HistoryPage, HistoryQuery } from '../../contracts/history.js';
import { detailHistory, historyPage, type EventSource } from '../party-org/history-page.js';
import { countUnionEvents, countUnions, listCongresses, listContracts, listUnionCoverage, listUnions as listUnionRows, pageUnionEvents } from './union.repository.js';
import { canManageUnion, openUnionForRead } from './union.service.js';

export async function listUnions(db: Db, actor: Actor, q: UnionListQuery): Promise<UnionPage> {
  const scope = requireAction(actor, 'union.read');
  const [rows, total] = await Promise.all([listUnionRows(db, scope, q), countUnions(db, scope, q)]);
  const page = rows.slice(0, q.limit);
  return { items: page.map(toUnion), nextCursor: rows.length > q.limit ? page.at(-1)!.id : null, total };
}

export type UnionAlertSource = (db: Db, unionIds: string[], date: string, shows?: (enterpriseId: string) => boolean) => Promise<Map<string, FindingOut[]>>;

export async function getUnionDetail(db: Db, actor: Actor, id: string, date: string, alertsOf?: UnionAlertSource): Promise<UnionDetail> {
  const { union, scope } = await openUnionForRead(db, actor, id);
  const full = union.owned;
  const [coverage, congresses, contracts, history, manageable] = await Promise.all([
    listUnionCoverage(db, id, scope), listCongresses(db, id), listContracts(db, id),
    detailHistory(unionEvents(db, id), full), canManageUnion(db, actor, id),
  ]);
  // Seen only through a link: own facts, congresses and contracts, coverage in the reader's scope; the rest as counts.
  const links = partialLinks(coverage, full);
  return {
    ...toUnion(union),
    coverage: links.shown.map((c) => ({ id: c.id, unionId: c.union_id, enterpriseId: c.enterprise_id, enterpriseName: c.enterprise_name, since: c.since, until: c.until })),
    congresses: congresses.map(toCongress),
    contracts: contracts.map(toContract),
    ...history,
    alerts: alertsOf ? (await alertsOf(db, [id], date, links.shows)).get(id) ?? [] : [],
    manageable,
    hiddenCoverageCount: links.hiddenCount,
  };
}

const unionEvents = (db: Db, id: string): EventSource => ({
  page: (before, limit) => pageUnionEvents(db, id, before, limit), count: () => countUnionEvents(db, id),
});

/** `GET /api/unions/:id/history`: seen as the detail is — a partial reader gets no events, only their count. */
export async function getUnionHistory(db: Db, actor: Actor, id: string, q: HistoryQuery): Promise<HistoryPage> {
  const { union } = await openUnionForRead(db, actor, id);
  return historyPage(unionEvents(db, id), union.owned, q);
}
