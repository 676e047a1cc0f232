import { performance } from 'node:perf_hooks';
import { systemActor, type Actor } from '../src/core/access/actor.js';
import { listEnterprises } from '../src/core/enterprise/enterprise.service.js';
import { openDatabase } from '../src/db/database.js';

/**
 * Ledger search timing (docs/web.md "Ledger search"): the list with its total for a few queries,
 * warm median of N runs, as the whole-ledger admin and as a street officer.
 * Usage: DATA_DIR=… | DATABASE_URL=… npx tsx bench/search-measure.ts [queries…]
 */
const queries = process.argv.slice(2).length ? process.argv.slice(2) : ['jdgg', 'gkbh', '聚鼎', 'MA0023', 'szs'];
const street: Actor = { ...systemActor('bench'), kind: 'user', grants: [{ role: 'township_officer', allRegions: false, regionPrefixes: ['440305003'], parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [] }] };

const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR, purpose: 'search-measure' });
const n = await database.db.selectFrom('enterprise').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
console.log(`${database.engine}, ${n.n} enterprises`);
for (const [who, actor] of [['admin', systemActor('bench')], ['street', street]] as const) {
  for (const q of queries) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      total = (await listEnterprises(database.db, actor, { q, sort: 'name', order: 'asc', limit: 50 })).total;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`${who.padEnd(6)} q=${q.padEnd(8)} total=${String(total).padStart(6)} median=${times[3]!.toFixed(1)} ms  max=${times[6]!.toFixed(1)} ms`);
  }
}
await database.close();
