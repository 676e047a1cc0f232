import type { Executor } from '../../db/schema.js';
import { listForIndex } from './region.repository.js';
import { ancestorsOf, buildRegionIndex, type RegionIndex, type RegionNode } from './region-index.js';
import { communityFirst } from './placement-community.js';
import { notRoadAlias, placeByRoad } from './placement-road.js';

/**
 * Places an enterprise in the region tree (docs/regions.md "Placement"). The rules, in order:
 * an explicit dictionary code wins; else the county comes from the credit code (digits 3–8) or,
 * when the address names another county or the code is city-level, from the address; then the
 * township is the longest township name of that county found in the address after the county
 * name, then the community likewise after the township. Ties are never broken by guessing.
 */
export type PlaceInput = { address: string | null; creditCode: string; regionCode?: string | null };
/**
 * `suggestion`: for a row not placed, a township the address hints at without proving it (a road
 * named like the township, placement-road.ts). Shown in the 待认定属地 queue for an official to
 * accept; never a placement by itself.
 */
export type PlaceSuggestion = { regionCode: string; basis: 'road' };
export type PlaceResult = { regionCode: string | null; level: number; placed: boolean; reason: string; suggestion?: PlaceSuggestion };
export type Placer = { place(input: PlaceInput): PlaceResult };

export async function createPlacer(db: Executor, opts: { withinPrefixes?: string[] } = {}): Promise<Placer> {
  return placerFromIndex(buildRegionIndex(await listForIndex(db, opts.withinPrefixes ?? [])));
}

export type Match = { node: RegionNode; end: number; length: number; aliasIndex: number };
type Found = { match: Match | null; ambiguous: RegionNode[] };

/** A short name followed by one of these is a road or lane named after the place, not the place. */
export const ROAD_AFTER = /^(路|大道|大街|街(?!道)|巷|胡同|弄)/;

/** Longest alias of any candidate found in text; two different nodes tied on length → ambiguous. */
export function findLongest(text: string, candidates: readonly RegionNode[], accept?: (alias: string) => boolean): Found {
  let best: Match | null = null;
  let tied: RegionNode[] = [];
  for (const node of candidates) {
    const m = matchNode(text, node, accept);
    if (!m) continue;
    if (!best || m.length > best.length) {
      best = m;
      tied = [];
    } else if (m.length === best.length && m.node !== best.node) {
      tied.push(m.node);
    }
  }
  if (best && tied.length) return { match: null, ambiguous: [best.node, ...tied] };
  return { match: best, ambiguous: [] };
}

function matchNode(text: string, node: RegionNode, accept?: (alias: string) => boolean): Match | null {
  for (let i = 0; i < node.aliases.length; i++) {
    const alias = node.aliases[i];
    if (accept && i > 0 && !accept(alias)) continue;
    for (let at = text.indexOf(alias); at >= 0; at = text.indexOf(alias, at + 1)) {
      const end = at + alias.length;
      if (i > 0 && ROAD_AFTER.test(text.slice(end, end + 2))) continue;
      return { node, end, length: alias.length, aliasIndex: i };
    }
  }
  return null;
}

const names = (nodes: RegionNode[]): string => nodes.map((n) => n.name).join('、');

export function placerFromIndex(index: RegionIndex): Placer {
  return { place: (input) => place(index, input) };
}

type County = { node: RegionNode; rest: string; note: string } | { node: null; within: string | null; reason: string };

function place(index: RegionIndex, input: PlaceInput): PlaceResult {
  const found = locate(index, input);
  return 'result' in found ? found.result : placeWithin(found.county, found.rest, found.note);
}

/**
 * The counties whose townships and communities placing this input can read: its located county,
 * and, for an explicit code not in the index yet, the county of its first six digits (a township
 * or community code is only found once that county is loaded). Reads levels 1–3 only.
 */
export function countiesNeeded(index: RegionIndex, input: PlaceInput): RegionNode[] {
  const out: RegionNode[] = [];
  if (input.regionCode && !index.byCode.has(input.regionCode)) {
    const owner = index.counties.get(input.regionCode.slice(0, 6));
    if (owner) out.push(owner);
  }
  const found = locate(index, input);
  if ('county' in found) out.push(found.county);
  return out;
}

type Located = { result: PlaceResult } | { county: RegionNode; rest: string; note: string };

/** Everything before the township: the explicit code, else the county (levels 1–3 of the index only). */
function locate(index: RegionIndex, input: PlaceInput): Located {
  const address = normaliseAddress(input.address ?? '');
  let note = '';
  let within: string | null = null;
  if (input.regionCode) {
    const explicit = index.byCode.get(input.regionCode);
    if (explicit && explicit.level >= 4) return { result: { regionCode: explicit.code, level: explicit.level, placed: true, reason: '按文件中的属地区划代码认定' } };
    if (explicit && index.counties.get(explicit.code.slice(0, 6)) === explicit) {
      return { county: explicit, rest: afterName(address, explicit), note: '属地区划代码为区县级；' };
    }
    if (explicit) within = explicit.code.slice(0, explicit.level * 2);
    else note = `属地区划代码 ${input.regionCode} 不在区划库中，已忽略；`;
  }
  const county = findCounty(index, address, input.creditCode, within);
  if (county.node) return { county: county.node, rest: county.rest, note: note + county.note };
  const area = county.within ? index.byCode.get(county.within.padEnd(12, '0'))?.code ?? null : null;
  return { result: { regionCode: area, level: county.within ? county.within.length / 2 : 0, placed: false, reason: note + county.reason } };
}

