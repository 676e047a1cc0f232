import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths, fromDay, lifeCalendar, meetingVerdict, MEETING_KINDS, periodsOfYear, toDay,
  type LifeFacts, type LifeMeeting, type MeetingKind,
} from '../../src/domain/rules/index.js';

/** A branch that did everything 《中国共产党支部工作条例（试行）》 asks in 2025, each on the 10th. */
function dutiful(year = 2025): LifeMeeting[] {
  const out: LifeMeeting[] = [];
  for (let m = 1; m <= 12; m += 1) {
    const d = `${year}-${String(m).padStart(2, '0')}-10`;
    out.push({ kind: 'committeeMeeting', date: d }, { kind: 'themeDay', date: d }, { kind: 'groupMeeting', date: d });
    if (m % 3 === 0) out.push({ kind: 'memberMeeting', date: d, votingMembers: 9, present: 7 }, { kind: 'partyLesson', date: d });
  }
  out.push({ kind: 'lifeMeeting', date: `${year}-12-10` }, { kind: 'memberAppraisal', date: `${year}-12-10` }, { kind: 'heartTalk', date: `${year}-11-10` });
  return out;
}
const branch = (meetings: LifeMeeting[], over: Partial<LifeFacts> = {}): LifeFacts => ({ orgType: 'branch', hasGroups: true, since: '2025-01-01', meetings, ...over });
const without = (kind: MeetingKind, from: string, to: string) => dutiful().filter((m) => m.kind !== kind || m.date < from || m.date > to);
const kindOf = (c: ReturnType<typeof lifeCalendar>, kind: MeetingKind) => c.kinds.find((k) => k.kind === kind)!;

describe('a year done by the book is compliant', () => {
  it('条例第十一条—第十九条: every kind met, nothing to say', () => {
    const c = lifeCalendar(branch(dutiful()), 2025, '2026-01-15');
    expect(c.findings).toEqual([]);
    expect(c.status).toBe('compliant');
    expect(c.kinds.map((k) => [k.kind, k.expected, k.met])).toEqual([
      ['memberMeeting', 4, 4], ['committeeMeeting', 12, 12], ['groupMeeting', 12, 12], ['partyLesson', 4, 4],
      ['themeDay', 12, 12], ['lifeMeeting', 1, 1], ['memberAppraisal', 1, 1], ['heartTalk', 1, 1],
    ]);
  });
});

describe('frequencies by the rule in force (table; each row names its source)', () => {
  it.each<[string, MeetingKind, string, string, string, string[], number, string]>([
    ['第十二条 committee monthly: Oct–Dec missed', 'committeeMeeting', '2025-10-01', '2025-12-31', '2026-01-15', ['2025-10', '2025-11', '2025-12'], 3, '连续3个月未召开支部委员会会议'],
    ['第十二条: the current month is open, not missed', 'committeeMeeting', '2025-11-01', '2025-12-31', '2025-12-20', ['2025-11'], 1, '上个月未召开支部委员会会议'],
    ['第十一条 members\' meeting quarterly: Q2 missed, then held', 'memberMeeting', '2025-04-01', '2025-06-30', '2026-01-15', ['2025-Q2'], 0, '本年有1个季度未召开支部党员大会'],
    ['第十三条 group meeting monthly', 'groupMeeting', '2025-12-01', '2025-12-31', '2026-01-15', ['2025-12'], 1, '上个月未召开党小组会'],
    ['第十六条 theme day monthly', 'themeDay', '2025-07-01', '2025-08-31', '2026-01-15', ['2025-07', '2025-08'], 0, '本年有2个月未开展主题党日'],
    ['第十六条 + setting: party lesson quarterly by default', 'partyLesson', '2025-07-01', '2025-12-31', '2026-01-15', ['2025-Q3', '2025-Q4'], 2, '连续2个季度未上党课'],
    ['第十七条 life meeting yearly', 'lifeMeeting', '2025-01-01', '2025-12-31', '2026-01-15', ['2025'], 1, '上一年未召开组织生活会'],
    ['第十九条 appraisal yearly', 'memberAppraisal', '2025-01-01', '2025-12-31', '2026-01-15', ['2025'], 1, '上一年未开展民主评议党员'],
    ['第十八条 heart-to-heart talks yearly', 'heartTalk', '2025-01-01', '2025-12-31', '2026-01-15', ['2025'], 1, '上一年未开展谈心谈话'],
  ])('%s', (_name, kind, from, to, asOf, missed, run, message) => {
    const c = lifeCalendar(branch(without(kind, from, to)), 2025, asOf);
    const k = kindOf(c, kind);
    expect(k.missed).toEqual(missed);
    expect(k.missedInARow).toBe(run);
    expect(c.findings.map((f) => [f.ruleId, f.message])).toEqual([[`life.${kind}`, message]]);
    expect(c.findings[0].source).toMatch(/^《中国共产党支部工作条例（试行）》第|^本平台工作规则/);
    expect(c.status).toBe('lagging');
  });

  it('a run continues across the year boundary (第十二条)', () => {
    const meetings = [...dutiful(2024), ...dutiful(2025)].filter((m) => m.kind !== 'committeeMeeting' || m.date < '2024-11-01');
    expect(kindOf(lifeCalendar(branch(meetings, { since: '2024-01-01' }), 2025, '2025-03-05'), 'committeeMeeting').missedInARow).toBe(4);
  });

  it('the party lesson is a setting: every half year', () => {
    const c = lifeCalendar(branch(without('partyLesson', '2025-07-01', '2025-12-31')), 2025, '2026-01-15', { partyLessonEvery: 'halfYear' });
    expect(kindOf(c, 'partyLesson').missed).toEqual(['2025-H2']);
  });

  it('no 党小组, no 党小组会 expected (第十三条)', () => {
    const c = lifeCalendar(branch(without('groupMeeting', '2025-01-01', '2025-12-31'), { hasGroups: false }), 2025, '2026-01-15');
    expect(kindOf(c, 'groupMeeting').every).toBeNull();
    expect(c.findings).toEqual([]);
  });

  it('before the 条例 (2018-10-28) and before the organisation was set up nothing is expected', () => {
    expect(kindOf(lifeCalendar(branch([], { since: null }), 2018, '2018-10-01'), 'committeeMeeting').expected).toBe(0);
    const c = lifeCalendar(branch(dutiful().filter((m) => m.date >= '2025-07-01'), { since: '2025-07-01' }), 2025, '2026-01-15');
    expect(kindOf(c, 'committeeMeeting').expected).toBe(6);
    expect(kindOf(c, 'committeeMeeting').periods[0].state).toBe('notRequired');
  });

  it('a 党委 is expected its yearly life meeting and secretary\'s lesson only (第十六条, 第十七条)', () => {
    const c = lifeCalendar({ orgType: 'committee', since: '2019-01-01', meetings: [{ kind: 'partyLesson', date: '2025-05-01' }, { kind: 'lifeMeeting', date: '2025-12-01' }] }, 2025, '2026-01-15');
    expect(c.kinds.filter((k) => k.every).map((k) => [k.kind, k.every])).toEqual([['partyLesson', 'year'], ['lifeMeeting', 'year']]);
    expect(c.status).toBe('compliant');
  });

  it('本平台工作规则: six months without any meeting is dormant', () => {
    const c = lifeCalendar(branch(dutiful().filter((m) => m.date < '2025-07-01')), 2025, '2026-01-15');
    expect(c.status).toBe('dormant');
    expect(c.findings.find((f) => f.ruleId === 'life.dormant')?.message).toBe('已7个月未召开任何会议');
  });
});

