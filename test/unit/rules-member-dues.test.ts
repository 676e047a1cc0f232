import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  duesFor, evaluateMember, monthlyDues, RULE_SET, roundHalfUp, yuan,
  type DuesCategory, type MemberRuleFacts, type RuleSet,
} from '../../src/domain/rules/index.js';

const member = (over: Partial<MemberRuleFacts> = {}): MemberRuleFacts => ({ id: 'm1', ...over });
const employed = (baseFen: number) => duesFor({ category: 'employed', baseFen }, '2025-06');
const retired = (baseFen: number) => duesFor({ category: 'retired', baseFen }, '2025-06');

describe('中组发〔2008〕3号 第二条: employed members, one rate on the whole after-tax base, upper bounds included (domain-rules §4)', () => {
  it.each<[string, number, number, string]>([
    ['1000元 → 0.5%', 100_000, 500, 'employed-1'],
    ['3000元 exactly → still 0.5% (以下含3000元)', 300_000, 1_500, 'employed-1'],
    ['3000.01元 → 1% on the whole base', 300_001, 3_000, 'employed-2'],
    ['5000元 exactly → 1%', 500_000, 5_000, 'employed-2'],
    ['5000.01元 → 1.5%', 500_001, 7_500, 'employed-3'],
    ['10000元 exactly → 1.5%', 1_000_000, 15_000, 'employed-3'],
    ['10000.01元 → 2%', 1_000_001, 20_000, 'employed-4'],
    ['0元 → 0', 0, 0, 'employed-1'],
    ['4321.50元 → 43.215元 → 43.22元 (half up)', 432_150, 4_322, 'employed-2'],
    ['2345.10元 → 11.7255元 → 11.73元', 234_510, 1_173, 'employed-1'],
    ['2345.00元 → 11.725元 → 11.73元 (exactly half: up)', 234_500, 1_173, 'employed-1'],
  ])('%s', (_name, base, fen, key) => {
    const d = employed(base);
    expect(d.amountFen).toBe(fen);
    expect(d.bracket.key).toBe(key);
    expect(d.ruleId).toBe('member.duesEmployed');
    expect(d.source).toContain('中组发〔2008〕3号）第二条');
  });

  it('bracket labels read as an official says them', () => {
    expect(employed(400_000).bracket.label).toBe('月工资收入3000元以上至5000元（含）按1%');
    expect(employed(200_000).bracket.label).toBe('月工资收入3000元以下（含）按0.5%');
    expect(employed(2_000_000).bracket.label).toBe('月工资收入10000元以上按2%');
  });
});

describe('中组发〔2008〕3号 第五条、第六条: retirees, farmers, students and others (domain-rules §4)', () => {
  it.each<[string, DuesCategory, number | null, number, string]>([
    ['retiree 5000元 exactly → 0.5%', 'retired', 500_000, 2_500, 'member.duesRetired'],
    ['retiree 5000.01元 → 1%', 'retired', 500_001, 5_000, 'member.duesRetired'],
    ['farmer: 0.2元 by default (the province sets 0.2–1元)', 'farmer', null, 20, 'member.duesFarmer'],
    ['student 0.2元', 'student', null, 20, 'member.duesMinimal'],
    ['laid off / unemployed 0.2元', 'unemployed', null, 20, 'member.duesMinimal'],
    ['on relief 0.2元', 'relief', null, 20, 'member.duesMinimal'],
    ['低保 0.2元', 'subsistence', null, 20, 'member.duesMinimal'],
  ])('%s', (_name, category, baseFen, fen, ruleId) => {
    const d = duesFor({ category, baseFen }, '2025-06');
    expect(d.amountFen).toBe(fen);
    expect(d.ruleId).toBe(ruleId);
  });

  it('a province override of the farmers amount applies in that province only and cites its own text', () => {
    const set: RuleSet = { ...RULE_SET, overrides: { ...RULE_SET.overrides, '45': { 'dues.farmerFen': [{ value: 50, validFrom: '2010-01-01', confidence: '✅', source: '某省委关于农民党员党费标准的通知（示例）' }] } } };
    expect(duesFor({ category: 'farmer' }, '2025-06', set, '45').amountFen).toBe(50);
    expect(duesFor({ category: 'farmer' }, '2025-06', set, '45').source).toContain('某省委');
    expect(duesFor({ category: 'farmer' }, '2025-06', set, '44').amountFen).toBe(20);
    expect(monthlyDues(member({ provinceCode: '450102', dues: { bases: [{ fromMonth: '2025-01', category: 'farmer' }] } }), '2025-06', set)?.amountFen).toBe(50);
  });

  it('the rounding unit is a setting: 10 rounds half up to the 角', () => {
    const set: RuleSet = { ...RULE_SET, params: RULE_SET.params.map((p) => (p.id === 'dues.roundingFen' ? { ...p, versions: [{ ...p.versions[0], value: 10 }] } : p)) };
    expect(duesFor({ category: 'employed', baseFen: 432_150 }, '2025-06', set).amountFen).toBe(4_320); // 43.215 → 43.2
    expect(duesFor({ category: 'employed', baseFen: 435_000 }, '2025-06', set).amountFen).toBe(4_350); // 43.5 exactly
  });

  it('yuan() prints fen as an official writes money', () => {
    expect([yuan(300_000), yuan(20), yuan(1_234), yuan(4_350), yuan(0)]).toEqual(['3000元', '0.2元', '12.34元', '43.5元', '0元']);
  });
});

