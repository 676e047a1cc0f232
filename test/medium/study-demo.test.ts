import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { DEFAULT_DISTRICT, runDemo } from '../../src/core/demo/demo.js';
import { enterprisesStep } from '../../src/core/demo/steps/enterprises.step.js';
import { organisationsStep } from '../../src/core/demo/steps/organisations.step.js';
import { regionsStep } from '../../src/core/demo/steps/regions.step.js';
import { studyStep } from '../../src/core/demo/steps/study.step.js';
import { listMaterialPage } from '../../src/core/study/study.service.js';
import type { Database } from '../../src/db/database.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

/**
 * The demo's study library (docs/study.md, "Demo") on a real database after the district's
 * organisations: about twenty materials by the district, two streets and three organisations, real
 * titles, links on the official sites, nothing dated after today; a street office reads the district's
 * and its own, not the other street's; a second run adds nothing.
 */
describe(`study demo step on ${testEngine()}`, () => {
  let database: Database;
  let workDir: string;
  const ctx = () => ({ database, actor: systemActor('demo'), district: DEFAULT_DISTRICT, workDir, count: 120, seed: 2026, log: () => {}, state: {}, nextSteps: [] });
  beforeAll(async () => {
    database = await createTestDatabase();
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-study-demo-'));
    await runDemo(ctx(), [regionsStep, enterprisesStep, organisationsStep, studyStep]);
  }, 300_000);
  afterAll(async () => {
    await database?.close();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('about twenty materials that read like a district library, none dated after today', async () => {
    const rows = await database.db.selectFrom('study_material').selectAll().execute();
    expect(rows.length).toBeGreaterThanOrEqual(18);
    expect(rows.length).toBeLessThanOrEqual(25);
    expect(rows.some((r) => r.title === '《中国共产党章程》学习辅导')).toBe(true);
    expect(rows.some((r) => r.title === '《中华人民共和国工会法》解读')).toBe(true);
    for (const r of rows) {
      expect(r.published_on <= todayInChina(), r.title).toBe(true);
      expect(r.title).toMatch(/[\u4e00-\u9fff]/);
      if (r.url) expect(r.url).toMatch(/^https:\/\/www\.(12371\.cn|acftu\.org)\//);
    }
    expect(new Set(rows.map((r) => r.topic)).size).toBeGreaterThanOrEqual(5);
    expect(rows.filter((r) => r.org_id).length).toBeGreaterThan(0);
  });

  it("a street office reads the district's and its own street's, not the other street's", async () => {
    const streets = await database.db.selectFrom('study_material').select('region_code').distinct().where('region_code', 'not like', '%000000').execute();
    expect(streets.length).toBe(2);
    const mine = streets[0]!.region_code!.slice(0, 9);
    const actor = { ...systemActor('street'), kind: 'user' as const, userId: null, grants: [{ role: 'township_officer', allRegions: false, regionPrefixes: [mine], parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [] }] };
    const page = await listMaterialPage(database.db, actor, {});
    expect(page.total).toBe(page.items.length);
    expect(page.items.some((i) => i.publisher.level === 'district')).toBe(true);
    expect(page.items.some((i) => i.publisher.regionCode?.startsWith(mine))).toBe(true);
    expect(page.items.some((i) => i.publisher.regionCode === streets[1]!.region_code)).toBe(false);
  });

  it('a second run adds nothing', async () => {
    const before = (await database.db.selectFrom('study_material').select('id').execute()).length;
    await runDemo(ctx(), [studyStep]);
    expect((await database.db.selectFrom('study_material').select('id').execute()).length).toBe(before);
  });
});
