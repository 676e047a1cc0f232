import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { systemActor } from '../../src/core/access/actor.js';
import { PlacementQueueQuerySchema } from '../../src/contracts/placement-queue.js';
import { applyEnterpriseItems, beginImport } from '../../src/core/import/import-enterprises.service.js';
import { listPlacementQueue } from '../../src/core/enterprise/placement-queue.service.js';
import { acceptSuggestions } from '../../src/core/enterprise/placement-bulk.service.js';
import { verifyAuditChain } from '../../src/core/audit/audit-verify.js';
import { loadRegions } from '../../src/core/region/region-load.service.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { asAsync, code, facts, rowItem } from '../factories/enterprise.js';

/**
 * An import of 郑州 rows through the real writer: an address naming only a road called like a street
 * (建设路, 花园路, 嵩山路) lands in the 待认定属地 queue with that street as a suggestion, not placed; an
 * address with the street's full name is placed as before. Then the suggestions are accepted in bulk.
 */
describe(`road-named streets through an import on ${testEngine()}`, () => {
  let database: Database;
  const admin = systemActor('test');
  beforeAll(async () => {
    database = await createTestDatabase();
    await loadRegions(database, admin, { scope: ['410102', '410103', '410105'] });
  });
  afterAll(async () => database?.close());

  const ROWS = [
    { n: 1, county: '410102', address: '郑州市中原区建设路200号', suggestion: '410102002000' },
    { n: 2, county: '410105', address: '郑州市金水区花园路281号', suggestion: '410105002000' },
    { n: 3, county: '410103', address: '郑州市二七区嵩山路155号', suggestion: '410103011000' },
    { n: 4, county: '410105', address: '郑州市金水区花园路街道农业路72号', placedAt: '410105002000' },
    { n: 5, county: '410102', address: '郑州市中原区建设路街道建设路200号', placedAt: '410102002000' },
  ];
  const byCode = (c: string) => database.db.selectFrom('enterprise').select(['id', 'region_code', 'placement']).where('credit_code', '=', c).executeTakeFirstOrThrow();

  it('a road alone is a suggestion in the queue; a full street name is a placement', async () => {
    const items = ROWS.map((r, i) => rowItem(i + 2, facts(r.n, { creditCode: code(r.n, r.county), address: r.address, regionCode: null })));
    const id = await beginImport(database, admin, { fileName: 'zz.xlsx', fileSha256: 'a'.repeat(64), source: 'test', dryRun: false });
    const result = await applyEnterpriseItems(database, admin, id, asAsync(items));
    expect(result).toMatchObject({ created: 5, pendingPlacement: 3 });
    for (const r of ROWS.filter((x) => x.placedAt)) expect(await byCode(code(r.n, r.county))).toMatchObject({ region_code: r.placedAt, placement: 'placed' });

    const queue = await listPlacementQueue(database.db, admin, PlacementQueueQuerySchema.parse({}));
    expect(queue.total).toBe(3);
    for (const r of ROWS.filter((x) => x.suggestion)) {
      const stored = await byCode(code(r.n, r.county));
      expect(stored).toMatchObject({ region_code: `${r.county}000000`, placement: 'pending' });
      const item = queue.items.find((i) => i.id === String(stored.id));
      expect(item?.suggestion).toMatchObject({ regionCode: r.suggestion, basis: 'road' });
      expect(item?.reason).toContain('按道路名推测，请核实');
    }
    expect(queue.townships.map((t) => t.name).sort()).toEqual(['中原区建设路街道', '二七区嵩山路街道', '金水区花园路街道'].sort());
  });

  it('accepting them in bulk places each, audited once per enterprise, and empties the queue', async () => {
    const audits = async () => Number((await database.db.selectFrom('audit_event').select((eb) => eb.fn.countAll().as('n'))
      .where('action', '=', 'enterprise.place').executeTakeFirstOrThrow()).n);
    const before = await audits();
    const r = await acceptSuggestions(database.db, admin, { all: { filter: {}, expectedTotal: 3 } });
    expect(r).toMatchObject({ placed: 3, skipped: 0 });
    expect(await audits()).toBe(before + 3);
    // The entries of one bulk request are written together and still chain like single writes.
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
    const history = await database.db.selectFrom('enterprise_change').select('kind').where('kind', '=', 'placed').execute();
    expect(history).toHaveLength(3);
    expect(await byCode(code(1, '410102'))).toMatchObject({ region_code: '410102002000', placement: 'manual' });
    expect((await listPlacementQueue(database.db, admin, PlacementQueueQuerySchema.parse({}))).total).toBe(0);
  });

  it('a suggestion never leaves the county the row already sits in', async () => {
    // Kept at 金水区 (say, by the file's own county code) while the address reads 中原区建设路.
    const { id } = await database.db.insertInto('enterprise').values({
      credit_code: code(9, '410102'), name: '跨区住所有限公司', address: '郑州市中原区建设路5号', region_code: '410105000000', placement: 'pending',
    }).returning('id').executeTakeFirstOrThrow();
    const queue = await listPlacementQueue(database.db, admin, PlacementQueueQuerySchema.parse({}));
    expect(queue.items.find((i) => i.id === String(id))).toMatchObject({ suggestion: null, regionName: '金水区' });
    expect(queue).toMatchObject({ total: 1, withoutSuggestion: 1, townships: [] });
  });
});
