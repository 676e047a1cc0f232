import type { CoverageStatus } from './rules/index.js';

/**
 * Coverage metrics (docs/metrics.md) as data: each is a population (the denominator's rows) and a
 * numerator condition over the per-enterprise coverage row, with what is summed on each side.
 * The same definition is compiled to SQL (src/core/coverage/metric-sql.ts) for the figure, the
 * drill-down list and the snapshot, and evaluated in TS by `countRow` for tests — so the three
 * can never drift. Figures are pairs, never ratios: pairs add up across regions.
 */
export type MetricId =
  | 'orgCoverage' | 'workCoverage' | 'twoCoverage' | 'standaloneRate' | 'withMembers'
  | 'secretaryVacancy' | 'unionSetup' | 'unionMembership' | 'collectiveContract' | 'congressCoverage';

export const METRIC_IDS: readonly MetricId[] = [
  'orgCoverage', 'workCoverage', 'twoCoverage', 'standaloneRate', 'withMembers',
  'secretaryVacancy', 'unionSetup', 'unionMembership', 'collectiveContract', 'congressCoverage',
];

/** The coverage row's fields a metric may test (columns of enterprise_coverage). */
export type CoverageRowFacts = {
  active: boolean;
  status: CoverageStatus;
  full_members: number;
  employees: number;
  has_union: boolean;
  union_members: number;
  has_contract: boolean;
  /** A covering union held a 职代会 / 职工大会 in the 12 months up to the day. */
  has_congress: boolean;
  secretary_vacant: boolean;
  above_designated_size: boolean;
};

export type BoolField = 'active' | 'has_union' | 'has_contract' | 'has_congress' | 'secretary_vacant' | 'above_designated_size';
export type NumField = 'full_members' | 'employees';
export type Atom =
  | { field: BoolField; is: boolean }
  | { field: 'status'; in: readonly CoverageStatus[] }
  | { field: NumField; atLeast: number };

/** What one row contributes: 1 (a count of enterprises) or one of its numbers (a count of people). */
export type Measure = 'count' | 'employees' | 'union_members';

export type MetricDef = {
  id: MetricId;
  label: string;
  /** Who is counted in the denominator, in the words an office uses. */
  population: string;
  numeratorLabel: string;
  denominatorLabel: string;
  where: readonly Atom[];
  numerator: readonly Atom[];
  numeratorMeasure: Measure;
  denominatorMeasure: Measure;
  /** false for vacancy-like metrics, where a fall is good news (ranking and colours follow it). */
  higherIsBetter: boolean;
};

export type MetricThresholds = { standaloneMin: number; unionMinEmployees: number };

export const ORGANISATIONAL: readonly CoverageStatus[] = ['standalone', 'dispatched', 'joint', 'attached'];
const ACTIVE: Atom = { field: 'active', is: true };

