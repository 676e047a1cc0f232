/**
 * The data source an import is filed under (its column mapping is kept per source). People see and
 * type a Chinese name; imports made before the name existed were filed as 'default', and their
 * records and saved mappings keep that key, so it is read as the same source and shown by name.
 */
export const DEFAULT_IMPORT_SOURCE = '市场监管登记数据';
export const LEGACY_DEFAULT_SOURCE = 'default';

/** The name a person reads for a stored source. */
export const importSourceLabel = (source: string | null | undefined): string =>
  !source || source === LEGACY_DEFAULT_SOURCE ? DEFAULT_IMPORT_SOURCE : source;

/** Every key a source's mappings may be saved under, oldest first (later ones win when merged). */
export const importSourceKeys = (source: string): string[] =>
  source === DEFAULT_IMPORT_SOURCE || source === LEGACY_DEFAULT_SOURCE ? [LEGACY_DEFAULT_SOURCE, DEFAULT_IMPORT_SOURCE] : [source];
