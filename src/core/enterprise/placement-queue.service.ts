import type { PlacementQueue, PlacementQueueItem, PlacementQueueQuery, QueueFilter } from '../../contracts/placement-queue.js';
import type { Db, Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import type { Scope } from '../access/scope.js';
import { toListItem } from './enterprise.mapper.js';
import * as repo from './enterprise.repository.js';
import { decodeCursor, encodeCursor } from '../keyset-cursor.js';
import { listPendingRows, type QueueRow } from './placement-queue.repository.js';
import { suggestPlacements, townshipLabels, type Suggested } from './placement-suggest.js';

/**
 * The 待认定属地 queue (docs/regions.md "The placement queue"): the pending rows under the ledger's
 * filters, each with its suggestion, filtered by suggested township. Suggestions are computed over
 * the whole filtered queue on each read (≈ 20 µs a row), so the township filter, its counts and the
 * total stay exact; the page itself is read by SQL with the ledger's sort and cursor.
 */
export type QueueView = { rows: QueueRow[]; suggested: Map<string, Suggested> };

export async function readQueue(db: Executor, scope: Scope, filter: Omit<QueueFilter, 'suggested'>): Promise<QueueView> {
  const rows = await listPendingRows(db, scope, filter);
  return { rows, suggested: await suggestPlacements(db, rows) };
}

/** Ids under `suggested`: a township's rows, `none` for rows without a suggestion, every row when absent. */
export function idsMatching(view: QueueView, suggested: QueueFilter['suggested'], withSuggestionOnly = false): string[] {
  return view.rows.map((r) => String(r.id)).filter((id) => {
    const s = view.suggested.get(id)?.suggestion ?? null;
    if (suggested === 'none') return !s && !withSuggestionOnly;
    if (suggested) return s?.townshipCode === suggested;
    return !withSuggestionOnly || !!s;
  });
}

async function townshipFacet(db: Db, view: QueueView): Promise<Pick<PlacementQueue, 'townships' | 'withoutSuggestion'>> {
  const counts = new Map<string, number>();
  let none = 0;
  for (const s of view.suggested.values()) {
    if (s.suggestion) counts.set(s.suggestion.townshipCode, (counts.get(s.suggestion.townshipCode) ?? 0) + 1);
    else none++;
  }
  const labels = await townshipLabels(db, counts.keys());
  const townships = [...counts].map(([townshipCode, count]) => ({ townshipCode, count, name: labels.get(townshipCode) ?? '（区划库中无此街道）' }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh-CN'));
  return { townships, withoutSuggestion: none };
}

export async function listPlacementQueue(db: Db, actor: Actor, query: PlacementQueueQuery): Promise<PlacementQueue> {
  const scope = requireAction(actor, 'enterprise.read');
  const { sort, order, cursor, limit, suggested, ...rest } = query;
  const view = await readQueue(db, scope, rest);
  const ids = suggested ? idsMatching(view, suggested) : undefined;
  const page = await queuePage(db, scope, view, query, ids);
  return { ...page, total: ids ? ids.length : view.rows.length, ...(await townshipFacet(db, view)) };
}

/** One page of the queue as listed: the ledger's SQL sort and cursor over the matching rows, with their suggestions. */
export async function queuePage(db: Executor, scope: Scope, view: QueueView, query: PlacementQueueQuery, ids: string[] | undefined) {
  const { sort, order, cursor, limit, suggested: _suggested, ...rest } = query;
  const page = ids?.length === 0 ? [] : await repo.listEnterprises(db, scope, {
    filter: { ...rest, placement: 'pending' }, ids, sort, order, after: cursor ? decodeCursor(cursor) : undefined, limit: limit + 1,
  });
  const shown = page.slice(0, limit);
  const last = shown[shown.length - 1];
  const address = new Map(view.rows.map((r) => [String(r.id), r.address]));
  return {
    items: shown.map((r): PlacementQueueItem => {
      const s = view.suggested.get(String(r.id));
      return { ...toListItem(r), address: address.get(String(r.id)) ?? null, reason: s?.reason ?? '', suggestion: s?.suggestion ?? null };
    }),
    nextCursor: page.length > limit && last ? encodeCursor({ key: last.sort_key, id: String(last.id) }) : null,
  };
}
