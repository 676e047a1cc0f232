import type { OrgType, SetupMode, UnionKind } from '../../db/tables/organisation.js';
import { createNameBook, communityBare, communitySpoken, countyOf, cityOf, townshipOf, type NameBook, type RegionName } from './org-names.js';
import { createRandom, type Random } from './random.js';
import { generateInstructors, generateUnions } from './org-unions.js';

/**
 * Organisations for a generated district, deterministic by seed, shaped like a district in the
 * middle of a campaign (issue 13): about one enterprise in ten has Party members; nearly every
 * enterprise above designated size and most enterprises with members are organised — those with
 * ≥3 full members mostly in their own branch (总支 ≥50, 党委 ≥100), those with 1–2 in joint
 * branches of their park or community (≤5 units, ≥3 members) or attached to their community's
 * branch; instructors are dispatched to many of the rest; unions reach 85–95 %. Each township has a
 * 综合党委 as parent. About 1 in 12 organisations has a vacant secretary post and 1 in 10 an
 * overdue re-election; some deregistered enterprises are still covered — so that every rule and
 * alert has live examples. Names come from the region dictionary, the enterprise's own name or its
 * park (org-names.ts); every date lies on or before `today`.
 */
export type GenEnterprise = {
  id: string; name: string; regionCode: string | null; memberCount: number; employeeCount: number; active: boolean;
  aboveDesignatedSize?: boolean; parkName?: string | null;
};
export type GenOrg = {
  key: string; name: string; orgType: OrgType; setupMode: SetupMode; regionCode: string; parentKey: string | null;
  foundedOn: string; termEndsOn: string | null; fullMembers: number; probationaryMembers: number;
  covers: string[]; secretary: { name: string; since: string } | null; deputy: string | null;
};
export type GenUnion = {
  key: string; name: string; kind: UnionKind; regionCode: string; foundedOn: string; termYears: number; members: number; femaleMembers: number;
  hasCommittee: boolean; hasWomenCommittee: boolean; covers: string[]; contract: { signedOn: string; endsOn: string } | null;
};
export type GenInstructor = { key: string; name: string; kind: 'instructor' | 'liaison'; regionCode: string; assignments: Array<{ enterpriseId: string; since: string }> };
export type OrganisationPlan = { orgs: GenOrg[]; unions: GenUnion[]; instructors: GenInstructor[] };
export type PlanOptions = {
  seed: number;
  /** YYYY-MM-DD: no founding, appointment, coverage or assignment is dated after it. */
  today: string;
  /** The district's regions with its city and province (names); codes not in it are left out of names. */
  regions?: readonly RegionName[];
};

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建国文辉志鹏宇浩晨欣怡佳琪思雨子涵梓萱一诺';
export const personName = (r: Random) => r.pick([...SURNAMES]) + r.pick([...GIVEN]) + (r.chance(0.6) ? r.pick([...GIVEN]) : '');

const DAY = 86_400_000;
const YEAR = 365;
/** A date between minDays and maxDays before today: never in the future. */
export const daysAgo = (r: Random, today: string, minDays: number, maxDays: number): string =>
  new Date(Date.parse(`${today}T00:00:00Z`) - r.int(minDays, maxDays) * DAY).toISOString().slice(0, 10);
export const addYears = (d: string, years: number): string => {
  const end = `${Number(d.slice(0, 4)) + years}${d.slice(4)}`;
  return end.endsWith('-02-29') ? `${end.slice(0, 8)}28` : end;
};

/**
 * Founding and term end. Campaign-shaped: a third founded in the last year (the trend rises), and
 * 1 in 10 overdue (founded more than a term ago, never re-elected).
 */
function term(r: Random, years: number, today: string): { foundedOn: string; termEndsOn: string } {
  const span = years * YEAR;
  const foundedOn = r.chance(0.1) ? daysAgo(r, today, span + 30, span + 3 * YEAR)
    : r.chance(0.35) ? daysAgo(r, today, 1, YEAR - 1) : daysAgo(r, today, YEAR, span - 30);
  return { foundedOn, termEndsOn: addYears(foundedOn, years) };
}

const secretaryFor = (r: Random, founded: string): GenOrg['secretary'] => (r.chance(1 / 12) ? null : { name: personName(r), since: founded });

/** Where the names come from: the township, the community (科技园), the park. */
function places(book: NameBook, code: string) {
  const communityName = code.slice(9) === '000' ? '' : book.region(code);
  return {
    head: `${book.region(cityOf(code))}${book.region(countyOf(code))}${book.region(townshipOf(code))}`,
    township: book.region(townshipOf(code)),
    community: communityName ? communityBare(communityName) : '',
    communitySpoken: communityName ? communitySpoken(communityName) : '',
  };
}

