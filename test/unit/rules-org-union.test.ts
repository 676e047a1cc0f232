import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRuleContext, evaluateOrg, evaluateUnion, explainOrg, explainUnion, ruleIdsOf, RULE_SET,
  type OrgRuleFacts, type RuleId, type RuleSet, type UnionRuleFacts,
} from '../../src/domain/rules/index.js';
import { org, union } from './rules-fixtures.js';

const DATE = '2025-06-30';
const ctx = createRuleContext(DATE);
const orgIds = (f: OrgRuleFacts, c = ctx): RuleId[] => ruleIdsOf({ subject: 'org', ...evaluateOrg(f, c) });
const unionIds = (f: UnionRuleFacts, c = ctx): RuleId[] => ruleIdsOf({ subject: 'union', ...evaluateUnion(f, c) });
const committee = (n: number) => [{ role: 'secretary' as const, since: '2023-01-01' }, ...Array.from({ length: n - 1 }, () => ({ role: 'committeeMember' as const, since: '2023-01-01' }))];
const covered = (n: number, fullMembers = 1, operatingStatus: 'active' | 'deregistered' = 'active') =>
  Array.from({ length: n }, (_, i) => ({ id: `e${i}`, operatingStatus, fullMembers, since: '2023-01-01' }));

describe('party organisation rules', () => {
  it.each<[string, Partial<OrgRuleFacts>, RuleId, boolean]>([
    ['§1.1 支部工作条例第六章: secretary in office → no vacancy', {}, 'org.secretaryVacant', false],
    ['§1.1: no positions → secretary vacant', { positions: [] }, 'org.secretaryVacant', true],
    ['§1.1: secretary ended on the date → vacant', { positions: [{ role: 'secretary', since: '2023-01-01', until: DATE }] }, 'org.secretaryVacant', true],
    ['§1.1: only a deputy → vacant', { positions: [{ role: 'deputySecretary', since: '2023-01-01' }] }, 'org.secretaryVacant', true],
    ['§1.1 第六章: 6 full members, no committee → fine', { fullMembers: 6 }, 'org.committeeMissing', false],
    ['§1.1 第六章: 7 full members (inclusive), secretary only → committee missing', { fullMembers: 7 }, 'org.committeeMissing', true],
    ['§1.1 第六章: 7 full members, committee of 3 → fine', { fullMembers: 7, positions: committee(3) }, 'org.committeeMissing', false],
    ['§1.1 第六章: 7 full members, committee of 2 → missing', { fullMembers: 7, positions: committee(2) }, 'org.committeeMissing', true],
    ['§1.1 第六章: 6 full + 3 probationary → no committee needed (full members only)', { fullMembers: 6, probationaryMembers: 3 }, 'org.committeeMissing', false],
    ['§1.2: term ends on the date → due, not overdue', { termEndsOn: DATE }, 'org.reelectionOverdue', false],
    ['§1.2: term ends on the date → due', { termEndsOn: DATE }, 'org.reelectionDue', true],
    ['§1.2: term ended yesterday → overdue', { termEndsOn: '2025-06-29' }, 'org.reelectionOverdue', true],
    ['§1.2: term ends in 180 days (reminder window, inclusive) → due', { termEndsOn: '2025-12-27' }, 'org.reelectionDue', true],
    ['§1.2: term ends in 181 days → not yet due', { termEndsOn: '2025-12-28' }, 'org.reelectionDue', false],
    ['§1.1: temporary branch never holds 换届', { temporary: true, termEndsOn: '2020-01-01' }, 'org.reelectionOverdue', false],
    ['§1.1: joint branch with 5 units → fine', { setupMode: 'joint', coveredEnterprises: covered(5) }, 'org.jointTooManyUnits', false],
    ['§1.1: joint branch with 6 units → too many', { setupMode: 'joint', coveredEnterprises: covered(6) }, 'org.jointTooManyUnits', true],
    ['§1.1: joint branch, 6 units but one ended → fine', { setupMode: 'joint', coveredEnterprises: [...covered(5), { id: 'x', operatingStatus: 'active', fullMembers: 1, since: '2020-01-01', until: '2024-01-01' }] }, 'org.jointTooManyUnits', false],
    ['§1.1: joint member with 2 full → stays', { setupMode: 'joint', coveredEnterprises: covered(2, 2) }, 'org.memberQualifiesStandalone', false],
    ['§1.1: joint member with 3 full → may stand alone', { setupMode: 'joint', coveredEnterprises: covered(1, 3) }, 'org.memberQualifiesStandalone', true],
    ['§1.1 Q&A 7: covered enterprise deregistered', { setupMode: 'joint', coveredEnterprises: covered(1, 1, 'deregistered') }, 'org.coveredEnterpriseClosed', true],
    ['§1.1 Q&A 7: standalone with 2 full members → below threshold', { fullMembers: 2 }, 'org.belowStandaloneThreshold', true],
    ['§1.1 Q&A 7: standalone with 3 full members → fine', { fullMembers: 3 }, 'org.belowStandaloneThreshold', false],
  ])('%s', (_name, over, rule, expected) => {
    expect(orgIds(org(over)).includes(rule)).toBe(expected);
  });

  it.each<[string, Partial<OrgRuleFacts>, RuleId[]]>([
    ['§1.1 §9.3: 49 members → nothing', { fullMembers: 49 }, []],
    ['§1.1 §9.3: 50 members (inclusive) → general branch', { fullMembers: 50 }, ['org.eligibleGeneralBranch']],
    ['§9.3: 45 full + 5 probationary count toward 50', { fullMembers: 45, probationaryMembers: 5 }, ['org.eligibleGeneralBranch']],
    ['§1.1: 99 members → general branch only', { fullMembers: 99 }, ['org.eligibleGeneralBranch']],
    ['§1.1: 100 members → committee', { fullMembers: 100 }, ['org.eligibleCommittee']],
    ['§1.1: a general branch with 100 → committee', { orgType: 'generalBranch', fullMembers: 100 }, ['org.eligibleCommittee']],
    ['§1.1: a committee with 300 → nothing', { orgType: 'committee', fullMembers: 300 }, []],
  ])('%s', (_name, over, expected) => {
    expect(orgIds(org({ positions: committee(5), ...over })).filter((id) => id.startsWith('org.eligible'))).toEqual(expected);
  });

  it('§9.3 flag: not counting probationary members moves the 50 boundary', () => {
    const set: RuleSet = { ...RULE_SET, params: RULE_SET.params.map((p) => (p.id === 'party.countProbationaryForLargeThresholds' ? { ...p, versions: [{ ...p.versions[0], value: false }] } : p)) };
    const f = org({ fullMembers: 45, probationaryMembers: 5, positions: committee(5) });
    expect(orgIds(f, createRuleContext(DATE, set))).not.toContain('org.eligibleGeneralBranch');
  });

  it('"How to count": an exclusive bound (超过50人) needs 51', () => {
    const set: RuleSet = { ...RULE_SET, params: RULE_SET.params.map((p) => (p.id === 'party.generalBranchMinMembers' ? { ...p, versions: [{ ...p.versions[0], inclusive: false }] } : p)) };
    const c = createRuleContext(DATE, set);
    expect(orgIds(org({ fullMembers: 50, positions: committee(5) }), c)).not.toContain('org.eligibleGeneralBranch');
    expect(orgIds(org({ fullMembers: 51, positions: committee(5) }), c)).toContain('org.eligibleGeneralBranch');
  });

  it.each<[string, Partial<OrgRuleFacts>, string]>([
    ['§1.2: branch elected 2016-05-10 (2–3y rule, 2) → ends 2018-05-09', { electedOn: '2016-05-10' }, '2018-05-09'],
    ['§1.2: branch elected 2019-03-01 (2018 意见, 3y)', { electedOn: '2019-03-01' }, '2022-02-28'],
    ['§1.2: committee elected 2018-07-11 (before 意见: 3y)', { orgType: 'committee', electedOn: '2018-07-11' }, '2021-07-10'],
    ['§1.2: committee elected 2018-07-12 (意见: 5y)', { orgType: 'committee', electedOn: '2018-07-12' }, '2023-07-11'],
    ['no election date → from founding', { foundedOn: '2022-01-01' }, '2024-12-31'],
  ])('derived term end — %s', (_name, over, end) => {
    expect(explainOrg(org({ termEndsOn: null, ...over }), ctx).termEndsOn).toBe(end);
  });

  it('overdue message says how late and whether beyond the 1-year shift (选举工作条例第三条)', () => {
    const e = explainOrg(org({ termEndsOn: '2024-06-29' }), ctx);
    const f = e.alerts.find((a) => a.ruleId === 'org.reelectionOverdue');
    expect(f?.params.daysOverdue).toBe(366);
    expect(f?.message).toContain('已超过经批准可延期的365天');
    expect(f?.source).toContain('《中国共产党基层组织选举工作条例》第三条');
    expect(f?.summary).toBe('任期已于2024-06-29届满，逾期366天未换届 — 建议督促尽快换届');
  });

  it('one finding per qualifying or closed covered enterprise, named', () => {
    const e = explainOrg(org({ setupMode: 'joint', coveredEnterprises: [{ id: 'a', name: '甲', operatingStatus: 'active', fullMembers: 4, since: '2023-01-01' }, { id: 'b', name: '乙', operatingStatus: 'revoked', fullMembers: 1, since: '2023-01-01' }] }), ctx);
    expect(e.alerts.map((a) => [a.ruleId, a.params.enterpriseId])).toEqual([['org.memberQualifiesStandalone', 'a'], ['org.coveredEnterpriseClosed', 'b']]);
    expect(e.alerts[1].message).toContain('吊销');
  });
});

