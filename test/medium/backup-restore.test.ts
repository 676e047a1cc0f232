import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { systemActor, type Actor } from '../../src/core/access/actor.js';
import { recordAudit } from '../../src/core/audit/audit.service.js';
import { verifyAuditChain } from '../../src/core/audit/audit-verify.js';
import { takeBackup } from '../../src/core/backup/backup.service.js';
import { restoreBackup } from '../../src/core/backup/restore.service.js';
import { generateKeyringText, parseKeyring } from '../../src/core/crypto/keyring.js';
import { createPerson, getPerson } from '../../src/core/person/person.service.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { REGIONS, seedRegions } from '../factories/enterprise.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

/**
 * The restore drill (issue 18): a small installation with personal data and an audit chain is backed
 * up while writes go on, restored into a fresh directory (and, on the PostgreSQL run, a fresh server
 * database) and compared; the CLI as npm installs it backs up encrypted, restores, refuses a target
 * that holds data; `db migrate-to` moves an embedded directory to PostgreSQL, killed half-way and
 * resumed, with the same audit chain.
 */
const KEYS = generateKeyringText();
const keyring = parseKeyring(KEYS, 'env', null);
const officer: Actor = {
  kind: 'user', userId: null, username: 'zhang', ip: '10.1.1.1', userAgent: null,
  grants: [{ role: 'org_admin', allRegions: true, regionPrefixes: [], parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [] }],
};
const PEOPLE = [['王建国', '110105199003071239', '13800138000'], ['李秀英', '11010519491231002X', '13912345678']] as const;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-backup-'));
const actor = systemActor('test');

async function seed(database: Database): Promise<string[]> {
  await seedRegions(database.db);
  const ids: string[] = [];
  for (const [name, idNumber, phone] of PEOPLE) {
    ids.push((await createPerson({ db: database.db, keyring }, officer, { name, idNumber, phone, regionCode: REGIONS[3]!.code })).id);
  }
  return ids;
}

