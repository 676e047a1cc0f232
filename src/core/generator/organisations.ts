import type { OrgType, SetupMode, UnionKind } from '../../db/tables/organisation.js';
import { createRandom, type Random } from './random.js';

/**
 * Organisations for a generated district, deterministic by seed, in realistic proportions:
 * most enterprises have no members (some get an instructor: work coverage; most stay gaps); the
 * few with ≥3 full members mostly have their own branch (总支 ≥50, 党委 ≥100); those with 1–2
 * are partly grouped into joint branches per community (≤5 units, ≥3 members) and partly attached;
 * each township has a 综合党委 as parent. About 1 in 12 organisations has a vacant secretary post and
 * 1 in 8 an overdue re-election; some deregistered enterprises are still covered — so that every
 * rule and alert has live examples. Unions: most enterprises with ≥25 employees, joint unions in
 * communities, contracts of which some have lapsed.
 */
export type GenEnterprise = { id: string; name: string; regionCode: string | null; memberCount: number; employeeCount: number; active: boolean };
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

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建国文辉志鹏宇浩晨欣怡佳琪思雨子涵梓萱一诺';
const personName = (r: Random) => r.pick([...SURNAMES]) + r.pick([...GIVEN]) + (r.chance(0.6) ? r.pick([...GIVEN]) : '');
const date = (y: number, r: Random) => `${y}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
const shortName = (n: string) => n.replace(/(有限责任公司|股份有限公司|有限公司|集团)$/, '').slice(0, 12);
const termEnd = (founded: string, years: number) => `${Number(founded.slice(0, 4)) + years}${founded.slice(4)}`;

function secretaryFor(r: Random, founded: string): GenOrg['secretary'] {
  return r.chance(1 / 12) ? null : { name: personName(r), since: founded };
}

/** Founding year and term end: 1 in 8 overdue (founded long ago, never re-elected). */
function term(r: Random, years: number, year: number): { foundedOn: string; termEndsOn: string } {
  const overdue = r.chance(1 / 8);
  const foundedOn = date(overdue ? year - years - r.int(1, 3) : year - r.int(0, years - 1), r);
  return { foundedOn, termEndsOn: termEnd(foundedOn, years) };
}

export function generateOrganisations(enterprises: GenEnterprise[], opts: { seed: number; year: number }): OrganisationPlan {
  const r = createRandom(opts.seed ^ 0x0a9c3);
  const orgs: GenOrg[] = [];
  const townships = new Map<string, GenOrg>();
  const townshipOrg = (region: string) => {
    const t = region.slice(0, 9).padEnd(12, '0');
    let org = townships.get(t);
    if (!org) {
      org = { key: `T${t}`, name: `${t.slice(6, 9)}街道非公有制经济组织综合党委`, orgType: 'committee', setupMode: 'standalone', regionCode: t, parentKey: null,
        ...term(r, 5, opts.year), fullMembers: r.int(5, 15), probationaryMembers: r.int(0, 2), covers: [], secretary: { name: personName(r), since: `${opts.year - 2}-03-01` }, deputy: personName(r) };
      townships.set(t, org);
      orgs.push(org);
    }
    return org;
  };
  const placed = enterprises.filter((e) => e.regionCode && /^\d{12}$/.test(e.regionCode));
  const small = new Map<string, GenEnterprise[]>();
  for (const e of placed) {
    const region = e.regionCode!;
    if (e.memberCount >= 3 && (e.active ? r.chance(0.85) : r.chance(0.3))) {
      const orgType: OrgType = e.memberCount >= 100 ? 'committee' : e.memberCount >= 50 ? 'generalBranch' : 'branch';
      const t = term(r, orgType === 'committee' ? 5 : 3, opts.year);
      orgs.push({ key: `E${e.id}`, name: `${shortName(e.name)}${orgType === 'committee' ? '党委' : orgType === 'generalBranch' ? '党总支' : '党支部'}`, orgType,
        setupMode: 'standalone', regionCode: region, parentKey: townshipOrg(region).key, ...t, fullMembers: e.memberCount, probationaryMembers: r.int(0, 2),
        covers: [e.id], secretary: secretaryFor(r, t.foundedOn), deputy: e.memberCount >= 7 && r.chance(0.5) ? personName(r) : null });
    } else if (e.memberCount >= 1 && e.memberCount <= 2 && e.active) {
      const list = small.get(region) ?? [];
      list.push(e);
      small.set(region, list);
    }
  }
  for (const [region, list] of small) {
    let group: GenEnterprise[] = [];
    for (const e of list) {
      if (r.chance(0.35)) continue; // left for the planner: gaps with members
      if (r.chance(0.15)) {
        orgs.push(attached(r, e, region, townshipOrg(region).key, opts.year));
        continue;
      }
      group.push(e);
      const members = group.reduce((n, x) => n + x.memberCount, 0);
      if (members >= 3 && (group.length >= 2 && r.chance(0.5) || group.length === 5)) {
        const t = term(r, 3, opts.year);
        orgs.push({ key: `J${region}-${orgs.length}`, name: `${region.slice(9)}社区第${orgs.length}联合党支部`, orgType: 'branch', setupMode: 'joint', regionCode: region,
          parentKey: townshipOrg(region).key, ...t, fullMembers: members, probationaryMembers: 0, covers: group.map((x) => x.id), secretary: secretaryFor(r, t.foundedOn), deputy: null });
        group = [];
      }
    }
  }
  return { orgs, unions: generateUnions(r, placed, opts.year), instructors: generateInstructors(r, placed, orgs, opts.year) };
}

function attached(r: Random, e: GenEnterprise, region: string, parentKey: string, year: number): GenOrg {
  const t = term(r, 3, year);
  return { key: `A${e.id}`, name: `${shortName(e.name)}挂靠党小组所在党支部`, orgType: 'branch', setupMode: 'attached', regionCode: region, parentKey, ...t,
    fullMembers: Math.max(3, e.memberCount + r.int(1, 4)), probationaryMembers: 0, covers: [e.id], secretary: secretaryFor(r, t.foundedOn), deputy: null };
}

function generateUnions(r: Random, placed: GenEnterprise[], year: number): GenUnion[] {
  const unions: GenUnion[] = [];
  const pools = new Map<string, GenEnterprise[]>();
  for (const e of placed) {
    if (!e.active) continue;
    if (e.employeeCount >= 25 && r.chance(0.6)) {
      const members = Math.round(e.employeeCount * (0.6 + r.next() * 0.35));
      const female = Math.round(members * (0.2 + r.next() * 0.4));
      const foundedOn = date(year - r.int(0, 6), r);
      unions.push({ key: `U${e.id}`, name: `${shortName(e.name)}工会委员会`, kind: 'standalone', regionCode: e.regionCode!, foundedOn, termYears: r.chance(0.7) ? 5 : 3,
        members, femaleMembers: female, hasCommittee: r.chance(0.9), hasWomenCommittee: female >= 10 && r.chance(0.7), covers: [e.id],
        contract: r.chance(0.6) ? contract(r, year) : null });
    } else if (e.employeeCount > 0 && e.employeeCount < 25 && r.chance(0.3)) {
      const list = pools.get(e.regionCode!) ?? [];
      list.push(e);
      pools.set(e.regionCode!, list);
    }
  }
  for (const [region, list] of pools) {
    for (let i = 0; i < list.length; i += 8) {
      const part = list.slice(i, i + 8);
      const members = part.reduce((n, e) => n + Math.round(e.employeeCount * 0.7), 0);
      unions.push({ key: `UJ${region}-${i}`, name: `${region.slice(9)}社区第${i / 8 + 1}联合工会`, kind: 'joint', regionCode: region, foundedOn: date(year - r.int(0, 5), r),
        termYears: 5, members, femaleMembers: Math.round(members * 0.4), hasCommittee: members >= 25 ? r.chance(0.8) : false, hasWomenCommittee: false,
        covers: part.map((e) => e.id), contract: r.chance(0.4) ? contract(r, year) : null });
    }
  }
  return unions;
}

/** A collective contract of 1–3 years; about a third have lapsed. */
function contract(r: Random, year: number): GenUnion['contract'] {
  const signedOn = date(year - r.int(0, 4), r);
  return { signedOn, endsOn: termEnd(signedOn, r.int(1, 3)) };
}

function generateInstructors(r: Random, placed: GenEnterprise[], orgs: GenOrg[], year: number): GenInstructor[] {
  const covered = new Set(orgs.flatMap((o) => o.covers));
  const byTown = new Map<string, GenEnterprise[]>();
  for (const e of placed) {
    if (!e.active || covered.has(e.id) || e.memberCount > 0 || !r.chance(0.3)) continue;
    const t = e.regionCode!.slice(0, 9).padEnd(12, '0');
    byTown.set(t, [...(byTown.get(t) ?? []), e]);
  }
  const out: GenInstructor[] = [];
  for (const [town, list] of byTown) {
    for (let i = 0; i < list.length; i += 10) {
      out.push({ key: `I${town}-${i}`, name: personName(r), kind: r.chance(0.8) ? 'instructor' : 'liaison', regionCode: town,
        assignments: list.slice(i, i + 10).map((e) => ({ enterpriseId: e.id, since: date(year - r.int(0, 2), r) })) });
    }
  }
  return out;
}
