import { describe, expect, it } from 'vitest';
import {
  bargainingSchedule, bargainingStage, effectiveOn, successorsOf, voteVerdict, type BargainingRoundFact,
} from '../../src/domain/rules/bargaining.js';
import { BARGAINING_RULE_CATALOGUE } from '../../src/domain/rules/bargaining-catalogue.js';

/**
 * 集体协商 deadlines (docs/unions.md "集体协商"): calendar days, the day of the event not counted —
 * request + 20 (Shanghai 15) is the last day to answer, signed + 10 the last day to file, and the
 * contract takes effect on filed + 16 when the authority raised no objection within its 15 days.
 */
const round = (over: Partial<BargainingRoundFact> = {}): BargainingRoundFact => ({ contractKind: 'collective', requestedOn: '2026-03-01', requestedBy: 'union', ...over });
const ids = (f: BargainingRoundFact, date: string, province: string | null = null) =>
  bargainingSchedule(f, date, province).findings.map((x) => `${x.ruleId}:${x.severity}`);
const due = (f: BargainingRoundFact, date: string, key: string, province: string | null = null) =>
  bargainingSchedule(f, date, province).dues.find((d) => d.key === key)!;

describe('书面答复: 20 days after the request (《集体合同规定》第三十二条)', () => {
  it.each<[string, string, string | null, string[]]>([
    ['day 19, no reply yet: pending', '2026-03-20', null, []],
    ['day 20, no reply yet: the last day, still pending', '2026-03-21', null, []],
    ['day 21, no reply: overdue', '2026-03-22', null, ['bargaining.replyOverdue:overdue']],
    ['answered on day 20: on time', '2026-04-30', '2026-03-21', []],
    ['answered on day 21: late', '2026-04-30', '2026-03-22', ['bargaining.replyOverdue:warning']],
  ])('《集体合同规定》第三十二条 %s', (_n, date, repliedOn, expected) => {
    expect(ids(round({ repliedOn }), date)).toEqual(expected);
    expect(due(round({ repliedOn }), date, 'reply').date).toBe('2026-03-21');
  });
});

describe('Shanghai answers in 15 days (《上海市集体合同条例》)', () => {
  it.each<[string, string, string[]]>([
    ['day 14', '2026-03-15', []],
    ['day 15: the last day', '2026-03-16', []],
    ['day 16: overdue', '2026-03-17', ['bargaining.replyOverdue:overdue']],
  ])('《上海市集体合同条例》“15日内” %s', (_n, date, expected) => {
    expect(ids(round(), date, '31')).toEqual(expected);
    const d = due(round(), date, 'reply', '31');
    expect(d).toMatchObject({ date: '2026-03-16', local: '31' });
    expect(d.source).toContain('《上海市集体合同条例》');
  });
  it('elsewhere the national 20 days and text', () => {
    expect(due(round(), '2026-03-02', 'reply', '33')).toMatchObject({ date: '2026-03-21' });
    expect(due(round(), '2026-03-02', 'reply', '33').source).toContain('《集体合同规定》');
  });
});

const passed = { heldOn: '2026-05-10', representatives: 60, present: 40, yes: 31 };
const signed = round({ repliedOn: '2026-03-10', sessions: [{ heldOn: '2026-04-01' }], vote: passed, signedOn: '2026-05-20', startsOn: '2026-06-01', endsOn: '2029-05-31' });

describe('报送: within 10 days of signing (《集体合同规定》)', () => {
  it.each<[string, string, string | null, string[]]>([
    ['day 9, not filed: pending', '2026-05-29', null, []],
    ['day 10, not filed: the last day', '2026-05-30', null, []],
    ['day 11, not filed: overdue', '2026-05-31', null, ['bargaining.filingOverdue:overdue']],
    ['filed on day 10: on time', '2026-05-31', '2026-05-30', []],
    ['filed on day 11: late', '2026-07-31', '2026-05-31', ['bargaining.filingOverdue:warning']],
  ])('《集体合同规定》报送期限 %s', (_n, date, filedOn, expected) => {
    expect(ids({ ...signed, filedOn }, date)).toEqual(expected);
    expect(due({ ...signed, filedOn }, date, 'filing').date).toBe('2026-05-30');
  });
});

describe('生效: no objection within 15 days of receipt (《劳动合同法》第五十四条)', () => {
  const filed = { ...signed, filedOn: '2026-05-25' };
  it.each<[string, string, string]>([
    ['day 14: under review', '2026-06-08', 'filed'],
    ['day 15: the last day of the window, still under review', '2026-06-09', 'filed'],
    ['day 16: in force', '2026-06-10', 'effective'],
  ])('《劳动合同法》第五十四条 %s', (_n, date, stage) => {
    expect(bargainingStage(filed, date, null)).toBe(stage);
    expect(effectiveOn(filed, null)).toBe('2026-06-10');
  });
  it('《劳动合同法》第五十四条 an objection on day 15 stops it; one on day 16 is too late to count', () => {
    expect(effectiveOn({ ...filed, objectionOn: '2026-06-09' }, null)).toBeNull();
    expect(ids({ ...filed, objectionOn: '2026-06-09' }, '2026-07-01')).toEqual(['bargaining.objected:warning']);
    expect(bargainingStage({ ...filed, objectionOn: '2026-06-09' }, '2026-07-01', null)).toBe('filed');
    expect(effectiveOn({ ...filed, objectionOn: '2026-06-10' }, null)).toBe('2026-06-10');
  });
});

