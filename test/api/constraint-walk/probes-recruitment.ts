import { idCheckChar } from '../../../src/domain/id-number.js';
import { api, NO_ID, type Probe, type Walk } from './walk.js';

/**
 * 发展党员 (docs/recruitment.md): every constraint of recruitment_case and recruitment_person, driven
 * through POST /api/recruitment and POST /api/recruitment/:id/steps. Two fixture cases in the fixture
 * organisation (RECRUITMENT_FIXTURE, made by createFixtures): A, an 入党申请人; C, a 发展对象 whose
 * 支部大会 is recorded (so the approval's checks are reached).
 */
const idNumber = (() => {
  let n = 0;
  return () => {
    const body = `1101051992020${String(100 + ++n).slice(-3)}1`;
    return body + idCheckChar(body);
  };
})();

export async function RECRUITMENT_FIXTURE(w: Omit<Walk, 'f'>, orgId: string): Promise<void> {
  const db = w.database.db;
  const person = async (name: string) => (await db.insertInto('person').values({ name, region_code: null }).returning('id').executeTakeFirstOrThrow()).id;
  await db.insertInto('recruitment_case').values({ person_id: await person('约束申请人'), org_id: orgId, applied_on: '2020-01-10' }).execute();
  await db.insertInto('recruitment_case').values({
    person_id: await person('约束发展对象'), org_id: orgId, applied_on: '2020-01-10', stage: 'candidate', activist_on: '2020-03-01', candidate_on: '2021-03-15',
    meeting_on: '2021-06-01', meeting_voting: 10, meeting_present: 8, meeting_yes: 8,
  }).execute();
}

const caseOf = async (w: Walk, name: string) => w.database.db.selectFrom('recruitment_case as c').innerJoin('person as p', 'p.id', 'c.person_id')
  .select(['c.id', 'c.version', 'c.person_id']).where('p.name', '=', name).executeTakeFirstOrThrow();
const open = (body: Record<string, unknown>) => api((w) => w.api('POST', '/api/recruitment', { orgId: w.f.orgId, name: '约束新申请人', idNumber: idNumber(), appliedOn: '2020-01-10', ...body }));
const stepOn = (who: '约束申请人' | '约束发展对象', body: Record<string, unknown>) => api(async (w) => {
  const c = await caseOf(w, who);
  return w.api('POST', `/api/recruitment/${c.id}/steps`, { version: c.version, ...body });
});
const onA = (body: Record<string, unknown>) => stepOn('约束申请人', body);
const onC = (body: Record<string, unknown>) => stepOn('约束发展对象', body);
const DECISION = { meetingOn: '2022-06-02', on: '2022-06-20', reason: '需继续考察', voting: 10, present: 8, yes: 7 };

