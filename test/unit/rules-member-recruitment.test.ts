import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths, addYears, evaluateMember, explainMember, fromDay, RULE_SET, toDay,
  type MemberRuleFacts, type MemberRuleId, type RecruitmentFacts, type RuleSet, type Severity,
} from '../../src/domain/rules/index.js';

/** A timeline done by the book (《中国共产党发展党员工作细则》, 2014): as of 2026-01-15 nothing to say. */
const clean = (): RecruitmentFacts => ({
  appliedOn: '2022-03-01',
  talkedOn: '2022-03-20',
  activistOn: '2022-09-01',
  mentors: [{ name: '刘红', fullOn: '2010-07-01' }, { name: '孙强', fullOn: '2015-07-01' }],
  candidateOn: '2023-10-10',
  politicalReviewOn: '2024-03-15',
  training: { completedOn: '2024-04-20', days: 3, hours: 24 },
  sponsors: [{ name: '刘红', fullOn: '2010-07-01' }, { name: '孙强', fullOn: '2015-07-01' }],
  branchMeeting: { heldOn: '2024-07-15', votingMembers: 9, present: 8, yesVotes: 8 },
  approval: { approvedOn: '2024-09-20', approverType: 'committee' },
  fullOn: '2025-07-20',
});
const person = (r: Partial<RecruitmentFacts> = {}, over: Partial<MemberRuleFacts> = {}): MemberRuleFacts =>
  ({ id: 'm1', birthDate: '1995-04-12', recruitment: { ...clean(), ...r }, ...over });
const found = (f: MemberRuleFacts, asOf = '2026-01-15', set: RuleSet = RULE_SET) =>
  evaluateMember(f, asOf, set).map((x) => [x.ruleId, x.severity] as const);

describe('a timeline done by the book has no findings, and reaches 正式党员', () => {
  it('clean', () => {
    expect(found(person())).toEqual([]);
    expect(explainMember(person(), '2026-01-15').stageLabel).toBe('正式党员');
    expect(explainMember(person(), '2024-08-01').stageLabel).toBe('预备党员');
    expect(explainMember(person(), '2023-01-01').stageLabel).toBe('入党积极分子');
  });
});

