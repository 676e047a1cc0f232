import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMapping } from '../../src/core/import/import-mapping.service.js';
import type { Database } from '../../src/db/database.js';
import { DEFAULT_IMPORT_SOURCE, importSourceLabel } from '../../src/domain/import-source.js';
import { createTestDatabase } from '../helpers/db.js';

// The default import source has a Chinese name; installations that imported before it was named
// filed their column corrections under 'default', and those must keep applying.
describe('default import source', () => {
  let database: Database;
  beforeAll(async () => { database = await createTestDatabase(); });
  afterAll(async () => database?.close());

  it('reads as 市场监管登记数据, also for records filed as default', () => {
    expect(importSourceLabel('default')).toBe(DEFAULT_IMPORT_SOURCE);
    expect(importSourceLabel(null)).toBe(DEFAULT_IMPORT_SOURCE);
    expect(importSourceLabel('市场监管局月报')).toBe('市场监管局月报');
  });

  it('a mapping saved under default applies to the named default source; a newer one wins', async () => {
    const put = (key: string, value: Record<string, string>) => database.db.insertInto('app_setting').values({ key, value: JSON.stringify(value) }).execute();
    await put('import.mapping.default', { 号码: 'creditCode', 字号: 'name' });
    expect(await loadMapping(database.db, DEFAULT_IMPORT_SOURCE)).toEqual({ 号码: 'creditCode', 字号: 'name' });
    await put(`import.mapping.${DEFAULT_IMPORT_SOURCE}`, { 字号: 'ignore' });
    expect(await loadMapping(database.db, DEFAULT_IMPORT_SOURCE)).toEqual({ 号码: 'creditCode', 字号: 'ignore' });
    expect(await loadMapping(database.db, 'other')).toEqual({});
  });
});