describe('properties of the brackets', () => {
  const category = fc.constantFrom<DuesCategory>('employed', 'retired');
  const base = fc.integer({ min: 0, max: 10_000_000 });

  it('amounts are integer fen, never negative, and monotone in the base', () => {
    fc.assert(fc.property(category, base, base, (c, a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const x = duesFor({ category: c, baseFen: lo }, '2025-06').amountFen;
      const y = duesFor({ category: c, baseFen: hi }, '2025-06').amountFen;
      expect(Number.isSafeInteger(x) && x >= 0).toBe(true);
      expect(x).toBeLessThanOrEqual(y);
    }), { numRuns: 500 });
  });

  it('equals base × rate rounded half up to the fen, for the bracket the base falls in', () => {
    fc.assert(fc.property(base, (b) => {
      const d = employed(b);
      const rate = b <= 300_000 ? 50 : b <= 500_000 ? 100 : b <= 1_000_000 ? 150 : 200;
      expect(d.bracket.rateBp).toBe(rate);
      // Exact reference in BigInt: (b·rate + 5000) div 10000.
      expect(BigInt(d.amountFen)).toBe((BigInt(b) * BigInt(rate) + 5000n) / 10000n);
    }), { numRuns: 500 });
  });

  it('roundHalfUp agrees with BigInt arithmetic for any unit', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.constantFrom(1, 10, 100), (n, unit) => {
      const d = BigInt(10_000 * unit);
      expect(BigInt(roundHalfUp(n, 10_000, unit))).toBe(((BigInt(n) + d / 2n) / d) * BigInt(unit));
    }), { numRuns: 300 });
  });

  it('each bound belongs to the lower bracket and one fen more to the next', () => {
    for (const [bound, below, above] of [[300_000, 50, 100], [500_000, 100, 150], [1_000_000, 150, 200]] as const) {
      expect(employed(bound).bracket.rateBp).toBe(below);
      expect(employed(bound + 1).bracket.rateBp).toBe(above);
    }
    expect(retired(500_000).bracket.rateBp).toBe(50);
    expect(retired(500_001).bracket.rateBp).toBe(100);
  });
});

describe('the member’s monthly dues: basis by month, approved reductions (domain-rules §4)', () => {
  const f = member({
    dues: {
      bases: [{ fromMonth: '2024-01', category: 'employed', baseFen: 280_000 }, { fromMonth: '2025-03', category: 'employed', baseFen: 600_000 }],
      reductions: [{ fromMonth: '2025-05', toMonth: '2025-06', amountFen: 1_000, approvedOn: '2025-05-08' }, { fromMonth: '2025-08', amountFen: 0, approvedOn: null }],
    },
  });

  it.each<[string, number | null, string | null]>([
    ['2023-12', null, null], // no basis yet
    ['2025-02', 1_400, 'member.duesEmployed'],
    ['2025-03', 9_000, 'member.duesEmployed'], // recalculated from the month pay at the new level starts
    ['2025-05', 1_000, 'member.duesReduced'],
    ['2025-07', 9_000, 'member.duesEmployed'],
    ['2025-08', 9_000, 'member.duesEmployed'], // not approved: the standard amount
  ])('%s → %s fen', (month, fen, ruleId) => {
    const d = monthlyDues(f, month);
    expect(d?.amountFen ?? null).toBe(fen);
    expect(d?.ruleId ?? null).toBe(ruleId);
  });

  it('a reduction approved after the as-of date does not count yet', () => {
    expect(monthlyDues(f, '2025-05', RULE_SET, { asOf: '2025-05-07' })?.amountFen).toBe(9_000);
    expect(monthlyDues(f, '2025-05', RULE_SET, { asOf: '2025-05-08' })?.reduction).toEqual({ amountFen: 1_000, approvedOn: '2025-05-08' });
  });

  it('an unapproved reduction is a finding', () => {
    expect(evaluateMember(f, '2025-08-15').map((x) => x.ruleId)).toContain('member.duesReductionUnapproved');
  });
});