describe('quorum and vote (第十一条: present > half of the voting members; yes > half of those who should attend)', () => {
  it.each<[string, number, number, number, string, string]>([
    ['9 voting, 5 present, 5 yes', 9, 5, 5, 'met', 'passed'],
    ['9 voting, 5 present, 4 yes: not half of those who should attend', 9, 5, 4, 'met', 'failed'],
    ['8 voting, 4 present: exactly half is not more than half', 8, 4, 4, 'notMet', 'noQuorum'],
    ['10 voting, 9 present, 5 yes: exactly half fails', 10, 9, 5, 'met', 'failed'],
  ])('%s', (_n, votingMembers, present, yes, quorum, verdict) => {
    const v = meetingVerdict({ kind: 'memberMeeting', date: '2025-03-10', votingMembers, present, votes: [{ subject: '接收预备党员', yes }] });
    expect([v.quorum, v.votes[0].verdict]).toEqual([quorum, verdict]);
    expect(v.findings.map((f) => f.ruleId)).toEqual(quorum === 'notMet' ? ['life.meetingQuorum'] : []);
  });
  it('a 主题党日 has no quorum; a meeting without counts is unknown', () => {
    expect(meetingVerdict({ kind: 'themeDay', date: '2025-03-10', votingMembers: 9, present: 1 }).quorum).toBe('notApplicable');
    expect(meetingVerdict({ kind: 'memberMeeting', date: '2025-03-10' }).quorum).toBe('unknown');
  });
});

describe('properties (fixed seed, bounded runs)', () => {
  const day = fc.integer({ min: toDay('2023-01-01'), max: toDay('2026-12-31') }).map(fromDay);
  const meeting = fc.record({ kind: fc.constantFrom(...MEETING_KINDS), date: day });
  it('expected = met + missed, held periods are exactly those with a meeting, and the year is covered', () => {
    fc.assert(fc.property(fc.array(meeting, { maxLength: 60 }), day, fc.boolean(), (meetings, asOf, hasGroups) => {
      const year = Number(asOf.slice(0, 4));
      const c = lifeCalendar(branch(meetings, { hasGroups, since: '2022-06-01' }), year, asOf);
      for (const k of c.kinds) {
        expect(k.expected).toBe(k.met + k.missed.length);
        expect(k.periods[0].from).toBe(`${year}-01-01`);
        expect(k.periods[k.periods.length - 1].to).toBe(`${year}-12-31`);
        for (const p of k.periods) {
          const n = meetings.filter((m) => m.kind === k.kind && m.date >= p.from && m.date <= p.to && m.date <= asOf).length;
          expect(p.held).toBe(n);
          if (p.state === 'missed') expect(p.to < asOf && n === 0).toBe(true);
        }
      }
      expect(c.status === 'compliant').toBe(c.kinds.every((k) => !k.missed.length) && !c.findings.some((f) => f.ruleId === 'life.dormant'));
    }), { seed: 15, numRuns: 200 });
  });
  it('periods of a year are contiguous', () => {
    fc.assert(fc.property(fc.integer({ min: 2000, max: 2100 }), fc.constantFrom('month', 'quarter', 'halfYear', 'year' as const), (y, every) => {
      const ps = periodsOfYear(y, every);
      for (let i = 1; i < ps.length; i += 1) expect(fromDay(toDay(ps[i - 1].to) + 1)).toBe(ps[i].from);
      expect(fromDay(addMonths(toDay(ps[0].from), 12) - 1)).toBe(ps[ps.length - 1].to);
    }), { seed: 15, numRuns: 100 });
  });
});
