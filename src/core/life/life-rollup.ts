import type { LifeOrgs, LifeOrgsQuery, LifeRollup, LifeRollupQuery } from '../../contracts/life.js';
import type { Db } from '../../db/schema.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { orgStatusPage, rollup, type RollupRow } from './life-rollup.repository.js';
import { lifeOptions } from './life-settings.js';

/** The district view of organisational life (docs/life.md): counts by street or district, drilling to the organisations. */
export async function lifeRollup(db: Db, actor: Actor, q: LifeRollupQuery): Promise<LifeRollup> {
  const scope = requireAction(actor, 'org.read');
  const asOf = today();
  const rows = await rollup(db, scope, { year: q.year, asOf, region: q.region, digits: q.level === 'street' ? 9 : 6, ...(await lifeOptions(db)) });
  return { year: q.year, asOf, rows, sum: sumOf(rows) };
}

export function sumOf(rows: Array<Omit<RollupRow, 'region' | 'name'>>): LifeRollup['sum'] {
  const sum = { total: 0, compliant: 0, lagging: 0, dormant: 0 };
  for (const r of rows) for (const k of Object.keys(sum) as Array<keyof typeof sum>) sum[k] += r[k];
  return sum;
}

/** Today, or a past day asked for (a month end's figure); never a day to come. */
export function judgementDay(date?: string): string {
  const t = today();
  if (date && date > t) throw new AppError('VALIDATION_FAILED', `日期 ${date} 尚未到来，只能查看今天或过去的情况`, [{ field: 'date', code: 'FUTURE_DATE', message: '日期在未来' }]);
  return date ?? t;
}

export async function lifeOrgs(db: Db, actor: Actor, q: LifeOrgsQuery): Promise<LifeOrgs> {
  const scope = requireAction(actor, 'org.read');
  const asOf = judgementDay(q.date);
  const { rows, total } = await orgStatusPage(db, scope, { year: q.year, region: q.region, status: q.status, asOf, ...(await lifeOptions(db)) }, q);
  return {
    asOf, total,
    nextOffset: q.offset + rows.length < total ? q.offset + rows.length : null,
    items: rows.map((r) => ({ orgId: r.id, name: r.name, regionCode: r.region_code, streetName: r.street_name, status: r.status, missed: r.missed, lastMeetingOn: r.last_on })),
  };
}
