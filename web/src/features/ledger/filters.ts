import type { LedgerFilters } from './types';

const KEYS = ['regionPrefix', 'parkId', 'associationId', 'sizeClass', 'aboveDesignatedSize', 'operatingStatus', 'placement', 'q', 'sort', 'order'] as const;

/** Filters live in the address bar, so a filtered list can be reloaded, bookmarked and returned to. */
export function filtersFromParams(params: URLSearchParams): LedgerFilters {
  const filters: Record<string, string> = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters as LedgerFilters;
}

export function paramsFromFilters(filters: LedgerFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params;
}
