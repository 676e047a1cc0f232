import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { surveyStep } from '../../src/core/demo/steps/survey.step.js';
import type { Database } from '../../src/db/database.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { COMMUNITY_A1, seedEnterprise, seedRegions } from '../helpers/org-fixtures.js';

/**
 * The demo's 排查摸底 (docs/surveys.md) on a real database: one closed campaign, most enterprises
 * answered through their own link and accepted into the ledger with history (source survey), the
 * rest left as non-responders whose reminders were cancelled at closing; only past dates; runs once.
 */
describe(`survey demo step on ${testEngine()}`, () => {
  let database: Database;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-survey-demo-'));
  const ctx = () => ({ database, actor: systemActor('demo'), district: { countyCode: '330106' }, workDir, count: 0, seed: 1, log: () => {}, state: {} }) as never;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    for (let i = 0; i < 14; i++) await seedEnterprise(database.db, { name: `杭州北山摸底${i}科技有限公司`, regionCode: COMMUNITY_A1, employeeCount: 20 + i });
  }, 300_000);
  afterAll(async () => { await database?.close(); fs.rmSync(workDir, { recursive: true, force: true }); });

  it('a finished campaign with most answered and accepted; runs once', async () => {
    await surveyStep.run(ctx());
    const db = database.db;
    const c = await db.selectFrom('survey_campaign').selectAll().executeTakeFirstOrThrow();
    expect(c).toMatchObject({ name: '2026年度两新组织排查摸底', status: 'closed' });
    const t = await db.selectFrom('survey_target').select(['state', 'answered_at']).execute();
    expect(t).toHaveLength(14);
    expect(t.filter((x) => x.state !== 'sent').length).toBe(12);
    expect(t.filter((x) => x.state === 'reviewed').length).toBeGreaterThanOrEqual(10);
    for (const x of t) if (x.answered_at) expect(x.answered_at.getTime()).toBeLessThan(Date.now());
    const history = await db.selectFrom('enterprise_change').select(['source', 'survey_campaign_id']).where('kind', '=', 'corrected').execute();
    expect(history.length).toBeGreaterThanOrEqual(10);
    expect(history.every((h) => h.source === 'survey' && h.survey_campaign_id === c.id)).toBe(true);
    expect(await db.selectFrom('task').select('state').where('kind', '=', 'survey.reply').where('state', '=', 'open').execute()).toEqual([]);
    await surveyStep.run(ctx());
    expect((await db.selectFrom('survey_campaign').select('id').execute()).length).toBe(1);
  }, 300_000);
});
