import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { systemActor } from '../../src/core/access/actor.js';
import type { DemoContext } from '../../src/core/demo/demo.js';
import { organisationsStep } from '../../src/core/demo/steps/organisations.step.js';
import { generateOrganisations, type GenEnterprise } from '../../src/core/generator/organisations.js';
import { worklistBatches } from '../../src/core/worklist/worklist.service.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { COMMUNITY_A1, seedEnterprise, seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';

const admin = systemActor('demo');

describe(`organisation generator and demo step on ${testEngine()}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    for (let i = 0; i < 240; i++) {
      const members = i % 10 === 0 ? 3 + (i % 7) : i % 4 === 0 ? 1 + (i % 2) : 0;
      await seedEnterprise(database.db, { regionCode: i % 3 ? COMMUNITY_A1 : TOWN_A, memberCount: members, employeeCount: (i * 7) % 90, status: i % 37 === 0 ? 'deregistered' : 'active' });
    }
  });
  afterAll(async () => database?.close());

  it('is deterministic by seed and keeps joint branches within 5 units and ≥3 members', () => {
    const es: GenEnterprise[] = Array.from({ length: 300 }, (_, i) => ({ id: String(i + 1), name: `企业${i}有限公司`, regionCode: `33010600100${i % 3}`, memberCount: i % 5 === 0 ? 1 : i % 11 === 0 ? 4 : 0, employeeCount: i % 60, active: true }));
    const a = generateOrganisations(es, { seed: 7, today: '2025-06-30' });
    expect(generateOrganisations(es, { seed: 7, today: '2025-06-30' })).toEqual(a);
    expect(generateOrganisations(es, { seed: 8, today: '2025-06-30' })).not.toEqual(a);
    for (const o of a.orgs.filter((x) => x.setupMode === 'joint')) {
      expect(o.covers.length).toBeLessThanOrEqual(5);
      expect(o.fullMembers).toBeGreaterThanOrEqual(3);
    }
  });

  it('the demo step fills the district so every list has live examples, and runs twice safely', async () => {
    const logs: string[] = [];
    const ctx = { database, actor: admin, district: { countyCode: '330106', cityPrefix: '3301', name: '西湖区' }, workDir: '/tmp', count: 240, seed: 3, log: (m: string) => logs.push(m), state: {}, nextSteps: [] } as DemoContext;
    await organisationsStep.run(ctx);
    await organisationsStep.run(ctx);
    expect(logs.at(-1)).toContain('跳过');
    const rules = new Set<string>();
    for (const list of ['gaps', 'alerts', 'recommendations'] as const) {
      for await (const b of worklistBatches(database.db, admin, list, { limit: 100, date: '2025-06-30' })) for (const x of b.items) rules.add(x.ruleId);
    }
    expect([...rules]).toEqual(expect.arrayContaining(['enterprise.status', 'enterprise.assignInstructor', 'org.reelectionOverdue']));
  });
});

/**
 * An import numbers new enterprises in the order its INSERT … SELECT returns them, which is not the
 * file's and differs between engines; the demo's organisations must not follow those ids, or the
 * same seed gives PGlite and PostgreSQL different districts (test/medium/demo-agreement.test.ts).
 */
describe('the demo step’s organisations do not depend on the ids the ledger gave the enterprises', () => {
  const enterprises = Array.from({ length: 120 }, (_, i) => ({
    credit_code: `91330106ORDER${String(i).padStart(5, '0')}`, name: `顺序${i}有限公司`, region_code: i % 2 ? COMMUNITY_A1 : TOWN_B, placement: 'placed' as const,
    member_count: i % 6 === 0 ? 3 + (i % 5) : i % 3 === 0 ? 1 : 0, employee_count: (i * 13) % 70, operating_status: 'active' as const, founded_on: '2016-05-01',
  }));
  /** Per credit code: who covers it (organisation, union, instructor), by name and date. */
  async function districtFor(order: typeof enterprises): Promise<Record<string, string[]>> {
    const database = await createTestDatabase();
    try {
      await seedRegions(database.db);
      await database.db.insertInto('enterprise').values(order).execute();
      const ctx = { database, actor: admin, district: { countyCode: '330106', cityPrefix: '3301', name: '西湖区' }, workDir: '/tmp', count: order.length, seed: 11, log: () => {}, state: {}, nextSteps: [] } as DemoContext;
      await organisationsStep.run(ctx);
      const r = await sql<{ code: string; what: string }>`
        SELECT e.credit_code AS code, 'org ' || o.name || ' ' || c.mode || ' ' || c.since AS what FROM party_org_coverage c JOIN party_org o ON o.id = c.org_id JOIN enterprise e ON e.id = c.enterprise_id
        UNION ALL SELECT e.credit_code, 'union ' || u.name || ' ' || c.since FROM union_coverage c JOIN union_org u ON u.id = c.union_id JOIN enterprise e ON e.id = c.enterprise_id
        UNION ALL SELECT e.credit_code, 'instructor ' || a.since FROM instructor_assignment a JOIN enterprise e ON e.id = a.enterprise_id
        ORDER BY 1, 2`.execute(database.db);
      const out: Record<string, string[]> = {};
      for (const row of r.rows) (out[row.code] ??= []).push(row.what);
      return out;
    } finally {
      await database.close();
    }
  }

  it('the same enterprises inserted in the opposite order get the same organisations, unions and instructors', async () => {
    const forward = await districtFor(enterprises);
    expect(Object.keys(forward).length).toBeGreaterThan(20);
    expect(await districtFor([...enterprises].reverse())).toEqual(forward);
  });
});
