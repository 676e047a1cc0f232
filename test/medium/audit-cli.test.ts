import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { recordAudit } from '../../src/core/audit/audit.service.js';
import { openDatabase } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { testEngine } from '../helpers/db.js';

/** The "done when" of issue 4: a tampered row is caught by `liangxin audit verify`, exit code 1. */
describe(`liangxin audit verify on ${testEngine()}`, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-audit-cli-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  async function databaseUrl(): Promise<string | undefined> {
    const admin = inject('pgUrl');
    if (!admin) return undefined;
    const name = `lx_cli_${crypto.randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    return admin.replace(/\/postgres$/, `/${name}`);
  }

  it('reports the altered seq as JSON and exits 1', async () => {
    const url = await databaseUrl();
    const database = await openDatabase(url ? { databaseUrl: url } : { dataDir });
    let tampered: string;
    try {
      await migrate(database.db);
      await database.db.transaction().execute(async (tx) => {
        for (let i = 0; i < 3; i++) await recordAudit(tx, systemActor('t'), { action: 'test.write', entity: 'thing', after: { i } });
      });
      const rows = await database.db.selectFrom('audit_event').select('seq').orderBy('seq').execute();
      tampered = rows[1].seq;
      await sql`UPDATE audit_event SET after = '{"i": 42}' WHERE seq = ${tampered}`.execute(database.db);
    } finally {
      await database.close();
    }
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: url ?? '', LX_KEYS: '', LX_KEY_FILE: '' };
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'audit', 'verify', '--json'], { env, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(1);
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { ok: boolean; problems: Array<{ seq: string; kind: string }> };
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ seq: tampered, kind: 'altered' })]);
  });
});
