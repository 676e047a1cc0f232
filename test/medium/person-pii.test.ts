import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../src/core/access/actor.js';
import { verifyAuditChain } from '../../src/core/audit/audit-verify.js';
import { addKey, reencryptAll, retireKey } from '../../src/core/crypto/key-rotation.service.js';
import { loadKeyring, type Keyring } from '../../src/core/crypto/keyring.js';
import { decryptPii, encryptPii } from '../../src/core/crypto/pii-cipher.js';
import { createPerson, findPersonIdByIdNumber, getPerson, listPeople, updatePerson } from '../../src/core/person/person.service.js';
import { acceptApplication } from '../../src/core/union-join/union-join.decide.js';
import { applyToJoin } from '../../src/core/union-join/union-join.public.js';
import { ensureLink } from '../../src/core/union-join/union-join.repository.js';
import { listUnionApplications } from '../../src/core/union-join/union-join.service.js';
import type { Database } from '../../src/db/database.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

const grant = (role: string) => ({ role, allRegions: true, regionPrefixes: [], parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [] });
const userActor = (role: string): Actor => ({ kind: 'user', userId: null, username: `u_${role}`, ip: '10.1.1.1', userAgent: null, grants: [grant(role)] });
const admin = userActor('org_admin'); // holds pii.view
const township = userActor('township_officer'); // manages orgs, no pii.view
const memberOnly = userActor('member');
const ID = '110105199003071239';
const ID2 = '11010519491231002X';

