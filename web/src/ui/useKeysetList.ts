import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useAsync } from './useAsync';

/** `total` (when the list carries it): every record the filter matches, all pages. */
export type KeysetPage<T> = { items: T[]; nextCursor: string | null; total?: number | null };

/**
 * A list read in keyset pages: the first page follows `key` (e.g. the query string); 加载更多
 * appends the next page. One place for what every list page used to repeat.
 */
export function useKeysetList<T>(fetchPage: (cursor?: string | null) => Promise<KeysetPage<T>>, key: string) {
  const first = useAsync(() => fetchPage(), [key]);
  const [more, setMore] = useState<{ items: T[]; cursor: string | null }>({ items: [], cursor: null });
  const [moreError, setMoreError] = useState<unknown>(null);
  useEffect(() => setMore({ items: [], cursor: first.data?.nextCursor ?? null }), [first.data]);
  const loadMore = () => fetchPage(more.cursor).then(
    (p) => setMore((m) => ({ items: [...m.items, ...p.items], cursor: p.nextCursor })), setMoreError);
  return {
    items: [...(first.data?.items ?? []), ...more.items],
    loading: first.loading,
    total: first.data?.total ?? null,
    error: first.error ?? moreError,
    hasMore: more.cursor !== null,
    loadMore,
  };
}

/** Filters live in the address bar: returns the params and a setter that removes empty values. */
export function useFilterParams(): [URLSearchParams, (key: string, value?: string) => void] {
  const [params, setParams] = useSearchParams();
  const set = (key: string, value?: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value); else next.delete(key);
    setParams(next, { replace: true });
  };
  return [params, set];
}
