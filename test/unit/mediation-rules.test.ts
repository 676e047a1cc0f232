import { describe, expect, it } from 'vitest';
import {
  agreementReviewUntil, arbitrationLimitOn, explainMediation, mediationClock, mediationDaysOn, mediationDueOn,
} from '../../src/domain/rules/mediation.js';

/** Boundaries of every mediation deadline (docs/unions.md "劳动争议调解"; shared rules §6.5), the source in each name. */
describe('《劳动争议调解仲裁法》第十四条: 15 days from receipt (《民法典》第二百零一条: counted from the next day)', () => {
  const received = '2026-03-02';
  it.each([
    ['day 14 after receipt: open, 1 day left, not overdue', '2026-03-16', 1, false],
    ['day 15 after receipt (the last day): open, 0 days left, not overdue', '2026-03-17', 0, false],
    ['day 16 after receipt: open and overdue', '2026-03-18', -1, true],
  ] as const)('%s', (_name, asOf, left, overdue) => {
    const c = mediationClock(received, null, asOf);
    expect(c).toMatchObject({ days: 15, dueOn: '2026-03-17', daysLeft: left, overdue, closedInTime: null });
  });
  it.each([
    ['closed on day 14: in time', '2026-03-16', true],
    ['closed on day 15: in time', '2026-03-17', true],
    ['closed on day 16: late', '2026-03-18', false],
  ] as const)('第十四条 %s', (_name, closedOn, inTime) => {
    const c = mediationClock(received, closedOn, '2026-12-04');
    expect(c).toMatchObject({ closedInTime: inTime, overdue: false, daysLeft: null });
  });
});

describe('the 30 → 15 day change: 《企业劳动争议处理条例》（1993年）30 days before 2008-05-01, 《劳动争议调解仲裁法》第十四条 15 days from it', () => {
  it('《企业劳动争议处理条例》 received 2008-04-30: 30 days, last day 2008-05-30', () => {
    expect(mediationDaysOn('2008-04-30').days).toBe(30);
    expect(mediationDueOn('2008-04-30')).toBe('2008-05-30');
    expect(mediationDaysOn('2008-04-30').source).toContain('企业劳动争议处理条例');
  });
  it('《劳动争议调解仲裁法》第十四条 received 2008-05-01: 15 days, last day 2008-05-16', () => {
    expect(mediationDaysOn('2008-05-01').days).toBe(15);
    expect(mediationDueOn('2008-05-01')).toBe('2008-05-16');
    expect(mediationDaysOn('2008-05-01').source).toContain('第十四条');
  });
  it('《企业劳动争议处理条例》 a case received 2008-04-30 still open on 2008-05-20 is not overdue (its own rule: 30 days)', () => {
    expect(mediationClock('2008-04-30', null, '2008-05-20').overdue).toBe(false);
    expect(mediationClock('2008-05-01', null, '2008-05-20').overdue).toBe(true);
  });
});

describe('《劳动争议调解仲裁法》第二十七条: arbitration limitation 1 year (《民法典》第二百零二条)', () => {
  it.each([
    ['an ordinary day: the same date a year on', '2025-06-10', '2026-06-10'],
    ['known on 29 Feb: the year ends on 28 Feb (no 29th)', '2024-02-29', '2025-02-28'],
    ['known on 28 Feb before a leap year: 28 Feb', '2023-02-28', '2024-02-28'],
    ['known on 1 Mar: 1 Mar', '2023-03-01', '2024-03-01'],
    ['known on 31 Dec: 31 Dec', '2025-12-31', '2026-12-31'],
  ])('第二十七条 %s', (_name, known, limit) => {
    expect(arbitrationLimitOn(known)).toBe(limit);
  });
});

describe('《企业劳动争议协商调解规定》: joint review within 15 days of the agreement', () => {
  it('agreed 2026-03-10: the window ends 2026-03-25; before 2012-01-01 there is no such rule', () => {
    expect(agreementReviewUntil('2026-03-10')).toBe('2026-03-25');
    expect(agreementReviewUntil('2011-12-31')).toBeNull();
    expect(agreementReviewUntil('2012-01-01')).toBe('2012-01-16');
  });
});

describe('explainMediation (the CLI\'s mediation facts)', () => {
  it('《劳动争议调解仲裁法》第十四条、第二十七条、第七条: end date, overdue verdict, limitation and representatives with rule ids and sources', () => {
    const e = explainMediation({ id: 'c1', receivedOn: '2026-11-02', knownOn: '2026-10-20', workers: 12, commonClaim: true }, '2026-11-18');
    expect(e).toMatchObject({ mediationEndsOn: '2026-11-17', overdue: true, arbitrationLimitOn: '2027-10-20', agreementReviewUntil: null });
    expect(e.findings.map((f) => f.ruleId)).toEqual(['mediation.deadline', 'mediation.overdue', 'mediation.arbitrationLimit', 'mediation.collectiveRepresentatives']);
    for (const f of e.findings) expect(f.source).toMatch(/《.+》/);
  });
  it('《企业劳动争议协商调解规定》 an agreed case: in time, the review window, no limitation finding', () => {
    const e = explainMediation({ id: 'c2', receivedOn: '2026-11-02', closedOn: '2026-11-10', outcome: 'agreed', knownOn: '2026-10-20' }, '2026-12-04');
    expect(e).toMatchObject({ overdue: false, closedInTime: true, agreementReviewUntil: '2026-11-25' });
    expect(e.findings.map((f) => f.ruleId)).toEqual(['mediation.deadline', 'mediation.agreementReview']);
  });
});

describe('rules check reads a union\'s mediation facts (docs/examples/rules/union-mediation.json)', () => {
  it('《劳动争议调解仲裁法》第十四条、第二十七条 the example file: each case\'s end date, verdict and limitation with rule ids', async () => {
    const { readFactsFile, explainAll, renderExplanation } = await import('../../src/cli/commands/rules.js');
    const out = explainAll(await readFactsFile('docs/examples/rules/union-mediation.json'), { date: '2026-12-04' });
    const m = (out[0] as { mediation?: Array<{ id?: string; mediationEndsOn: string; overdue: boolean; arbitrationLimitOn: string | null; findings: Array<{ ruleId: string }> }> }).mediation!;
    expect(m.map((x) => [x.id, x.mediationEndsOn, x.overdue, x.arbitrationLimitOn])).toEqual([
      ['2026-031', '2026-11-17', true, '2027-10-20'],
      ['2026-028', '2026-10-27', false, null],
      ['2026-019', '2026-08-18', false, '2025-02-28'],
      ['2008-004', '2008-05-30', false, null],
    ]);
    expect(m[0].findings.map((f) => f.ruleId)).toContain('mediation.overdue');
    const text = renderExplanation(out[0]);
    expect(text).toContain('劳动争议调解：');
    expect(text).toContain('《企业劳动争议处理条例》（1993年）');
    expect(text).not.toContain('mediation.');
  });
});
