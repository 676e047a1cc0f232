import type { LifeOrgs, LifeRollup } from '../../contracts/life.js';
import type { Db } from '../../db/schema.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { LIFE_DEFAULTS } from '../../domain/rules/life-catalogue.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { orgStatuses, rollup } from './life-rollup.repository.js';

/** The district view of organisational life (docs/life.md): counts by street or district, drilling to the organisations. */
export async function lifeRollup(db: Db, actor: Actor, q: { year: number; level: 'street' | 'district'; region?: string }): Promise<LifeRollup> {
  const scope = requireAction(actor, 'org.read');
  const asOf = today();
  const rows = await rollup(db, scope, { year: q.year, asOf, region: q.region, digits: q.level === 'street' ? 9 : 6, dormantMonths: LIFE_DEFAULTS.dormantMonths });
  return { year: q.year, asOf, rows };
}

export async function lifeOrgs(db: Db, actor: Actor, q: { year: number; region?: string; status?: 'compliant' | 'lagging' | 'dormant' }): Promise<LifeOrgs> {
  const scope = requireAction(actor, 'org.read');
  const rows = await orgStatuses(db, scope, { ...q, asOf: today(), dormantMonths: LIFE_DEFAULTS.dormantMonths });
  return {
    total: rows.length,
    items: rows.map((r) => ({ orgId: r.id, name: r.name, regionCode: r.region_code, status: r.status, missed: r.missed, lastMeetingOn: r.last_on })),
  };
}
