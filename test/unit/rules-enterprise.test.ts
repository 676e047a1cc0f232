import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COVERAGE_STATUSES, createRuleContext, RULE_CATALOGUE, evaluateEnterprise, explainEnterprise, ruleIdsOf,
  type EnterpriseRuleFacts, type RuleId, type SetupMode,
} from '../../src/domain/rules/index.js';
import { enterprise } from './rules-fixtures.js';

const DATE = '2025-06-30';
const ctx = createRuleContext(DATE);
const ids = (f: EnterpriseRuleFacts): RuleId[] => ruleIdsOf({ subject: 'enterprise', ...evaluateEnterprise(f, ctx) });
const orgCov = (setupMode: SetupMode, since = '2024-01-01', until?: string) => ({ orgs: [{ orgId: 'o', setupMode, since, until }], instructors: [], unions: [{ since: '2024-03-01' }] });
const instructor = (since = '2024-01-01', until?: string) => ({ orgs: [], instructors: [{ since, until }], unions: [{ since: '2024-03-01' }] });

describe('enterprise status (design §Coverage; domain-rules §1.1)', () => {
  it.each<[string, Partial<EnterpriseRuleFacts>, string]>([
    ['own organisation → standalone', { fullMembers: 5, coverage: orgCov('standalone') }, 'standalone'],
    ['dispatched organisation (派员组建)', { coverage: orgCov('dispatched') }, 'dispatched'],
    ['joint branch', { fullMembers: 1, coverage: orgCov('joint') }, 'joint'],
    ['attached organisation', { fullMembers: 2, coverage: orgCov('attached') }, 'attached'],
    ['instructor only → work coverage', { coverage: instructor() }, 'workOnly'],
    ['union doing Party work → work coverage', { coverage: { orgs: [], instructors: [], unions: [{ since: '2024-03-01', partyWork: true }] } }, 'workOnly'],
    ['a union without Party work is not work coverage', { coverage: { orgs: [], instructors: [], unions: [{ since: '2024-03-01' }] } }, 'gap'],
    ['nothing → gap', {}, 'gap'],
    ['coverage ended on the date (half-open interval) → gap', { coverage: orgCov('joint', '2024-01-01', DATE) }, 'gap'],
    ['coverage ending the day after → still covered', { coverage: orgCov('joint', '2024-01-01', '2025-07-01') }, 'joint'],
    ['coverage starting on the date → covered', { coverage: orgCov('joint', DATE) }, 'joint'],
    ['coverage starting tomorrow → gap', { coverage: orgCov('joint', '2025-07-01') }, 'gap'],
    ['instructor assignment ended → gap', { coverage: instructor('2023-01-01', '2025-01-01') }, 'gap'],
    ['deregistered → closed even when covered', { operatingStatus: 'deregistered', coverage: orgCov('standalone') }, 'closed'],
    ['revoked → closed', { operatingStatus: 'revoked' }, 'closed'],
    ['suspended (歇业) → closed', { operatingStatus: 'suspended' }, 'closed'],
    ['moved out → closed', { operatingStatus: 'moved_out' }, 'closed'],
  ])('%s', (_name, over, status) => {
    expect(evaluateEnterprise(enterprise(over), ctx).status).toBe(status);
  });

  it('the strongest organisation wins during an overlap (standalone over joint)', () => {
    const f = enterprise({ fullMembers: 3, coverage: { orgs: [{ orgId: 'j', setupMode: 'joint', since: '2020-01-01' }, { orgId: 's', setupMode: 'standalone', since: '2025-01-01' }], instructors: [{ since: '2020-01-01' }] } });
    expect(evaluateEnterprise(f, ctx).status).toBe('standalone');
  });
});