describe('arrears, the six-month rule (党章第九条) and back payment (≤ 6 months)', () => {
  const paid = (months: string[]) => months.map((month) => ({ month, paidOn: `${month}-20` }));
  const f = (months: string[], over: Partial<MemberRuleFacts> = {}) =>
    member({ dues: { bases: [{ fromMonth: '2025-01', category: 'student' }], payments: paid(months) }, ...over });
  const ids = (x: MemberRuleFacts, asOf: string) => evaluateMember(x, asOf).map((y) => y.ruleId);

  it('all paid through last month: nothing (the as-of month is not late yet)', () => {
    expect(ids(f(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05']), '2025-06-30')).toEqual([]);
  });

  it('five consecutive unpaid months: arrears with the day the sixth month would complete the run', () => {
    const [a] = evaluateMember(f([]), '2025-06-10');
    expect(a.ruleId).toBe('member.duesArrears');
    expect(a.params).toMatchObject({ unpaidMonths: 5, totalFen: 100, longestRun: 5 });
    expect(a.dueOn).toBe('2025-06-30');
    expect(a.summary).toBe('欠交党费5个月，合计1元 — 建议督促按月交纳并补交');
  });

  it('six consecutive unpaid months: 自行脱党 finding, overdue', () => {
    const [a] = evaluateMember(f([]), '2025-07-01');
    expect(a.ruleId).toBe('member.duesLapse');
    expect(a.severity).toBe('overdue');
    expect(a.params).toMatchObject({ from: '2025-01', to: '2025-06' });
    expect(a.source).toContain('《中国共产党章程》第九条');
  });

  it('a paid month breaks the run; exempt months are not arrears', () => {
    expect(ids(f(['2025-03']), '2025-07-01')).toEqual(['member.duesArrears']);
    const exempt = member({ dues: { bases: [{ fromMonth: '2025-01', category: 'student' }], reductions: [{ fromMonth: '2025-01', amountFen: 0, approvedOn: '2024-12-20' }] } });
    expect(ids(exempt, '2025-12-01')).toEqual([]);
  });

  it('a probationary member owes from the month of the 支部大会, not before; left and suspended members owe nothing', () => {
    const p = f([], { recruitment: { appliedOn: '2023-01-01', branchMeeting: { heldOn: '2025-04-10', votingMembers: 5, present: 5, yesVotes: 5 } } });
    expect(evaluateMember(p, '2025-06-30').find((x) => x.ruleId === 'member.duesArrears')?.params.unpaidMonths).toBe(2);
    expect(ids(f([], { status: 'left' }), '2025-12-01')).toEqual([]);
    expect(ids(f([], { status: 'suspended' }), '2025-12-01')).not.toContain('member.duesLapse');
  });

  it('a month paid more than 6 months late is a back-payment finding', () => {
    const late = member({ dues: { bases: [{ fromMonth: '2025-01', category: 'student' }], payments: [...paid(['2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08']), { month: '2025-01', paidOn: '2025-08-05' }] } });
    const x = evaluateMember(late, '2025-09-01');
    expect(x.map((y) => y.ruleId)).toEqual(['member.duesBackPayLate']);
    expect(x[0].message).toContain('2025-01（2025-08-05交）');
  });

  it('a payment after the as-of date is not known yet', () => {
    const later = member({ dues: { bases: [{ fromMonth: '2025-05', category: 'student' }], payments: [{ month: '2025-05', paidOn: '2025-07-02' }] } });
    const unpaid = (asOf: string) => evaluateMember(later, asOf).find((x) => x.ruleId === 'member.duesArrears')?.message;
    expect(unpaid('2025-06-30')).toMatch(/欠交党费1个月，合计0.2元（2025-05）/);
    expect(unpaid('2025-07-02')).toMatch(/欠交党费1个月，合计0.2元（2025-06）/);
  });
});
