import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { judge } from '../../src/core/bargaining/bargaining.mapper.js';
import { bargainingStep } from '../../src/core/demo/steps/bargaining.step.js';
import type { Database } from '../../src/db/database.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { COMMUNITY_A1, seedRegions } from '../helpers/org-fixtures.js';

/**
 * The demo's 集体协商 (docs/unions.md, "集体协商") on a real database: rounds at every stage across the
 * district's unions — most in force, some renewing, a few overdue — every date on or before today,
 * each signed round with its contract row, and a second run changing nothing.
 */
describe(`bargaining demo step on ${testEngine()}`, () => {
  let database: Database;
  const logs: string[] = [];
  const ctx = () => ({ database, actor: systemActor('demo'), district: { countyCode: '330106' }, workDir: '/tmp', count: 0, seed: 1, log: (m: string) => logs.push(m) }) as never;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    for (let i = 0; i < 60; i++) {
      await database.db.insertInto('union_org').values({ name: `示范测试企业${i}工会委员会`, kind: 'standalone', region_code: COMMUNITY_A1, members: 40 + i * 9 }).execute();
    }
  }, 120_000);
  afterAll(async () => { await database?.close(); });

  it('seeds every stage, past dates only, contracts for signed rounds; runs once', async () => {
    await bargainingStep.run(ctx());
    const db = database.db;
    const rows = await db.selectFrom('union_bargaining as b').innerJoin('union_org as u', 'u.id', 'b.union_id').selectAll('b')
      .select(['u.name as union_name', 'u.region_code']).select((eb) => eb.val(null).$castTo<string | null>().as('street_name')).orderBy('b.union_id').orderBy('b.id').execute();
    const today = todayInChina();
    const stages = judge(rows, today).map((j) => j.s.stage);
    expect(new Set(stages)).toEqual(new Set(['requested', 'replied', 'negotiating', 'passed', 'signed', 'filed', 'effective', 'renewing', 'expired', 'closed']));
    expect(stages.filter((s) => s === 'effective').length).toBeGreaterThan(stages.length / 3);
    for (const r of rows) {
      for (const d of [r.requested_on, r.replied_on, r.vote_on, r.signed_on, r.filed_on, ...r.sessions.map((s) => s.heldOn)]) if (d) expect(d <= today, `${r.id} ${d}`).toBe(true);
      if (r.signed_on) expect(r.contract_id).not.toBeNull();
    }
    const findings = judge(rows, today).flatMap((j) => j.s.findings.map((f) => f.ruleId));
    expect(findings).toEqual(expect.arrayContaining(['bargaining.replyOverdue', 'bargaining.filingOverdue', 'bargaining.voteQuorum', 'bargaining.expiredNoRenewal']));
    const n = rows.length;
    await bargainingStep.run(ctx());
    expect((await db.selectFrom('union_bargaining').select('id').execute()).length).toBe(n);
  });
});
