import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';

/**
 * Names the roster generator may use when no list is given: active organisations whose name is
 * unique (a repeated name is refused by the import as ambiguous), optionally under a region prefix,
 * in id order so the same database gives the same roster.
 */
export async function listOrgNamesForRoster(db: Executor, regionPrefix: string | null): Promise<string[]> {
  const r = await sql<{ name: string }>`SELECT name FROM party_org WHERE status = 'active'
      ${regionPrefix ? sql`AND region_code LIKE ${regionPrefix + '%'}` : sql``}
    GROUP BY name HAVING count(*) = 1 ORDER BY min(id)`.execute(db);
  return r.rows.map((x) => x.name);
}