describe('violations, one fact changed at a time (domain-rules §3)', () => {
  const w = (id: MemberRuleId): Array<readonly [MemberRuleId, Severity]> => [[id, 'warning']];
  it.each<[string, Partial<RecruitmentFacts>, Partial<MemberRuleFacts>, Array<readonly [MemberRuleId, Severity]>]>([
    ['党章第一条: 17 at application', {}, { birthDate: '2004-03-02' }, w('member.applicantUnderAge')],
    ['党章第一条: 18 on the day of application is enough', {}, { birthDate: '2004-03-01' }, []],
    ['细则: talk after the one-month deadline', { talkedOn: '2022-04-02' }, {}, [['member.talk', 'warning']]],
    ['细则: talk on the last day of the month is in time', { talkedOn: '2022-04-01' }, {}, []],
    ['细则: a year of training as 积极分子 not complete', { activistOn: '2022-10-11' }, {}, w('member.candidateTooEarly')],
    ['细则: exactly one year is enough', { activistOn: '2022-10-10' }, {}, []],
    ['细则: no mentor', { mentors: [] }, {}, w('member.mentors')],
    ['细则: three mentors', { mentors: [{ fullOn: '2010-01-01' }, { fullOn: '2010-01-01' }, { fullOn: '2010-01-01' }] }, {}, w('member.mentors')],
    ['细则: a probationary mentor', { mentors: [{ name: '甲', fullOn: null }] }, {}, w('member.mentors')],
    ['细则: no political review before the meeting', { politicalReviewOn: '2024-08-01' }, {}, w('member.politicalReviewMissing')],
    ['细则第十七条: 2 days and 20 hours of training', { training: { completedOn: '2024-04-20', days: 2, hours: 20 } }, {}, w('member.trainingMissing')],
    ['细则第十七条: 24 hours suffice without 3 days', { training: { completedOn: '2024-04-20', days: 2, hours: 24 } }, {}, []],
    ['党章第五条: a probationary sponsor', { sponsors: [{ name: '甲', fullOn: '2010-01-01' }, { name: '乙', fullOn: null }] }, {}, w('member.sponsorsInvalid')],
    ['党章第五条: a sponsor full only after the meeting', { sponsors: [{ fullOn: '2010-01-01' }, { fullOn: '2024-07-16' }] }, {}, w('member.sponsorsInvalid')],
    ['党章第五条: a sponsor on 留党察看', { sponsors: [{ fullOn: '2010-01-01' }, { fullOn: '2010-01-01', rightsRestricted: true }] }, {}, w('member.sponsorsInvalid')],
    ['党章第五条: one sponsor', { sponsors: [{ fullOn: '2010-01-01' }] }, {}, w('member.sponsorsInvalid')],
    ['细则: exactly half present is not more than half', { branchMeeting: { heldOn: '2024-07-15', votingMembers: 10, present: 5, yesVotes: 6 } }, {}, w('member.meetingQuorum')],
    ['细则: 5 of 9 present is more than half', { branchMeeting: { heldOn: '2024-07-15', votingMembers: 9, present: 5, yesVotes: 5 } }, {}, []],
    ['细则: 5 yes of 10 voting full members is not more than half', { branchMeeting: { heldOn: '2024-07-15', votingMembers: 10, present: 8, yesVotes: 5 } }, {}, w('member.meetingVotes')],
    ['12371: a 党总支 may not approve', { approval: { approvedOn: '2024-09-20', approverType: 'generalBranch' } }, {}, w('member.approverNotCommittee')],
    ['12371: nor a 社区党委 under the street 党委', { approval: { approvedOn: '2024-09-20', approverType: 'subordinateCommittee' } }, {}, w('member.approverNotCommittee')],
    ['细则: approved after 3 months', { approval: { approvedOn: '2024-10-16', approverType: 'committee' } }, {}, [['member.approvalDeadline', 'warning']]],
    ['细则: extended approval within 6 months', { approval: { approvedOn: '2025-01-15', approverType: 'committee', extended: true } }, {}, []],
    ['细则: extended approval after 6 months', { approval: { approvedOn: '2025-01-16', approverType: 'committee', extended: true } }, {}, [['member.approvalDeadline', 'warning']]],
    ['党章第七条: full before the year of probation ends', { fullOn: '2025-07-14' }, {}, w('member.stepOrder')],
    ['细则第三十二条: an extension of 3 months', { fullOn: '2025-10-20', probationExtensions: [{ decidedOn: '2025-07-10', months: 3 }] }, {}, w('member.extensionInvalid')],
    ['党章第七条: extended twice', { fullOn: null, probationExtensions: [{ decidedOn: '2025-07-10', months: 6 }, { decidedOn: '2025-12-20', months: 6 }] }, {}, [['member.probationEnd', 'overdue'], ['member.extensionInvalid', 'warning']]],
    ['steps out of order', { activistOn: '2022-02-01', candidateOn: '2023-10-10' }, {}, w('member.stepOrder')],
    ['local 公示 shorter than 5 days', { publicNotices: [{ stage: 'candidate', startsOn: '2024-05-06', endsOn: '2024-05-09' }] }, {}, w('member.publicNoticeShort')],
  ])('%s', (_name, r, over, expected) => {
    expect(found(person(r, over))).toEqual(expected);
  });

  it('before the 2014 细则: an under-18 application is generally recognised (info), and no talk deadline applied', () => {
    const old = person({ appliedOn: '2013-05-01', talkedOn: '2013-09-01' }, { birthDate: '1996-01-01' });
    expect(found(old)).toEqual([['member.applicantUnderAge', 'info']]);
  });

  it('a member whose earlier steps were never entered (imported history) gets no reminders for them', () => {
    const history: MemberRuleFacts = { id: 'h', recruitment: { appliedOn: '2001-03-01', activistOn: '2001-09-01', fullOn: '2003-07-01' } };
    expect(found(history, '2025-06-30')).toEqual([]);
    const admitted: MemberRuleFacts = { id: 'h', recruitment: { appliedOn: '2023-03-01', activistOn: '2023-04-01', branchMeeting: { heldOn: '2025-01-10', votingMembers: 5, present: 5, yesVotes: 5 }, approval: { approvedOn: '2025-02-01', approverType: 'committee' } } };
    expect(found(admitted, '2025-06-30').map(([id]) => id)).toEqual(['member.politicalReviewMissing', 'member.trainingMissing', 'member.sponsorsInvalid']);
  });

  it('every finding says the fact and the action, cites Chinese texts and no rule id', () => {
    const x = evaluateMember(person({ approval: { approvedOn: '2024-09-20', approverType: 'generalBranch' } }), '2026-01-15')[0];
    expect(x.summary).toBe('由党总支审批 — 建议报有审批权的基层党委审批');
    expect(x.message).toMatch(/依据：共产党员网关于审批预备党员权限的问答；《中国共产党章程》第五条$/);
    expect(JSON.stringify([x.summary, x.message, x.source])).not.toMatch(/member\.|§|domain-rules/);
  });
});

