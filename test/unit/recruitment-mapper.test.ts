import { describe, expect, it } from 'vitest';
import { factsOf, findingsOf, probationEndsOn } from '../../src/core/recruitment/recruitment.mapper.js';
import type { CasePersonRow, CaseView } from '../../src/core/recruitment/recruitment.repository.js';
import { STEP_STAGES } from '../../src/domain/recruitment.js';
import { withLocalSettings, type LocalSetting } from '../../src/domain/rules/local-settings.js';
import { RULE_SET } from '../../src/domain/rules/rule-set.js';

/**
 * A stored case → the member rules' facts (docs/recruitment.md): only translated, never judged here.
 * Mentors and sponsors are full from their 转正 day; a 不合格 review is no review; the approver is a
 * 党委 (the writer refuses others); a closed case has no findings.
 */
const base = {
  id: '1', person_id: '9', org_id: '3', stage: 'candidate', applied_on: '2020-01-10', talked_on: '2020-01-20', talker_name: '王书记',
  activist_on: '2020-03-01', candidate_on: '2021-03-15', review_on: '2021-05-01', review_result: 'failed', training_on: null, training_days: null,
  training_hours: null, candidate_notice_from: '2021-03-16', candidate_notice_to: '2021-03-18', admission_notice_from: null, admission_notice_to: null,
  meeting_on: null, meeting_voting: null, meeting_present: null, meeting_yes: null, approved_on: null, approver_org_id: null, approval_extended: false,
  extension_on: null, extension_months: null, full_notice_from: null, full_notice_to: null, full_meeting_on: null, full_approved_on: null, full_on: null,
  leaving_on: null, member_id: null, closed_on: null, closed_reason: null, created_by: null, version: 4, created_at: new Date(), updated_at: new Date(),
  name: '郑晓雨', gender: 'female', id_number_enc: null, birth_date: '1998-03-12', org_name: '北山党支部', org_region: '330106001001',
  approver_org_name: null, owned: true,
} as unknown as CaseView;
const person = (role: 'mentor' | 'sponsor', position: number, over: Partial<CasePersonRow> = {}): CasePersonRow => ({
  case_id: '1', role, position, member_id: `${role}${position}`, name: `${role}${position}`, category: 'full', joined_on: '2005-07-01', confirmed_on: '2006-07-01', status: 'normal', ...over,
});

describe('recruitment case → member facts', () => {
  it('translates dates, people and notices; a failed review is no review', () => {
    const f = factsOf(base, [person('mentor', 1), person('sponsor', 1), person('sponsor', 2, { category: 'probationary', confirmed_on: null })]);
    expect(f).toMatchObject({ id: '1', provinceCode: '330106001001', birthDate: '1998-03-12' });
    expect(f.recruitment).toMatchObject({
      appliedOn: '2020-01-10', talkedOn: '2020-01-20', activistOn: '2020-03-01', candidateOn: '2021-03-15', politicalReviewOn: null,
      mentors: [{ name: 'mentor1', fullOn: '2006-07-01' }],
      sponsors: [{ name: 'sponsor1', fullOn: '2006-07-01' }, { name: 'sponsor2', fullOn: null }],
      publicNotices: [{ stage: 'candidate', startsOn: '2021-03-16', endsOn: '2021-03-18' }],
      branchMeeting: null, approval: null,
    });
  });

  it('the rules find the short 公示 and the missing review; a closed case finds nothing', () => {
    const ids = findingsOf(base, [], '2021-06-30', RULE_SET).map((x) => x.ruleId);
    expect(ids).toContain('member.publicNoticeShort');
    expect(ids).toContain('member.politicalReviewMissing');
    expect(findingsOf({ ...base, stage: 'closed' } as CaseView, [], '2021-06-30', RULE_SET)).toEqual([]);
  });

  // A 3-day 公示 on 2021-03-16: short under the national 5 days, not under a province's 3 in force that
  // day, short again under a province setting that starts after it; the local finding cites the local text.
  const setting = (over: Partial<LocalSetting>): LocalSetting => ({ province: '33', param: 'publicNoticeMinDays', value: 3, validFrom: '2021-01-01', source: '《浙江省发展党员工作实施细则》第十六条', ...over });
  const notice = (rules: typeof RULE_SET) => findingsOf(base, [], '2021-06-30', rules).find((x) => x.ruleId === 'member.publicNoticeShort');
  it.each([
    ['no setting', [], true, '中国共产党发展党员工作细则'],
    ['3 days in Zhejiang from 2021', [setting({})], false, ''],
    ['3 days in Jiangsu', [setting({ province: '32' })], true, '中国共产党发展党员工作细则'],
    ['3 days from after the notice', [setting({ validFrom: '2021-04-01' })], true, '中国共产党发展党员工作细则'],
    ['7 days in Zhejiang', [setting({ value: 7 })], true, '《浙江省发展党员工作实施细则》第十六条'],
  ] as const)('province settings: %s', (_, entries, short, cites) => {
    const f = notice(withLocalSettings(RULE_SET, entries));
    expect(!!f).toBe(short);
    if (f) expect(f.source + f.message).toContain(cites);
  });

  it('预备期满: the day before the anniversary of the 支部大会, plus the extension; approval cites a 党委', () => {
    expect(probationEndsOn({ meeting_on: '2021-06-01', extension_months: null })).toBe('2022-05-31');
    expect(probationEndsOn({ meeting_on: '2021-06-01', extension_months: 6 })).toBe('2022-11-30');
    expect(probationEndsOn({ meeting_on: null, extension_months: null })).toBeNull();
    const approved = { ...base, meeting_on: '2021-06-01', meeting_voting: 10, meeting_present: 8, meeting_yes: 8, approved_on: '2021-07-01', approver_org_id: '5', approval_extended: true } as CaseView;
    expect(factsOf(approved, []).recruitment?.approval).toEqual({ approvedOn: '2021-07-01', approverType: 'committee', extended: true });
  });

  it('every step is possible at some stage, and nothing is possible once 正式党员 or 已终止', () => {
    for (const [step, stages] of Object.entries(STEP_STAGES)) {
      expect(stages.length, step).toBeGreaterThan(0);
      expect(stages, step).not.toContain('full');
      expect(stages, step).not.toContain('closed');
    }
  });
});
