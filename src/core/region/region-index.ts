/**
 * The in-memory region tree used by placement: built once per import from the dictionary, then
 * every lookup is a Map access or a short `indexOf` scan — no per-row queries.
 */
export type RegionNode = {
  code: string;
  level: number;
  name: string;
  parent: RegionNode | null;
  children: RegionNode[];
  /** Full name first, then the shorter spellings an address may use (≥ 2 characters each). */
  aliases: string[];
  communities?: CommunityLookup;
};

/** Names of grouping rows that never appear in an address (直辖市's 市辖区, 省直辖县级行政区划…). */
const UNSPOKEN = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

const SUFFIXES: Record<number, RegExp[]> = {
  1: [/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/],
  2: [/(市|地区|盟|自治州)$/],
  3: [/(自治县|自治旗|林区|特区|区|县|市|旗)$/],
  4: [/(街道办事处|地区办事处|办事处|街道|民族乡|镇|乡|苏木)$/],
  5: [/(居民委员会|居委会|村民委员会|村委会|委员会)$/, /(社区|村|居委会|嘎查)$/],
};

/** A community named after a road (创业路社区, 多福巷社区): its bare name is the road, not the place. */
const ROAD_NAME = /(路|街|大道|巷|胡同|弄|里)$/;

export function aliasesOf(name: string, level: number): string[] {
  if (level <= 2 && UNSPOKEN.test(name)) return [];
  const out = [name];
  let cur = name;
  for (const re of SUFFIXES[level] ?? []) {
    const next = cur.replace(re, '');
    if (next !== cur && next.length >= 2 && !(level === 5 && ROAD_NAME.test(next))) out.push(next);
    if (next !== cur) cur = next;
  }
  return out;
}

/** Community aliases that still say 社区/村 (or are full names): safe to look for county-wide. */
export const SPOKEN_COMMUNITY = /(社区|村|嘎查|委员会|居委会)$/;

export type CommunityLookup = { byAlias: Map<string, Array<{ node: RegionNode; aliasIndex: number }>>; lengths: number[] };

/** Every community alias of a county → its communities, built once on first use. */
export function communitiesOf(county: RegionNode): CommunityLookup {
  if (county.communities) return county.communities;
  const byAlias: CommunityLookup['byAlias'] = new Map();
  for (const town of county.children) {
    for (const c of town.children) {
      if (c.level !== 5) continue;
      c.aliases.forEach((alias, aliasIndex) => {
        const list = byAlias.get(alias) ?? [];
        list.push({ node: c, aliasIndex });
        byAlias.set(alias, list);
      });
    }
  }
  const lengths = [...new Set([...byAlias.keys()].map((a) => a.length))].sort((a, b) => b - a);
  county.communities = { byAlias, lengths };
  return county.communities;
}

export type RegionIndex = {
  byCode: Map<string, RegionNode>;
  /** County-level units by 6-digit code, including the three county-less cities (东莞, 中山, 儋州). */
  counties: Map<string, RegionNode>;
  /** County-level aliases → units, for finding a county by name in an address. */
  countyAliases: Map<string, RegionNode[]>;
  aliasLengths: number[];
};

export type IndexRow = { code: string; level: number; name: string; parentCode: string | null };

export function buildRegionIndex(rows: Iterable<IndexRow>, countyLikeCities: ReadonlySet<string> = new Set()): RegionIndex {
  const byCode = new Map<string, RegionNode>();
  addNodes(byCode, rows);
  const counties = new Map<string, RegionNode>();
  for (const node of byCode.values()) {
    // A city whose townships hang directly under it is its own county (东莞). The lazy index
    // (lazy-placer.ts) has not loaded those townships yet, so it names such cities up front.
    const countyLike = node.level === 3
      || (node.level === 2 && (countyLikeCities.has(node.code) || node.children.some((c) => c.level === 4)));
    if (countyLike) counties.set(node.code.slice(0, 6), node);
  }
  const countyAliases = new Map<string, RegionNode[]>();
  for (const county of counties.values()) {
    for (const a of county.aliases) {
      const list = countyAliases.get(a) ?? [];
      if (!list.includes(county)) list.push(county);
      countyAliases.set(a, list);
    }
  }
  const aliasLengths = [...new Set([...countyAliases.keys()].map((a) => a.length))].sort((x, y) => y - x);
  return { byCode, counties, countyAliases, aliasLengths };
}

/**
 * Adds rows to the tree and links each under its parent, siblings in the rows' order (callers
 * give code order, so two indexes built from the same rows agree on every tie message). A node
 * already present but not yet linked (looked up alone by code) is linked now.
 */
export function addNodes(byCode: Map<string, RegionNode>, rows: Iterable<IndexRow>): void {
  const parents = new Map<RegionNode, string | null>();
  for (const r of rows) {
    const seen = byCode.get(r.code);
    if (seen?.parent) continue;
    const node: RegionNode = seen ?? { code: r.code, level: r.level, name: r.name, parent: null, children: [], aliases: aliasesOf(r.name, r.level) };
    byCode.set(r.code, node);
    parents.set(node, r.parentCode);
  }
  for (const [node, parentCode] of parents) {
    const parent = parentCode ? byCode.get(parentCode) : undefined;
    if (parent) {
      node.parent = parent;
      parent.children.push(node);
    }
  }
}

/** Ancestors above a node (nearest first). */
export function ancestorsOf(node: RegionNode): RegionNode[] {
  const out: RegionNode[] = [];
  for (let p = node.parent; p; p = p.parent) out.push(p);
  return out;
}
