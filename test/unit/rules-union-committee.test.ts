import { describe, expect, it } from 'vitest';
import { explainUnionCommittee, explainUnionCongress, UNION_COMMITTEE_RULE_CATALOGUE } from '../../src/domain/rules/index.js';
import { parseRuleFacts } from '../../src/contracts/rule-facts.js';
import { bandFor, COMMITTEE_SIZE_TABLES, representativeRuleAt, type CommitteeSeatFact, type CongressSessionFact } from '../../src/domain/union-committee.js';

const DATE = '2026-12-04';
const seats = (n: number, chair = true): CommitteeSeatFact[] =>
  Array.from({ length: n }, (_, i) => ({ role: i === 0 && chair ? 'chair' : 'member', name: `委员${i}` }));
const ids = (fs: Array<{ ruleId: string }>) => fs.map((f) => f.ruleId);
const committee = (members: number, size: number, extra: Partial<{ termYears: number; employees: number; seats: CommitteeSeatFact[] }> = {}) =>
  explainUnionCommittee({ members, employees: extra.employees ?? null, committee: { electedOn: '2024-06-01', termYears: extra.termYears ?? 5, seats: extra.seats ?? seats(size) } }, DATE);

describe('committee size band (《工会基层组织选举工作条例》（2016）第八条)', () => {
  const table = COMMITTEE_SIZE_TABLES[0]!;
  it.each<[number, number, number]>([
    [24, 3, 5], [25, 3, 7], [200, 3, 7], [201, 7, 15], [1000, 7, 15], [1001, 15, 21], [5000, 15, 21], [5001, 21, 29], [10000, 21, 29], [10001, 29, 37], [50000, 29, 37],
  ])('%i members → %i–%i (2016 选举条例第八条)', (members, low, high) => {
    expect(bandFor(table, members)).toMatchObject({ low, high });
  });
  it('above 50,000 members: no band in the text held, no verdict (2016 选举条例第八条)', () => {
    expect(bandFor(table, 50001)).toBeNull();
    expect(committee(50001, 5).sizeVerdict).toBe('unknown');
  });
  it.each<[number, number, string]>([
    [24, 2, 'below'], [24, 3, 'within'], [24, 5, 'within'], [24, 6, 'above'], [24, 1, 'organiser'],
    [25, 7, 'within'], [25, 8, 'above'], [200, 7, 'within'], [201, 7, 'within'], [201, 6, 'below'], [201, 16, 'above'],
  ])('%i members with %i seats → %s (2016 选举条例第八条)', (members, size, verdict) => {
    const c = committee(members, size);
    expect(c.sizeVerdict).toBe(verdict);
    expect(ids(c.findings).includes('unionCommittee.sizeOutOfBand')).toBe(verdict === 'below' || verdict === 'above');
  });
  it('a committee elected before 2016-10-09 is not judged by the 2016 table (effective date)', () => {
    const c = explainUnionCommittee({ members: 300, committee: { electedOn: '2016-10-08', termYears: 5, seats: seats(3) } }, '2018-01-01');
    expect(c.sizeVerdict).toBe('unknown');
    expect(explainUnionCommittee({ members: 300, committee: { electedOn: '2016-10-09', termYears: 5, seats: seats(3) } }, '2018-01-01').sizeVerdict).toBe('below');
  });
  it('经费审查委员 are listed but do not count towards the size', () => {
    expect(committee(30, 0, { seats: [...seats(3), { role: 'fundsAuditor', name: '审' }] }).size).toBe(3);
  });
});