async function freshPostgres(): Promise<string> {
  const admin = new pg.Client({ connectionString: inject('pgUrl') });
  await admin.connect();
  const name = `lx_bk_${crypto.randomBytes(5).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return inject('pgUrl').replace(/\/postgres$/, `/${name}`);
}

/** The package's bin under the name npm links it with (node_modules/.bin/liangxin), as test/unit/cli-bin.test.ts. */
function installedBin(): string {
  const bin = path.join(tmp, 'node_modules', '.bin', 'liangxin');
  if (!fs.existsSync(bin)) {
    fs.mkdirSync(path.dirname(bin), { recursive: true });
    fs.symlinkSync(path.resolve('.'), path.join(tmp, 'node_modules', 'liangxin'), 'dir');
    fs.symlinkSync(path.join('..', 'liangxin', 'bin', 'liangxin.js'), bin);
  }
  return bin;
}

const liangxin = (env: Record<string, string>, ...args: string[]) => spawnSync(installedBin(), args, {
  cwd: tmp, encoding: 'utf8', timeout: 120_000,
  env: { ...process.env, DATABASE_URL: '', LX_KEY_FILE: '', LX_KEYS: KEYS, LX_BACKUP_PASSPHRASE: '', LOG_LEVEL: 'silent', ...env },
});

describe(`backup, restore and migrate-to on ${testEngine()}`, () => {
  let source: Database;
  let people: string[];
  const file = path.join(tmp, 'drill.lxbak');
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  beforeAll(async () => {
    source = await createTestDatabase();
    people = await seed(source);
  });

  it('a backup taken while writes go on restores to its snapshot, table for table, with the audit chain whole', async () => {
    // On PostgreSQL the writes run on other connections while the snapshot is read. PGlite has one
    // connection, so in-process writes only queue behind the backup (and the two hung together in
    // this file once: see docs/decisions/0003-backup.md, "What is left").
    let writing = testEngine() === 'postgres';
    const writes = (async () => {
      for (let i = 0; writing || (testEngine() === 'postgres' && i < 3); i++) {
        await source.db.transaction().execute((tx) => recordAudit(tx, officer, { action: 'person.update', entity: 'person', entityId: people[0], after: { i } }));
      }
    })();
    const backup = await takeBackup(source, actor, file, { passphrase: null });
    writing = false;
    await writes;
    const head = backup.manifest.auditHead!;
    expect(backup.trailer.tables.find((t) => t.name === 'person')?.rows).toBe(PEOPLE.length);

    const targets: Database[] = [await openDatabase({ dataDir: path.join(tmp, 'restored'), purpose: 'test' })];
    if (testEngine() === 'postgres') targets.push(await openDatabase({ databaseUrl: await freshPostgres(), poolSize: 2 }));
    for (const target of targets) {
      try {
        const r = await restoreBackup(target, actor, file, { passphrase: null, macKey: null });
        expect(r.rows).toBe(backup.trailer.tables.reduce((n, t) => n + t.rows, 0));
        expect(r.auditChecked).toBeGreaterThanOrEqual(PEOPLE.length);
        // the chain ends on the snapshot's head, then the restore's own entry
        const tail = await target.db.selectFrom('audit_event').select(['seq', 'hash', 'action', 'prev_hash']).orderBy('seq', 'desc').limit(2).execute();
        expect(tail[1]).toMatchObject({ seq: head.seq, hash: head.hash });
        expect(tail[0]).toMatchObject({ action: 'backup.restore', prev_hash: head.hash });
        expect((await verifyAuditChain(target.db)).ok).toBe(true);
        // personal data came over as ciphertext and opens with the same keys
        const person = await getPerson({ db: target.db, keyring }, officer, people[1]!, true);
        expect(person.idNumber).toBe(PEOPLE[1][1]);
        // identity sequences go on after the restored rows
        const next = await createPerson({ db: target.db, keyring }, officer, { name: '赵敏', regionCode: REGIONS[3]!.code });
        expect(BigInt(next.id)).toBeGreaterThan(BigInt(people.at(-1)!));
      } finally {
        await target.close();
      }
    }
  });

  it('refuses a target that holds data, and a wrong passphrase, before writing anything', async () => {
    const before = await source.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    await expect(restoreBackup(source, actor, file, { passphrase: null, macKey: null })).rejects.toMatchObject({ code: 'TARGET_NOT_EMPTY' });
    const sealed = path.join(tmp, 'sealed.lxbak');
    await takeBackup(source, actor, sealed, { passphrase: '正确的口令 correct' });
    expect(fs.readFileSync(sealed).includes(Buffer.from('王建国'))).toBe(false);
    await expect(restoreBackup(source, actor, sealed, { passphrase: 'wrong passphrase', macKey: null })).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
    await expect(restoreBackup(source, actor, sealed, { passphrase: null, macKey: null })).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
    const after = await source.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1); // the second backup's own entry, nothing else
  });

  describe('through the CLI as npm installs it', () => {
    const dir = path.join(tmp, 'embedded');
    let head: { seq: string; hash: string };
    beforeAll(async () => {
      const database = await openDatabase({ dataDir: dir, purpose: 'test' });
      try {
        await migrate(database.db);
        await seed(database);
        const last = await database.db.selectFrom('audit_event').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
        head = last;
      } finally {
        await database.close();
      }
    });

    it.skipIf(testEngine() === 'postgres')('backs up encrypted, restores into a new directory, refuses it the second time', () => {
      const sealed = path.join(tmp, 'cli.lxbak');
      const refused = liangxin({ DATA_DIR: dir }, 'backup', sealed, '--encrypt');
      expect(refused.status, refused.stderr).toBe(2);
      expect(refused.stderr).toContain('LX_BACKUP_PASSPHRASE');
      const made = liangxin({ DATA_DIR: dir, LX_BACKUP_PASSPHRASE: 'district backup 2026' }, 'backup', sealed, '--encrypt');
      expect(made.status, made.stderr).toBe(0);
      expect(made.stdout).toContain('已加密');
      expect(made.stdout).toContain('请另行备份密钥文件');
      const into = path.join(tmp, 'cli-restored');
      const restored = liangxin({ LX_BACKUP_PASSPHRASE: 'district backup 2026' }, 'restore', sealed, '--data-dir', into);
      expect(restored.status, restored.stderr).toBe(0);
      expect(restored.stdout).toContain('审计日志链完整');
      const again = liangxin({ LX_BACKUP_PASSPHRASE: 'district backup 2026' }, 'restore', sealed, '--data-dir', into);
      expect(again.status).toBe(2);
      expect(again.stderr).toContain('TARGET_NOT_EMPTY');
    });

    it.skipIf(testEngine() !== 'postgres')('db migrate-to: killed after five tables, resumed, verified with the same audit chain', async () => {
      const url = await freshPostgres();
      const killed = liangxin({ DATA_DIR: dir, LX_FAILPOINT_MIGRATE_STOP_AFTER_TABLES: '5' }, 'db', 'migrate-to', url);
      expect(killed.signal).toBe('SIGKILL');
      const target = await openDatabase({ databaseUrl: url, poolSize: 1 });
      try {
        const marks = await target.withCopyConnection((c) => c.query('SELECT name FROM lx_migrate_progress'));
        expect(marks).toHaveLength(5);
        const resumed = liangxin({ DATA_DIR: dir }, 'db', 'migrate-to', url, '--json');
        expect(resumed.status, resumed.stderr).toBe(0);
        const r = JSON.parse(resumed.stdout.trim().split('\n').at(-1)!) as { resumed: boolean; auditHead: { seq: string; hash: string } };
        expect(r).toMatchObject({ resumed: true, auditHead: head });
        const at = await target.db.selectFrom('audit_event').select('hash').where('seq', '=', head.seq).executeTakeFirstOrThrow();
        expect(at.hash).toBe(head.hash);
        expect((await verifyAuditChain(target.db)).ok).toBe(true);
        const again = liangxin({ DATA_DIR: dir }, 'db', 'migrate-to', url);
        expect(again.stderr).toContain('TARGET_NOT_EMPTY');
      } finally {
        await target.close();
      }
    });
  });
});
