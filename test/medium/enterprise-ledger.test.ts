import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { systemActor } from '../../src/core/access/actor.js';
import type { EnterpriseListQuery } from '../../src/contracts/enterprise.js';
import {
  getEnterprise, listEnterprises, placeEnterprise,
} from '../../src/core/enterprise/enterprise.service.js';
import { exportEnterprises } from '../../src/core/enterprise/enterprise-export.service.js';
import { applyEnterpriseItems, beginImport } from '../../src/core/import/import-enterprises.service.js';
import { prepareFileImport } from '../../src/core/import/import-file.service.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { asAsync, code, facts, rowItem, seedRegions, userActor } from '../factories/enterprise.js';

describe(`enterprise ledger on ${testEngine()}`, () => {
  let database: Database;
  const admin = systemActor('test');
  const township = userActor('900', 'township_officer', ['110101001']);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-ledger-'));

  // 24 enterprises: 1–12 in 东华门街道, 13–18 in 西长安街街道 (another county), 19–24 unplaced.
  const seed = Array.from({ length: 24 }, (_, i) => {
    const n = i + 1;
    const region = n <= 12 ? '110101001000' : n <= 18 ? '110102001000' : null;
    return facts(n, {
      regionCode: region,
      employeeCount: n % 5 === 0 ? null : (n * 7) % 11,
      foundedOn: n % 4 === 0 ? null : `20${String(10 + (n % 9)).padStart(2, '0')}-0${1 + (n % 8)}-15`,
      sizeClass: n % 3 === 0 ? 'medium' : 'small',
      aboveDesignatedSize: n % 6 === 0,
      operatingStatus: n % 7 === 0 ? 'revoked' : 'active',
      parkName: n % 4 === 1 ? '东城科技园' : null,
      name: n === 2 ? '东华门餐饮管理有限公司' : `北京测试${n}号科技有限公司`,
      // No township in the address: these stay in the 待认定属地 queue.
      ...(region ? {} : { address: `北京市东城区建设路${n}号` }),
    });
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    const id = await beginImport(database, admin, { fileName: 's.xlsx', fileSha256: 's', source: 'test', dryRun: false });
    await applyEnterpriseItems(database, admin, id, asAsync(seed.map((f, i) => rowItem(i + 2, f))));
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const q = (over: Partial<EnterpriseListQuery> = {}): EnterpriseListQuery => ({ sort: 'name', order: 'asc', limit: 50, ...over });
  const codesOf = async (over: Partial<EnterpriseListQuery>, actor = admin) =>
    (await listEnterprises(database.db, actor, q(over))).items.map((i) => i.creditCode).sort();

  it.each([
    ['region subtree', { regionPrefix: '110102' }, [13, 14, 15, 16, 17, 18]],
    ['size class', { sizeClass: 'medium' as const }, [3, 6, 9, 12, 15, 18, 21, 24]],
    ['above designated size', { aboveDesignatedSize: true }, [6, 12, 18, 24]],
    ['operating status', { operatingStatus: 'revoked' as const }, [7, 14, 21]],
    ['pending placement', { placement: 'pending' as const }, [19, 20, 21, 22, 23, 24]],
    ['name substring', { q: '餐饮' }, [2]],
    ['pinyin initials prefix', { q: 'DHM' }, [2]],
    ['credit code', { q: code(5).toLowerCase() }, [5]],
    // Initials anywhere in the name: 东华门餐饮管理 → dhmcygl…
    ['pinyin initials inside the name', { q: 'cygl' }, [2]],
    ['part of a credit code', { q: code(5).slice(8, 16).toLowerCase() }, [5]],
  ])('filters by %s', async (_label, filter, expected) => {
    expect(await codesOf(filter)).toEqual(expected.map((n) => code(n)).sort());
  });

  it('filters by park', async () => {
    const any = (await listEnterprises(database.db, admin, q({ q: code(1) }))).items[0];
    expect(any.parkName).toBe('东城科技园');
    expect(await codesOf({ parkId: any.parkId ?? undefined })).toEqual([1, 5, 9, 13, 17, 21].map((n) => code(n)).sort());
  });

  it.each([
    ['name', 'asc'], ['name', 'desc'], ['founded_on', 'asc'], ['founded_on', 'desc'],
    ['employee_count', 'asc'], ['employee_count', 'desc'], ['updated_at', 'asc'], ['updated_at', 'desc'],
  ] as const)('keyset pages by %s %s visit every row once, in order', async (sort, order) => {
    const whole = (await listEnterprises(database.db, admin, q({ sort, order, limit: 200 }))).items.map((i) => i.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 20; guard++) {
      const page = await listEnterprises(database.db, admin, q({ sort, order, limit: 5, cursor }));
      expect(page.total).toBe(24);
      seen.push(...page.items.map((i) => i.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(whole);
    expect(new Set(seen).size).toBe(24);
  });

  it('rejects a forged cursor with a validation error', async () => {
    await expect(listEnterprises(database.db, admin, q({ cursor: 'not-a-cursor' }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  describe('scope', () => {
    it('a township officer lists and counts only its own enterprises', async () => {
      const page = await listEnterprises(database.db, township, q());
      expect(page.total).toBe(12);
      expect(page.items.every((i) => i.regionCode?.startsWith('110101001'))).toBe(true);
    });

    it('an enterprise outside the scope is not found', async () => {
      const outside = (await listEnterprises(database.db, admin, q({ q: code(13) }))).items[0];
      await expect(getEnterprise(database.db, township, outside.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const inside = (await listEnterprises(database.db, admin, q({ q: code(1) }))).items[0];
      expect((await getEnterprise(database.db, township, inside.id)).creditCode).toBe(code(1));
    });

    it('the export holds only what the scope sees', async () => {
      const file = path.join(tmp, 'township.xlsx');
      const n = await exportEnterprises(database.db, township, {}, fs.createWriteStream(file));
      expect(n).toBe(12);
    });
  });

  describe('placement queue', () => {
    it('places a pending enterprise by hand, with history and audit', async () => {
      const pending = (await listEnterprises(database.db, admin, q({ placement: 'pending', q: code(19) }))).items[0];
      const placed = await placeEnterprise(database.db, admin, pending.id, { regionCode: '110101002000', version: pending.version });
      expect(placed.version).toBe(pending.version + 1);
      expect(placed).toMatchObject({ placement: 'manual', regionCode: '110101002000', regionName: '景山街道' });
      expect(placed.history[0]).toMatchObject({ kind: 'placed', changes: { regionCode: [pending.regionCode, '110101002000'] } });
      const audit = await database.db.selectFrom('audit_event').select('action').where('entity_id', '=', pending.id).execute();
      expect(audit.map((a) => a.action)).toContain('enterprise.place');
    });

    it('refuses an unknown region and a region outside the officer scope', async () => {
      const mine = (await listEnterprises(database.db, admin, q({ q: code(3) }))).items[0];
      await expect(placeEnterprise(database.db, township, mine.id, { regionCode: '110101009000', version: mine.version })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(placeEnterprise(database.db, township, mine.id, { regionCode: '110102001000', version: mine.version })).rejects.toMatchObject({ code: 'OUT_OF_SCOPE' });
    });

    it('refuses a stale version even when the region sent is the one stored', async () => {
      // The enterprise the first test placed: same region again, so only the version can refuse it.
      const mine = (await listEnterprises(database.db, admin, q({ q: code(19) }))).items[0];
      const placed = await placeEnterprise(database.db, admin, mine.id, { regionCode: '110101002000', version: mine.version });
      await expect(placeEnterprise(database.db, admin, mine.id, { regionCode: '110101002000', version: mine.version }))
        .rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
      const again = await placeEnterprise(database.db, admin, mine.id, { regionCode: '110101002000', version: placed.version });
      expect(again.version).toBe(placed.version + 1);
    });
  });

  it('importing an export changes nothing', async () => {
    const file = path.join(tmp, 'all.xlsx');
    await new Promise<void>((resolve, reject) => {
      const out = fs.createWriteStream(file);
      out.on('finish', resolve).on('error', reject);
      exportEnterprises(database.db, admin, {}, out).catch(reject);
    });
    const before = await database.db.selectFrom('enterprise_change').select('id').execute();
    const prepared = await prepareFileImport(database, admin, { path: file, fileName: 'all.xlsx', source: 'test', dryRun: false });
    const r = await prepared.run();
    expect(r).toMatchObject({ rows: 24, created: 0, updated: 0, unchanged: 24, rejected: 0 });
    expect(await database.db.selectFrom('enterprise_change').select('id').execute()).toHaveLength(before.length);
    const manual = (await listEnterprises(database.db, admin, q({ q: code(19) }))).items[0];
    expect(manual.placement).toBe('manual');
  });
});
