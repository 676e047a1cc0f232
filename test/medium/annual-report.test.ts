import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { annualReportFile } from '../../src/core/annual-report/annual-report.files.js';
import { listAnnualReports } from '../../src/core/annual-report/annual-report.list.js';
import { getAnnualReport } from '../../src/core/annual-report/annual-report.query.js';
import { reviewAnnualReport, saveAnnualReport, submitAnnualReport } from '../../src/core/annual-report/annual-report.service.js';
import type { AnnualReport } from '../../src/contracts/annual-report.js';
import type { Database } from '../../src/db/database.js';
import { codeOf } from '../helpers/code-of.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, seedEnterprise, seedPerson, seedRegions, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * 年度党建工作报告 on a real database (docs/annual-report.md): the figures come from the records
 * (roster, transfers, recruitment, meetings, dues,班子 and coverage) and say where they came from;
 * the narrative is saved with a version (0 creates it; stale is 409); submitting freezes the
 * figures, a later change to the records shows as "changed since"; the street covering the
 * organisation's own place reviews, a street seeing it through a link does not; the list counts it.
 */
const sys = systemActor('tester');
const townA = actorWith('township_officer', { regionPrefixes: ['330106001'] });
const townB = actorWith('township_officer', { regionPrefixes: ['330106002'] });
const secretary = (orgId: string) => actorWith('branch_secretary', { partyOrgIds: [orgId] });
const fig = (r: AnnualReport, section: string, key: string) => r.sections.find((s) => s.key === section)?.figures.find((f) => f.key === key);