describe('union rules (domain-rules §6)', () => {
  it.each<[string, Partial<UnionRuleFacts>, RuleId, boolean]>([
    ['§6.1 工会法第十一条: 24 members, no committee, organiser → fine', { members: 24, hasCommittee: false, organiser: true }, 'union.committeeMissing', false],
    ['§6.1: 24 members, no committee, no organiser → organiser missing', { members: 24, hasCommittee: false }, 'union.organiserMissing', true],
    ['§6.1: 25 members (以上, inclusive) without committee → missing', { members: 25, hasCommittee: false, organiser: true }, 'union.committeeMissing', true],
    ['§6.1: 25 members with committee → fine', { members: 25 }, 'union.committeeMissing', false],
    ['§6.2 全总2004: 9 women → no committee needed', { femaleMembers: 9, womenCommitteeMember: true }, 'union.womenCommitteeMissing', false],
    ['§6.2 全总2004: 10 women → committee needed', { femaleMembers: 10 }, 'union.womenCommitteeMissing', true],
    ['§6.2 北京 override: 24 women → no committee needed', { provinceCode: '11', femaleMembers: 24, womenCommitteeMember: true }, 'union.womenCommitteeMissing', false],
    ['§6.2 北京 override: 25 women → committee needed', { provinceCode: '11', femaleMembers: 25 }, 'union.womenCommitteeMissing', true],
    ['§6.2 上海 override: 24 women, no 委员 → 委员 missing', { provinceCode: '31', femaleMembers: 24 }, 'union.womenMemberMissing', true],
    ['§6.2: no women → no 委员 needed', { femaleMembers: 0 }, 'union.womenMemberMissing', false],
    ['§6.4: contract ends on the date → expiring, not expired', { contracts: [{ kind: 'collective', signedOn: '2023-07-01', endsOn: DATE }] }, 'union.contractExpired', false],
    ['§6.4: contract ended yesterday → expired', { contracts: [{ kind: 'collective', signedOn: '2022-06-30', endsOn: '2025-06-29' }] }, 'union.contractExpired', true],
    ['§6.4: renewed contract supersedes the lapsed one', { contracts: [{ kind: 'collective', signedOn: '2022-06-30', endsOn: '2025-06-29' }, { kind: 'collective', signedOn: '2025-06-30', endsOn: '2028-06-29' }] }, 'union.contractExpired', false],
    ['§6.4: ends in 90 days → expiring', { contracts: [{ kind: 'wage', signedOn: '2025-01-01', endsOn: '2025-09-28' }] }, 'union.contractExpiring', true],
    ['§6.4: ends in 91 days → not yet', { contracts: [{ kind: 'wage', signedOn: '2025-01-01', endsOn: '2025-09-29' }] }, 'union.contractExpiring', false],
    ['§6.4 集体合同规定: ends the day before the 3rd anniversary → fine', { contracts: [{ kind: 'collective', signedOn: '2024-01-01', endsOn: '2026-12-31' }] }, 'union.contractTermTooLong', false],
    ['§6.4: 2024-11-04 至 2027-11-04 (ends on the anniversary) is a 3-year contract → fine', { contracts: [{ kind: 'collective', signedOn: '2024-11-04', endsOn: '2027-11-04' }] }, 'union.contractTermTooLong', false],
    ['§6.4: ends the day after the 3rd anniversary → too long', { contracts: [{ kind: 'collective', signedOn: '2024-11-04', endsOn: '2027-11-05' }] }, 'union.contractTermTooLong', true],
    ['§6.4: 2024-01-01 至 2027-01-02 → too long', { contracts: [{ kind: 'collective', signedOn: '2024-01-01', endsOn: '2027-01-02' }] }, 'union.contractTermTooLong', true],
    ['§6.4: signed 29 Feb, ends 28 Feb three years on (no 29th that year) → fine', { contracts: [{ kind: 'collective', signedOn: '2024-02-29', endsOn: '2027-02-28' }] }, 'union.contractTermTooLong', false],
    ['§6.4: signed 29 Feb, ends 1 Mar three years on → too long', { contracts: [{ kind: 'collective', signedOn: '2024-02-29', endsOn: '2027-03-01' }] }, 'union.contractTermTooLong', true],
    ['§6.4: signed 29 Feb, ends 29 Feb four years on (wage contract, 3-year cap) → too long', { contracts: [{ kind: 'wage', signedOn: '2024-02-29', endsOn: '2028-02-29' }] }, 'union.contractTermTooLong', true],
    ['§6.4: signed 28 Feb 2025, ends 29 Feb 2028 (a leap year, a day past the anniversary) → too long', { contracts: [{ kind: 'collective', signedOn: '2025-02-28', endsOn: '2028-02-29' }] }, 'union.contractTermTooLong', true],
    ['§6.4: signed 28 Feb 2025, ends 28 Feb 2028 → fine', { contracts: [{ kind: 'collective', signedOn: '2025-02-28', endsOn: '2028-02-28' }] }, 'union.contractTermTooLong', false],
    ['§6.1 工会法第十六条: term ended yesterday → overdue', { termEndsOn: '2025-06-29' }, 'union.reelectionOverdue', true],
    ['§6.1: term ends on the date → due', { termEndsOn: DATE }, 'union.reelectionDue', true],
    ['§6.1: joint union covering a deregistered enterprise', { kind: 'joint', coveredEnterprises: [{ id: 'x', operatingStatus: 'deregistered', since: '2020-01-01' }] }, 'union.coveredEnterpriseClosed', true],
  ])('%s', (_name, over, rule, expected) => {
    expect(unionIds(union(over)).includes(rule)).toBe(expected);
  });

  it('the Beijing explanation cites the Beijing regulation', () => {
    const e = explainUnion(union({ provinceCode: '11', femaleMembers: 30 }), ctx);
    const f = e.alerts.find((a) => a.ruleId === 'union.womenCommitteeMissing');
    expect(f?.message).toContain('《北京市实施〈中华人民共和国工会法〉办法》');
    expect(f?.params.threshold).toBe(25);
  });

  it('property: women threshold is monotonic and sits at 10 (national) / 25 (11, 31)', () => {
    fc.assert(fc.property(fc.constantFrom('44', '11', '31', null), fc.integer({ min: 0, max: 60 }), (provinceCode, femaleMembers) => {
      const need = unionIds(union({ provinceCode, femaleMembers })).includes('union.womenCommitteeMissing');
      expect(need).toBe(femaleMembers >= (provinceCode === '11' || provinceCode === '31' ? 25 : 10));
    }));
  });
});
