import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { getFigures } from '../../src/core/coverage/coverage-figures.service.js';
import type { FiguresQuery } from '../../src/contracts/coverage-metrics.js';
import type { Database } from '../../src/db/database.js';
import { createTestDatabase } from '../helpers/db.js';
import { seedCoverageWorld } from '../helpers/coverage-world.js';
import { actorWith, COMMUNITY_A1, COUNTY, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * An unrestricted actor's region figures come from the pre-summed coverage_region_sum; an actor
 * scoped to the whole province takes the row path. Both must give the same pairs, totals and
 * groups, for every node and grouping, and after a change.
 */
let database: Database;
const sys = systemActor();
// Scoped (not `all`), yet it sees every enterprise of the world: forces the row scan.
const province = actorWith('org_admin', { regionPrefixes: ['33'] });

beforeAll(async () => {
  database = await createTestDatabase();
  await seedCoverageWorld(database.db, 70);
});
afterAll(async () => database?.close());

const nodes: Array<[string, string | undefined]> = [
  ['province (root)', undefined], ['province', '33'], ['city', '3301'], ['county', COUNTY.slice(0, 6)],
  ['township A', TOWN_A.slice(0, 9)], ['township B', TOWN_B.slice(0, 9)], ['community', COMMUNITY_A1], ['odd-length prefix', '33010'],
];

describe('pre-summed region figures equal the row scan', () => {
  it.each(nodes)('%s', async (_name, regionPrefix) => {
    for (const groupBy of ['none', 'region'] as const) {
      const q: FiguresQuery = { groupBy, ...(regionPrefix ? { regionPrefix } : {}) } as FiguresQuery;
      const summed = await getFigures(database.db, sys, q);
      const scanned = await getFigures(database.db, province, q);
      expect(summed.total, `${groupBy} total`).toEqual(scanned.total);
      expect(summed.groups, `${groupBy} groups`).toEqual(scanned.groups);
    }
  });

  it('a change today moves both paths alike', async () => {
    const gap = await database.db.selectFrom('enterprise_coverage').select('id').where('status', '=', 'gap').where('active', '=', true).executeTakeFirstOrThrow();
    const org = await database.db.selectFrom('party_org').select('id').executeTakeFirstOrThrow();
    const before = await getFigures(database.db, sys, { groupBy: 'none' } as FiguresQuery);
    await database.db.insertInto('party_org_coverage').values({ org_id: org.id, enterprise_id: gap.id, mode: 'standalone', since: '2025-01-01' }).execute();
    const summed = await getFigures(database.db, sys, { groupBy: 'region' } as FiguresQuery);
    const scanned = await getFigures(database.db, province, { groupBy: 'region' } as FiguresQuery);
    expect(summed.total.pairs.orgCoverage!.numerator).toBe(before.total.pairs.orgCoverage!.numerator + 1);
    expect(summed.total).toEqual(scanned.total);
    expect(summed.groups).toEqual(scanned.groups);
  });
});
