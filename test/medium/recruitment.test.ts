import { describe, expect, it } from 'vitest';
import { getCaseIn, listCaseFindings, listCasePage } from '../../src/core/recruitment/recruitment.query.js';
import { openCase, recordStep } from '../../src/core/recruitment/recruitment.service.js';
import { getPerson, listPeople } from '../../src/core/person/person.service.js';
import { checkPersonFacts, toPersonValues } from '../../src/core/person/person-input.js';
import { codeOf } from '../helpers/code-of.js';
import { testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, seedPerson, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';
import { keyring, sys, townA, townB, useRecruitmentWorld } from '../helpers/recruitment-world.js';

/**
 * 发展党员 on a real database (docs/recruitment.md): an applicant taken to 正式党员 (the membership
 * created at approval and made full at 转正, in the case's transactions), the write-time refusals
 * leaving nothing behind, two writers racing on one version, two streets (a sponsor of another
 * street seen through their employer; a joint branch's case seen, not managed, by the other street).
 */
describe(`recruitment on ${testEngine()}`, () => {
  const w = useRecruitmentWorld();
  const { applicant, step, toMeeting } = w;

  it('takes an applicant to 正式党员: the membership is created at approval and made full at 转正', async () => {
    const c = await applicant();
    expect(c.stage).toBe('applicant');
    await toMeeting(c.id);
    const approved = await step(c.id, { step: 'approve', on: '2021-07-15', approverOrgId: w.committeeA });
    expect(approved.stage).toBe('probationary');
    expect(approved.probationEndsOn).toBe('2022-05-31');
    const m = await w.database.db.selectFrom('party_member').selectAll().where('id', '=', approved.memberId!).executeTakeFirstOrThrow();
    expect([m.category, m.joined_on, m.org_id]).toEqual(['probationary', '2021-06-01', w.branchA]);
    const full = await step(c.id, { step: 'confirm', meetingOn: '2022-06-02', approvedOn: '2022-06-20', on: '2022-06-01' });
    expect(full.stage).toBe('full');
    const after = await w.database.db.selectFrom('party_member').selectAll().where('id', '=', approved.memberId!).executeTakeFirstOrThrow();
    expect([after.category, after.confirmed_on]).toEqual(['full', '2022-06-01']);
    expect(full.events.map((e) => e.kind).reverse()).toEqual(['applied', 'talk', 'activist', 'candidate', 'review', 'training', 'notice', 'sponsors', 'meeting', 'approve', 'confirm']);
    const audits = await w.database.db.selectFrom('audit_event').select('action').where('entity', '=', 'recruitment_case').where('entity_id', '=', c.id).execute();
    expect(audits).toHaveLength(11); // the application and ten steps
    expect(full.findings).toEqual([]);
  });

  it('reports the timeline as findings with their sources (talk late, 发展对象 too early)', async () => {
    const c = await applicant();
    await step(c.id, { step: 'talk', on: '2020-03-20', talkerName: '王书记' });
    await step(c.id, { step: 'activist', on: '2020-04-01', mentors: [{ memberId: w.sponsors[0]! }] });
    const x = await step(c.id, { step: 'candidate', on: '2020-10-01' });
    const ids = x.findings.map((f) => f.ruleId);
    expect(ids).toContain('member.talk');
    expect(ids).toContain('member.candidateTooEarly');
    expect(x.findings.every((f) => /[\u4e00-\u9fa5]/.test(f.source))).toBe(true);
    const list = await listCaseFindings(w.database.db, townA, w.branchA);
    expect(list.items.some((f) => f.caseId === c.id && f.ruleId === 'member.candidateTooEarly')).toBe(true);
  });

  it('refuses a probationary sponsor, a 总支 approving and a failed vote — nothing half-applied', async () => {
    const c = await applicant();
    await step(c.id, { step: 'talk', on: '2020-01-20', talkerName: '王书记' });
    await step(c.id, { step: 'activist', on: '2020-03-01', mentors: [{ memberId: w.sponsors[0]! }] });
    await step(c.id, { step: 'candidate', on: '2021-03-15' });
    expect(await codeOf(step(c.id, { step: 'sponsors', sponsors: [{ memberId: w.sponsors[0]! }, { memberId: w.probationary }] }))).toBe('NOT_FULL_MEMBER');
    expect(await codeOf(step(c.id, { step: 'meeting', on: '2021-06-01', voting: 10, present: 8, yes: 8 }))).toBe('SPONSORS_REQUIRED');
    await step(c.id, { step: 'sponsors', sponsors: [{ memberId: w.sponsors[0]! }, { memberId: w.sponsorB }] });
    expect(await codeOf(step(c.id, { step: 'meeting', on: '2021-06-01', voting: 10, present: 8, yes: 5 }))).toBe('VOTE_FAILED');
    expect(await codeOf(step(c.id, { step: 'meeting', on: '2021-06-01', voting: 10, present: 5, yes: 5 }))).toBe('NO_QUORUM');
    await step(c.id, { step: 'meeting', on: '2021-06-01', voting: 10, present: 8, yes: 6 });
    const before = await getCaseIn(w.database.db, keyring, sys, c.id);
    expect(await codeOf(step(c.id, { step: 'approve', on: '2021-07-15', approverOrgId: w.generalBranchA }))).toBe('APPROVER_NOT_COMMITTEE');
    expect(await codeOf(step(c.id, { step: 'approve', on: '2021-07-15', approverOrgId: w.branchA }))).toBe('APPROVER_NOT_COMMITTEE');
    const still = await getCaseIn(w.database.db, keyring, sys, c.id);
    expect([still.version, still.stage, still.memberId, still.events.length]).toEqual([before.version, 'candidate', null, before.events.length]);
    expect(await w.database.db.selectFrom('party_member').select('id').where('person_id', '=', c.personId).execute()).toEqual([]);
    expect(await codeOf(step(c.id, { step: 'confirm', meetingOn: '2022-06-02', approvedOn: '2022-06-20', on: '2022-06-01' }))).toBe('STEP_NOT_ALLOWED');
  });

  it('two writers on one version: one wins, the other gets VERSION_CONFLICT; two openings for one person: one case', async () => {
    const c = await applicant();
    const results = await Promise.all([
      codeOf(recordStep(w.d, townA, c.id, { step: 'talk', version: c.version, on: '2020-01-20', talkerName: '甲' })),
      codeOf(recordStep(w.d, sys, c.id, { step: 'talk', version: c.version, on: '2020-01-21', talkerName: '乙' })),
    ]);
    expect(results.sort()).toEqual(['OK', 'VERSION_CONFLICT']);
    const events = await w.database.db.selectFrom('recruitment_event').select('kind').where('case_id', '=', c.id).where('kind', '=', 'talk').execute();
    expect(events).toHaveLength(1);
    const personId = await seedPerson(w.database.db, '并发申请人', COMMUNITY_A1);
    const opened = await Promise.all([0, 1].map(() => codeOf(openCase(w.d, townA, { orgId: w.branchA, personId, appliedOn: '2020-02-01' }))));
    expect(opened.sort()).toEqual(['OK', 'OPEN_CASE']);
  });

  it('two streets: the other street sees a joint branch case through the link but cannot manage it', async () => {
    const c = await applicant(w.jointA);
    const seen = await getCaseIn(w.database.db, keyring, townB, c.id);
    expect([seen.access, seen.manageable]).toEqual(['partial', false]);
    expect(await codeOf(recordStep(w.d, townB, c.id, { step: 'talk', version: seen.version, on: '2020-01-20', talkerName: '乙' }))).toBe('NOT_MANAGED');
    const page = await listCasePage(w.database.db, townB, { limit: 50 });
    expect(page.items.map((i) => i.id)).toEqual([c.id]);
    expect((await listCaseFindings(w.database.db, townB)).items.filter((f) => f.caseId === c.id)).toEqual([]);
    // Street B cannot name street A's members it does not see as sponsors of its own case.
    const own = await openCase(w.d, townB, { orgId: w.branchB, personId: await seedPerson(w.database.db, '西溪申请人', TOWN_B), appliedOn: '2020-01-10' });
    await recordStep(w.d, townB, own.id, { step: 'talk', version: own.version, on: '2020-01-20', talkerName: '丙' });
    expect(await codeOf(recordStep(w.d, townB, own.id, { step: 'activist', version: own.version + 1, on: '2020-03-01', mentors: [{ memberId: w.sponsors[0]! }] }))).toBe('NOT_FOUND');
  });

  it('a secretary records 接收预备党员 for an applicant living in the other street: reads them, masked; nothing else of that street', async () => {
    // A 党委 of street A with a branch under it; its secretary is granted the 党委 (no region at all).
    const committee = await w.org('北山第二党委', 'committee', TOWN_A);
    const branch = await w.org('北山第二党支部', 'branch', COMMUNITY_A1);
    await w.database.db.updateTable('party_org').set({ path: `${committee}.${branch}`, parent_id: committee }).where('id', '=', branch).execute();
    const secretary = actorWith('branch_secretary', { partyOrgIds: [committee] });
    const facts = checkPersonFacts({ name: '西溪住户', idNumber: '110105199003071239', phone: '13900001111', gender: null, birthDate: null });
    const lives = await w.database.db.insertInto('person').values({ ...toPersonValues(keyring, facts), region_code: TOWN_B }).returning('id').executeTakeFirstOrThrow();
    const c = await openCase(w.d, sys, { orgId: branch, personId: lives.id, appliedOn: '2020-01-10' });
    const seen = await getPerson(w.d, secretary, lives.id, false);
    expect([seen.name, seen.idNumber, seen.phone]).toEqual(['西溪住户', '110105********1239', '139****1111']);
    await toMeeting(c.id);
    const approved = await step(c.id, { step: 'approve', on: '2021-07-15', approverOrgId: committee }, secretary);
    expect(approved.stage).toBe('probationary');
    // Nothing else of street B: a neighbour registered there, street B's own applicant.
    const neighbour = await seedPerson(w.database.db, '西溪邻居', TOWN_B);
    const other = await openCase(w.d, townB, { orgId: w.branchB, personId: await seedPerson(w.database.db, '西溪另一申请人', TOWN_B), appliedOn: '2020-01-10' });
    for (const id of [neighbour, other.personId]) expect(await codeOf(getPerson(w.d, secretary, id, false))).toBe('NOT_FOUND');
    const listed = await listPeople(w.d, secretary, { limit: 200 } as Parameters<typeof listPeople>[2]);
    expect(listed.items.filter((p) => p.regionCode === TOWN_B).map((p) => p.id)).toEqual([lives.id]);
  });

  it('lists by stage with counts and totals under the same filter', async () => {
    const page = await listCasePage(w.database.db, townA, { orgId: w.branchA, limit: 2 });
    expect(page.items.length).toBeLessThanOrEqual(2);
    const open = page.counts.applicant + page.counts.activist + page.counts.candidate + page.counts.probationary;
    expect(page.total).toBe(open);
    expect(page.counts.full).toBe(1);
    const full = await listCasePage(w.database.db, townA, { orgId: w.branchA, stage: 'full', limit: 50 });
    expect(full.total).toBe(1);
  });

  it('lists one person\'s cases at every stage (the member page) and counts an organisation\'s open findings (its page)', async () => {
    const full = (await listCasePage(w.database.db, townA, { orgId: w.branchA, stage: 'full', limit: 1 })).items[0]!;
    expect((await listCasePage(w.database.db, townA, { personId: full.personId, limit: 50 })).items.map((i) => i.id)).toEqual([full.id]);
    expect((await listCasePage(w.database.db, townB, { personId: full.personId, limit: 50 })).items).toEqual([]);
    const open = await listCasePage(w.database.db, townA, { orgId: w.branchA, limit: 200 });
    const sum = (k: 'alerts' | 'reminders') => open.items.reduce((n, i) => n + i[k], 0);
    expect((await listCasePage(w.database.db, townA, { orgId: w.branchA, limit: 1 })).findings).toEqual({ alerts: sum('alerts'), reminders: sum('reminders') });
    expect(sum('alerts')).toBeGreaterThan(0);
    expect((await listCasePage(w.database.db, townA, { limit: 1 })).findings).toBeNull();
  });

  it('延长预备期 once and 取消预备党员资格, each on a passed 支部大会 vote and the 党委\'s day; cancelling ends the membership with its history', async () => {
    const c = await applicant();
    await toMeeting(c.id);
    const approved = await step(c.id, { step: 'approve', on: '2021-07-15', approverOrgId: w.committeeA });
    const vote = { voting: 10, present: 8, yes: 7 };
    const ext = { step: 'extend', meetingOn: '2022-06-02', on: '2022-06-20', months: 6, reason: '预备期间表现不够理想，需继续考察', ...vote } as const;
    expect(await codeOf(step(c.id, { ...ext, yes: 5 }))).toBe('VOTE_FAILED');
    expect(await codeOf(step(c.id, { ...ext, present: 5, yes: 5 }))).toBe('NO_QUORUM');
    expect(await codeOf(step(c.id, { ...ext, meetingOn: '2021-07-01' }))).toBe('BEFORE_PREVIOUS_STEP');
    expect(await codeOf(step(c.id, { ...ext, on: '2022-06-01' }))).toBe('BEFORE_PREVIOUS_STEP');
    expect(await codeOf(step(c.id, { ...ext, yes: 9 }))).toBe('TOO_MANY');
    const extended = await step(c.id, ext);
    expect(extended.extension).toEqual({ decidedOn: '2022-06-20', months: 6, reason: ext.reason, meeting: { heldOn: '2022-06-02', ...vote } });
    expect(extended.probationEndsOn).toBe('2022-11-30');
    expect(await codeOf(step(c.id, { ...ext, months: 12 }))).toBe('ALREADY_EXTENDED');
    const cancel = { step: 'cancel', meetingOn: '2022-12-02', on: '2022-12-20', reason: '延长预备期满后仍不具备党员条件', ...vote } as const;
    expect(await codeOf(step(c.id, { ...cancel, yes: 4 }))).toBe('VOTE_FAILED');
    const kept = await w.database.db.selectFrom('party_member').selectAll().where('id', '=', approved.memberId!).executeTakeFirstOrThrow();
    expect(kept.status).toBe('normal');
    const cancelled = await step(c.id, cancel);
    expect([cancelled.stage, cancelled.closedOn, cancelled.closedReason]).toEqual(['closed', '2022-12-20', cancel.reason]);
    expect(cancelled.cancellation).toEqual({ on: '2022-12-20', reason: cancel.reason, meeting: { heldOn: '2022-12-02', ...vote } });
    expect(cancelled.findings).toEqual([]);
    const m = await w.database.db.selectFrom('party_member').selectAll().where('id', '=', approved.memberId!).executeTakeFirstOrThrow();
    expect([m.status, m.left_reason, m.status_since, m.category]).toEqual(['left', 'probationCancelled', '2022-12-20', 'probationary']);
    const events = await w.database.db.selectFrom('party_member_event').select(['kind', 'at']).where('member_id', '=', m.id).where('kind', '=', 'statusChanged').execute();
    expect(events).toEqual([{ kind: 'statusChanged', at: '2022-12-20' }]);
    const audits = await w.database.db.selectFrom('audit_event').select('action').where('action', 'in', ['recruitment.extend', 'recruitment.cancel', 'member.status']).execute();
    expect(audits.map((a) => a.action).sort()).toEqual(['member.status', 'recruitment.cancel', 'recruitment.extend']);
    expect(await codeOf(step(c.id, cancel))).toBe('STEP_NOT_ALLOWED');
  });
});
