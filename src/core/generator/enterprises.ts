import { creditCodeMaker } from './credit-codes.js';
import { createRandom, type Random } from './random.js';
import { loadPlaceChains, type PlaceChain } from './region-pool.js';
import {
  BUILDINGS, GIVEN_CHARS, INDUSTRIES, ORG_SUFFIX, OWNER_PROFILES, OWNERSHIP_MIX, ROADS, STATUS_MIX, SURNAMES, TRADE_CHARS,
} from './vocab.js';

/**
 * Realistic registration-export rows (docs/regions.md "Generator"): real region names and codes,
 * valid credit codes, log-normal employee counts (median ≈ 8), the status mix of real exports.
 * Deterministic: the same options give the same rows, byte for byte.
 */
export type GeneratedRow = {
  creditCode: string;
  name: string;
  ownershipType: string;
  legalRepresentative: string;
  foundedOn: string;
  operatingStatus: string;
  address: string;
  employeeCount: string;
  registeredCapital: string;
  industry: string;
  sizeClass: string;
  aboveDesignatedSize: string;
  memberCount: string;
  ownerProfile: string;
  regionCode: string;
  parkName: string;
  associationName: string;
};

export type FaultKind = 'bad_check_char' | 'bad_date' | 'missing_name' | 'exact_duplicate' | 'conflicting_duplicate';
export const FAULT_KINDS: readonly FaultKind[] = ['bad_check_char', 'bad_date', 'missing_name', 'exact_duplicate', 'conflicting_duplicate'];

export type GeneratedItem = { index: number; row: GeneratedRow; fault: FaultKind | null; duplicateOf: number | null; communityCode: string };

export type GenerateOptions = {
  count: number;
  seed: number;
  region?: string;
  /** Share of rows turned into faults (only with withFaults); at least one of each kind. */
  withFaults?: boolean;
  faultRate?: number;
  parks?: string[];
  associations?: string[];
  /** Ordinal offset for credit codes, so a later batch never collides with an earlier one. */
  ordinalOffset?: number;
  /** Reuse loaded chains across calls (the changes generator does). */
  chains?: PlaceChain[];
};

export async function* generateEnterprises(opts: GenerateOptions): AsyncGenerator<GeneratedItem> {
  const chains = opts.chains ?? (await loadPlaceChains(opts.region));
  if (!chains.length) throw new Error(`区划前缀 ${opts.region ?? ''} 下没有社区（村），无法生成`);
  const rnd = createRandom(opts.seed);
  const makeCode = creditCodeMaker(opts.seed);
  const faults = opts.withFaults ? faultPlan(opts.count, opts.faultRate ?? 0.005, rnd) : new Map<number, FaultKind>();
  const recent: GeneratedRow[] = [];
  for (let index = 0; index < opts.count; index++) {
    const fault = faults.get(index) ?? null;
    if ((fault === 'exact_duplicate' || fault === 'conflicting_duplicate') && recent.length) {
      const k = rnd.int(0, recent.length - 1);
      const original = recent[k];
      const row = fault === 'exact_duplicate' ? { ...original } : { ...original, employeeCount: String(Number(original.employeeCount || 0) + 7) };
      yield { index, row, fault, duplicateOf: index - (recent.length - k), communityCode: '' };
      continue;
    }
    const chain = rnd.pick(chains);
    const row = makeRow(rnd, chain, makeCode((opts.ordinalOffset ?? 0) + index, chain.county6, false), opts);
    const modern = row.foundedOn >= '2015-10-01';
    row.creditCode = makeCode((opts.ordinalOffset ?? 0) + index, rnd.chance(0.03) ? `${chain.county6.slice(0, 4)}00` : chain.county6, modern);
    if (fault) applyFault(row, fault);
    recent.push(row);
    if (recent.length > 50) recent.shift();
    yield { index, row, fault, duplicateOf: null, communityCode: chain.communityCode };
  }
}

/** Fault positions: spread over the file, never in the first rows (a duplicate needs an original). */
function faultPlan(count: number, rate: number, rnd: Random): Map<number, FaultKind> {
  const plan = new Map<number, FaultKind>();
  const n = Math.min(Math.max(FAULT_KINDS.length, Math.round(count * rate)), Math.max(0, count - 2));
  for (let k = 0; k < n; k++) {
    let at = rnd.int(2, count - 1);
    while (plan.has(at)) at = at + 1 < count ? at + 1 : 2;
    plan.set(at, FAULT_KINDS[k % FAULT_KINDS.length]);
  }
  return plan;
}

