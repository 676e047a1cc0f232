import { describe, expect, it } from 'vitest';
import { evaluateMember, MEMBER_RULE_CATALOGUE, RULE_SET, type MemberRuleFacts, type MemberRuleId, type RuleSet, type Severity } from '../../src/domain/rules/index.js';

const member = (over: Partial<MemberRuleFacts>): MemberRuleFacts => ({ id: 'm1', ...over });
type Row = { id: MemberRuleId; severity: Severity; dueOn?: string };
const found = (f: MemberRuleFacts, asOf: string, set: RuleSet = RULE_SET): Row[] =>
  evaluateMember(f, asOf, set).map((x) => ({ id: x.ruleId, severity: x.severity, dueOn: x.dueOn }));

describe('组织关系介绍信: validity ceiling 90 days by default (a setting; sources disagree — domain-rules §5)', () => {
  it.each<[string, Partial<MemberRuleFacts>, string, Row[]]>([
    ['valid, far from expiry', { transfers: [{ issuedOn: '2025-05-01' }] }, '2025-06-01', []],
    ['valid on its last day (90 days, the issue day counted)', { transfers: [{ issuedOn: '2025-05-01' }] }, '2025-07-29', [{ id: 'member.transferLetterExpiry', severity: 'info', dueOn: '2025-07-29' }]],
    ['expires within 30 days', { transfers: [{ issuedOn: '2025-05-01' }] }, '2025-07-01', [{ id: 'member.transferLetterExpiry', severity: 'info', dueOn: '2025-07-29' }]],
    ['expired, not received', { transfers: [{ issuedOn: '2025-05-01' }] }, '2025-07-30', [{ id: 'member.transferLetterExpiry', severity: 'overdue', dueOn: '2025-07-29' }]],
    ['its own shorter validity counts', { transfers: [{ issuedOn: '2025-05-01', validUntil: '2025-05-31' }] }, '2025-06-01', [{ id: 'member.transferLetterExpiry', severity: 'overdue', dueOn: '2025-05-31' }]],
    ['received in time: nothing', { transfers: [{ issuedOn: '2025-05-01', receivedOn: '2025-05-20' }] }, '2025-09-01', []],
    ['received after expiry', { transfers: [{ issuedOn: '2025-05-01', validUntil: '2025-05-31', receivedOn: '2025-06-05' }] }, '2025-09-01', [{ id: 'member.transferLetterExpiry', severity: 'warning', dueOn: '2025-05-31' }]],
    ['exactly 90 days counting the issue day is within the ceiling', { transfers: [{ issuedOn: '2025-05-01', validUntil: '2025-07-29', receivedOn: '2025-05-10' }] }, '2025-06-01', []],
    ['91 days is beyond it', { transfers: [{ issuedOn: '2025-05-01', validUntil: '2025-07-30', receivedOn: '2025-05-10' }] }, '2025-06-01', [{ id: 'member.transferLetterTooLong', severity: 'warning', dueOn: undefined }]],
    ['validity beyond the ceiling', { transfers: [{ issuedOn: '2025-05-01', validUntil: '2025-12-31', receivedOn: '2025-05-10' }] }, '2025-06-01', [{ id: 'member.transferLetterTooLong', severity: 'warning', dueOn: undefined }]],
  ])('%s', (_name, over, asOf, expected) => {
    expect(found(member(over), asOf)).toEqual(expected);
  });

  it('the ceiling is a setting: 30 days in a province that says so', () => {
    const set: RuleSet = { ...RULE_SET, overrides: { '32': { 'transfer.letterMaxValidDays': [{ value: 30, validFrom: '2019-05-06', confidence: '◐', source: '《某市党员组织关系转接办法》（示例）' }] } } };
    const f = member({ provinceCode: '32', transfers: [{ issuedOn: '2025-05-01' }] });
    expect(found(f, '2025-06-01', set)).toEqual([{ id: 'member.transferLetterExpiry', severity: 'overdue', dueOn: '2025-05-30' }]);
  });
});

describe('《中国共产党党员教育管理工作条例》第二十五条: away ≥ 6 months at a relatively fixed place → transfer', () => {
  it.each<[string, Partial<MemberRuleFacts>, string, Row[]]>([
    ['fixed place, 6 months reached', { mobility: [{ since: '2024-10-01', fixedPlace: true }] }, '2025-04-01', [{ id: 'member.mobileMustTransfer', severity: 'warning', dueOn: '2025-04-01' }]],
    ['fixed place, one day short: a reminder', { mobility: [{ since: '2024-10-01', fixedPlace: true }] }, '2025-03-31', [{ id: 'member.mobileMustTransfer', severity: 'info', dueOn: '2025-04-01' }]],
    ['not a fixed place (流动党员活动证): nothing', { mobility: [{ since: '2024-01-01', fixedPlace: false, reportedOn: '2025-03-01' }] }, '2025-04-01', []],
    ['back already: nothing', { mobility: [{ since: '2024-01-01', until: '2024-05-01', fixedPlace: true }] }, '2025-04-01', []],
    ['a transfer letter issued since: nothing', { mobility: [{ since: '2024-10-01', fixedPlace: true }], transfers: [{ issuedOn: '2025-03-01', receivedOn: '2025-03-10' }] }, '2025-06-01', []],
  ])('%s', (_name, over, asOf, expected) => {
    expect(found(member(over), asOf)).toEqual(expected);
  });
});

