import { communitySpoken, townshipOf, type NameBook } from './org-names.js';
import type { GenEnterprise, GenInstructor, GenOrg, GenUnion } from './organisations.js';
import { addYears, daysAgo, personName } from './organisations.js';
import type { Random } from './random.js';

const YEAR = 365;

/**
 * Unions at a campaign's pace: 19 in 20 enterprises with ≥25 employees have their own union (工会组建率
 * ≈ 95 %, what a district reports after the 建会 campaign; 9 in 10 gave 89 %, below any real street) and
 * 84–98 % of their staff are members; a third of the smaller ones share a community joint union
 * (8 enterprises each, ≈ 90 % of staff). About half have a collective contract, a third of those
 * lapsed — so the contract alerts have examples.
 */
export function generateUnions(r: Random, book: NameBook, placed: GenEnterprise[], today: string): GenUnion[] {
  const unions: GenUnion[] = [];
  const pools = new Map<string, GenEnterprise[]>();
  for (const e of placed) {
    if (!e.active) continue;
    if (e.employeeCount >= 25 && r.chance(0.95)) {
      const members = Math.round(e.employeeCount * (0.84 + r.next() * 0.14));
      const female = Math.round(members * (0.2 + r.next() * 0.4));
      unions.push({ key: `U${e.id}`, name: book.unique(book.shortName(e.name), '工会委员会', [book.plainName(e.name)]), kind: 'standalone', regionCode: e.regionCode!,
        foundedOn: daysAgo(r, today, 30, 6 * YEAR), termYears: r.chance(0.7) ? 5 : 3, members, femaleMembers: female, hasCommittee: r.chance(0.9),
        hasWomenCommittee: female >= 10 && r.chance(0.7), covers: [e.id], contract: r.chance(0.6) ? contract(r, today) : null });
    } else if (e.employeeCount > 0 && e.employeeCount < 25 && r.chance(0.35)) {
      // Appended in place: copying the list per enterprise made a province's plan quadratic.
      const pool = pools.get(e.regionCode!);
      if (pool) pool.push(e); else pools.set(e.regionCode!, [e]);
    }
  }
  for (const [region, list] of pools) {
    const town = book.region(townshipOf(region));
    const community = region.slice(9) === '000' ? '' : communitySpoken(book.region(region));
    for (let i = 0; i < list.length; i += 8) {
      const part = list.slice(i, i + 8);
      const members = part.reduce((n, e) => n + Math.round(e.employeeCount * 0.9), 0);
      unions.push({ key: `UJ${region}-${i}`, name: book.unique(`${town}${community}` || '非公企业', '联合工会委员会'), kind: 'joint', regionCode: region,
        foundedOn: daysAgo(r, today, 30, 5 * YEAR), termYears: 5, members, femaleMembers: Math.round(members * 0.4),
        hasCommittee: members >= 25 ? r.chance(0.8) : false, hasWomenCommittee: false, covers: part.map((e) => e.id), contract: r.chance(0.4) ? contract(r, today) : null });
    }
  }
  return unions;
}

/** A collective contract of 1–3 years signed in the last four; about a third have lapsed. */
function contract(r: Random, today: string): GenUnion['contract'] {
  const signedOn = daysAgo(r, today, 10, 4 * YEAR);
  return { signedOn, endsOn: addYears(signedOn, r.int(1, 3)) };
}

/** Instructors (liaisons) for half of the active enterprises with neither members nor an organisation, ten each, per township. */
export function generateInstructors(r: Random, placed: GenEnterprise[], orgs: GenOrg[], today: string): GenInstructor[] {
  const covered = new Set(orgs.flatMap((o) => o.covers));
  const byTown = new Map<string, GenEnterprise[]>();
  for (const e of placed) {
    if (!e.active || covered.has(e.id) || e.memberCount > 0 || !r.chance(0.5)) continue;
    const t = townshipOf(e.regionCode!);
    const town = byTown.get(t);
    if (town) town.push(e); else byTown.set(t, [e]);
  }
  const out: GenInstructor[] = [];
  for (const [town, list] of byTown) {
    for (let i = 0; i < list.length; i += 10) {
      out.push({ key: `I${town}-${i}`, name: personName(r), kind: r.chance(0.8) ? 'instructor' : 'liaison', regionCode: town,
        assignments: list.slice(i, i + 10).map((e) => ({ enterpriseId: e.id, since: daysAgo(r, today, 1, 2 * YEAR) })) });
    }
  }
  return out;
}
