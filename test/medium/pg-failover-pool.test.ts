import net from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/database.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

/**
 * The server side of a failover (docs/deploy.md, "Failover"), on the run's real PostgreSQL server:
 * a URL naming a dead node first still connects to the live one, and an idle connection the server
 * terminates (what a failover or a restart does) neither ends the process nor fails the next query.
 * The whole formation is drilled by scripts/pg-failover-drill.mjs.
 */
const onPg = testEngine() === 'postgres';

async function deadPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe.skipIf(!onPg)('the pool behind a failover (PostgreSQL)', () => {
  let database: Database;
  let formation: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    // The test server: loopback, trust, user postgres (test/helpers/pg-server.ts); a dead node named first.
    const at = (await sql<{ db: string; port: number }>`SELECT current_database() AS db, inet_server_port() AS port`.execute(database.db)).rows[0]!;
    formation = await openDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:${await deadPort()},127.0.0.1:${at.port}/${at.db}?target_session_attrs=read-write`, poolSize: 2 });
  });
  afterAll(async () => {
    await formation?.close();
    await database?.close();
  });

  it('skips a node that is down and writes on the one that accepts writes', async () => {
    const r = await sql<{ ro: boolean }>`SELECT pg_is_in_recovery() AS ro`.execute(formation.db);
    expect(r.rows[0]!.ro).toBe(false);
    await formation.db.insertInto('app_setting').values({ key: 'drill.pool', value: JSON.stringify({ ok: 1 }) }).execute();
    expect(await formation.db.selectFrom('app_setting').select('key').where('key', '=', 'drill.pool').execute()).toHaveLength(1);
  });

  it('survives its idle connections being terminated, and the next query reconnects', async () => {
    const mine = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(formation.db);
    await sql`SELECT pg_terminate_backend(${mine.rows[0]!.pid})`.execute(database.db);
    await new Promise((r) => setTimeout(r, 200));
    const again = await sql<{ n: number }>`SELECT 1 AS n`.execute(formation.db);
    expect(again.rows[0]!.n).toBe(1);
  });
});
