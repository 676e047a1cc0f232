import type { Db } from '../../db/schema.js';
import type { UnionDetail, UnionListQuery, UnionPage } from '../../contracts/union.js';
import type { FindingOut } from '../../contracts/party-org.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { toHistoryEvent } from '../party-org/party-org.mapper.js';
import { toCongress, toContract, toUnion } from './union.mapper.js';
import { countUnionEvents, listCongresses, listContracts, listUnionCoverage, listUnionEvents, listUnions as listUnionRows } from './union.repository.js';
import { canManageUnion, openUnionForRead } from './union.service.js';

export async function listUnions(db: Db, actor: Actor, q: UnionListQuery): Promise<UnionPage> {
  const rows = await listUnionRows(db, requireAction(actor, 'union.read'), q);
  const page = rows.slice(0, q.limit);
  return { items: page.map(toUnion), nextCursor: rows.length > q.limit ? page.at(-1)!.id : null };
}

export type UnionAlertSource = (db: Db, unionIds: string[], date: string, shows?: (enterpriseId: string) => boolean) => Promise<Map<string, FindingOut[]>>;

export async function getUnionDetail(db: Db, actor: Actor, id: string, date: string, alertsOf?: UnionAlertSource): Promise<UnionDetail> {
  const { union, scope } = await openUnionForRead(db, actor, id);
  const full = union.owned;
  const [coverage, congresses, contracts, events, manageable] = await Promise.all([
    listUnionCoverage(db, id, scope), listCongresses(db, id), listContracts(db, id),
    full ? listUnionEvents(db, id) : Promise.resolve([]), canManageUnion(db, actor, id),
  ]);
  // Seen only through a link: own facts, congresses and contracts, coverage in the reader's scope; the rest as counts.
  const shown = full ? coverage : coverage.filter((c) => c.in_scope);
  const inScope = new Set(shown.map((c) => c.enterprise_id));
  return {
    ...toUnion(union),
    coverage: shown.map((c) => ({ id: c.id, unionId: c.union_id, enterpriseId: c.enterprise_id, enterpriseName: c.enterprise_name, since: c.since, until: c.until })),
    congresses: congresses.map(toCongress),
    contracts: contracts.map(toContract),
    history: events.map(toHistoryEvent),
    alerts: alertsOf ? (await alertsOf(db, [id], date, full ? undefined : (e) => inScope.has(e))).get(id) ?? [] : [],
    manageable,
    hiddenCoverageCount: coverage.length - shown.length,
    hiddenHistoryCount: full ? 0 : await countUnionEvents(db, id),
  };
}