describe('committee term, chair, close relatives, full-time chair', () => {
  it.each([[3, false], [5, false], [4, true], [2, true]])('term %i years → invalid %s (《工会法》第十六条)', (years, invalid) => {
    const c = committee(30, 3, { termYears: years });
    expect(ids(c.findings).includes('unionCommittee.termInvalid')).toBe(invalid);
    expect(c.termEndsOn).toBe(invalid ? null : `${2024 + years}-05-31`);
  });
  it('no chair → vacant (《工会法》第十条)', () => {
    expect(ids(committee(30, 3, { seats: seats(3, false) }).findings)).toContain('unionCommittee.chairVacant');
  });
  it('a seat that ended is not counted; one ending tomorrow is', () => {
    const c = committee(30, 0, { seats: [...seats(3), { role: 'member', name: 'x', until: DATE }, { role: 'member', name: 'y', until: '2026-12-05' }] });
    expect(c.size).toBe(4);
  });
  it('a declared close relative → finding (《工会法》第十条)', () => {
    const c = committee(30, 0, { seats: [...seats(3), { role: 'member', name: '近亲属', closeRelative: true }] });
    expect(c.findings.find((f) => f.ruleId === 'unionCommittee.closeRelative')?.message).toContain('《工会法》第十条');
  });
  it.each([[199, false], [200, true], [201, true]])('%i employees, part-time chair → suggestion %s (《工会法》第十四条)', (employees, shown) => {
    const f = committee(300, 7, { employees }).findings.find((x) => x.ruleId === 'unionCommittee.fullTimeChairSuggested');
    expect(!!f).toBe(shown);
    if (f) expect(f.severity).toBe('info');
  });
  it('a full-time chair at 200 employees: no suggestion (《工会法》第十四条)', () => {
    const s = seats(7); s[0] = { ...s[0]!, fullTime: true };
    expect(ids(committee(300, 0, { employees: 200, seats: s }).findings)).not.toContain('unionCommittee.fullTimeChairSuggested');
  });
});

const session = (o: Partial<CongressSessionFact> = {}): CongressSessionFact => ({ heldOn: '2026-03-01', kind: 'congress', representatives: 30, present: 30, ...o });
const congress = (o: Partial<CongressSessionFact> = {}, union: { employees?: number; provinceCode?: string; foundedOn?: string } = {}) =>
  explainUnionCongress({ employees: 150, foundedOn: '2010-01-01', ...union, congresses: [session(o)] }, DATE);

describe('职代会 form (《企业民主管理规定》（2012）)', () => {
  it.each([[99, 'assembly'], [100, 'congress'], [101, 'congress']])('%i employees → %s (企业民主管理规定 2012)', (employees, form) => {
    expect(explainUnionCongress({ employees }, DATE).form).toBe(form);
  });
  it.each([[99, false], [100, true]])('%i employees holding a 职工大会 → mismatch %s (企业民主管理规定 2012)', (employees, shown) => {
    expect(ids(congress({ kind: 'assembly' }, { employees }).findings).includes('unionCongress.formMismatch')).toBe(shown);
  });
});

describe('sessions at least once a year (企业民主管理规定 2012; rolling twelve months)', () => {
  it.each<[string, boolean]>([['2025-12-03', true], ['2025-12-04', false], ['2025-12-05', false]])('last session on %s → missing %s', (heldOn, missing) => {
    expect(ids(congress({ heldOn }).findings).includes('unionCongress.sessionMissing')).toBe(missing);
  });
  it('no session at all → missing; a union founded within the year → not yet', () => {
    expect(ids(explainUnionCongress({ employees: 50, foundedOn: '2020-01-01' }, DATE).findings)).toContain('unionCongress.sessionMissing');
    expect(ids(explainUnionCongress({ employees: 50, foundedOn: '2026-01-01' }, DATE).findings)).not.toContain('unionCongress.sessionMissing');
  });
  it('a session after the evaluation date is not counted', () => {
    expect(explainUnionCongress({ employees: 50, congresses: [session({ heldOn: '2026-12-05' })] }, DATE).sessions).toHaveLength(0);
  });
});

describe('quorum ≥ 2/3 and resolutions > 1/2 of ALL representatives (企业民主管理规定 2012)', () => {
  it.each<[number, number, string]>([[30, 20, 'met'], [30, 19, 'notMet'], [31, 21, 'met'], [31, 20, 'notMet'], [32, 22, 'met'], [32, 21, 'notMet'], [3, 2, 'met']])(
    '%i representatives, %i present → %s (exactly 2/3 is enough)', (representatives, present, quorum) => {
      const s = congress({ representatives, present }).sessions[0]!;
      expect(s.quorum).toBe(quorum);
      expect(ids(congress({ representatives, present }).findings).includes('unionCongress.quorumNotMet')).toBe(quorum === 'notMet');
    });
  it.each<[number, number, string]>([[30, 15, 'failed'], [30, 16, 'passed'], [31, 15, 'failed'], [31, 16, 'passed']])(
    '%i representatives, %i for → %s (exactly half is not more than half; counted against all, not those present)', (representatives, votesFor, outcome) => {
      const s = congress({ representatives, present: 22, resolutions: [{ title: '工资集体协商方案', votesFor }] }).sessions[0]!;
      expect(s.resolutions[0]!.outcome).toBe(outcome);
    });
  it('without a quorum a resolution does not stand', () => {
    expect(congress({ representatives: 30, present: 19, resolutions: [{ title: 'x', votesFor: 19 }] }).sessions[0]!.resolutions[0]!.outcome).toBe('invalid');
  });
  it('without counts: unknown, no finding', () => {
    const c = congress({ representatives: null, present: null, resolutions: [{ title: 'x', votesFor: 3 }] });
    expect(c.sessions[0]!.quorum).toBe('unknown');
    expect(c.sessions[0]!.resolutions[0]!.outcome).toBe('unknown');
  });
});

