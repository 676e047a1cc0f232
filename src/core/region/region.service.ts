import type { RegionDetailOut, RegionOut } from '../../contracts/region.js';
import type { Executor } from '../../db/schema.js';
import { notFound } from '../../domain/errors.js';
import { getRegion, listAncestors, listByLevel, listByPrefixes, listChildren, searchRegions, type RegionRow } from './region.repository.js';

/**
 * Browsing the region dictionary. It is public reference data (any signed-in user may read it),
 * so no scope applies; a deployment limited by LX_REGION_SCOPE shows its own roots first.
 */
const toOut = (r: RegionRow): RegionOut => ({ code: r.code, level: r.level, name: r.name, parentCode: r.parentCode, initials: r.initials });

export async function regionChildren(db: Executor, parent: string | undefined, deploymentScope: string[]): Promise<RegionOut[]> {
  if (parent) {
    if (!(await getRegion(db, parent))) throw notFound('区划');
    return (await listChildren(db, parent)).map(toOut);
  }
  const roots = deploymentScope.length ? await listByPrefixes(db, deploymentScope) : await listByLevel(db, 1);
  return roots.map(toOut);
}

export async function regionDetail(db: Executor, code: string): Promise<RegionDetailOut> {
  const region = await getRegion(db, code);
  if (!region) throw notFound('区划');
  const path = await listAncestors(db, code);
  const children = await listChildren(db, code);
  return { ...toOut(region), path: path.map(toOut), childCount: children.length };
}

export async function regionSearch(db: Executor, q: string, opts: { within?: string; limit?: number } = {}): Promise<RegionOut[]> {
  const rows = await searchRegions(db, q.trim(), { limit: opts.limit ?? 20, within: opts.within ? [opts.within] : [] });
  return rows.map(toOut);
}
