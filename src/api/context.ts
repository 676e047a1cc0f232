import type { Config } from '../config.js';
import type { Database } from '../db/database.js';

/** What every route plugin receives: the database and the settings. Services are built from these. */
export type AppContext = { database: Database; config: Config };