function applyFault(row: GeneratedRow, fault: FaultKind): void {
  if (fault === 'bad_check_char') {
    const last = row.creditCode.at(-1);
    row.creditCode = row.creditCode.slice(0, 17) + (last === '1' ? '2' : '1');
  } else if (fault === 'bad_date') row.foundedOn = `${row.foundedOn.slice(0, 4)}-13-45`;
  else if (fault === 'missing_name') row.name = '';
}

function makeRow(rnd: Random, chain: PlaceChain, provisionalCode: string, opts: GenerateOptions): GeneratedRow {
  const industry = rnd.weighted(INDUSTRIES.map((i) => [i, i.weight] as const));
  const employees = Math.max(1, Math.round(Math.exp(Math.log(8) + 1.35 * rnd.normal())));
  const ownershipType = rnd.weighted(OWNERSHIP_MIX);
  const capital = Math.exp(Math.log(ownershipType === '个人独资企业' ? 10 : 100) + 1.3 * rnd.normal());
  const name = enterpriseName(rnd, chain, industry.words, ownershipType);
  const legalRepresentative = rnd.pick(SURNAMES) + rnd.pick(GIVEN_CHARS) + (rnd.chance(0.6) ? rnd.pick(GIVEN_CHARS) : '');
  const founded = foundedOn(rnd);
  const operatingStatus = rnd.weighted(STATUS_MIX);
  const addressText = address(rnd, chain);
  const employeeCount = rnd.chance(0.03) ? '' : String(employees);
  const registeredCapital = String(Math.max(1, Math.round(capital * 100) / 100));
  const above = employees >= 300 || (employees >= 50 && rnd.chance(0.5));
  const memberDraw = rnd.chance(0.3) ? rnd.next() : null;
  return {
    creditCode: provisionalCode,
    name,
    ownershipType,
    legalRepresentative,
    foundedOn: founded,
    operatingStatus,
    address: addressText,
    employeeCount,
    registeredCapital,
    industry: industry.name,
    sizeClass: employees >= 300 ? '大型' : employees >= 100 ? '中型' : employees >= 10 ? '小型' : '微型',
    aboveDesignatedSize: above ? '是' : '否',
    memberCount: memberCount(employees, above, memberDraw),
    ownerProfile: rnd.weighted(OWNER_PROFILES),
    regionCode: '',
    parkName: opts.parks?.length && rnd.chance(0.12) ? rnd.pick(opts.parks) : '',
    associationName: opts.associations?.length && rnd.chance(0.08) ? rnd.pick(opts.associations) : '',
  };
}

/**
 * Party members, shaped like a district's ledger: about one enterprise in ten has any, and an
 * enterprise above designated size nearly always does (≈ 3–6 % of its staff). The draws are the
 * same as before this rule, so every other column of a seed's rows is unchanged.
 */
function memberCount(employees: number, above: boolean, draw: number | null): string {
  if (above) return String(Math.max(1, Math.round(employees * (0.03 + 0.03 * (draw ?? 0.5)))));
  return draw === null ? '' : String(Math.round(employees * draw * 0.05));
}

function enterpriseName(rnd: Random, chain: PlaceChain, words: readonly string[], ownershipType: string): string {
  const place = rnd.chance(0.55) ? (chain.city ?? chain.province) : rnd.chance(0.5) ? chain.countyShort : (chain.cityShort ?? chain.countyShort);
  const trade = rnd.pick(TRADE_CHARS) + rnd.pick(TRADE_CHARS);
  const suffix = ownershipType === '个人独资企业' ? '商行' : ownershipType.includes('合伙') ? '企业（有限合伙）' : rnd.weighted(ORG_SUFFIX);
  return `${place}${trade}${rnd.pick(words)}${suffix}`;
}

/** 1995 … 2026-10, more recent years more likely (registrations have grown year on year). */
function foundedOn(rnd: Random): string {
  const years: Array<readonly [number, number]> = [];
  for (let y = 1995; y <= 2026; y++) years.push([y, (y - 1990) ** 1.5]);
  const year = rnd.weighted(years);
  const month = rnd.int(1, year === 2026 ? 10 : 12);
  const day = rnd.int(1, 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function address(rnd: Random, c: PlaceChain): string {
  let out = '';
  if (c.city ? rnd.chance(0.4) : rnd.chance(0.9)) out += c.province; // 北京市… is nearly always written
  if (c.city && rnd.chance(0.85)) out += c.city;
  out += c.county;
  if (rnd.chance(0.93)) out += c.townshipShort && rnd.chance(0.2) ? c.townshipShort : c.township;
  if (rnd.chance(0.55)) out += c.communitySpoken;
  out += `${rnd.pick(ROADS)}${rnd.int(1, 999)}号`;
  const building = rnd.pick(BUILDINGS);
  if (building) out += `${building}${rnd.int(1, 30)}0${rnd.int(1, 9)}室`;
  return out;
}
