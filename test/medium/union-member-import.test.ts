import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKeyring, type Keyring } from '../../src/core/crypto/keyring.js';
import { blindIndex, decryptPii, encryptPii } from '../../src/core/crypto/pii-cipher.js';
import { importUnionMembers } from '../../src/core/union-member/union-member-import.service.js';
import type { Database } from '../../src/db/database.js';
import { idCheckChar } from '../../src/domain/id-number.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, seedEnterprise, seedRegions, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * The union roster import through its COPY path (docs/unions.md "会员实名制", "Import"; the method of
 * docs/decisions/0002-bulk-import.md) on a real database, both engines: rows staged by COPY, checked
 * set-wise with the row-by-row words (a repeated number names the other row, a registered number
 * under another 姓名), all or nothing; the apply writes people sealed in the union's region,
 * memberships with their history, the roster date; a re-import writes only what changed, with the
 * [before, after] of each field in the history, and a file with an unchanged roster changes nothing.
 */
const id = (body: string) => body + idCheckChar(body);
const A = id('33010619870312206');
const B = id('33010619830722117');
const HEADER = '姓名,性别,公民身份号码,手机号,入会日期,会员证号,工作单位,是否劳务派遣,派遣单位,会籍状态';
const townA = actorWith('union_officer', { regionPrefixes: ['330106001'] });