describe('enterprise next steps (domain-rules §1.1 党章第三十条; design §Coverage)', () => {
  it.each<[string, Partial<EnterpriseRuleFacts>, RuleId[]]>([
    ['§1.1: 3 full members, uncovered → 单独组建', { fullMembers: 3 }, ['enterprise.setupStandalone']],
    ['§1.1: 2 full members → 联合/挂靠', { fullMembers: 2 }, ['enterprise.setupJointOrAttached']],
    ['§1.1: probationary members do not count toward 3', { fullMembers: 2, probationaryMembers: 5 }, ['enterprise.setupJointOrAttached']],
    ['§1.1: 1 full member → 联合/挂靠', { fullMembers: 1 }, ['enterprise.setupJointOrAttached']],
    ['design: no members, no instructor → 派驻指导员', { fullMembers: 0 }, ['enterprise.assignInstructor']],
    ['design: no members but an instructor → nothing to do', { fullMembers: 0, coverage: instructor() }, []],
    ['design: 49 employees → no member development step', { fullMembers: 0, employeeCount: 49 }, ['enterprise.assignInstructor']],
    ['design: 50 employees (inclusive) → develop members', { fullMembers: 0, employeeCount: 50 }, ['enterprise.assignInstructor', 'enterprise.developMembers']],
    ['design: 50 employees but 3 full members → no development step', { fullMembers: 3, employeeCount: 50 }, ['enterprise.setupStandalone']],
    ['§1.1: joint member reaching 3 → qualifies to stand alone', { fullMembers: 3, coverage: orgCov('joint') }, ['enterprise.qualifiesStandalone']],
    ['§1.1: attached member reaching 3 → qualifies to stand alone', { fullMembers: 4, coverage: orgCov('attached') }, ['enterprise.qualifiesStandalone']],
    ['§1.1: joint member with 2 → stays', { fullMembers: 2, coverage: orgCov('joint') }, []],
    ['§1.1: standalone → nothing', { fullMembers: 9, coverage: orgCov('standalone') }, []],
    ['closed → no next step', { fullMembers: 5, operatingStatus: 'deregistered' }, []],
  ])('%s', (_name, over, expected) => {
    expect(ids(enterprise(over)).filter((id) => !id.endsWith('unionMissing') && !id.endsWith('closedButCovered'))).toEqual(expected);
  });
});

describe('enterprise alerts (domain-rules §6.1 工会法第十一条; §1.1 Q&A 7)', () => {
  const noUnion = { orgs: [], instructors: [] };
  it.each<[string, Partial<EnterpriseRuleFacts>, boolean]>([
    ['founded exactly 6 months ago, no union → alert', { foundedOn: '2024-12-30', coverage: noUnion }, true],
    ['founded 6 months minus a day ago → no alert yet', { foundedOn: '2024-12-31', coverage: noUnion }, false],
    ['has a union → no alert', { foundedOn: '2020-01-01' }, false],
    ['union coverage ended → alert', { foundedOn: '2020-01-01', coverage: { orgs: [], instructors: [], unions: [{ since: '2021-01-01', until: '2025-01-01' }] } }, true],
    ['no founding date → cannot say', { foundedOn: null, coverage: noUnion }, false],
    ['zero employees → no alert', { foundedOn: '2020-01-01', employeeCount: 0, coverage: noUnion }, false],
    ['unknown employee count → alert', { foundedOn: '2020-01-01', employeeCount: null, coverage: noUnion }, true],
    ['closed enterprise → no union alert', { foundedOn: '2020-01-01', operatingStatus: 'revoked', coverage: noUnion }, false],
  ])('%s', (_name, over, alerted) => {
    expect(ids(enterprise(over)).includes('enterprise.unionMissing')).toBe(alerted);
  });

  it('month-end clamping: on 08-31 an enterprise founded 02-29 has had 6 months', () => {
    const c = createRuleContext('2024-08-31');
    const f = (foundedOn: string) => evaluateEnterprise(enterprise({ foundedOn, coverage: { orgs: [], instructors: [] } }), c).alerts;
    expect(f('2024-02-29')).toBe(1);
    expect(f('2024-03-01')).toBe(0);
  });

  it('a deregistered enterprise still covered by an organisation is flagged', () => {
    expect(ids(enterprise({ operatingStatus: 'deregistered', coverage: orgCov('joint') }))).toEqual(['enterprise.closedButCovered']);
  });
});

