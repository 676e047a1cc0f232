import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { systemActor } from '../src/core/access/actor.js';
import { generateChanges } from '../src/core/generator/changes.js';
import { generateEnterprises } from '../src/core/generator/enterprises.js';
import { writeEnterpriseFile } from '../src/core/generator/write-file.js';
import { prepareFileImport } from '../src/core/import/import-file.service.js';
import { loadRegions } from '../src/core/region/region-load.service.js';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';

/**
 * Profiling aid for the re-import (docs/benchmarks.md, Import), against a server you keep running:
 * `SERVER=postgres://…/postgres npx tsx bench/import-profile.ts seed DIR N` generates DIR's two files
 * (N rows and its 1%-changed month after) and first-imports the base into database lx_prof_base;
 * `… run DIR` clones that database (CREATE DATABASE … TEMPLATE, then pg_prewarm) and re-imports the month-after
 * file into the clone, printing the time of each import phase (from the progress reports); run it
 * under `node --cpu-prof` to see where Node's time goes.
 */
const REGION = '4403';
const server = process.env.SERVER ?? 'postgres://postgres@127.0.0.1:55432/postgres';
const dbUrl = (name: string) => server.replace(/\/[^/]*$/, `/${name}`);

async function admin(sqlText: string): Promise<void> {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  try {
    await c.query(sqlText);
  } finally {
    await c.end();
  }
}

/** A fresh clone starts with nothing cached; the bench's re-import follows a first import that left it warm. */
async function prewarm(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
    await c.query(`SELECT pg_prewarm(c.oid::regclass) FROM pg_class c WHERE c.relkind IN ('r', 'i') AND c.relnamespace = 'public'::regnamespace`);
  } finally {
    await c.end();
  }
}

async function importFile(url: string, file: string): Promise<void> {
  const database = await openDatabase({ databaseUrl: url, purpose: 'bench' });
  try {
    const t0 = performance.now();
    let last = t0;
    let phase = '';
    const prepared = await prepareFileImport(database, systemActor('bench'), { path: file, fileName: path.basename(file), source: 'bench', dryRun: false });
    console.log(`prepare ${Math.round(performance.now() - t0)} ms`);
    const result = await prepared.run({
      onProgress: (p) => {
        if (p.phase !== phase) {
          const now = performance.now();
          console.log(`  ${phase || 'start'} → ${p.phase} at ${Math.round(now - t0)} ms (+${Math.round(now - last)})`);
          last = now;
          phase = p.phase ?? '';
        }
      },
    });
    const { errors: _e, ...counts } = result;
    console.log(`total ${Math.round(performance.now() - t0)} ms (last phase ${phase} +${Math.round(performance.now() - last)})`, JSON.stringify(counts));
  } finally {
    await database.close();
  }
}

async function main([cmd, dir, n]: string[]): Promise<void> {
  const base = path.join(dir!, 'base.csv');
  const next = path.join(dir!, 'next.csv');
  if (cmd === 'seed') {
    fs.mkdirSync(dir!, { recursive: true });
    await writeEnterpriseFile(base, generateEnterprises({ count: Number(n), seed: 1, region: REGION }), { format: 'csv' });
    await generateChanges({ input: base, output: next, percent: 1, seed: 2, region: REGION });
    await admin('DROP DATABASE IF EXISTS lx_prof_base');
    await admin('CREATE DATABASE lx_prof_base');
    const database = await openDatabase({ databaseUrl: dbUrl('lx_prof_base'), purpose: 'bench' });
    await migrate(database.db);
    await loadRegions(database, systemActor('bench'), { scope: [REGION] });
    await database.close();
    await importFile(dbUrl('lx_prof_base'), base);
    await admin('VACUUM ANALYZE');
    return;
  }
  if (cmd === 'run') {
    await admin('DROP DATABASE IF EXISTS lx_prof_run');
    await admin('CREATE DATABASE lx_prof_run TEMPLATE lx_prof_base');
    await prewarm(dbUrl('lx_prof_run'));
    await importFile(dbUrl('lx_prof_run'), process.argv[5] ?? next);
    return;
  }
  throw new Error('usage: import-profile.ts seed DIR N | run DIR [FILE]');
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