describe('coming and missed deadlines carry their day', () => {
  const pending = (r: Partial<RecruitmentFacts>): MemberRuleFacts => ({ id: 'p', recruitment: { appliedOn: '2024-01-02', talkedOn: '2024-01-10', mentors: [{ fullOn: '2000-01-01' }], ...r } });
  const one = (f: MemberRuleFacts, asOf: string) => evaluateMember(f, asOf).map((x) => ({ id: x.ruleId, severity: x.severity, dueOn: x.dueOn }));

  it.each<[string, Partial<RecruitmentFacts>, string, Array<{ id: MemberRuleId; severity: Severity; dueOn?: string }>]>([
    ['talk due within a month', { appliedOn: '2025-06-01', talkedOn: null }, '2025-06-20', [{ id: 'member.talk', severity: 'info', dueOn: '2025-07-01' }]],
    ['talk missed', { appliedOn: '2025-06-01', talkedOn: null }, '2025-07-02', [{ id: 'member.talk', severity: 'overdue', dueOn: '2025-07-01' }]],
    ['a year as 积极分子 within the reminder days', { activistOn: '2024-07-01', mentors: [{ fullOn: '2000-01-01' }] }, '2025-06-15', [{ id: 'member.candidateEligible', severity: 'info', dueOn: '2025-07-01' }]],
    ['not yet within the reminder days', { activistOn: '2024-07-01', mentors: [{ fullOn: '2000-01-01' }] }, '2025-05-01', []],
    ['approval due', { activistOn: '2024-02-01', candidateOn: '2025-02-01', politicalReviewOn: '2025-02-10', training: { completedOn: '2025-02-20', days: 3 }, sponsors: [{ fullOn: '2000-01-01' }, { fullOn: '2000-01-01' }], branchMeeting: { heldOn: '2025-03-01', votingMembers: 5, present: 5, yesVotes: 5 } }, '2025-05-15', [{ id: 'member.approvalDeadline', severity: 'info', dueOn: '2025-06-01' }]],
    ['approval missed', { activistOn: '2024-02-01', candidateOn: '2025-02-01', politicalReviewOn: '2025-02-10', training: { completedOn: '2025-02-20', days: 3 }, sponsors: [{ fullOn: '2000-01-01' }, { fullOn: '2000-01-01' }], branchMeeting: { heldOn: '2025-03-01', votingMembers: 5, present: 5, yesVotes: 5 } }, '2025-06-02', [{ id: 'member.approvalDeadline', severity: 'overdue', dueOn: '2025-06-01' }]],
    ['leaving within 3 months', { activistOn: '2024-02-01', candidateOn: '2025-02-01', politicalReviewOn: '2025-02-10', training: { completedOn: '2025-02-20', days: 3 }, leavingOn: '2025-08-30' }, '2025-06-01', [{ id: 'member.leavingSoon', severity: 'warning', dueOn: '2025-08-30' }]],
    ['leaving in more than 3 months', { activistOn: '2024-02-01', candidateOn: '2025-02-01', politicalReviewOn: '2025-02-10', training: { completedOn: '2025-02-20', days: 3 }, leavingOn: '2025-09-02' }, '2025-06-01', []],
  ])('%s', (_name, r, asOf, expected) => {
    expect(one(pending(r), asOf)).toEqual(expected);
  });

  it('probation: due within the reminder days, overdue after, later when extended by 6 months', () => {
    const p = person({ fullOn: null });
    expect(one(p, '2025-07-01')).toEqual([{ id: 'member.probationEnd', severity: 'info', dueOn: '2025-07-14' }]);
    expect(one(p, '2025-07-15')).toEqual([{ id: 'member.probationEnd', severity: 'overdue', dueOn: '2025-07-14' }]);
    const ext = person({ fullOn: null, probationExtensions: [{ decidedOn: '2025-07-10', months: 6 }] });
    expect(one(ext, '2025-08-01')).toEqual([]);
    expect(one(ext, '2026-01-15')).toEqual([{ id: 'member.probationEnd', severity: 'overdue', dueOn: '2026-01-14' }]);
  });
});

