import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { ReadReplica } from '../db/read-replica.js';
import type { RegionDictionary } from '../core/region/region-startup.js';

/** What every route plugin receives: the database and the settings. Services are built from these. */
export type AppContext = {
  database: Database;
  config: Config;
  /** The server's background dictionary load; absent (tests, tools) means ready. */
  regions?: RegionDictionary;
  /** A streaming replica for the coverage reads (LX_READ_DATABASE_URL); absent = the primary serves them. */
  readReplica?: ReadReplica;
};