describe(`person and personal data on ${testEngine()}`, () => {
  let database: Database;
  let keyring: Keyring;
  let dir: string;
  const deps = () => ({ db: database.db, keyring });

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-person-'));
    keyring = loadKeyring({ dataDir: dir, engine: 'pglite' }, () => {});
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores ID and phone only encrypted: no 18-digit number or phone anywhere in the row, nor in the audit log', async () => {
    const p = await createPerson(deps(), township, { name: '张三', idNumber: ID, phone: '138 0000 1234' });
    // the birth date is the 8 digits the mask hides: never shown beside a masked number
    expect(p).toMatchObject({ idNumber: '110105********1239', phone: '138****1234', gender: 'male', birthDate: null, revealed: false });
    const rows = await sql<Record<string, unknown>>`SELECT * FROM person`.execute(database.db);
    const text = JSON.stringify(rows.rows);
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(text).not.toContain('13800001234');
    const audit = JSON.stringify((await sql`SELECT * FROM audit_event`.execute(database.db)).rows);
    expect(audit).not.toContain(ID);
    expect(audit).not.toContain('13800001234');
  });

  it('finds by ID number through the blind index, in either 15- or 18-digit form, and refuses duplicates', async () => {
    const id = await findPersonIdByIdNumber(deps(), ID);
    expect(id).not.toBeNull();
    expect(await findPersonIdByIdNumber(deps(), '110105900307123')).toBe(id); // legacy 15-digit form
    const found = await listPeople(deps(), admin, { idNumber: ID.toLowerCase(), limit: 10 });
    expect(found.items.map((p) => p.id)).toEqual([id]);
    await expect(createPerson(deps(), township, { name: '张三（重复）', idNumber: '110105900307123' }))
      .rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(createPerson(deps(), township, { name: '错号', idNumber: '110105199003071238' }))
      .rejects.toMatchObject({ code: 'INVALID_ID_NUMBER', details: [expect.objectContaining({ field: 'idNumber', code: 'check_char' })] });
  });

  it('masked without pii.view; clear with pii.view and reveal, and that reveal is audited', async () => {
    const id = (await findPersonIdByIdNumber(deps(), ID))!;
    expect((await getPerson(deps(), township, id, false)).idNumber).toBe('110105********1239');
    await expect(getPerson(deps(), township, id, true)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getPerson(deps(), memberOnly, id, false)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const before = await database.db.selectFrom('audit_event').select('seq').where('action', '=', 'pii.view').execute();
    const clear = await getPerson(deps(), admin, id, true);
    expect(clear).toMatchObject({ idNumber: ID, phone: '13800001234', revealed: true });
    const views = await database.db.selectFrom('audit_event').selectAll().where('action', '=', 'pii.view').execute();
    expect(views.length).toBe(before.length + 1);
    expect(views.at(-1)).toMatchObject({ actor_name: 'u_org_admin', ip: '10.1.1.1', entity: 'person', entity_id: id });
    await expect(getPerson(deps(), admin, '999999', false)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('updates with optimistic versions; changing the ID number re-derives gender and birth date', async () => {
    const id = (await findPersonIdByIdNumber(deps(), ID))!;
    const current = await getPerson(deps(), admin, id, false);
    const updated = await updatePerson(deps(), township, id, { version: current.version, idNumber: ID2 });
    expect(updated).toMatchObject({ idNumber: '110105********002X', gender: 'female', birthDate: null, phone: '138****1234' });
    expect(await getPerson(deps(), admin, id, true)).toMatchObject({ idNumber: ID2, birthDate: '1949-12-31' });
    await expect(updatePerson(deps(), township, id, { version: current.version, name: '李四' })).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    await expect(updatePerson(deps(), township, id, { version: updated.version, gender: 'male' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await findPersonIdByIdNumber(deps(), ID)).toBeNull();
    expect(await findPersonIdByIdNumber(deps(), ID2)).toBe(id);
  });

  it('keys rotate: new key current, every value re-encrypted and readable, old key retired afterwards', async () => {
    for (let i = 0; i < 5; i++) {
      await createPerson(deps(), township, { name: `人员${i}`, phone: `1390000000${i}` });
    }
    // A 亮身份 declaration awaiting the street holds a sealed ID number and phone too.
    const ent = await database.db.insertInto('enterprise').values({ credit_code: '91110105MAROTATE01', name: '轮换测试企业', region_code: null }).returning('id').executeTakeFirstOrThrow();
    const decl = await database.db.insertInto('member_declaration').values({
      name: '申报人', id_number_enc: encryptPii(keyring, ID), id_number_index: 'rotation-test', phone_enc: encryptPii(keyring, '13900009999'),
      enterprise_id: ent.id, named_org: '原单位党支部', category: 'full', channel: 'self',
    }).returning('id').executeTakeFirstOrThrow();
    const system = systemActor('cli');
    await expect(retireKey(database.db, system, keyring, 'k1')).rejects.toMatchObject({ code: 'CONFLICT' }); // current
    keyring = addKey(keyring);
    expect(keyring.current).toBe('k2');
    await expect(retireKey(database.db, system, keyring, 'k1')).rejects.toThrow(/reencrypt/); // still in use
    const result = await reencryptAll(database.db, system, keyring);
    expect(result.people).toBe(6);
    expect(result.declarations).toBe(1);
    const sealed = await database.db.selectFrom('member_declaration').select(['id_number_enc', 'phone_enc']).where('id', '=', decl.id).executeTakeFirstOrThrow();
    expect([sealed.id_number_enc.split(':')[0], sealed.phone_enc!.split(':')[0]]).toEqual(['k2', 'k2']);
    expect([decryptPii(keyring, sealed.id_number_enc), decryptPii(keyring, sealed.phone_enc!)]).toEqual([ID, '13900009999']);
    const keys = await database.db.selectFrom('person').select('key_id').distinct().execute();
    expect(keys.map((k) => k.key_id).filter(Boolean)).toEqual(['k2']);
    keyring = await retireKey(database.db, system, keyring, 'k1');
    const onDisk = loadKeyring({ dataDir: dir, engine: 'pglite' }, () => {});
    expect([...onDisk.keys.keys()]).toEqual(['k2']);
    const all = await listPeople({ db: database.db, keyring: onDisk }, admin, { limit: 50 });
    expect(all.items.map((p) => p.phone)).toContain('139****0004');
    const id = (await findPersonIdByIdNumber({ db: database.db, keyring: onDisk }, ID2))!;
    expect((await getPerson({ db: database.db, keyring: onDisk }, admin, id, true)).idNumber).toBe(ID2);
    expect(await database.db.selectFrom('audit_event').select('action').where('action', 'like', 'keys.%').orderBy('seq').execute())
      .toEqual([{ action: 'keys.rotate' }, { action: 'keys.retire' }]);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('keys rotate: a sealed 扫码入会 application moves to the new key, and opens and is accepted once the old key is gone', async () => {
    const ID3 = '110105198807153411';
    const u = await database.db.insertInto('union_org').values({ name: '轮换测试工会委员会', kind: 'standalone', region_code: null }).returning('id').executeTakeFirstOrThrow();
    await ensureLink(database.db, u.id, 'rotation-test-token-000000000000');
    const before = keyring.current;
    await applyToJoin(deps(), 'rotation-test-token-000000000000', { name: '入会人', idNumber: ID3, phone: '13900007777', employer: '轮换测试企业' }, { ip: '10.9.9.9', userAgent: null });
    const row = () => database.db.selectFrom('union_application').select(['id', 'key_id', 'id_number_enc', 'phone_enc', 'version']).where('union_id', '=', u.id).executeTakeFirstOrThrow();
    expect((await row()).key_id).toBe(before);
    const system = systemActor('cli');
    keyring = addKey(keyring);
    await expect(retireKey(database.db, system, keyring, before)).rejects.toThrow(/1 份扫码入会申请/); // still in use
    expect((await reencryptAll(database.db, system, keyring)).applications).toBe(1);
    const sealed = await row();
    expect([sealed.key_id, sealed.id_number_enc.split(':')[0], sealed.phone_enc.split(':')[0]]).toEqual([keyring.current, keyring.current, keyring.current]);
    keyring = await retireKey(database.db, system, keyring, before);
    const onDisk = loadKeyring({ dataDir: dir, engine: 'pglite' }, () => {});
    expect(onDisk.keys.has(before)).toBe(false);
    const d = { db: database.db, keyring: onDisk };
    const page = await listUnionApplications(d, admin, u.id, { limit: 20 });
    expect(page.items.map((a) => [a.name, a.idNumber, a.phone])).toEqual([['入会人', '110105********3411', '139****7777']]);
    await acceptApplication(d, admin, sealed.id, { version: sealed.version });
    const personId = (await findPersonIdByIdNumber(d, ID3))!;
    expect((await getPerson(d, admin, personId, true)).phone).toBe('13900007777');
  });
});