export function metricDefs(t: MetricThresholds): Record<MetricId, MetricDef> {
  const count = { numeratorMeasure: 'count', denominatorMeasure: 'count', higherIsBetter: true } as const;
  return {
    orgCoverage: { id: 'orgCoverage', label: '党的组织覆盖率', population: '全部在营企业', numeratorLabel: '已建或纳入党组织的企业', denominatorLabel: '在营企业', where: [ACTIVE], numerator: [{ field: 'status', in: ORGANISATIONAL }], ...count },
    workCoverage: { id: 'workCoverage', label: '党的工作覆盖率（仅工作覆盖）', population: '全部在营企业', numeratorLabel: '未建党组织但有指导员（联络员）的企业', denominatorLabel: '在营企业', where: [ACTIVE], numerator: [{ field: 'status', in: ['workOnly'] }], ...count },
    twoCoverage: { id: 'twoCoverage', label: '“两个覆盖”率', population: '全部在营企业', numeratorLabel: '组织覆盖或工作覆盖的企业', denominatorLabel: '在营企业', where: [ACTIVE], numerator: [{ field: 'status', in: [...ORGANISATIONAL, 'workOnly'] }], ...count },
    standaloneRate: { id: 'standaloneRate', label: '单独组建率', population: `正式党员${t.standaloneMin}名以上的在营企业`, numeratorLabel: '已单独组建党组织的企业', denominatorLabel: `正式党员≥${t.standaloneMin}名的在营企业`, where: [ACTIVE, { field: 'full_members', atLeast: t.standaloneMin }], numerator: [{ field: 'status', in: ['standalone'] }], ...count },
    withMembers: { id: 'withMembers', label: '有党员企业占比', population: '全部在营企业', numeratorLabel: '有正式党员的企业', denominatorLabel: '在营企业', where: [ACTIVE], numerator: [{ field: 'full_members', atLeast: 1 }], ...count },
    secretaryVacancy: { id: 'secretaryVacancy', label: '党组织书记空缺率', population: '已实现组织覆盖的在营企业', numeratorLabel: '所在党组织书记空缺的企业', denominatorLabel: '组织覆盖企业', where: [ACTIVE, { field: 'status', in: ORGANISATIONAL }], numerator: [{ field: 'secretary_vacant', is: true }], ...count, higherIsBetter: false },
    unionSetup: { id: 'unionSetup', label: '工会组建率', population: `职工${t.unionMinEmployees}人以上的在营企业`, numeratorLabel: '已建立或加入工会的企业', denominatorLabel: `职工≥${t.unionMinEmployees}人的在营企业`, where: [ACTIVE, { field: 'employees', atLeast: t.unionMinEmployees }], numerator: [{ field: 'has_union', is: true }], ...count },
    unionMembership: { id: 'unionMembership', label: '职工入会率', population: '已建工会的在营企业的职工', numeratorLabel: '工会会员（人）', denominatorLabel: '职工（人）', where: [ACTIVE, { field: 'has_union', is: true }], numerator: [], numeratorMeasure: 'union_members', denominatorMeasure: 'employees', higherIsBetter: true },
    collectiveContract: { id: 'collectiveContract', label: '集体合同签订率', population: '已建工会的在营企业', numeratorLabel: '集体合同在有效期内的企业', denominatorLabel: '已建工会企业', where: [ACTIVE, { field: 'has_union', is: true }], numerator: [{ field: 'has_contract', is: true }], ...count },
    congressCoverage: { id: 'congressCoverage', label: '职代会建制率', population: '已建工会的在营企业', numeratorLabel: '近12个月召开职代会（职工大会）的企业', denominatorLabel: '已建工会企业', where: [ACTIVE, { field: 'has_union', is: true }], numerator: [{ field: 'has_congress', is: true }], ...count },
  };
}

export const DEFAULT_THRESHOLDS: MetricThresholds = { standaloneMin: 3, unionMinEmployees: 25 };

export function atomHolds(a: Atom, r: CoverageRowFacts): boolean {
  if ('is' in a) return r[a.field] === a.is;
  if ('in' in a) return a.in.includes(r.status);
  return r[a.field] >= a.atLeast;
}

const measureOf = (m: Measure, r: CoverageRowFacts): number => (m === 'count' ? 1 : r[m]);

/** What one row adds to a metric's pair: the reference semantics the SQL must match. */
export function countRow(def: MetricDef, r: CoverageRowFacts): { numerator: number; denominator: number } {
  if (!def.where.every((a) => atomHolds(a, r))) return { numerator: 0, denominator: 0 };
  const inNum = def.numerator.every((a) => atomHolds(a, r));
  return { numerator: inNum ? measureOf(def.numeratorMeasure, r) : 0, denominator: measureOf(def.denominatorMeasure, r) };
}

export type Pair = { numerator: number; denominator: number };

/** Rate in percent with one decimal, or null for an empty population (shown as “—”, never 0%). */
export function ratePercent(p: Pair): number | null {
  return p.denominator > 0 ? Math.round((p.numerator * 1000) / p.denominator) / 10 : null;
}

export const addPairs = (a: Pair, b: Pair): Pair => ({ numerator: a.numerator + b.numerator, denominator: a.denominator + b.denominator });

/** Region code levels: significant digits of province, city, county, township, community. */
export const REGION_LENGTHS = [2, 4, 6, 9, 12] as const;
export const childLength = (prefixLength: number): number | null => REGION_LENGTHS.find((l) => l > prefixLength) ?? null;

/** `YYYY-MM` → its last day `YYYY-MM-DD`. */
export function monthEnd(period: string): string {
  const [y, m] = period.split('-').map(Number);
  const d = new Date(Date.UTC(y!, m!, 0));
  return d.toISOString().slice(0, 10);
}

export function previousPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number);
  const d = new Date(Date.UTC(y!, m! - 2, 1));
  return d.toISOString().slice(0, 7);
}

export const isPeriod = (s: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(s);

/** A 12-digit code → its significant prefix (440305000000 → 440305); shorter input is kept. */
export function significantPrefix(code: string): string {
  if (code.length !== 12) return code;
  return REGION_LENGTHS.map((l) => code.slice(0, l)).find((p) => /^0*$/.test(code.slice(p.length))) ?? code;
}