function placeWithin(county: RegionNode, rest: string, note: string): PlaceResult {
  const town = findLongest(rest, county.children, notRoadAlias);
  // A full township name (东华门街道) is reliable. A short one (东华门), or none, is checked
  // against the county's community names: see docs/regions.md "Placement" rule 5.
  if (town.match ? town.match.aliasIndex > 0 : !town.ambiguous.length) {
    const decided = communityFirst(county, rest, town.match);
    if (decided) return { ...decided, reason: note + decided.reason };
  }
  if (!town.match) {
    const road = town.ambiguous.length ? null : placeByRoad(county, rest, note);
    if (road) return road;
    const why = town.ambiguous.length ? `住所同时匹配多个街道（乡镇）：${names(town.ambiguous)}` : '住所中未找到所属街道（乡镇）';
    return { regionCode: county.code, level: county.level, placed: false, reason: `${note}已认定${county.name}，${why}` };
  }
  const village = findLongest(rest.slice(town.match.end), town.match.node.children);
  if (village.match) {
    return { regionCode: village.match.node.code, level: 5, placed: true, reason: `${note}按住所匹配到社区（村）` };
  }
  const why = village.ambiguous.length ? `住所同时匹配多个社区（村）：${names(village.ambiguous)}，只认定到街道（乡镇）` : '住所中未找到社区（村），认定到街道（乡镇）';
  return { regionCode: town.match.node.code, level: 4, placed: true, reason: note + why };
}

/** Full-width digits and letters to half-width, spaces removed: addresses are typed many ways. */
const NEEDS_NORMALISING = /[\uFF01-\uFF5E\s]/;

export function normaliseAddress(address: string): string {
  if (!NEEDS_NORMALISING.test(address)) return address;
  return address.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '');
}

/** The address after the node's own name (so a township named like its county is not matched there). */
function afterName(address: string, node: RegionNode): string {
  const m = matchNode(address, node);
  return m ? address.slice(m.end) : address;
}

function findCounty(index: RegionIndex, address: string, creditCode: string, within: string | null): County {
  const cc = /^\d{6}$/.test(creditCode.slice(2, 8)) ? creditCode.slice(2, 8) : null;
  const fromCode = cc ? index.counties.get(cc) : undefined;
  if (fromCode && (!within || fromCode.code.startsWith(within))) {
    const m = address ? matchNode(address, fromCode) : null;
    if (m) return { node: fromCode, rest: address.slice(m.end), note: '' };
    const other = address ? countyFromAddress(index, address, within) : null;
    if (other?.node && other.node !== fromCode) {
      return { ...other, note: `住所所在区县（${other.node.name}）与信用代码登记机关（${fromCode.name}）不一致，按住所认定；` };
    }
    return { node: fromCode, rest: address, note: '按信用代码认定区县；' };
  }
  // A city- or province-level registration authority narrows the search to that area.
  if (!within && cc && !fromCode) {
    if (cc.endsWith('0000') && index.byCode.has(`${cc.slice(0, 2)}0000000000`)) within = cc.slice(0, 2);
    else if (cc.endsWith('00') && index.byCode.has(`${cc.slice(0, 4)}00000000`)) within = cc.slice(0, 4);
  }
  if (!address) return { node: null, within, reason: '无住所，且信用代码中的登记机关不是区县' };
  return countyFromAddress(index, address, within);
}

/**
 * Every county whose name (or short name) occurs in the address is a candidate; it scores 2 for a
 * full name, 1 for a short one (which counts only with a matching city or province), plus one for
 * each of its city and province named in the address. The unique best wins.
 */
function countyFromAddress(index: RegionIndex, address: string, within: string | null): County {
  const scored = new Map<RegionNode, { score: number; end: number }>();
  for (let i = 0; i < address.length; i++) {
    for (const len of index.aliasLengths) {
      if (i + len > address.length) continue;
      const alias = address.slice(i, i + len);
      for (const node of index.countyAliases.get(alias) ?? []) {
        if (within && !node.code.startsWith(within)) continue;
        const full = node.aliases[0] === alias;
        if (!full && ROAD_AFTER.test(address.slice(i + len, i + len + 2))) continue;
        const evidence = ancestorsOf(node).filter((a) => a.aliases.some((x) => address.includes(x))).length;
        if (!full && evidence === 0) continue;
        const score = (full ? 2 : 1) + evidence;
        const prev = scored.get(node);
        if (!prev || score > prev.score) scored.set(node, { score, end: i + len });
      }
    }
  }
  const ranked = [...scored.entries()].sort((a, b) => b[1].score - a[1].score);
  if (!ranked.length) return { node: null, within, reason: within ? '住所中未找到区县名称' : '信用代码中的登记机关不在区划库中，住所中也未找到区县名称' };
  const top = ranked.filter((r) => r[1].score === ranked[0][1].score);
  if (top.length > 1) return { node: null, within, reason: `住所中的区县名称有歧义：${top.map(([n]) => `${n.parent?.name ?? ''}${n.name}`).join('、')}` };
  const [node, { end }] = ranked[0];
  return { node, rest: address.slice(end), note: '按住所认定区县；' };
}
