import type { RegionNode } from './region-index.js';
import { findLongest, type PlaceResult } from './placement.js';

/**
 * Townships named after a road (郑州 建设路街道, 花园路街道, 嵩山路街道, 建中街街道): the short name
 * (建设路) is first of all the road, which runs through several townships, so an address on it
 * ("中原区建设路200号") says nothing certain about the township (docs/regions.md "Placement" rule 3a).
 * Such a township matches only on its full name (建设路街道) — kept by the main search — or with
 * another sign: one of its communities named after the road. The road alone is only a suggestion.
 */
export const ROAD_NAMED = /(路|大道|大街|街|巷|胡同|弄)$/;
export const isRoadAlias = (alias: string): boolean => ROAD_NAMED.test(alias);
/** The main township search skips these short names (a full name is always accepted). */
export const notRoadAlias = (alias: string): boolean => !isRoadAlias(alias);

const roadNamed = (town: RegionNode) => town.aliases.slice(1).some(isRoadAlias);

/** Called when no township name at all was found in `rest`; null when no road-named township is there either. */
export function placeByRoad(county: RegionNode, rest: string, note: string): PlaceResult | null {
  const towns = county.children.filter(roadNamed);
  if (!towns.length) return null;
  const road = findLongest(rest, towns, isRoadAlias);
  if (!road.match) return null;
  const town = road.match.node;
  const spoken = rest.slice(road.match.end - road.match.length, road.match.end);
  const village = findLongest(rest.slice(road.match.end), town.children);
  if (village.match) {
    return { regionCode: village.match.node.code, level: 5, placed: true, reason: `${note}按住所中的道路名及${town.name}的社区（村）名称认定` };
  }
  return {
    regionCode: county.code, level: county.level, placed: false,
    reason: `${note}已认定${county.name}，住所中的“${spoken}”是道路名，不能据此认定为${town.name}（按道路名推测，请核实）`,
    suggestion: { regionCode: town.code, basis: 'road' },
  };
}
