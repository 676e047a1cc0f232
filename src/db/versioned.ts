import { sql } from 'kysely';

/**
 * The SET part of every optimistic update: the version moves on and updated_at is stamped in the
 * same statement whose WHERE checks the version the writer read. On READ COMMITTED PostgreSQL two
 * writers of one version cannot then both succeed — the second matches no row and answers 409.
 */
export const NEXT_VERSION = { version: sql<number>`version + 1`, updated_at: sql<Date>`now()` };
