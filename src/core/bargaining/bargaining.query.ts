import type {
  BargainingBoard, BargainingBoardQuery, BargainingRound, BargainingRounds, BargainingRoundsExportQuery, BargainingRoundsQuery, StageCounts, UnionBargaining,
} from '../../contracts/bargaining.js';
import type { Db } from '../../db/schema.js';
import { notFound } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { BOARD_STAGES } from '../../domain/rules/bargaining.js';
import { fromDay, toDay } from '../../domain/rules/dates.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { canManageUnion, openUnionForRead } from '../union/union.service.js';
import { judge, toRound, toRoundRow, type Judged } from './bargaining.mapper.js';
import { findRoundUnion, listUnionRounds, regionNames, visibleRounds } from './bargaining.repository.js';

/** Days ahead the board lists deadlines for (with every overdue one). */
export const BOARD_HORIZON_DAYS = 30;

/** `GET /api/unions/:id/bargaining`: the union's rounds, read wherever the union is seen (a link too). */
export async function getUnionBargaining(db: Db, actor: Actor, unionId: string): Promise<UnionBargaining> {
  await openUnionForRead(db, actor, unionId);
  const asOf = today();
  const [rows, manageable] = await Promise.all([listUnionRounds(db, unionId), canManageUnion(db, actor, unionId)]);
  const items = judge(rows, asOf).map(toRound);
  return { asOf, total: items.length, manageable, items };
}

/** `GET /api/bargaining/rounds/:id`: one round, read as its union is (404 where the union is not seen). */
export async function getRound(db: Db, actor: Actor, id: string): Promise<BargainingRound> {
  const owner = /^\d{1,18}$/.test(id) ? await findRoundUnion(db, id) : undefined;
  if (!owner) throw notFound('集体协商记录');
  await openUnionForRead(db, actor, owner.union_id);
  const judged = judge(await listUnionRounds(db, owner.union_id), today()).find((j) => j.row.id === id);
  if (!judged) throw notFound('集体协商记录');
  return toRound(judged);
}

const zero = (): StageCounts => Object.fromEntries(BOARD_STAGES.map((s) => [s, 0])) as StageCounts;

/**
 * The rounds of the reader's unions judged today (own place or a link, active unions, under the
 * prefix); a round superseded by its renewal (已结束) is history: listed only when asked for by stage.
 */
async function judgedRounds(db: Db, actor: Actor, q: { regionPrefix?: string; contractKind?: 'collective' | 'wage' }): Promise<{ asOf: string; judged: Judged[] }> {
  const scope = requireAction(actor, 'union.read');
  const asOf = today();
  // Every round of each union is read (not only the kind asked for): the filter is applied after
  // judging so that siblings still decide 续签中.
  const judged = judge(await visibleRounds(db, scope, { regionPrefix: q.regionPrefix }), asOf);
  return { asOf, judged: q.contractKind ? judged.filter((j) => j.row.contract_kind === q.contractKind) : judged };
}

/** `GET /api/bargaining/board`: counts per stage per street (9-digit prefix of the union's place), deadlines ahead and overdue. */
export async function bargainingBoard(db: Db, actor: Actor, q: BargainingBoardQuery): Promise<BargainingBoard> {
  const { asOf, judged } = await judgedRounds(db, actor, q);
  const live = judged.filter((j) => j.s.stage !== 'closed');
  const byStreet = new Map<string, StageCounts>();
  const unplaced = zero();
  const sum = zero();
  for (const { row, s } of live) {
    const stage = s.stage as keyof StageCounts;
    sum[stage]++;
    if (!row.region_code) { unplaced[stage]++; continue; }
    const street = row.region_code.slice(0, 9);
    const c = byStreet.get(street) ?? zero();
    c[stage]++;
    byStreet.set(street, c);
  }
  const names = await regionNames(db, [...byStreet.keys()]);
  const total = (c: StageCounts) => Object.values(c).reduce((a, b) => a + b, 0);
  const horizon = fromDay(toDay(asOf) + BOARD_HORIZON_DAYS);
  const deadlines = live.flatMap(({ row, s }) => s.dues
    .filter((d) => d.key !== 'effective' && (d.state === 'overdue' || (d.state === 'pending' && (d.key === 'renewal' ? d.from! <= horizon : d.date <= horizon))))
    .map((d) => ({
      roundId: row.id, unionId: row.union_id, unionName: row.union_name, streetName: row.street_name, contractKind: row.contract_kind,
      key: d.key, label: d.label, date: d.date, state: d.state as 'pending' | 'overdue', source: d.source,
    })))
    .sort((a, b) => a.date.localeCompare(b.date) || a.unionName.localeCompare(b.unionName, 'zh-CN'));
  return {
    asOf, regionPrefix: q.regionPrefix ?? null,
    rows: [...byStreet.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([region, counts]) => ({ region, name: names.get(region) ?? null, counts, total: total(counts) })),
    unplaced: { counts: unplaced, total: total(unplaced) },
    sum: { counts: sum, total: total(sum) },
    deadlines,
  };
}

/** The drill-down's rows in its order (place, union, round): the page and the export read the same list. */
export async function roundRows(db: Db, actor: Actor, q: BargainingRoundsExportQuery): Promise<{ asOf: string; rows: Judged[] }> {
  const { asOf, judged } = await judgedRounds(db, actor, q);
  const rows = judged.filter((j) => (q.stage ? j.s.stage === q.stage : j.s.stage !== 'closed'))
    .sort((a, b) => (a.row.region_code ?? '').localeCompare(b.row.region_code ?? '') || Number(a.row.union_id) - Number(b.row.union_id) || Number(a.row.id) - Number(b.row.id));
  return { asOf, rows };
}

/** `GET /api/bargaining/rounds`: the rounds behind a board number, paged, with the whole count. */
export async function listRounds(db: Db, actor: Actor, q: BargainingRoundsQuery): Promise<BargainingRounds> {
  const { asOf, rows } = await roundRows(db, actor, q);
  const page = rows.slice(q.offset, q.offset + q.limit);
  return { asOf, total: rows.length, nextOffset: q.offset + page.length < rows.length ? q.offset + page.length : null, items: page.map(toRoundRow) };
}