describe('representatives by province formula', () => {
  it('national: none fixed (the 5%/30 rule is unverified ❓), never a finding', () => {
    const r = representativeRuleAt(null, DATE);
    expect(r.minimum(500)).toBeNull();
    expect(r.confidence).toBe('❓');
    expect(ids(congress({ representatives: 5, present: 5 }, { employees: 500 }).findings)).not.toContain('unionCongress.representativesTooFew');
  });
  it.each<[number, number | null]>([[99, 30], [100, 30], [199, 30], [200, 35], [3000, 175], [3001, null]])('Shanghai 31: %i employees → at least %s (上海市职工代表大会条例)', (e, min) => {
    expect(representativeRuleAt('31', DATE).minimum(e)).toBe(min);
  });
  it.each<[number, number]>([[99, 30], [100, 40], [199, 40], [200, 47], [999, 96], [1000, 100], [1999, 100], [2000, 120], [4999, 160], [5000, 200]])(
    'Zhejiang 33: %i employees → at least %i (浙江省企业民主管理条例)', (e, min) => {
      expect(representativeRuleAt('33', DATE).minimum(e)).toBe(min);
    });
  it('Shanghai before its 条例 (2017-11-23) falls back to the national rule (effective date)', () => {
    expect(representativeRuleAt('31', '2017-11-22').province).toBeNull();
    expect(representativeRuleAt('31', '2017-11-23').province).toBe('31');
  });
  it.each<[number, boolean]>([[34, true], [35, false]])('Shanghai, 260 employees, %i representatives → too few %s, citing the Shanghai text', (representatives, few) => {
    const c = congress({ representatives, present: representatives }, { employees: 260, provinceCode: '310101' });
    const f = c.findings.find((x) => x.ruleId === 'unionCongress.representativesTooFew');
    expect(!!f).toBe(few);
    if (f) expect(f.message).toContain('《上海市职工代表大会条例》');
  });
  it.each<[number, number, boolean]>([[35, 7, false], [35, 8, true], [40, 8, false], [40, 9, true]])('Zhejiang: %i representatives, %i managers → over 20%% %s', (representatives, managers, over) => {
    expect(ids(congress({ representatives, present: representatives, managers }, { employees: 120, provinceCode: '33' }).findings).includes('unionCongress.managersOverLimit')).toBe(over);
  });
  it('no managers limit nationally', () => {
    expect(ids(congress({ representatives: 30, present: 30, managers: 29 }).findings)).not.toContain('unionCongress.managersOverLimit');
  });
});

describe('catalogue and facts file', () => {
  it('every rule cites a Chinese source', () => {
    for (const r of Object.values(UNION_COMMITTEE_RULE_CATALOGUE)) expect(r.source).toMatch(/《.+》/);
  });
  it('the example file parses, and a bad vote count names its path', async () => {
    const { readFile } = await import('node:fs/promises');
    expect(parseRuleFacts(JSON.parse(await readFile('docs/examples/rules/union-committee.json', 'utf8')))).toHaveLength(2);
    const bad = { type: 'union', id: 'u', foundedOn: '2020-01-01', members: 1, femaleMembers: 0, hasCommittee: true, hasWomenCommittee: false,
      congresses: [{ heldOn: '2025-01-01', kind: 'congress', representatives: 10, present: 11 }] };
    expect(() => parseRuleFacts(bad)).toThrow(/事实文件/);
    try { parseRuleFacts(bad); } catch (e) { expect(JSON.stringify(e)).toContain('$.congresses[0].present'); }
  });
});