describe('local minimum waits are province settings', () => {
  const set: RuleSet = { ...RULE_SET, overrides: { ...RULE_SET.overrides, '32': { 'recruitment.activistMinMonths': [{ value: 6, validFrom: '2014-06-10', confidence: '◐', source: '《某省发展党员工作实施细则》（示例）' }] } } };
  it('6 months in province 32: one day short is a finding citing the local text; nationally nothing', () => {
    const early = person({ activistOn: '2022-08-31', candidateOn: '2023-10-10' }, { provinceCode: '320102' });
    expect(found(early, '2026-01-15', set)).toEqual([['member.activistTooEarly', 'warning']]);
    expect(evaluateMember(early, '2026-01-15', set)[0].message).toContain('依据：《某省发展党员工作实施细则》（示例）');
    expect(found(person({ activistOn: '2022-09-01' }, { provinceCode: '32' }), '2026-01-15', set)).toEqual([]);
    expect(found(early)).toEqual([]);
  });
});

// ---- properties ----

const day = (d: string, n: number) => fromDay(toDay(d) + n);
/** A random timeline starting between 2015 and 2040, each step some days after the last, some missing. */
const timeline = fc.record({
  start: fc.integer({ min: toDay('2015-01-01'), max: toDay('2040-12-31') }),
  gaps: fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 9, maxLength: 9 }),
  upTo: fc.integer({ min: 0, max: 8 }),
  voting: fc.integer({ min: 1, max: 30 }),
  present: fc.nat(30), yes: fc.nat(30),
  approver: fc.constantFrom('committee', 'generalBranch') as fc.Arbitrary<'committee' | 'generalBranch'>,
  age: fc.integer({ min: 15, max: 40 }),
}).map(({ start, gaps, upTo, voting, present, yes, approver, age }) => {
  const dates: string[] = [];
  let d = start;
  for (const g of gaps) dates.push(fromDay((d += g)));
  const at = (i: number) => (i <= upTo ? dates[i] : null);
  const held = at(5);
  const r: RecruitmentFacts = {
    appliedOn: dates[0], talkedOn: at(1), activistOn: at(2), candidateOn: at(3), politicalReviewOn: at(4),
    mentors: [{ fullOn: fromDay(start - 5000) }],
    training: at(4) ? { completedOn: at(4)!, days: 3 } : null,
    sponsors: [{ fullOn: fromDay(start - 5000) }, { fullOn: at(4) }],
    branchMeeting: held ? { heldOn: held, votingMembers: voting, present: Math.min(present, voting), yesVotes: Math.min(yes, voting) } : null,
    approval: at(6) ? { approvedOn: at(6)!, approverType: approver } : null,
    fullOn: at(7),
  };
  const f: MemberRuleFacts = { id: 'p', birthDate: fromDay(start - age * 365), recruitment: r, transfers: [{ issuedOn: dates[3] }], contact: { lostSince: dates[4] } };
  return { f, asOf: dates[8] };
});

/** Between 1901 and 2099 the calendar repeats every 28 years (same leap years, same month ends). */
const shift28 = <T>(x: T): T => JSON.parse(JSON.stringify(x).replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_m, y: string, mo: string, d: string) => `${Number(y) + 28}-${mo}-${d}`)) as T;

