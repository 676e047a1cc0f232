import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyringText, parseKeyring, type Keyring } from '../../src/core/crypto/keyring.js';
import { blindIndex, decryptPii } from '../../src/core/crypto/pii-cipher.js';
import { stageTable, dropStage } from '../../src/core/import/import-stage.repository.js';
import { csvLine } from '../../src/core/generator/write-file.js';
import { requireAction } from '../../src/core/access/require.js';
import { scopeFor } from '../../src/core/access/scope.js';
import type { Executor } from '../../src/db/schema.js';
import { insertMemberBatch } from '../../src/core/member-import/member-batch.repository.js';
import { importMembers } from '../../src/core/member-import/member-import.service.js';
import { sealNeededRows } from '../../src/core/member-import/member-seal.js';
import * as stage from '../../src/core/member-import/member-stage.repository.js';
import { writeMemberStage, type SealPlan } from '../../src/core/member-import/member-stage-writer.js';
import { openMemberFile } from '../../src/core/member-import/read-member-file.js';
import { sealValues, type SealValue } from '../../src/core/member-import/seal-thread.worker.js';
import type { Database } from '../../src/db/database.js';
import { idCheckChar } from '../../src/domain/id-number.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, seedRegions, TOWN_A } from '../helpers/org-fixtures.js';

/**
 * Where the roster import seals (issue 18 item 7): the reader seals, chunk by chunk, only the rows
 * its lookup says will need ciphertexts — unregistered people, changed phones — and the import's
 * transaction seals whatever the reader could not know (the roster changed in between), by the
 * second read of member-seal.ts. Both paths must end with every needed row sealed and no other.
 */
const townA = actorWith('township_officer', { regionPrefixes: ['330106001'] }, 'townA');
const TODAY = '2026-06-01';
const HEADER = ['姓名', '性别', '公民身份号码', '出生日期', '人员类别', '入党日期', '转正日期', '所在党支部', '联系电话'];
const idNo = (body17: string) => body17 + idCheckChar(body17);
const KEPT = idNo('33010619800101001');
const MOVED_PHONE = idNo('33010619800202002');
const NEW = idNo('33010619800303003');

