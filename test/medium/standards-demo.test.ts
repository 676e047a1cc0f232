import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { createOrg } from '../../src/core/party-org/party-org.service.js';
import { standardsStep } from '../../src/core/demo/steps/standards.step.js';
import type { Database } from '../../src/db/database.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { checklistVersionAt } from '../../src/domain/standards/standards-catalogue.js';
import { starsFor, totalOf } from '../../src/domain/standards/standards-score.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { COMMUNITY_A1, seedRegions } from '../helpers/org-fixtures.js';

/**
 * The demo's 标准化建设 (docs/standards.md, "Demo") on a real database: a share of the district's
 * 党支部 with this year's checklist in every state, each passed one's total and stars those the pure
 * rules give its last review's marks, every date on or before today, and a second run changing nothing.
 */
describe(`standards demo step on ${testEngine()}`, () => {
  let database: Database;
  const logs: string[] = [];
  const ctx = () => ({ database, actor: systemActor('demo'), district: { countyCode: '330106' }, workDir: '/tmp', count: 0, seed: 1, log: (m: string) => logs.push(m) }) as never;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    for (let i = 0; i < 90; i++) await createOrg(database.db, systemActor('t'), { name: `示范测试党支部${i}`, orgType: 'branch', setupMode: 'standalone', regionCode: COMMUNITY_A1 });
  }, 120_000);
  afterAll(async () => { await database?.close(); });

  it('seeds every state, consistent scores, no future date; runs once', async () => {
    await standardsStep.run(ctx());
    const db = database.db;
    const rows = await db.selectFrom('checklist_assessment').selectAll().execute();
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['draft', 'submitted', 'returned', 'passed']));
    expect(rows.length).toBeGreaterThan(25);
    const today = todayInChina();
    for (const r of rows.filter((x) => x.status === 'passed')) {
      const reviews = await db.selectFrom('checklist_review').selectAll().where('assessment_id', '=', r.id).orderBy('id').execute();
      const v = checklistVersionAt(r.template_id, r.template_version)!;
      expect(reviews.map((x) => x.level)).toEqual([...v.reviewLevels]);
      const marks = reviews.at(-1)!.marks;
      expect(Number(r.total)).toBe(totalOf(v, marks));
      expect(r.stars).toBe(starsFor(v, totalOf(v, marks)));
    }
    const dates = [
      ...(await db.selectFrom('checklist_review').select('reviewed_at').execute()).map((x) => new Date(x.reviewed_at.getTime() + 8 * 3600_000).toISOString().slice(0, 10)),
      ...(await db.selectFrom('org_recognition').select('granted_on').execute()).map((x) => x.granted_on),
    ];
    for (const d of dates) expect(d <= today, d).toBe(true);
    const before = rows.length;
    await standardsStep.run(ctx());
    expect((await db.selectFrom('checklist_assessment').select('id').execute()).length).toBe(before);
  });
});
