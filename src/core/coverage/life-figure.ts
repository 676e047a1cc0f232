import type { FiguresQuery, FiguresResult, PairDto } from '../../contracts/coverage-metrics.js';
import type { Db } from '../../db/schema.js';
import { LIFE_METRIC } from '../../domain/life-metric.js';
import { ratePercent } from '../../domain/metrics.js';
import type { Actor } from '../access/actor.js';
import { holdsAction, requireAction } from '../access/require.js';
import { lifeOptions } from '../life/life-settings.js';
import { rollup } from '../life/life-rollup.repository.js';

/**
 * 组织生活达标率 in the coverage figures (src/domain/life-metric.ts): the roll-up of the year of the
 * figures' day, as of that day, for the node and by its sub-regions — the same query and scope
 * (org.read) as GET /api/life/compliance, counting each 党支部 in its own place (a branch of another
 * street seen through a link is that street's), so the figure and the drill-down of its area agree. Left out
 * where it cannot be said: a reader without org.read, or a node cut by park, association, industry
 * or size (organisations are not filed by those).
 */
const pair = (numerator: number, denominator: number): PairDto => ({ numerator, denominator, rate: ratePercent({ numerator, denominator }) });

export async function addLifeFigure(db: Db, actor: Actor, q: FiguresQuery, asOf: string, childLen: number, out: FiguresResult): Promise<FiguresResult> {
  const cut = q.parkId || q.associationId || q.industry || q.sizeClass || q.aboveDesignatedSize !== undefined;
  if (cut || !holdsAction(actor, 'org.read')) return out;
  const scope = requireAction(actor, 'org.read');
  const digits = childLen as 2 | 4 | 6 | 9 | 12;
  const rows = await rollup(db, scope, { year: Number(asOf.slice(0, 4)), asOf, region: q.regionPrefix, digits, own: true, ...(await lifeOptions(db)) });
  const byKey = new Map(rows.map((r) => [r.region, pair(r.compliant, r.total)]));
  const total = rows.reduce((t, r) => ({ n: t.n + r.compliant, d: t.d + r.total }), { n: 0, d: 0 });
  const { subject, ...info } = LIFE_METRIC;
  return {
    ...out,
    metrics: [...out.metrics, { ...info, subject }],
    total: { ...out.total, pairs: { ...out.total.pairs, [LIFE_METRIC.id]: pair(total.n, total.d) } },
    groups: out.groupBy === 'region'
      ? out.groups.map((g) => ({ ...g, pairs: { ...g.pairs, [LIFE_METRIC.id]: (g.key && byKey.get(g.key)) || pair(0, 0) } }))
      : out.groups,
  };
}
