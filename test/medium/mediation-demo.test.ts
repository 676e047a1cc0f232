import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { scopeFor } from '../../src/core/access/scope.js';
import { mediationStep } from '../../src/core/demo/steps/mediation.step.js';
import { mediationInTime } from '../../src/core/mediation/mediation.query.js';
import type { Database } from '../../src/db/database.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { COMMUNITY_A1, seedRegions } from '../helpers/org-fixtures.js';

/**
 * The demo's mediation (docs/unions.md, "劳动争议调解", "Demo") on a real database: committees in the
 * large and medium enterprises with a union, a street body per street, cases over the past year with
 * past dates only, most concluded in time; a second run adds nothing.
 */
describe(`mediation demo step on ${testEngine()}`, () => {
  let database: Database;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-med-demo-'));
  const ctx = () => ({ database, actor: systemActor('demo'), district: { countyCode: '330106' }, workDir: dir, count: 0, seed: 3, log: () => undefined, state: {}, nextSteps: [] }) as never;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    for (let i = 0; i < 6; i++) {
      const e = await database.db.insertInto('enterprise').values({ credit_code: `91330106MAMED${String(i).padStart(5, '0')}`, name: `示范电子${i}有限公司`, region_code: COMMUNITY_A1, employee_count: 400 + i, size_class: i < 4 ? 'medium' : 'small', placement: 'placed' })
        .returning('id').executeTakeFirstOrThrow();
      const u = await database.db.insertInto('union_org').values({ name: `示范电子${i}有限公司工会委员会`, kind: 'standalone', region_code: COMMUNITY_A1, members: 300, female_members: 120 })
        .returning('id').executeTakeFirstOrThrow();
      await database.db.insertInto('union_coverage').values({ union_id: u.id, enterprise_id: e.id, since: '2020-01-01' }).execute();
    }
  }, 120_000);
  afterAll(async () => { await database?.close(); fs.rmSync(dir, { recursive: true, force: true }); });

  it('committees, a street body, a year of cases with past dates, mostly in time; runs once', async () => {
    await mediationStep.run(ctx());
    const db = database.db;
    const bodies = await db.selectFrom('mediation_body').select(['kind', 'name']).execute();
    expect(bodies.filter((b) => b.kind === 'enterprise').length).toBeGreaterThanOrEqual(3);
    expect(bodies.filter((b) => b.kind === 'street').map((b) => b.name)).toEqual(['北山街道劳动人事争议调解中心']);
    const cases = await db.selectFrom('mediation_case').selectAll().execute();
    expect(cases.length).toBeGreaterThanOrEqual(12);
    const today = todayInChina();
    for (const c of cases) {
      expect(c.received_on < today).toBe(true);
      if (c.closed_on) expect(c.closed_on < today && c.closed_on >= c.received_on).toBe(true);
      if (c.known_on) expect(c.known_on <= c.received_on).toBe(true);
    }
    expect(cases.some((c) => c.status === 'failed')).toBe(true);
    expect(cases.some((c) => c.closed_on === null)).toBe(true);
    const all = scopeFor(systemActor('x'), 'union.read');
    const pair = await mediationInTime(db, all, undefined, '2000-01-01', today);
    expect(pair.closed).toBeGreaterThan(0);
    expect(pair.closedInTime / pair.closed).toBeGreaterThan(0.6);
    await mediationStep.run(ctx());
    expect((await db.selectFrom('mediation_case').select('id').execute()).length).toBe(cases.length);
  });
});