export function generateOrganisations(enterprises: GenEnterprise[], opts: PlanOptions): OrganisationPlan {
  const r = createRandom(opts.seed ^ 0x0a9c3);
  const book = createNameBook(opts.regions ?? []);
  const orgs: GenOrg[] = [];
  const townships = new Map<string, GenOrg>();
  const townshipOrg = (region: string): GenOrg => {
    const t = townshipOf(region);
    let org = townships.get(t);
    if (!org) {
      org = { key: `T${t}`, name: book.unique(book.region(t), '非公有制经济组织综合党委'), orgType: 'committee', setupMode: 'standalone', regionCode: t, parentKey: null,
        ...term(r, 5, opts.today), fullMembers: r.int(5, 15), probationaryMembers: r.int(0, 2), covers: [], secretary: null, deputy: personName(r) };
      org.secretary = { name: personName(r), since: org.foundedOn };
      townships.set(t, org);
      orgs.push(org);
    }
    return org;
  };
  const placed = enterprises.filter((e) => e.regionCode && /^\d{12}$/.test(e.regionCode));
  const grouped = new Map<string, GenEnterprise[]>();
  for (const e of placed) {
    const region = e.regionCode!;
    if (e.memberCount >= 3 && (e.active ? r.chance(e.aboveDesignatedSize ? 0.97 : 0.9) : r.chance(0.3))) {
      orgs.push(ownOrg(r, book, e, townshipOrg(region).key, opts.today));
    } else if (e.memberCount >= 1 && e.memberCount <= 2 && e.active && region.slice(6, 9) !== '000') {
      // A park's enterprises share its joint branch across streets; elsewhere a street's small
      // enterprises are grouped, and the branch is named after the community of its first one.
      // Enterprises placed only to the county wait in the placement queue and get none yet.
      const key = e.parkName ? `P${e.parkName}` : `T${townshipOf(region)}`;
      const list = grouped.get(key);
      if (list) list.push(e); else grouped.set(key, [e]);
    }
  }
  const attachedTo = new Map<string, GenOrg>();
  for (const [key, list] of grouped) {
    let group: GenEnterprise[] = [];
    for (const e of list) {
      if (r.chance(e.aboveDesignatedSize ? 0.03 : 0.12)) continue; // left for the planner: gaps with members
      if (r.chance(0.15)) {
        attach(r, book, e, attachedTo, orgs, townshipOrg(e.regionCode!).key, opts.today);
        continue;
      }
      group.push(e);
      const members = group.reduce((n, x) => n + x.memberCount, 0);
      if (members >= 3 && ((group.length >= 2 && r.chance(0.5)) || group.length === 5)) {
        orgs.push(jointBranch(r, book, key, group, townshipOrg(group[0]!.regionCode!).key, opts.today));
        group = [];
      }
    }
    // The remainder joins the nearest community branch rather than staying a gap: most are organised.
    for (const e of group) attach(r, book, e, attachedTo, orgs, townshipOrg(e.regionCode!).key, opts.today);
  }
  return { orgs, unions: generateUnions(r, book, placed, opts.today), instructors: generateInstructors(r, placed, orgs, opts.today) };
}

function ownOrg(r: Random, book: NameBook, e: GenEnterprise, parentKey: string, today: string): GenOrg {
  const orgType: OrgType = e.memberCount >= 100 ? 'committee' : e.memberCount >= 50 ? 'generalBranch' : 'branch';
  const t = term(r, orgType === 'committee' ? 5 : 3, today);
  const suffix = orgType === 'committee' ? '党委' : orgType === 'generalBranch' ? '党总支' : '党支部';
  const short = book.shortName(e.name);
  return { key: `E${e.id}`, name: book.unique(short, suffix, [book.plainName(e.name)]), orgType, setupMode: 'standalone', regionCode: e.regionCode!, parentKey, ...t,
    fullMembers: e.memberCount, probationaryMembers: r.int(0, 2), covers: [e.id], secretary: secretaryFor(r, t.foundedOn),
    deputy: e.memberCount >= 7 && r.chance(0.5) ? personName(r) : null };
}

/** A park's (深圳湾科技生态园联合党支部) or a community's (深圳市南山区粤海街道科技园联合党支部) joint branch. */
function jointBranch(r: Random, book: NameBook, key: string, group: GenEnterprise[], parentKey: string, today: string): GenOrg {
  const first = group[0]!;
  const home = group.find((g) => g.regionCode!.slice(9) !== '000') ?? first;
  const oneRegion = group.every((g) => g.regionCode === first.regionCode);
  const region = !key.startsWith('P') && oneRegion ? first.regionCode! : townshipOf(home.regionCode!);
  const p = places(book, home.regionCode!);
  const stem = key.startsWith('P') ? first.parkName! : `${p.head}${p.community}`;
  const t = term(r, 3, today);
  return { key: `J${key}-${group.map((g) => g.id).join('.')}`, name: book.unique(stem || '非公企业', '联合党支部'), orgType: 'branch', setupMode: 'joint', regionCode: region,
    parentKey, ...t, fullMembers: group.reduce((n, x) => n + x.memberCount, 0), probationaryMembers: 0, covers: group.map((x) => x.id),
    secretary: secretaryFor(r, t.foundedOn), deputy: null };
}

/** Members of an enterprise too small for a branch join their community's branch (挂靠), one per community. */
function attach(r: Random, book: NameBook, e: GenEnterprise, byCommunity: Map<string, GenOrg>, orgs: GenOrg[], parentKey: string, today: string): void {
  const region = e.regionCode!;
  let org = byCommunity.get(region);
  if (!org) {
    const p = places(book, region);
    const t = term(r, 3, today);
    org = { key: `A${region}`, name: book.unique(`${p.township}${p.communitySpoken}` || '非公企业', '非公企业党支部'), orgType: 'branch', setupMode: 'attached',
      regionCode: region, parentKey, ...t, fullMembers: r.int(3, 6), probationaryMembers: 0, covers: [], secretary: secretaryFor(r, t.foundedOn), deputy: null };
    byCommunity.set(region, org);
    orgs.push(org);
  }
  org.covers.push(e.id);
  org.fullMembers += e.memberCount;
}
