import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { unionMembersStep } from '../../src/core/demo/steps/union-members.step.js';
import { unionMembershipCounts } from '../../src/core/union-member/union-member-counts.js';
import type { Database } from '../../src/db/database.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { COMMUNITY_A1, seedRegions } from '../helpers/org-fixtures.js';

/**
 * The demo's union rosters (docs/unions.md, "会员实名制", "Demo") on a real database: most unions get
 * members — about nine in ten employees of their covered enterprises, a few 保留会籍 and 劳务派遣 —
 * counted from names from today; the rest keep their typed counts; a second run changes nothing.
 */
describe(`union members demo step on ${testEngine()}`, () => {
  let database: Database;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-um-demo-'));
  const ctx = () => ({ database, actor: systemActor('demo'), district: { countyCode: '330106' }, workDir: dir, count: 0, seed: 3, log: () => undefined, state: {}, nextSteps: [] }) as never;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    for (let i = 0; i < 10; i++) {
      const e = await database.db.insertInto('enterprise').values({ credit_code: `91330106MADEMO${String(i).padStart(4, '0')}`, name: `示范企业${i}有限公司`, region_code: COMMUNITY_A1, employee_count: 30 + i * 11, placement: 'placed' })
        .returning('id').executeTakeFirstOrThrow();
      const u = await database.db.insertInto('union_org').values({ name: `示范企业${i}有限公司工会委员会`, kind: 'standalone', region_code: COMMUNITY_A1, members: 20, female_members: 8 })
        .returning('id').executeTakeFirstOrThrow();
      await database.db.insertInto('union_coverage').values({ union_id: u.id, enterprise_id: e.id, since: '2020-01-01' }).execute();
    }
  }, 120_000);
  afterAll(async () => { await database?.close(); fs.rmSync(dir, { recursive: true, force: true }); });

  it('rosters for most unions at ~90% of employees, past dates, both count sources; runs once', async () => {
    await unionMembersStep.run(ctx());
    const db = database.db;
    const unions = await db.selectFrom('union_org').select(['id', 'roster_since']).orderBy('id').execute();
    const kept = unions.filter((u) => u.roster_since);
    expect(kept.length).toBe(8);
    expect(kept.every((u) => u.roster_since === todayInChina())).toBe(true);
    const counts = await unionMembershipCounts(db, unions.map((u) => u.id));
    expect([...counts.values()].filter((c) => c.source === 'typed').length).toBe(2);
    const members = await db.selectFrom('union_member').select(['status', 'dispatched', 'joined_on']).execute();
    const employees = 8 * 30 + 11 * (0 + 1 + 2 + 3 + 5 + 6 + 7 + 8); // unions 0–9 but the 5th (index 4) and the 10th (index 9)
    expect(members.length / employees).toBeGreaterThan(0.84);
    expect(members.length / employees).toBeLessThan(0.96);
    expect(members.filter((m) => m.status === 'retained').length).toBeGreaterThan(members.length * 0.03);
    expect(members.some((m) => m.dispatched)).toBe(true);
    expect(members.every((m) => m.joined_on! <= todayInChina())).toBe(true);
    await unionMembersStep.run(ctx());
    expect((await db.selectFrom('union_member').select('id').execute()).length).toBe(members.length);
  });
});