describe(`member roster import: sealing on ${testEngine()}`, { timeout: 300_000 }, () => {
  let database: Database;
  let keyring: Keyring;
  let dir: string;

  const row = (id: string, phone: string) => {
    const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
    return ['王芳', Number(id[16]) % 2 ? '男' : '女', id, birth, '正式党员', '2010-07-01', '2011-07-01', '封印测试支部', phone];
  };
  function csv(name: string, rows: string[][]): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, ['党员信息导出', HEADER.join(','), ...rows.map((r) => csvLine(r).trimEnd())].join('\r\n'));
    return file;
  }
  /** Stages the file as the import does, runs the checks sealing depends on; returns the sealed ID numbers by row. */
  async function stageWith(file: string, plan: SealPlan): Promise<{ importId: string; sealed: () => Promise<Map<string, string>> }> {
    const importId = await insertMemberBatch(database.db, { fileName: 'x.csv', fileSha256: '', actorId: null, dryRun: false, storedPath: null });
    await stage.createMemberStage(database.db, importId);
    const opened = await openMemberFile(file);
    const manage = requireAction(townA, 'org.manage');
    const deps = {
      database, keyring, resolveOrgs: (names: string[]) => stage.managedOrgsByName(database.db, names, manage),
      sealValues: async (values: SealValue[], keyId: string) => sealValues(keyring, values, keyId),
    };
    await writeMemberStage(deps, importId, opened.rows, TODAY, plan);
    await stage.analyseMemberStage(database.db, importId);
    const sealed = async () => {
      const r = await sql<{ id_index: string; id_enc: string | null }>`SELECT id_index, id_enc FROM ${sql.table(stageTable(importId))}`.execute(database.db);
      return new Map(r.rows.filter((x) => x.id_enc).map((x) => [x.id_index, decryptPii(keyring, x.id_enc!)]));
    };
    return { importId, sealed };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    keyring = parseKeyring(generateKeyringText(), 'env', null);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-member-seal-'));
    const { id } = await database.db.insertInto('party_org').values({ name: '封印测试支部', org_type: 'branch', setup_mode: 'standalone', region_code: COMMUNITY_A1 })
      .returning('id').executeTakeFirstOrThrow();
    await database.db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
    const first = await importMembers({ database, keyring: () => keyring }, townA, csv('first.csv', [row(KEPT, '13800138000'), row(MOVED_PHONE, '13800138001')]), { today: TODAY });
    expect(first).toMatchObject({ applied: true, created: 2 });
  }, 300_000);
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const second = () => csv('second.csv', [row(KEPT, '13800138000'), row(MOVED_PHONE, '13900139001'), row(NEW, '13800138003')]);
  const index = (id: string) => blindIndex(keyring, 'id_number', id);
  const present = { post: false, employer: false, joinedOn: true, confirmedOn: true, ethnicity: false, education: false, phone: true };
  /** The checks the import runs before sealing (member-import.service.ts, checkAgainstDatabase). */
  async function checks(tx: Executor, importId: string): Promise<void> {
    await stage.resolveOrgs(tx, importId, requireAction(townA, 'org.manage'));
    await stage.rejectRepeats(tx, importId);
    await stage.resolvePeople(tx, importId, scopeFor(townA, 'org.read'));
    await stage.computeChanges(tx, importId, present);
  }

  it('the reader seals the new person and the changed phone only, so the transaction reads nothing again', async () => {
    const s = await stageWith(second(), { seal: true, phonePresent: true });
    try {
      expect(await s.sealed()).toEqual(new Map([[index(MOVED_PHONE), MOVED_PHONE], [index(NEW), NEW]]));
      const fallback = await database.db.transaction().execute(async (tx) => {
        await checks(tx, s.importId);
        return sealNeededRows(tx, s.importId, '/nonexistent-file-never-read.csv', keyring, TODAY);
      });
      expect(fallback).toBe(0);
    } finally {
      await dropStage(database.db, s.importId);
    }
  });

  it('rows the reader did not seal are sealed in the transaction once the checks know they need it', async () => {
    const file = second();
    const s = await stageWith(file, { seal: false, phonePresent: true });
    try {
      expect((await s.sealed()).size).toBe(0);
      const sealedNow = await database.db.transaction().execute(async (tx) => {
        await checks(tx, s.importId);
        return sealNeededRows(tx, s.importId, file, keyring, TODAY);
      });
      expect(sealedNow).toBe(2);
      expect(await s.sealed()).toEqual(new Map([[index(MOVED_PHONE), MOVED_PHONE], [index(NEW), NEW]]));
    } finally {
      await dropStage(database.db, s.importId);
    }
  });

  it('the reader resolves 所在党支部; an organisation renamed or duplicated before the transaction is resolved again there', async () => {
    const s = await stageWith(second(), { seal: false, phonePresent: true });
    const errorsIn = async (tx: Executor) => (await tx.selectFrom('import_row_error').select(['row', 'code']).where('import_id', '=', s.importId).orderBy('row').execute()).map((e) => e.code);
    const undo = new Error('roll back');
    const inTx = async (change: (tx: Executor) => Promise<void>) => {
      let codes: string[] = [];
      await database.db.transaction().execute(async (tx) => {
        await change(tx);
        await stage.resolveOrgs(tx, s.importId, requireAction(townA, 'org.manage'));
        codes = await errorsIn(tx);
        throw undo;
      }).catch((e: unknown) => { if (e !== undo) throw e; });
      return codes;
    };
    try {
      const staged = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(stageTable(s.importId))} WHERE org_id IS NOT NULL AND org_count = 1`.execute(database.db);
      expect(staged.rows[0]!.n).toBe(3);
      expect(await inTx(async () => undefined)).toEqual([]);
      expect(await inTx(async (tx) => { await tx.updateTable('party_org').set({ name: '封印测试支部（已更名）' }).where('name', '=', '封印测试支部').execute(); }))
        .toEqual(['ORG_UNKNOWN', 'ORG_UNKNOWN', 'ORG_UNKNOWN']);
      expect(await inTx(async (tx) => {
        // The same name in the street itself (names are unique within one place only).
        const { id } = await tx.insertInto('party_org').values({ name: '封印测试支部', org_type: 'branch', setup_mode: 'standalone', region_code: TOWN_A }).returning('id').executeTakeFirstOrThrow();
        await tx.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
      })).toEqual(['ORG_AMBIGUOUS', 'ORG_AMBIGUOUS', 'ORG_AMBIGUOUS']);
    } finally {
      await dropStage(database.db, s.importId);
    }
  });

  it('the whole import stores the new person and the changed phone readable, and a re-run seals and changes nothing', async () => {
    const deps = { database, keyring: () => keyring };
    const r = await importMembers(deps, townA, second(), { today: TODAY });
    expect(r).toMatchObject({ applied: true, created: 1, updated: 1, unchanged: 1 });
    const people = await database.db.selectFrom('person').select(['id_number_enc', 'phone_enc', 'version']).where('id_number_index', 'in', [index(MOVED_PHONE), index(NEW)]).execute();
    expect(people.map((p) => decryptPii(keyring, p.id_number_enc!)).sort()).toEqual([MOVED_PHONE, NEW].sort());
    expect(people.map((p) => decryptPii(keyring, p.phone_enc!)).sort()).toEqual(['13800138003', '13900139001']);
    const again = await importMembers(deps, townA, second(), { today: TODAY });
    expect(again).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 3 });
  });
});
