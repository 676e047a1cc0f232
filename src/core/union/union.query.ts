import type { Db } from '../../db/schema.js';
import type { UnionDetail, UnionListQuery, UnionPage } from '../../contracts/union.js';
import type { FindingOut } from '../../contracts/party-org.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { toHistoryEvent } from '../party-org/party-org.mapper.js';
import { toCongress, toContract, toUnion } from './union.mapper.js';
import { listCongresses, listContracts, listUnionCoverage, listUnionEvents, listUnions as listUnionRows } from './union.repository.js';
import { openUnion } from './union.service.js';

export async function listUnions(db: Db, actor: Actor, q: UnionListQuery): Promise<UnionPage> {
  const rows = await listUnionRows(db, requireAction(actor, 'union.read'), q);
  const page = rows.slice(0, q.limit);
  return { items: page.map(toUnion), nextCursor: rows.length > q.limit ? page.at(-1)!.id : null };
}

export type UnionAlertSource = (db: Db, unionIds: string[], date: string) => Promise<Map<string, FindingOut[]>>;

export async function getUnionDetail(db: Db, actor: Actor, id: string, date: string, alertsOf?: UnionAlertSource): Promise<UnionDetail> {
  const { union } = await openUnion(db, actor, id, 'union.read');
  const [coverage, congresses, contracts, events] = await Promise.all([
    listUnionCoverage(db, id), listCongresses(db, id), listContracts(db, id), listUnionEvents(db, id),
  ]);
  return {
    ...toUnion(union),
    coverage: coverage.map((c) => ({ id: c.id, unionId: c.union_id, enterpriseId: c.enterprise_id, enterpriseName: c.enterprise_name, since: c.since, until: c.until })),
    congresses: congresses.map(toCongress),
    contracts: contracts.map(toContract),
    history: events.map(toHistoryEvent),
    alerts: alertsOf ? (await alertsOf(db, [id], date)).get(id) ?? [] : [],
  };
}