describe('各地流动党员管理办法: a 流动党员 reports to the organisation holding them at least every 12 months', () => {
  it.each<[string, Partial<MemberRuleFacts>, string, Row[]]>([
    ['12 months since leaving, no report', { mobility: [{ since: '2024-01-01', fixedPlace: false }] }, '2025-01-01', [{ id: 'member.mobileReport', severity: 'warning', dueOn: '2025-01-01' }]],
    ['one day short: a reminder', { mobility: [{ since: '2024-01-01', fixedPlace: false }] }, '2024-12-31', [{ id: 'member.mobileReport', severity: 'info', dueOn: '2025-01-01' }]],
    ['more than the reminder days ahead: nothing', { mobility: [{ since: '2024-01-01', fixedPlace: false }] }, '2024-11-30', []],
    ['the clock restarts at each report', { mobility: [{ since: '2023-01-01', fixedPlace: false, reportedOn: '2024-06-30' }] }, '2025-06-30', [{ id: 'member.mobileReport', severity: 'warning', dueOn: '2025-06-30' }]],
    ['reported within the year: nothing', { mobility: [{ since: '2023-01-01', fixedPlace: false, reportedOn: '2024-07-01' }] }, '2025-05-01', []],
    ['a report before leaving does not count', { mobility: [{ since: '2024-03-01', fixedPlace: false, reportedOn: '2023-12-01' }] }, '2025-03-01', [{ id: 'member.mobileReport', severity: 'warning', dueOn: '2025-03-01' }]],
    ['back already: nothing', { mobility: [{ since: '2022-01-01', until: '2022-05-01', fixedPlace: false }] }, '2025-04-01', []],
  ])('%s', (_name, over, asOf, expected) => {
    expect(found(member(over), asOf)).toEqual(expected);
  });

  it('cites the local measures and says it is a setting, not a rule id', () => {
    const f = evaluateMember(member({ mobility: [{ since: '2024-01-01', fixedPlace: false }] }), '2025-02-01').find((x) => x.ruleId === 'member.mobileReport')!;
    expect(f.source).toContain('各地流动党员管理办法');
    expect(f.message).toContain('2025-01-01');
    expect(`${f.title}${f.summary}${f.message}${f.source}`).not.toMatch(/member\.|§|domain-rules/);
  });
});

describe('同条例第二十四条: lost contact ≥ 6 months → 停止党籍; suspended + 2 years → 自行脱党', () => {
  it.each<[string, Partial<MemberRuleFacts>, string, Row[]]>([
    ['lost 5 months', { contact: { lostSince: '2025-01-15' } }, '2025-06-14', []],
    ['lost, 6 months within 30 days', { contact: { lostSince: '2025-01-15' } }, '2025-06-20', [{ id: 'member.lostContactSuspend', severity: 'info', dueOn: '2025-07-15' }]],
    ['lost 6 months exactly', { contact: { lostSince: '2025-01-15' } }, '2025-07-15', [{ id: 'member.lostContactSuspend', severity: 'warning', dueOn: '2025-07-15' }]],
    ['suspended, 2 years reached', { status: 'suspended', contact: { lostSince: '2022-01-01', suspendedOn: '2023-03-01' } }, '2025-03-01', [{ id: 'member.suspendedLapse', severity: 'warning', dueOn: '2025-03-01' }]],
    ['suspended 1 year: nothing', { status: 'suspended', contact: { lostSince: '2022-01-01', suspendedOn: '2024-03-01' } }, '2025-03-01', []],
    ['left: nothing at all', { status: 'left', contact: { lostSince: '2020-01-01' } }, '2025-03-01', []],
  ])('%s', (_name, over, asOf, expected) => {
    expect(found(member(over), asOf)).toEqual(expected);
  });

  it('the finding says the fact and the action in Chinese with the article', () => {
    const [x] = evaluateMember(member({ contact: { lostSince: '2025-01-15' } }), '2025-08-01');
    expect(x.summary).toBe('自2025-01-15起失去联系，已满6个月 — 通过各种方式仍无法取得联系的，建议停止其党籍');
    expect(x.message).toMatch(/依据：《中国共产党党员教育管理工作条例》第二十四条$/);
  });
});

describe('亮身份: a declaration needs the organisation’s confirmation (platform rule, 30 days)', () => {
  it.each<[string, Partial<MemberRuleFacts>, string, Row[]]>([
    ['awaiting', { declaration: { declaredOn: '2025-06-10' } }, '2025-06-30', [{ id: 'member.declarationUnconfirmed', severity: 'info', dueOn: '2025-07-10' }]],
    ['late', { declaration: { declaredOn: '2025-06-10' } }, '2025-07-11', [{ id: 'member.declarationUnconfirmed', severity: 'overdue', dueOn: '2025-07-10' }]],
    ['confirmed', { declaration: { declaredOn: '2025-06-10', confirmedOn: '2025-06-20' } }, '2025-07-11', []],
  ])('%s', (_name, over, asOf, expected) => {
    expect(found(member(over), asOf)).toEqual(expected);
  });
});

describe('the member catalogue', () => {
  it('every rule cites a text in Chinese or says it is a platform rule, never a section, doc name or id', () => {
    for (const r of Object.values(MEMBER_RULE_CATALOGUE)) {
      expect(r.source).toMatch(/《|本平台工作规则|共产党员网|中央和国家机关/);
      expect(JSON.stringify([r.title, r.source, r.action])).not.toMatch(/§|domain-rules|design|glossary|member\.|dues\.|recruitment\./);
      for (const p of r.params) expect(RULE_SET.params.some((x) => x.id === p)).toBe(true);
    }
  });
});
