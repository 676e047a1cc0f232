import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemActor } from '../src/core/access/actor.js';
import { requireAction } from '../src/core/access/require.js';
import { generateKeyringText, parseKeyring } from '../src/core/crypto/keyring.js';
import { insertMemberBatch } from '../src/core/member-import/member-batch.repository.js';
import * as stage from '../src/core/member-import/member-stage.repository.js';
import { writeMemberStage } from '../src/core/member-import/member-stage-writer.js';
import { openMemberFile } from '../src/core/member-import/read-member-file.js';
import { openSealer } from '../src/core/member-import/seal-thread.js';
import { dropStage } from '../src/core/import/import-stage.repository.js';
import { todayInChina } from '../src/domain/org-terms.js';
import { migrate } from '../src/db/migrate.js';
import { startPgServer } from '../test/helpers/pg-server.js';
import { freshPgDatabase } from './lib/pg-database.js';
import { generateFile } from './members.bench.js';

/**
 * `npx tsx bench/seal-thread-measure.mts [--rows N] [--rounds R] [--modes on,off]` (docs/benchmarks.md, "Sealing on a
 * thread"): the roster import's reading step alone (read, check, blind-index, seal, COPY into the
 * stage — writeMemberStage) on PostgreSQL, with the sealer on its worker thread and in-thread,
 * alternated R times on the same file, wall time and this process's CPU for each.
 */
const argv = process.argv.slice(2);
const at = (n: string, d: number) => (argv.includes(n) ? Number(argv[argv.indexOf(n) + 1]) : d);
const rows = at('--rows', 200_000);
const rounds = at('--rounds', 3);
const modes = (argv.includes('--modes') ? argv[argv.indexOf('--modes') + 1]! : 'on,off').split(',').map((m) => m === 'on');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-seal-measure-'));
const server = await startPgServer();
try {
  const { database } = await freshPgDatabase(server.url, 'lx_seal_measure');
  await migrate(database.db);
  const orgNames = Array.from({ length: 1000 }, (_, i) => `基准测试第${i + 1}党支部`);
  for (const name of orgNames) {
    const { id } = await database.db.insertInto('party_org').values({ name, org_type: 'branch', setup_mode: 'standalone' }).returning('id').executeTakeFirstOrThrow();
    await database.db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
  }
  const orgsFile = path.join(dir, 'orgs.txt');
  fs.writeFileSync(orgsFile, orgNames.join('\n') + '\n');
  const file = path.join(dir, 'members.csv');
  generateFile(file, orgsFile, rows);
  const keyring = parseKeyring(generateKeyringText(), 'env', null);
  const manage = requireAction(systemActor('bench'), 'org.manage');
  const today = todayInChina();
  for (let round = 0; round < rounds; round++) {
    for (const threaded of modes) {
      process.env.LX_IMPORT_SEAL_THREAD = threaded ? 'on' : 'off';
      const importId = await insertMemberBatch(database.db, { fileName: 'm.csv', fileSha256: '', actorId: null, dryRun: false, storedPath: null });
      await stage.createMemberStage(database.db, importId);
      const sealer = openSealer(keyring, { rows });
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const opened = await openMemberFile(file);
      await writeMemberStage({ database, keyring, sealValues: (v, k) => sealer.seal(v, k), resolveOrgs: (n) => stage.managedOrgsByName(database.db, n, manage) },
        importId, opened.rows, today, { seal: true, phonePresent: true });
      const wall = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      await sealer.close();
      await dropStage(database.db, importId);
      console.log(JSON.stringify({ round, threaded: sealer.threaded, rows, wallSeconds: +wall.toFixed(2), processCpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2), load: os.loadavg()[0]!.toFixed(1) }));
    }
  }
  await database.close();
} finally {
  server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
