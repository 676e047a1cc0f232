import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';

/**
 * A database of its own for a CLI test on the engine under test: a fresh PostgreSQL database on the
 * suite's server (test:pg), else a PGlite directory. `prepare` runs the migrations then the test's
 * seeding and closes the database again — the CLI is a second process, and a PGlite directory must
 * never be open in two at once. `cli` runs `src/cli/index.ts` against it.
 */
export interface CliDatabase {
  dataDir: string;
  prepare(seed: (database: Database) => Promise<void>): Promise<void>;
  cli(...args: string[]): SpawnSyncReturns<string>;
  cleanup(): void;
}

export function cliDatabase(name: string, env: Record<string, string> = {}): CliDatabase {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `lx-${name}-`));
  let url: string | undefined;
  return {
    dataDir,
    async prepare(seed) {
      url = await freshPostgresDatabase();
      const database = await openDatabase(url ? { databaseUrl: url } : { dataDir });
      try {
        await migrate(database.db);
        await seed(database);
      } finally {
        await database.close();
      }
    },
    cli: (...args) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: url ?? '', LX_KEYS: '', LX_KEY_FILE: '', LX_REGION_SCOPE: '44', ...env },
      encoding: 'utf8',
    }),
    cleanup: () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function freshPostgresDatabase(): Promise<string | undefined> {
  const admin = inject('pgUrl');
  if (!admin) return undefined;
  const name = `lx_cli_${crypto.randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return admin.replace(/\/postgres$/, `/${name}`);
}