describe('explanations', () => {
  it('every finding ends with 依据 citing a text in Chinese (《…》 or 本平台工作规则), never a document section', () => {
    const e = explainEnterprise(enterprise({ fullMembers: 2, employeeCount: 60, coverage: { orgs: [], instructors: [] } }), ctx);
    expect(e.status).toBe('gap');
    expect(e.statusLabel).toBe('空白点');
    for (const f of [e.statusFinding, ...e.nextSteps, ...e.alerts]) {
      expect(f.message).toMatch(/。依据：.*(《|本平台工作规则)/);
      expect(f.source).toMatch(/《|本平台工作规则/);
      for (const text of [f.message, f.source, f.summary, f.title]) expect(text).not.toMatch(/§|domain-rules|design|glossary|[a-z]+\.[a-z][A-Za-z]+/);
    }
    expect(e.nextSteps[0].message).toContain('正式党员2名');
    expect(e.alerts.map((a) => a.ruleId)).toEqual(['enterprise.unionMissing']);
  });

  it.each<[number, string]>([
    [3, '有正式党员3名，尚未单独组建 — 建议单独组建党支部'],
    [2, '有正式党员2名，尚未建立或纳入党组织 — 建议联合组建或挂靠组建党支部'],
    [0, '没有正式党员，也没有党建指导员（联络员） — 建议选派党建指导员（联络员）'],
  ])('a 空白点 with %i full members says the fact and the action', (fullMembers, summary) => {
    const e = explainEnterprise(enterprise({ fullMembers, coverage: { orgs: [], instructors: [] } }), ctx);
    expect(e.statusFinding.summary).toBe(summary);
  });

  it('every catalogue entry cites a text in Chinese or says it is a platform rule, never a section or doc name', () => {
    for (const r of Object.values(RULE_CATALOGUE)) {
      expect(r.source).toMatch(/《|本平台工作规则|共产党员网|旗帜网/);
      expect(JSON.stringify(r)).not.toMatch(/§|domain-rules|design|glossary/);
    }
  });
});

const interval = fc.record({ since: fc.constantFrom('2020-01-01', '2025-06-30', '2025-07-01'), until: fc.constantFrom(undefined, null, '2025-06-30', '2026-01-01') });
const arbFacts: fc.Arbitrary<EnterpriseRuleFacts> = fc.record({
  id: fc.constant('x'),
  regionCode: fc.constantFrom('110101001001', '310101001001', '440305001001', ''),
  operatingStatus: fc.constantFrom('active', 'active', 'suspended', 'deregistered', 'revoked', 'moved_out'),
  foundedOn: fc.constantFrom(null, '2010-01-01', '2025-06-01'),
  employeeCount: fc.option(fc.integer({ min: 0, max: 500 })),
  fullMembers: fc.integer({ min: 0, max: 20 }),
  probationaryMembers: fc.integer({ min: 0, max: 5 }),
  coverage: fc.record({
    orgs: fc.array(fc.record({ orgId: fc.constant('o'), setupMode: fc.constantFrom<SetupMode>('standalone', 'joint', 'attached', 'dispatched') }).chain((o) => interval.map((i) => ({ ...o, ...i }))), { maxLength: 3 }),
    instructors: fc.array(interval, { maxLength: 2 }),
    unions: fc.array(interval.map((i) => ({ ...i, partyWork: true })), { maxLength: 2 }),
  }),
});

describe('properties', () => {
  it('every enterprise gets exactly one status; closed iff not operating', () => {
    fc.assert(fc.property(arbFacts, (f) => {
      const { status } = evaluateEnterprise(f, ctx);
      expect(COVERAGE_STATUSES.filter((s) => s === status)).toHaveLength(1);
      expect(status === 'closed').toBe(f.operatingStatus !== 'active');
    }));
  });

  it('monotonic: more full members never removes 单独组建, and (from ≥1 member) never adds 联合/挂靠', () => {
    fc.assert(fc.property(arbFacts, fc.integer({ min: 1, max: 10 }), (f, extra) => {
      const before = ids(f);
      const after = ids({ ...f, fullMembers: f.fullMembers + extra });
      if (before.includes('enterprise.setupStandalone')) expect(after).toContain('enterprise.setupStandalone');
      if (f.fullMembers >= 1 && !before.includes('enterprise.setupJointOrAttached')) expect(after).not.toContain('enterprise.setupJointOrAttached');
      if (before.includes('enterprise.qualifiesStandalone')) expect(after).toContain('enterprise.qualifiesStandalone');
      expect(evaluateEnterprise(f, ctx).status).toBe(evaluateEnterprise({ ...f, fullMembers: f.fullMembers + extra }, ctx).status);
    }));
  });

  it('the standalone threshold sits exactly between 2 and 3 for any uncovered active enterprise', () => {
    fc.assert(fc.property(arbFacts, (f) => {
      const g = { ...f, operatingStatus: 'active' as const, coverage: { orgs: [], instructors: [] } };
      expect(ids({ ...g, fullMembers: 2 })).toContain('enterprise.setupJointOrAttached');
      expect(ids({ ...g, fullMembers: 3 })).toContain('enterprise.setupStandalone');
    }));
  });
});