describe(`annual report on ${testEngine()}`, () => {
  let database: Database;
  let orgId = '';
  let n = 0;
  const member = async (values: { category: 'full' | 'probationary'; status?: 'normal' | 'mobile' | 'left'; joined_on?: string; status_since?: string; left_reason?: 'death' }) => {
    const p = await seedPerson(database.db, `报告党员${++n}`, COMMUNITY_A1);
    return (await database.db.insertInto('party_member').values({ person_id: p, org_id: orgId, joined_on: '2010-05-01', ...values }).returning('id').executeTakeFirstOrThrow()).id;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    const db = database.db;
    orgId = (await db.insertInto('party_org').values({ name: '北山精工党支部', org_type: 'branch', setup_mode: 'joint', region_code: COMMUNITY_A1, founded_on: '2015-03-01', term_ends_on: '2027-06-30' }).returning('id').executeTakeFirstOrThrow()).id;
    await db.updateTable('party_org').set({ path: orgId }).where('id', '=', orgId).execute();
    const entB = await seedEnterprise(db, { name: '西溪电子有限公司', regionCode: TOWN_B });
    await db.insertInto('party_org_coverage').values({ org_id: orgId, enterprise_id: entB, mode: 'joint', since: '2026-02-01' }).execute();
    const sec = await seedPerson(db, '王建国', COMMUNITY_A1);
    await db.insertInto('org_position').values({ org_id: orgId, person_id: sec, position: 'secretary', since: '2026-03-15' }).execute();
    const course = (await db.insertInto('training_course').values({ title: '两新组织党组织书记示范培训', audience: 'secretary', hours: 16, region_code: COMMUNITY_A1 }).returning('id').executeTakeFirstOrThrow()).id;
    const session = (await db.insertInto('training_session').values({ course_id: course, held_on: '2026-05-12', hours: 16, region_code: COMMUNITY_A1 }).returning('id').executeTakeFirstOrThrow()).id;
    await db.insertInto('training_attendance').values({ session_id: session, person_id: sec, hours: 12 }).execute();
    await db.insertInto('checklist_assessment').values({ template_id: 'partySixHave', template_version: '2024-01-01', party_org_id: orgId, year: 2026, status: 'passed', total: 92.5, stars: 4 }).execute();
    await db.insertInto('support_funding').values({ org_id: orgId, given_on: '2026-03-02', amount_fen: 2000000, source: '区委组织部', purpose: '党建活动经费' }).execute();
    await db.insertInto('activity_site').values({ org_id: orgId, address: '北山精工三楼党员活动室', area_m2: 80, shared: false }).execute();
    const m1 = await member({ category: 'full' });
    await member({ category: 'full', status: 'mobile' });
    await member({ category: 'probationary', joined_on: '2026-06-20' });
    await member({ category: 'full', status: 'left', left_reason: 'death', status_since: '2026-04-02' });
    const applicant = await seedPerson(db, '李晓', COMMUNITY_A1);
    await db.insertInto('recruitment_case').values({ person_id: applicant, org_id: orgId, stage: 'activist', applied_on: '2026-01-10', activist_on: '2026-04-12' }).execute();
    await db.insertInto('meeting').values({ org_id: orgId, kind: 'memberMeeting', held_on: '2026-03-20', topic: '第一季度党员大会' }).execute();
    await db.insertInto('dues_ledger').values([
      { member_id: m1, month: '2026-01', org_id: orgId, category: 'employed', base_fen: 500000, standard_fen: 2500, due_fen: 2500, rule_id: 'dues.rate', bracket: '3000-5000', paid_fen: 2500, paid_on: '2026-01-20', method: 'hand' },
      { member_id: m1, month: '2026-02', org_id: orgId, category: 'employed', base_fen: 500000, standard_fen: 2500, due_fen: 2500, rule_id: 'dues.rate', bracket: '3000-5000', paid_fen: 0 },
    ]).execute();
  });
  afterAll(async () => database?.close());

  it('comes out prefilled from the records, each figure with its source and a link', async () => {
    const r = await getAnnualReport(database.db, townA, orgId, 2026);
    expect(r.state).toBe('none');
    expect(r.version).toBe(0);
    expect(r.sections.map((s) => s.key)).toEqual(['members', 'recruitment', 'meetings', 'training', 'standards', 'dues', 'support', 'changes']);
    expect(fig(r, 'members', 'total')?.value).toBe(3);
    expect(fig(r, 'members', 'probationary')?.value).toBe(1);
    expect(fig(r, 'members', 'mobile')?.value).toBe(1);
    expect(fig(r, 'members', 'joined')?.value).toBe(1);
    expect(fig(r, 'members', 'died')?.value).toBe(1);
    expect(fig(r, 'recruitment', 'applied')?.value).toBe(1);
    expect(fig(r, 'recruitment', 'activists')?.value).toBe(1);
    expect(fig(r, 'meetings', 'memberMeeting')?.value).toMatch(/^已开1次（应开\d+期，缺开\d+期）$/);
    expect(fig(r, 'dues', 'due')?.value).toBe('50.00');
    expect(fig(r, 'dues', 'arrears')?.value).toBe('25.00');
    expect(fig(r, 'changes', 'secretary')?.value).toBe('王建国');
    expect(fig(r, 'changes', 'covered')?.value).toBe(1);
    expect(fig(r, 'training', 'secretaryHours')).toMatchObject({ value: 12, unit: '学时' });
    expect(fig(r, 'standards', 'partySixHave')?.value).toBe('已通过，92.5分，★★★★（4星）');
    expect(fig(r, 'support', 'funding')?.value).toBe('20000.00');
    expect(fig(r, 'support', 'area')?.value).toBe(80);
    expect(fig(r, 'support', 'expense')?.value).toBe('未登记');
    for (const s of r.sections) for (const f of s.figures) expect(f.source, `${s.key}.${f.key}`).toMatch(/[\u4e00-\u9fa5]/);
    expect(fig(r, 'members', 'total')?.link).toBe(`/members?org=${orgId}`);
    expect(r.manageable).toBe(true);
  });

  it('saves the narrative with a version; a stale version is 409 and a future year refused', async () => {
    const saved = await saveAnnualReport(database.db, secretary(orgId), orgId, { year: 2026, version: 0, highlights: '建立“红色工匠”岗', facts: { honours: '区“红旗党支部”' } });
    expect(saved).toMatchObject({ state: 'draft', version: 2, highlights: '建立“红色工匠”岗', facts: { honours: '区“红旗党支部”' } });
    expect(await codeOf(saveAnnualReport(database.db, secretary(orgId), orgId, { year: 2026, version: 1, plans: '旧版本' }))).toBe('VERSION_CONFLICT');
    expect(await codeOf(saveAnnualReport(database.db, secretary(orgId), orgId, { year: 2027, version: 0 }))).toBe('FUTURE_YEAR');
    expect((await getAnnualReport(database.db, sys, orgId, 2026)).plans).toBeNull();
  });

  it('a street seeing the joint branch through its enterprise reads it, cannot edit, submit or review it', async () => {
    const seen = await getAnnualReport(database.db, townB, orgId, 2026);
    expect(seen).toMatchObject({ access: 'partial', manageable: false, reviewable: false });
    expect(await codeOf(saveAnnualReport(database.db, townB, orgId, { year: 2026, version: 2 }))).toBe('NOT_MANAGED');
    expect(await codeOf(submitAnnualReport(database.db, townB, orgId, { year: 2026, version: 2 }))).toBe('NOT_MANAGED');
    expect(await codeOf(reviewAnnualReport(database.db, secretary(orgId), orgId, { year: 2026, version: 2, decision: 'pass' }))).toBe('FORBIDDEN');
  });

  it('submitting freezes the figures; a later record shows as changed since; the street passes it', async () => {
    expect(await codeOf(reviewAnnualReport(database.db, townA, orgId, { year: 2026, version: 2, decision: 'pass' }))).toBe('NOT_SUBMITTED');
    const sub = await submitAnnualReport(database.db, secretary(orgId), orgId, { year: 2026, version: 2 });
    expect(sub).toMatchObject({ state: 'submitted', version: 3, changedSince: [], reviewable: false });
    expect(await codeOf(saveAnnualReport(database.db, secretary(orgId), orgId, { year: 2026, version: 3, plans: '改' }))).toBe('NOT_EDITABLE');
    await member({ category: 'full' });
    const after = await getAnnualReport(database.db, townA, orgId, 2026);
    expect(fig(after, 'members', 'total')?.value).toBe(3);
    expect(after.changedSince).toEqual(expect.arrayContaining([{ key: 'members.total', label: '党员队伍：党员总数', submitted: 3, now: 4 }]));
    expect(after.reviewable).toBe(true);
    expect(await codeOf(reviewAnnualReport(database.db, townA, orgId, { year: 2026, version: 3, decision: 'return' }))).toBe('REQUIRED');
    const back = await reviewAnnualReport(database.db, townA, orgId, { year: 2026, version: 3, decision: 'return', comment: '请补充党费欠交原因' });
    expect(back).toMatchObject({ state: 'returned', reviewComment: '请补充党费欠交原因' });
    expect(fig(back, 'members', 'total')?.value).toBe(4); // open again: the records as they stand
    const again = await submitAnnualReport(database.db, secretary(orgId), orgId, { year: 2026, version: back.version });
    const passed = await reviewAnnualReport(database.db, townA, orgId, { year: 2026, version: again.version, decision: 'pass' });
    expect(passed.state).toBe('passed');
    expect(passed.history.map((h) => h.kind)).toEqual(['saved', 'submitted', 'returned', 'submitted', 'passed']);
    const audit = await database.db.selectFrom('audit_event').select('action').where('entity', '=', 'annual_report').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['annualReport.create', 'annualReport.save', 'annualReport.submit', 'annualReport.return', 'annualReport.pass']));
  });

  it('lists the year with a total and the states; downloads Word and PDF', async () => {
    const list = await listAnnualReports(database.db, townA, { year: 2026, limit: 100 });
    expect(list.total).toBe(list.items.length);
    expect(list.items.find((i) => i.orgId === orgId)).toMatchObject({ state: 'passed', members: 4, access: 'full' });
    expect((await listAnnualReports(database.db, townA, { year: 2026, state: 'none', limit: 100 })).items.some((i) => i.orgId === orgId)).toBe(false);
    const other = (await database.db.insertInto('party_org').values({ name: '北山物流党支部', org_type: 'branch', setup_mode: 'standalone', region_code: COMMUNITY_A1 }).returning('id').executeTakeFirstOrThrow()).id;
    const open = await listAnnualReports(database.db, townA, { year: 2026, state: 'none', limit: 100 });
    expect(open.items.find((i) => i.orgId === other)).toMatchObject({ state: 'none', stateLabel: '未填报', members: 0, admitted: 0 });
    expect(open.byState).toEqual({ none: open.total });
    const docx = await annualReportFile(database.db, townA, orgId, 2026, 'docx');
    expect(docx.body.subarray(0, 2).toString()).toBe('PK');
    expect(docx.fileName).toBe('北山精工党支部2026年度党建工作报告.docx');
    const pdf = await annualReportFile(database.db, townA, orgId, 2026, 'pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);
});