describe(`union roster import (COPY) on ${testEngine()}`, () => {
  let database: Database;
  let keyring: Keyring;
  let dir = '';
  let unionId = '';
  let covered = '';
  const deps = () => ({ database, keyring: () => keyring });
  const file = (rows: string[]) => {
    const p = path.join(dir, `roster-${Math.random().toString(16).slice(2)}.csv`);
    fs.writeFileSync(p, [HEADER, ...rows].join('\n') + '\n');
    return p;
  };
  const count = async (t: 'union_member' | 'person' | 'union_member_event') => Number((await database.db.selectFrom(t).select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-um-import-'));
    keyring = loadKeyring({ dataDir: dir, engine: 'pglite' }, () => {});
    await seedRegions(database.db);
    unionId = (await database.db.insertInto('union_org').values({ name: '北山科技工会委员会', kind: 'standalone', region_code: COMMUNITY_A1 }).returning('id').executeTakeFirstOrThrow()).id;
    covered = await seedEnterprise(database.db, { name: '北山科技有限公司', regionCode: COMMUNITY_A1 });
    await database.db.insertInto('union_coverage').values({ union_id: unionId, enterprise_id: covered, since: '2024-01-01' }).execute();
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a repeated number and a registered number under another 姓名 refuse the file at their rows; nothing is written', async () => {
    await database.db.insertInto('person').values({ name: '登记名', id_number_enc: encryptPii(keyring, B), id_number_index: blindIndex(keyring, 'id_number', B), key_id: keyring.current, region_code: TOWN_B }).execute();
    const before = [await count('union_member'), await count('person')];
    const r = await importUnionMembers(deps(), townA, unionId, file([`孙丽娟,女,${A},,,,,,,`, `周强,男,${B},,,,,,,`, `孙丽娟,女,${A},,,,,,,`]));
    expect(r).toMatchObject({ applied: false, rows: 3, rejected: 3, created: 0 });
    const by = (row: number) => r.errors.filter((e) => e.row === row).map((e) => [e.column, e.code, e.message]);
    expect(by(2)).toEqual([['公民身份号码', 'DUPLICATE_IN_FILE', '公民身份号码在文件中重复出现（另见第 4 行）']]);
    expect(by(4)).toEqual([['公民身份号码', 'DUPLICATE_IN_FILE', '公民身份号码在文件中重复出现（另见第 2 行）']]);
    expect(by(3)).toEqual([['姓名', 'NAME_MISMATCH', '该公民身份号码已登记，登记的姓名与本行不一致，请核对']]);
    expect([await count('union_member'), await count('person')]).toEqual(before);
    await database.db.deleteFrom('person').where('name', '=', '登记名').execute();
  });

  it('dry run, apply, re-import: people sealed in the union region, history, roster date; then only the changes', async () => {
    const rows = [`孙丽娟,女,${A},13912340001,2019-04-01,A-101,北山科技有限公司,否,,在会`, `周强,,${B},,,A-102,某物流公司,是,华南劳务派遣有限公司,在会`];
    const dry = await importUnionMembers(deps(), townA, unionId, file(rows), { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, applied: false, rejected: 0, created: 2, updated: 0 });
    expect(await count('union_member')).toBe(0);

    const ok = await importUnionMembers(deps(), townA, unionId, file(rows));
    expect(ok).toMatchObject({ applied: true, rejected: 0, created: 2, updated: 0, unchanged: 0, rosterStarted: true });
    expect(ok.warnings.map((w) => [w.row, w.code])).toEqual([[3, 'DISPATCHED_ELSEWHERE']]);
    const members = await database.db.selectFrom('union_member as m').innerJoin('person as p', 'p.id', 'm.person_id')
      .select(['m.id', 'm.card_number', 'm.enterprise_id', 'm.employer_name', 'm.dispatched', 'm.dispatch_employer_name', 'm.status', 'm.status_since', 'm.source',
        'p.name', 'p.region_code', 'p.id_number_enc', 'p.phone_enc', 'p.gender', 'p.birth_date'])
      .where('m.union_id', '=', unionId).orderBy('m.card_number').execute();
    expect(members.map((m) => [m.name, m.card_number, m.enterprise_id, m.employer_name, m.dispatched, m.dispatch_employer_name, m.status, m.source, m.region_code]))
      .toEqual([['孙丽娟', 'A-101', covered, null, false, null, 'active', 'import', COMMUNITY_A1], ['周强', 'A-102', null, '某物流公司', true, '华南劳务派遣有限公司', 'active', 'import', COMMUNITY_A1]]);
    expect([decryptPii(keyring, members[0].id_number_enc!), decryptPii(keyring, members[0].phone_enc!), members[0].gender, members[0].birth_date]).toEqual([A, '13912340001', 'female', '1987-03-12']);
    expect(members[0].status_since).toBe('2019-04-01');
    expect(members[1].status_since).toBe(todayInChina());
    const joined = await database.db.selectFrom('union_member_event').select(['member_id', 'kind', 'at', 'data']).where('kind', '=', 'joined').orderBy('id').execute();
    expect(joined.map((e) => [e.kind, e.at, e.data])).toEqual([['joined', '2019-04-01', { source: 'import', importId: ok.importId }], ['joined', todayInChina(), { source: 'import', importId: ok.importId }]]);
    expect((await database.db.selectFrom('union_org').select('roster_since').where('id', '=', unionId).executeTakeFirstOrThrow()).roster_since).toBe(todayInChina());

    const events = await count('union_member_event');
    const again = await importUnionMembers(deps(), townA, unionId, file(rows));
    expect(again).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 2, rosterStarted: false });
    expect(await count('union_member_event')).toBe(events);

    // 孙丽娟: a new card, now 保留会籍, 工作单位 written as a name; an empty 入会日期 keeps the stored one.
    const changed = await importUnionMembers(deps(), townA, unionId, file([`孙丽娟,女,${A},,,A-201,某商店,否,,保留会籍`, rows[1]]));
    expect(changed).toMatchObject({ applied: true, created: 0, updated: 1, unchanged: 1 });
    const m = await database.db.selectFrom('union_member').selectAll().where('id', '=', members[0].id).executeTakeFirstOrThrow();
    expect([m.card_number, m.status, m.status_since, m.joined_on, m.enterprise_id, m.employer_name, m.version]).toEqual(['A-201', 'retained', todayInChina(), '2019-04-01', null, '某商店', 2]);
    const updated = await database.db.selectFrom('union_member_event').select('data').where('kind', '=', 'updated').where('member_id', '=', members[0].id).executeTakeFirstOrThrow();
    expect(updated.data).toEqual({
      source: 'import', importId: changed.importId,
      changes: { card_number: ['A-101', 'A-201'], enterprise_id: [covered, null], employer_name: [null, '某商店'], status: ['active', 'retained'] },
    });
    // The stage is gone with the import.
    const stages = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_tables WHERE tablename LIKE 'import_stage_%'`.execute(database.db);
    expect(stages.rows[0]?.n).toBe(0);
  });
});
