import type { RegionDetailOut, RegionOut } from '../../contracts/region.js';
import type { Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import { normaliseRegionPrefix } from '../../domain/region-code.js';
import { getRegion, listAncestors, listByLevel, listByPrefixes, listChildren, regionPathNames, searchRegions, unknownPrefixes, type RegionRow } from './region.repository.js';

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

/**
 * Search results carry their full path (广东省 › 深圳市 › 南山区), so two 南山区 are told apart, and the
 * searcher's own areas (`first`, their scope roots) come first.
 */
export async function regionSearch(db: Executor, q: string, opts: { within?: string; limit?: number; first?: string[] } = {}): Promise<RegionOut[]> {
  const rows = await searchRegions(db, q.trim(), { limit: opts.limit ?? 20, within: opts.within ? [opts.within] : [], first: opts.first });
  const prefixOf = (code: string) => {
    const r = normaliseRegionPrefix(code);
    return r.ok ? r.prefix : code;
  };
  const paths = await regionPathNames(db, rows.map((r) => prefixOf(r.code)));
  return rows.map((r) => ({ ...toOut(r), pathName: paths.get(prefixOf(r.code)) ?? r.name }));
}

/**
 * A region filter must name a region of the dictionary: a typo such as 440305999 is refused with the
 * field instead of quietly answering (or exporting) nothing. Shared by the API hook and the CLI.
 */
export async function assertKnownRegionPrefix(db: Executor, prefix: string | undefined, field = 'regionPrefix'): Promise<void> {
  if (!prefix || !/^\d{2,12}$/.test(prefix)) return;
  if ((await unknownPrefixes(db, [prefix])).length) {
    throw new AppError('VALIDATION_FAILED', `区划代码 ${prefix} 不存在`, [{ field, code: 'UNKNOWN_REGION', message: '区划代码不存在' }]);
  }
}
