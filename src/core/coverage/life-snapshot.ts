import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { LIFE_METRIC } from '../../domain/life-metric.js';
import { REGION_LENGTHS } from '../../domain/metrics.js';
import type { Scope } from '../access/scope.js';
import { lifeOptions } from '../life/life-settings.js';
import { rollupSql } from '../life/life-rollup.repository.js';

/**
 * 组织生活达标率 in the month-end snapshot (docs/life.md, "In the coverage analytics"): taken with
 * the enterprise metrics, in the same transaction, as pairs under the metric id `lifeCompliance`
 * for the whole jurisdiction and every region node — never for park, association, industry or size
 * (organisations are not filed by those). The figure is the roll-up of the month end's year judged
 * on the month end, counting each 党支部 by its own place — the query behind the live figure and
 * the /life drill-down, so a stored month opens the same branches with `date` = its last day.
 * Snapshots taken before this one have no such rows: the trend shows no value there, not 0.
 */
const WHOLE: Scope = { all: true, regionPrefixes: [], parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [] };

/** Region nodes over the per-code counts, as the enterprise snapshot groups them (snapshot.repository.ts). */
function nodeSelects() {
  const code = sql`rpad(c.region, 12, '0')`;
  const levels = REGION_LENGTHS.map((len, i) => {
    const prev = i === 0 ? 0 : REGION_LENGTHS[i - 1]!;
    // Only codes placed below the parent level: a county-level branch is not a township's.
    const deeper = prev === 0 ? sql`TRUE` : sql`substr(${code}, ${sql.lit(prev + 1)}, ${sql.lit(len - prev)}) <> ${sql.lit('0'.repeat(len - prev))}`;
    return sql`SELECT 'region' AS kind, rpad(left(${code}, ${sql.lit(len)}), 12, '0') AS key, c.compliant, c.total FROM c WHERE ${deeper}`;
  });
  return sql.join([sql`SELECT 'all' AS kind, '' AS key, c.compliant, c.total FROM c`, ...levels], sql` UNION ALL `);
}

/**
 * Writes the period's life rows; runs inside the snapshot's transaction (JIT already off there).
 * One statement: the roll-up per full region code, summed into every node. Returns rows written.
 */
export async function writeLifeSnapshot(tx: Executor, period: string, date: string): Promise<number> {
  const perCode = rollupSql(tx, WHOLE, { year: Number(date.slice(0, 4)), asOf: date, digits: 12, own: true, ...(await lifeOptions(tx)) });
  const r = await sql`INSERT INTO metric_snapshot (period, scope_kind, scope_key, metric, numerator, denominator)
    WITH c AS (${perCode})
    SELECT ${period}, g.kind, g.key, ${LIFE_METRIC.id}, sum(g.compliant), sum(g.total)
      FROM (${nodeSelects()}) g GROUP BY g.kind, g.key`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}
