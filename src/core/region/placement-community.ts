import { communitiesOf, SPOKEN_COMMUNITY, type RegionNode } from './region-index.js';
import { ROAD_AFTER, type Match, type PlaceResult } from './placement.js';

type Hit = { node: RegionNode; start: number; end: number; spoken: boolean };

/** Every community alias of the county found in text (substring lookups, no per-node scan). */
function communityHits(county: RegionNode, text: string): Hit[] {
  const { byAlias, lengths } = communitiesOf(county);
  const hits: Hit[] = [];
  for (let i = 0; i < text.length; i++) {
    for (const len of lengths) {
      if (i + len > text.length) continue;
      const alias = text.slice(i, i + len);
      const entries = byAlias.get(alias);
      // Most substrings name no community: only a hit pays for the "followed by a road" test.
      if (!entries) continue;
      const road = ROAD_AFTER.test(text.slice(i + len, i + len + 2));
      for (const { node, aliasIndex } of entries) {
        if (road && aliasIndex > 0) continue;
        hits.push({ node, start: i, end: i + len, spoken: aliasIndex === 0 || SPOKEN_COMMUNITY.test(alias) });
      }
    }
  }
  return hits;
}

/**
 * When the township is missing or matched only by a short name, the county's communities decide:
 * - no township: the longest community name wins if it is unique and says 社区/村 (a bare name
 *   such as 新村场 is too weak to place county-wide, and hides the shorter 新村 inside it);
 * - short township name: if a community of ANOTHER township covers the same text, a longer
 *   spoken community name wins (沙田社区 over 沙田镇's 沙田); an equal or bare one makes the
 *   address ambiguous (城郊 is 城郊街道 and also 街口街道's 城郊村) → not placed.
 * Returns null when the township rule should go on as usual.
 */
export function communityFirst(county: RegionNode, text: string, town: Match | null): PlaceResult | null {
  const hits = communityHits(county, text);
  if (!town) {
    const longest = Math.max(0, ...hits.map((h) => h.end - h.start));
    const best = hits.filter((h) => h.end - h.start === longest);
    const nodes = new Set(best.map((h) => h.node));
    if (nodes.size !== 1 || !best[0].spoken) return null;
    return { regionCode: best[0].node.code, level: 5, placed: true, reason: '按住所中的社区（村）名称认定' };
  }
  const tStart = town.end - town.length;
  const covering = hits.filter((h) => h.start <= tStart && h.end >= town.end);
  // Its own community following right after supports the township reading
  // (横沥 + 村头村 explains more than 横沥村 + 头村).
  if (!covering.length || hits.some((h) => h.node.parent === town.node && h.start === town.end)) return null;
  const longest = Math.max(...covering.map((h) => h.end - h.start));
  const best = covering.filter((h) => h.end - h.start === longest);
  const nodes = new Set(best.map((h) => h.node));
  // Only the township's own communities cover the words (沙田镇's 沙田村): the township stands.
  if ([...nodes].every((n) => n.parent === town.node)) return null;
  if (longest > town.length && nodes.size === 1 && best[0].spoken) {
    return { regionCode: best[0].node.code, level: 5, placed: true, reason: '按住所中的社区（村）名称认定' };
  }
  const other = [...nodes].find((n) => n.parent !== town.node) ?? best[0].node;
  return {
    regionCode: county.code, level: county.level, placed: false,
    reason: `已认定${county.name}，住所中的“${text.slice(tStart, town.end)}”既是${town.node.name}的简称，也是${other.parent?.name ?? ''}${other.name}的名称，无法确定`,
  };
}
