import { DETAIL_HISTORY_LIMIT, type HistoryPage, type HistoryQuery } from '../../contracts/history.js';
import type { HistoryEvent } from '../../contracts/party-org.js';
import { toHistoryEvent } from './party-org.mapper.js';

type EventRow = Parameters<typeof toHistoryEvent>[0];
/** One record's events: a keyset page (older than `before`, newest first) and the count of all. */
export type EventSource = {
  page: (before: string | undefined, limit: number) => Promise<EventRow[]>;
  count: () => Promise<number>;
};

export type DetailHistory = { history: HistoryEvent[]; historyTotal: number; hiddenHistoryCount: number };

/**
 * The history part of an organisation's or union's detail. A full view carries the latest events,
 * oldest of them first as the detail always listed them, and the total (counted only when the slice
 * is full); a partial view carries none and counts them (docs/organisations.md, "Seeing partly").
 */
export async function detailHistory(events: EventSource, full: boolean): Promise<DetailHistory> {
  if (!full) return { history: [], historyTotal: 0, hiddenHistoryCount: await events.count() };
  const rows = await events.page(undefined, DETAIL_HISTORY_LIMIT);
  const historyTotal = rows.length < DETAIL_HISTORY_LIMIT ? rows.length : await events.count();
  return { history: rows.reverse().map(toHistoryEvent), historyTotal, hiddenHistoryCount: 0 };
}

/** A page of the history route, newest first, with the same visibility as the detail. */
export async function historyPage(events: EventSource, full: boolean, q: HistoryQuery): Promise<HistoryPage> {
  if (!full) return { items: [], nextCursor: null, hiddenCount: await events.count() };
  const rows = await events.page(q.cursor, q.limit + 1);
  const items = rows.slice(0, q.limit);
  return { items: items.map(toHistoryEvent), nextCursor: rows.length > q.limit ? items.at(-1)!.id : null, hiddenCount: 0 };
}
