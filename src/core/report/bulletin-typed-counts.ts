import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { monthEnd } from '../../domain/metrics.js';
import { regionNames } from '../coverage/snapshot.repository.js';

/**
 * Which member counts of the month bulletin are typed (填报数) rather than counted from the roster
 * (docs/members.md, "Counts"): the party organisations registered in the region that were in being
 * at the month end and did not keep their roster here by then (`roster_since` absent or later).
 * Their numbers — and those of the enterprises they alone cover (`members_from_roster` false in the
 * coverage rows) — are what the 正式党员 figures and 应单独组建未建 rest on. Grouped by the areas of
 * the bulletin's ranking (the child regions), so the note can say where.
 */
export type TypedCounts = { orgs: number; areas: Array<{ code: string; name: string; orgs: number }> };

export async function typedMemberCounts(db: Executor, regionPrefix: string, period: string, childLength: number | null): Promise<TypedCounts> {
  const d = monthEnd(period);
  const len = childLength ?? regionPrefix.length;
  const area = sql<string>`rpad(substr(o.region_code, 1, ${sql.lit(len)}), 12, '0')`;
  const rows = await db.selectFrom('party_org as o')
    .select([area.as('area'), sql<string>`count(*)`.as('n')])
    .where('o.region_code', 'like', `${regionPrefix}%`)
    .where((eb) => eb.or([eb('o.founded_on', 'is', null), eb('o.founded_on', '<=', d)]))
    .where((eb) => eb.or([eb('o.status', '=', 'active'), eb('o.dissolved_on', '>', d)]))
    .where((eb) => eb.or([eb('o.roster_since', 'is', null), eb('o.roster_since', '>', d)]))
    .groupBy(area).orderBy('area').execute();
  const names = await regionNames(db, rows.map((r) => r.area));
  const areas = rows.map((r) => ({ code: r.area, name: names.get(r.area) ?? r.area, orgs: Number(r.n) }));
  return { orgs: areas.reduce((n, a) => n + a.orgs, 0), areas };
}

/**
 * The note under the figures, in officials' words: none typed → the counts are the roster's; else
 * how many organisations' numbers are 填报数 and, below a county-wide list, in which areas.
 */
export function typedCountsNote(t: TypedCounts, regionName: string, byArea: boolean): string {
  if (!t.orgs) return `注：${regionName}各党组织均已建立党员名册，本通报涉及的党员数均按党员名册统计。`;
  const where = byArea && t.areas.length ? `（${t.areas.slice(0, 12).map((a) => `${a.name}${a.orgs}个`).join('、')}${t.areas.length > 12 ? '等' : ''}）` : '';
  return `注：本通报涉及的党员数，已建立党员名册的党组织按名册统计；其中${t.orgs}个党组织的党员数为填报数（尚未建立党员名册）${where}。`;
}