describe('properties of the timeline', () => {
  it('shifting every date by the same offset (28 years = 10227 days) changes no finding, only its day', () => {
    const seen = new Set<string>();
    fc.assert(fc.property(timeline, ({ f, asOf }) => {
      const a = evaluateMember(f, asOf);
      for (const x of a) seen.add(`${x.ruleId}/${x.severity}`);
      const b = evaluateMember(shift28(f), shift28(asOf));
      expect(toDay(shift28(asOf)) - toDay(asOf)).toBe(10227);
      // The whole finding: rule, severity, due day, and every date in its text and parameters moved by the same offset.
      expect(b).toEqual(shift28(a));
    }), { numRuns: 300 });
    // Not vacuous: the random timelines reach most checks, deadlines and violations alike.
    expect(seen.size, [...seen].join(' ')).toBeGreaterThanOrEqual(12);
  });

  it('naming a 发展对象 earlier than one year after the 积极分子 always gives a finding; at or after, never', () => {
    fc.assert(fc.property(fc.integer({ min: toDay('2015-01-01'), max: toDay('2040-01-01') }), fc.integer({ min: 0, max: 730 }), (activist, wait) => {
      const activistOn = fromDay(activist);
      const candidateOn = fromDay(activist + wait);
      const f: MemberRuleFacts = { id: 'p', recruitment: { appliedOn: day(activistOn, -30), talkedOn: day(activistOn, -20), activistOn, candidateOn, mentors: [{ fullOn: '2000-01-01' }] } };
      const ids = evaluateMember(f, candidateOn).map((x) => x.ruleId);
      const early = activist + wait < addYears(activist, 1);
      expect(ids.includes('member.candidateTooEarly')).toBe(early);
    }), { numRuns: 400 });
  });

  it('approval after 3 months (6 when extended) always gives a finding; on or before the last day, never', () => {
    fc.assert(fc.property(fc.integer({ min: toDay('2015-01-01'), max: toDay('2040-01-01') }), fc.integer({ min: 0, max: 250 }), fc.boolean(), (held, after, extended) => {
      const heldOn = fromDay(held);
      const approvedOn = fromDay(held + after);
      const f: MemberRuleFacts = { id: 'p', recruitment: { appliedOn: fromDay(held - 800), branchMeeting: { heldOn, votingMembers: 5, present: 5, yesVotes: 5 }, approval: { approvedOn, approverType: 'committee', extended } } };
      const late = held + after > addMonths(held, extended ? 6 : 3);
      expect(evaluateMember(f, approvedOn).some((x) => x.ruleId === 'member.approvalDeadline')).toBe(late);
    }), { numRuns: 300 });
  });

  it('the vote passes exactly when yes votes are more than half of the voting full members', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 60 }), fc.nat(60), (voting, yes) => {
      const f = person({ branchMeeting: { heldOn: '2024-07-15', votingMembers: voting, present: voting, yesVotes: Math.min(yes, voting) } });
      const ids = evaluateMember(f, '2026-01-15').map((x) => x.ruleId);
      expect(ids.includes('member.meetingVotes')).toBe(Math.min(yes, voting) * 2 <= voting);
    }), { numRuns: 300 });
  });

  it('with a local minimum wait of N months, an 积极分子 named before it always gives a finding', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: toDay('2015-01-01'), max: toDay('2040-01-01') }), fc.integer({ min: 0, max: 400 }), (months, applied, after) => {
      const set: RuleSet = { ...RULE_SET, overrides: { '32': { 'recruitment.activistMinMonths': [{ value: months, validFrom: '2014-06-10', confidence: '◐', source: '《某省实施细则》（示例）' }] } } };
      const appliedOn = fromDay(applied);
      const activistOn = fromDay(applied + after);
      const f: MemberRuleFacts = { id: 'p', provinceCode: '32', recruitment: { appliedOn, talkedOn: appliedOn, activistOn, mentors: [{ fullOn: '2000-01-01' }] } };
      const ids = evaluateMember(f, activistOn, set).map((x) => x.ruleId);
      expect(ids.includes('member.activistTooEarly')).toBe(applied + after < addMonths(applied, months));
    }), { numRuns: 300 });
  });
});
