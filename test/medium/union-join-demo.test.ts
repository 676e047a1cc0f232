import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { loadKeyring } from '../../src/core/crypto/keyring.js';
import { decryptPii } from '../../src/core/crypto/pii-cipher.js';
import { unionJoinStep } from '../../src/core/demo/steps/union-join.step.js';
import type { Database } from '../../src/db/database.js';
import { isValidIdNumber } from '../../src/domain/id-number.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { COMMUNITY_A1, seedEnterprise, seedRegions } from '../helpers/org-fixtures.js';

/**
 * The demo's 扫码入会 (docs/unions.md "扫码入会（亮牌子）") on a real database: every active union gets
 * its link, about a third have applications naming an enterprise they cover, sealed real ID numbers,
 * every time in the past; a second run changes nothing.
 */
describe(`union join demo step on ${testEngine()}`, () => {
  let database: Database;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-join-demo-'));
  const ctx = () => ({ database, actor: systemActor('demo'), district: { countyCode: '330106' }, workDir, count: 0, seed: 1, log: () => {}, nextSteps: [] }) as never;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    for (let i = 0; i < 12; i++) {
      const { id } = await database.db.insertInto('union_org').values({ name: `示范测试企业${i}工会委员会`, kind: 'standalone', region_code: COMMUNITY_A1 }).returning('id').executeTakeFirstOrThrow();
      const e = await seedEnterprise(database.db, { name: `杭州北山示范${i}科技有限公司`, regionCode: COMMUNITY_A1 });
      await database.db.insertInto('union_coverage').values({ union_id: id, enterprise_id: e, since: '2024-01-01' }).execute();
    }
  }, 120_000);
  afterAll(async () => { await database?.close(); fs.rmSync(workDir, { recursive: true, force: true }); });

  it('links for every union, past applications naming covered enterprises; runs once', async () => {
    await unionJoinStep.run(ctx());
    const db = database.db;
    expect((await db.selectFrom('union_join_link').select('union_id').execute()).length).toBe(12);
    const apps = await db.selectFrom('union_application').selectAll().execute();
    expect(apps.length).toBeGreaterThan(3);
    expect(new Set(apps.map((a) => a.status))).toEqual(new Set(['pending', 'rejected']));
    const keyring = loadKeyring({ dataDir: workDir, engine: 'pglite' }, () => {});
    for (const a of apps) {
      expect(a.submitted_at.getTime()).toBeLessThan(Date.now());
      expect(a.employer_name).toMatch(/^杭州北山示范\d+科技有限公司$/);
      expect(isValidIdNumber(decryptPii(keyring, a.id_number_enc))).toBe(true);
      if (a.status === 'rejected') expect(a.decision_reason).toBeTruthy();
    }
    await unionJoinStep.run(ctx());
    expect((await db.selectFrom('union_application').select('id').execute()).length).toBe(apps.length);
  });
});
