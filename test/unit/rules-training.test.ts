import { describe, expect, it } from 'vitest';
import { evaluateMember, type MemberRuleFacts, type RecruitmentFacts } from '../../src/domain/rules/index.js';
import { secretaryHoursOn, secretaryTrainingFinding } from '../../src/domain/rules/training-catalogue.js';

/**
 * Training rules (docs/training.md): a secretary's yearly hours (《2019—2023年全国党员教育培训工作规划》,
 * 56 学时; kept as a platform rule from 2024) and the 发展对象's recorded 学时 judged beside the
 * hand-entered training (《中国共产党发展党员工作细则》第十七条: 3 days or 24 学时).
 */
describe('secretary training in a year', () => {
  it.each<[string, number, string, string | null]>([
    ['none at all: untrained', 0, '2023-11-30', 'training.secretaryUntrained'],
    ['some, short of 56: a reminder', 40, '2023-11-30', 'training.secretaryShort'],
    ['56 suffice', 56, '2023-11-30', null],
    ['from 2024 the same hours, as a platform rule', 10, '2024-06-30', 'training.secretaryShort'],
    ['before the plan: nothing to say', 0, '2018-12-31', null],
  ])('%s', (_, hours, on, id) => {
    expect(secretaryTrainingFinding('书记张三', hours, on)?.ruleId ?? null).toBe(id);
  });
  it('cites the plan while it is in force, the platform after', () => {
    expect(secretaryHoursOn('2023-12-31')!.source).toContain('《2019—2023年全国党员教育培训工作规划》');
    expect(secretaryHoursOn('2024-01-01')!.source).toMatch(/^本平台工作规则/);
    expect(secretaryTrainingFinding('书记张三', 0, '2025-03-01', 40)!.message).toBe('书记张三2025年未参加培训（每年应不少于40学时）');
  });
});

describe('细则第十七条: recorded 学时 beside the hand-entered training', () => {
  const facts = (r: Partial<RecruitmentFacts>): MemberRuleFacts => ({
    id: 'c1', birthDate: '1995-04-12',
    recruitment: { appliedOn: '2022-03-01', talkedOn: '2022-03-20', activistOn: '2022-09-01', candidateOn: '2023-10-10', politicalReviewOn: '2024-03-15', ...r },
  });
  const missing = (r: Partial<RecruitmentFacts>) => evaluateMember(facts(r), '2024-06-01').some((f) => f.ruleId === 'member.trainingMissing');
  it.each<[string, Partial<RecruitmentFacts>, boolean]>([
    ['nothing recorded', {}, true],
    ['24 recorded hours after the day listed as 发展对象', { recordedTraining: [{ on: '2023-11-01', hours: 16 }, { on: '2024-01-05', hours: 8 }] }, false],
    ['hours before the day listed do not count', { recordedTraining: [{ on: '2023-09-01', hours: 16 }, { on: '2024-01-05', hours: 8 }] }, true],
    ['hours after the day judged do not count', { recordedTraining: [{ on: '2023-11-01', hours: 16 }, { on: '2024-07-05', hours: 8 }] }, true],
    ['hand-entered 3 days, no hours recorded', { training: { completedOn: '2023-12-01', days: 3 } }, false],
    ['hand-entered 2 days and recorded 24 hours', { training: { completedOn: '2023-12-01', days: 2 }, recordedTraining: [{ on: '2023-11-01', hours: 24 }] }, false],
  ])('%s', (_, r, expected) => {
    expect(missing(r)).toBe(expected);
  });
});
