import { describe, expect, it } from 'vitest';
import {
  fundsDueDaySetting, fundsDueFen, fundsDueOn, fundsStatus, hardshipReviewDueOn, hardshipReviewOverdue, previousMonth, nextMonth, yuan,
} from '../../src/domain/union-services.js';

describe('工会经费 2% in fen (《工会法》第四十三条), rounded half up to the fen', () => {
  it.each([
    [0, 0], [1, 0], [24, 0], [25, 1], [49, 1], [50, 1], [74, 1], [75, 2], [100, 2], [12345, 247], [12_345_678, 246_914], [100_000_000_000_000, 2_000_000_000_000],
  ])('payroll %i fen → %i fen due', (payroll, due) => expect(fundsDueFen(payroll)).toBe(due));
  it('refuses a fraction or a negative payroll', () => {
    expect(() => fundsDueFen(1.5)).toThrow(RangeError);
    expect(() => fundsDueFen(-1)).toThrow(RangeError);
  });
});

describe('工会经费 due date: the 15th (上海市工会条例第四十一条; elsewhere the platform default), clamped to the month end', () => {
  it('Shanghai and elsewhere', () => {
    expect(fundsDueDaySetting('310101001001', '2026-03-01')).toMatchObject({ day: 15, province: '31' });
    expect(fundsDueDaySetting('440305001001', '2026-03-01')).toMatchObject({ day: 15, province: null });
    expect(fundsDueDaySetting(null, '2026-03-01').province).toBeNull();
  });
  it.each([
    ['2026-03-01', 15, '2026-03-15'], ['2026-02-01', 31, '2026-02-28'], ['2024-02-01', 31, '2024-02-29'], ['2026-04-01', 31, '2026-04-30'],
    ['2026-12-01', 31, '2026-12-31'], ['2026-01-01', 0, '2026-01-01'],
  ])('month %s, day %i → %s', (month, day, due) => expect(fundsDueOn(month, day)).toBe(due));
  it('previous and next month across the year', () => {
    expect(previousMonth('2026-01-01')).toBe('2025-12-01');
    expect(previousMonth('2026-07-01')).toBe('2026-06-01');
    expect(nextMonth('2026-12-01')).toBe('2027-01-01');
  });
});

describe('工会经费 status around the due date 2026-03-15 (上海市工会条例第四十一条): day before / on / after', () => {
  const line = { dueFen: 1000, dueOn: '2026-03-15' };
  it.each([
    ['2026-03-14', 0, null, 'notDue'], ['2026-03-15', 0, null, 'notDue'], ['2026-03-16', 0, null, 'arrears'],
    ['2026-03-15', 400, '2026-03-10', 'partlyPaid'], ['2026-03-16', 400, '2026-03-10', 'arrears'],
    ['2026-03-16', 1000, '2026-03-15', 'paid'], ['2026-03-20', 1000, '2026-03-16', 'paidLate'], ['2026-03-01', 1000, '2026-03-01', 'paid'],
  ] as const)('on %s with %i fen paid (%s) → %s', (today, paidFen, paidOn, status) => expect(fundsStatus({ ...line, paidFen, paidOn }, today)).toBe(status));
  it('a zero due is paid', () => expect(fundsStatus({ dueFen: 0, paidFen: 0, dueOn: '2026-03-15', paidOn: null }, '2026-04-01')).toBe('paid'));
});

describe('困难职工帮扶 yearly review (各地困难职工认定办法, local practice): due a year after approval or the last review', () => {
  const approved = { status: 'approved' as const, approvedOn: '2025-03-10', lastReviewedOn: null };
  it('from approval, then from the last review', () => {
    expect(hardshipReviewDueOn(approved)).toBe('2026-03-10');
    expect(hardshipReviewDueOn({ ...approved, lastReviewedOn: '2026-03-01' })).toBe('2027-03-01');
  });
  it('29 February → 28 February', () => expect(hardshipReviewDueOn({ ...approved, approvedOn: '2024-02-29' })).toBe('2025-02-28'));
  it.each([['2026-03-09', false], ['2026-03-10', false], ['2026-03-11', true]] as const)('on %s overdue: %s', (today, overdue) =>
    expect(hardshipReviewOverdue(hardshipReviewDueOn(approved), today)).toBe(overdue));
  it('no review for a file not in care', () => {
    expect(hardshipReviewDueOn({ status: 'applied', approvedOn: null, lastReviewedOn: null })).toBeNull();
    expect(hardshipReviewDueOn({ ...approved, status: 'closed' })).toBeNull();
  });
  it('yuan', () => expect([yuan(0), yuan(5), yuan(12345), yuan(-250)]).toEqual(['0.00', '0.05', '123.45', '-2.50']));
});