export const RECRUITMENT_PROBES: Record<string, Probe | Probe[]> = {
  recruitment_case_person_id_fkey: open({ personId: NO_ID, idNumber: undefined, name: undefined }),
  recruitment_case_org_id_fkey: open({ orgId: NO_ID }),
  recruitment_case_approver_org_id_fkey: onC({ step: 'approve', on: '2021-07-01', approverOrgId: NO_ID }),
  recruitment_case_open_uq: api(async (w) => w.api('POST', '/api/recruitment', { orgId: w.f.orgId, personId: (await caseOf(w, '约束申请人')).person_id, appliedOn: '2020-01-10' })),
  'recruitment_case.person_id': open({ idNumber: undefined }),
  'recruitment_case.org_id': open({ orgId: undefined }),
  'recruitment_case.applied_on': open({ appliedOn: undefined }),
  recruitment_case_talker_name_check: [onA({ step: 'talk', on: '2020-01-20', talkerName: '' }), onA({ step: 'talk', on: '2020-01-20', talkerName: '谈'.repeat(101) })],
  recruitment_case_review_result_check: onC({ step: 'review', on: '2021-05-01', result: 'maybe' }),
  recruitment_case_training_days_check: onC({ step: 'training', on: '2021-04-20', days: 400 }),
  recruitment_case_training_hours_check: onC({ step: 'training', on: '2021-04-20', hours: 3000 }),
  recruitment_case_meeting_voting_check: onC({ step: 'meeting', on: '2021-06-01', voting: 0, present: 0, yes: 0 }),
  recruitment_case_meeting_present_check: onC({ step: 'meeting', on: '2021-06-01', voting: 10, present: -1, yes: 0 }),
  recruitment_case_meeting_yes_check: onC({ step: 'meeting', on: '2021-06-01', voting: 10, present: 8, yes: -1 }),
  recruitment_case_extension_months_check: [onC({ step: 'extend', on: '2022-01-01', months: 5 }), onC({ step: 'extend', on: '2022-01-01', months: 13 })],
  recruitment_case_closed_reason_check: [onA({ step: 'close', on: '2021-01-01', reason: '' }), onA({ step: 'close', on: '2021-01-01', reason: '因'.repeat(501) })],
  // (talked_on IS NULL) = (talker_name IS NULL)
  recruitment_case_check: onA({ step: 'talk', on: '2020-01-20' }),
  // (review_on IS NULL) = (review_result IS NULL)
  recruitment_case_check1: onC({ step: 'review', on: '2021-05-01' }),
  // the three 公示 periods: both days or neither, the end not before the start
  recruitment_case_check2: [onC({ step: 'notice', stage: 'candidate', from: '2021-03-20' }), onC({ step: 'notice', stage: 'candidate', from: '2021-03-20', to: '2021-03-19' })],
  recruitment_case_check3: [onC({ step: 'notice', stage: 'probationary', to: '2021-05-20' }), onC({ step: 'notice', stage: 'probationary', from: '2021-05-20', to: '2021-05-19' })],
  recruitment_case_check4: [onC({ step: 'notice', stage: 'full', from: '2022-05-20' }), onC({ step: 'notice', stage: 'full', from: '2022-05-20', to: '2022-05-19' })],
  // the 支部大会's day and three counts together
  recruitment_case_check5: onC({ step: 'meeting', on: '2021-06-01', voting: 10, yes: 8 }),
  recruitment_case_check6: onC({ step: 'meeting', on: '2021-06-01', voting: 10, present: 11, yes: 8 }),
  recruitment_case_check7: onC({ step: 'meeting', on: '2021-06-01', voting: 10, present: 6, yes: 7 }),
  // (approved_on IS NULL) = (approver_org_id IS NULL)
  recruitment_case_check8: onC({ step: 'approve', on: '2021-07-01' }),
  // (extension_on IS NULL) = (extension_months IS NULL)
  recruitment_case_check9: onC({ step: 'extend', on: '2022-01-01' }),
  // (stage = 'closed') = (closed_reason IS NOT NULL); (closed_on IS NULL) = (closed_reason IS NULL)
  recruitment_case_check12: onA({ step: 'close', on: '2021-01-01' }),
  recruitment_case_check13: onA({ step: 'close', reason: '本人撤回申请' }),
  // 延长预备期 / 取消预备党员资格 (0021): the reason and the 支部大会's counts, refused by the contract.
  recruitment_case_extension_reason_check: [onC({ step: 'extend', ...DECISION, months: 6, reason: '' }), onC({ step: 'extend', ...DECISION, months: 6, reason: '因'.repeat(501) })],
  recruitment_case_extension_voting_check: onC({ step: 'extend', ...DECISION, months: 6, voting: 0 }),
  recruitment_case_extension_present_check: onC({ step: 'extend', ...DECISION, months: 6, present: -1 }),
  recruitment_case_extension_yes_check: onC({ step: 'extend', ...DECISION, months: 6, yes: -1 }),
  recruitment_case_cancel_voting_check: onC({ step: 'cancel', ...DECISION, voting: 0 }),
  recruitment_case_cancel_present_check: onC({ step: 'cancel', ...DECISION, present: -1 }),
  recruitment_case_cancel_yes_check: onC({ step: 'cancel', ...DECISION, yes: -1 }),
  recruitment_person_member_id_fkey: [onA({ step: 'activist', on: '2020-03-01', mentors: [{ memberId: NO_ID }] }), onC({ step: 'sponsors', sponsors: [{ memberId: NO_ID }, { memberId: '987654322' }] })],
  recruitment_person_position_check: [onA({ step: 'activist', on: '2020-03-01', mentors: [{ memberId: NO_ID }, { memberId: '987654322' }, { memberId: '987654323' }] })],
};

export const RECRUITMENT_SKIPPED: Record<string, string> = {
  recruitment_case_stage_check: 'stage is set by the writer from the step recorded (src/domain/recruitment.ts STEP_STAGES); no input carries it',
  recruitment_case_cancelled_closed: 'set by the cancel step together with the stage, closed_on and the 支部大会 (recruitment-probation.ts); no input sets one without the others',
  recruitment_case_member_id_fkey: 'member_id is the membership the approval step has just created in the same transaction',
  recruitment_case_member_id_key: 'member_id is a membership created for this case alone (one membership per person, one open case per person)',
  // stage probationary/full ⇒ member and approval; full ⇒ full_on
  recruitment_case_check10: 'the approval step sets the stage, the approval and the new membership together',
  recruitment_case_check11: 'the 转正 step sets the stage and full_on together',
  recruitment_person_case_id_fkey: 'case_id is the case the step was recorded on, locked in the same transaction',
  recruitment_person_role_check: 'role is a literal of the step (mentor for 积极分子, sponsor for 入党介绍人)',
  recruitment_person_name_check: 'name is copied from the registered person of the member named',
  recruitment_person_case_id_role_position_key: 'the writer replaces a role\'s people as a whole, numbering them 1 and 2',
  recruitment_person_check: 'a sponsor is always a member resolved on the roster (the contract takes member ids only)',
  'recruitment_person.case_id': 'set by the writer (the case of the step)',
  'recruitment_person.role': 'set by the writer (a literal of the step)',
  'recruitment_person.position': 'set by the writer (the place in the list)',
  'recruitment_person.name': 'set by the writer (the member\'s registered name)',
};
