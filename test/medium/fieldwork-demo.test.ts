import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { fieldworkStep } from '../../src/core/demo/steps/fieldwork.step.js';
import type { Database } from '../../src/db/database.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { fromDay, toDay } from '../../src/domain/rules/dates.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { COMMUNITY_A1, seedEnterprise, seedPerson, seedRegions } from '../helpers/org-fixtures.js';

/**
 * The demo's 实地走访 (docs/inbox.md): visits by the district's instructors over the last six months,
 * past dates only, after each assignment began; some find problems that are open tasks of the
 * street, some of those closed by a later 问题已整改; a second run adds nothing.
 */
describe(`field work demo step on ${testEngine()}`, () => {
  let database: Database;
  const logs: string[] = [];
  const ctx = () => ({ database, actor: systemActor('demo'), district: { countyCode: '330106' }, workDir: '/tmp', count: 0, seed: 3, log: (m: string) => logs.push(m), nextSteps: [] }) as never;
  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    await seedRegions(db);
    for (let i = 0; i < 12; i++) {
      const p = await seedPerson(db, `指导员${'甲乙丙丁戊己庚辛壬癸子丑'[i]}`, COMMUNITY_A1);
      const ins = await db.insertInto('instructor').values({ person_id: p, kind: 'instructor', region_code: COMMUNITY_A1 }).returning('id').executeTakeFirstOrThrow();
      for (let j = 0; j < 3; j++) {
        const e = await seedEnterprise(db, { name: `走访示范企业${i}-${j}`, regionCode: COMMUNITY_A1 });
        await db.insertInto('instructor_assignment').values({ instructor_id: ins.id, enterprise_id: e, since: fromDay(toDay(todayInChina()) - 400 + j * 100) }).execute();
      }
    }
  }, 120_000);
  afterAll(async () => { await database?.close(); });

  it('past visits after each assignment began; problems open tasks, 已整改 closes some; runs once', async () => {
    await fieldworkStep.run(ctx());
    const db = database.db;
    const visits = await db.selectFrom('visit_log as v').innerJoin('instructor_assignment as a', 'a.id', 'v.assignment_id')
      .select(['v.visited_on', 'v.findings', 'a.since']).execute();
    const today = todayInChina();
    expect(visits.length).toBeGreaterThan(36);
    for (const v of visits) expect(v.visited_on > v.since && v.visited_on < today, `${v.visited_on}`).toBe(true);
    const found = visits.filter((v) => v.findings.length && !v.findings.includes('resolved')).length;
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(visits.length / 3);
    const tasks = await db.selectFrom('task').select(['state', 'subject_label']).where('kind', '=', 'visit.finding').execute();
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.every((t) => /^走访示范企业/.test(t.subject_label ?? ''))).toBe(true);
    const n = visits.length;
    await fieldworkStep.run(ctx());
    expect((await db.selectFrom('visit_log').select('id').execute()).length).toBe(n);
  });
});
