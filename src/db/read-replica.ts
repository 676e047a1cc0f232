import { Kysely, PostgresDialect, sql } from 'kysely';
import type { DB, Db } from './schema.js';
import { createPgPool, parsePgUrl } from './pg-pool.js';

/**
 * A streaming replica that serves the coverage figures, drill-down lists and trends
 * (LX_READ_DATABASE_URL; docs/deploy.md, "A replica for reports"). Only reads that write nothing go
 * there — exports and reveals write their audit entry in the same transaction, so they stay on the
 * primary. What a replica serves may lag: its age is measured on every read and sent with the answer
 * (header X-Data-Lag-Seconds), and the page says how old the figures are.
 */
export type ReadReplica = {
  db: Db;
  /** Seconds since the last transaction the replica replayed (0 when it is in step), or null when it is not a replica. */
  lagSeconds(): Promise<number | null>;
  close(): Promise<void>;
};

/** Several hosts named for the replica: any node that answers will do (a read needs no primary). */
function anyNode(url: string): string {
  if (parsePgUrl(url).hosts.length < 2) return url;
  if (/[?&]target_session_attrs=/.test(url)) return url.replace(/target_session_attrs=[a-z-]+/, 'target_session_attrs=any');
  return `${url}${url.includes('?') ? '&' : '?'}target_session_attrs=any`;
}

export function openReadReplica(url: string, max = 5): ReadReplica {
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: createPgPool(anyNode(url), max) }) });
  return {
    db,
    async lagSeconds() {
      // On a replica with nothing to replay, the last replayed time stands still although it is in step:
      // when everything received is replayed the lag is 0.
      const r = await sql<{ replica: boolean; lag: string | null }>`SELECT pg_is_in_recovery() AS replica,
        CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
             ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp()) END AS lag`.execute(db);
      const row = r.rows[0];
      return row?.replica ? Math.max(0, Math.round(Number(row.lag ?? 0))) : null;
    },
    close: () => db.destroy(),
  };
}