describe('职代会 vote on the draft: ≥2/3 present and more than half of ALL representatives (《集体合同规定》; 《工会法》第二十一条)', () => {
  it.each<[string, number, number, number, boolean, boolean]>([
    ['exactly 2/3 present, 31 of 60 for', 60, 40, 31, true, true],
    ['one short of 2/3 present', 60, 39, 39, false, false],
    ['30 of 60 is half, not more', 60, 45, 30, true, false],
    ['a majority of those present but not of all', 60, 40, 25, true, false],
  ])('《集体合同规定》表决 %s', (_n, representatives, present, yes, quorum, ok) => {
    expect(voteVerdict({ heldOn: '2026-05-10', representatives, present, yes })).toEqual({ quorum, passed: ok });
  });
  it('a failed vote leaves the round 协商中 with its finding', () => {
    const f = round({ repliedOn: '2026-03-10', vote: { heldOn: '2026-05-10', representatives: 60, present: 39, yes: 39 } });
    expect(bargainingStage(f, '2026-05-11', null)).toBe('negotiating');
    expect(ids(f, '2026-05-11')).toEqual(['bargaining.voteQuorum:warning']);
    expect(ids({ ...f, vote: { ...f.vote!, present: 50, yes: 30 } }, '2026-05-11')).toEqual(['bargaining.voteMajority:warning']);
  });
});

describe('stages in order', () => {
  it.each<[string, Partial<BargainingRoundFact>, string]>([
    ['要约 only', {}, 'requested'],
    ['answered', { repliedOn: '2026-03-10' }, 'replied'],
    ['a session held', { repliedOn: '2026-03-10', sessions: [{ heldOn: '2026-04-01' }] }, 'negotiating'],
    ['draft passed', { repliedOn: '2026-03-10', vote: passed }, 'passed'],
    ['signed', { vote: passed, signedOn: '2026-05-20' }, 'signed'],
  ])('%s', (_n, over, stage) => {
    expect(bargainingStage(round(over), '2026-05-25', null)).toBe(stage);
  });
});

describe('term 1–3 years (《集体合同规定》), a wage contract generally 1 year (《上海市集体合同条例》)', () => {
  const f = (kind: 'collective' | 'wage', endsOn: string) => ({ ...signed, contractKind: kind, filedOn: '2026-05-25', endsOn });
  it.each<[string, 'collective' | 'wage', string, string[]]>([
    ['three years to the day before the anniversary', 'collective', '2029-05-31', []],
    ['to the anniversary itself', 'collective', '2029-06-01', []],
    ['a day past the anniversary: too long', 'collective', '2029-06-02', ['bargaining.termTooLong:warning']],
    ['a wage contract of one year', 'wage', '2027-05-31', []],
    ['a wage contract of two years: info', 'wage', '2028-05-31', ['bargaining.wageTerm:info']],
  ])('《集体合同规定》期限 %s', (_n, kind, endsOn, expected) => {
    expect(ids(f(kind, endsOn), '2026-07-01')).toEqual(expected);
  });
});

describe('renewal: reminded 90 days before the end (本平台工作规则), overdue when expired with no renewal round', () => {
  const f = { ...signed, filedOn: '2026-05-25', endsOn: '2027-05-31' };
  it.each<[string, string, string, string[]]>([
    ['the day before the window', '2027-03-01', 'effective', []],
    ['the first day of the window (end − 90)', '2027-03-02', 'effective', ['bargaining.renewalDue:info']],
    ['the last day of the term', '2027-05-31', 'effective', ['bargaining.renewalDue:info']],
    ['the day after: expired, no renewal round', '2027-06-01', 'expired', ['bargaining.expiredNoRenewal:overdue']],
  ])('%s', (_n, date, stage, expected) => {
    expect(bargainingStage(f, date, null)).toBe(stage);
    expect(ids(f, date)).toEqual(expected);
  });
  it('a renewal round under way: 续签中, no reminder; once it is in force the old round is history', () => {
    const next = round({ requestedOn: '2027-04-01' });
    const [s] = successorsOf([f, next], '2027-06-15', null);
    expect(s).toEqual({ effective: false });
    expect(bargainingStage(f, '2027-06-15', null, s)).toBe('renewing');
    expect(bargainingSchedule(f, '2027-06-15', null, s).findings).toEqual([]);
    const done = { ...next, signedOn: '2027-05-01', filedOn: '2027-05-05', vote: { ...passed, heldOn: '2027-04-20' } };
    const [s2] = successorsOf([f, done], '2027-06-15', null);
    expect(bargainingStage(f, '2027-06-15', null, s2)).toBe('closed');
  });
});

describe('重新要约: a round not filed, followed by a new round of its kind, is given up', () => {
  it('已结束, no deadlines or findings of its own', () => {
    const old = round({ repliedOn: '2026-03-10' });
    const next = round({ requestedOn: '2026-06-01' });
    const [s] = successorsOf([old, next], '2026-07-01', null);
    expect(bargainingStage(old, '2026-07-01', null, s)).toBe('closed');
    expect(bargainingSchedule(old, '2026-07-01', null, s)).toMatchObject({ stage: 'closed', dues: [], findings: [] });
  });
});

describe('catalogue', () => {
  it('every rule cites a text in Chinese and never a rule id or document name', () => {
    for (const e of Object.values(BARGAINING_RULE_CATALOGUE)) {
      expect(e.source).toMatch(/《.+》/);
      expect(e.source).not.toMatch(/bargaining\.|domain-rules|§/);
    }
  });
});
