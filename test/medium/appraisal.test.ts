import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { personAppraisals } from '../../src/core/appraisal/appraisal.history.js';
import { getAppraisalSettings, saveAppraisalSettings } from '../../src/core/appraisal/appraisal-settings.js';
import { getAppraisal, markAppraisal } from '../../src/core/appraisal/appraisal.service.js';
import type { AppraisalSheet } from '../../src/contracts/appraisal.js';
import type { Database } from '../../src/db/database.js';
import { codeOf } from '../helpers/code-of.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, seedEnterprise, seedPerson, seedRegions, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * 述职评议 and 考核 on a real database (docs/annual-report.md "Appraisal"): the sheet comes out
 * prefilled — each item's evidence from the records with its source — the street and the district
 * mark their own column, the total averages them, the grade follows the template's thresholds and
 * the allowance the setting; marks are versioned and checked against the sheet; a street seeing the
 * organisation through a link cannot mark; the result lands on the person's history.
 */
const sys = systemActor('tester');
const townA = actorWith('township_officer', { regionPrefixes: ['330106001'] });
const townB = actorWith('township_officer', { regionPrefixes: ['330106002'] });
const district = actorWith('org_admin', { regionPrefixes: ['330106'] });
const item = (s: AppraisalSheet, key: string) => s.items.find((i) => i.key === key)!;
const full = (s: AppraisalSheet, f = 1) => s.items.map((i) => ({ item: i.key, score: i.weight * f }));

describe(`appraisal on ${testEngine()}`, () => {
  let database: Database;
  let orgId = '';
  let secId = '';
  let instructorId = '';
  let instructorPerson = '';

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    const db = database.db;
    orgId = (await db.insertInto('party_org').values({ name: '东方光电党支部', org_type: 'branch', setup_mode: 'joint', region_code: COMMUNITY_A1, founded_on: '2016-01-01' }).returning('id').executeTakeFirstOrThrow()).id;
    await db.updateTable('party_org').set({ path: orgId }).where('id', '=', orgId).execute();
    const entB = await seedEnterprise(db, { name: '西溪光学有限公司', regionCode: TOWN_B });
    await db.insertInto('party_org_coverage').values({ org_id: orgId, enterprise_id: entB, mode: 'joint', since: '2026-03-01' }).execute();
    secId = await seedPerson(db, '陈立明', COMMUNITY_A1);
    await db.insertInto('org_position').values({ org_id: orgId, person_id: secId, position: 'secretary', since: '2022-05-01' }).execute();
    await db.insertInto('meeting').values({ org_id: orgId, kind: 'committeeMeeting', held_on: '2026-02-10', topic: '二月支委会' }).execute();
    const course = (await db.insertInto('training_course').values({ title: '书记轮训', audience: 'secretary', hours: 8, region_code: COMMUNITY_A1 }).returning('id').executeTakeFirstOrThrow()).id;
    const session = (await db.insertInto('training_session').values({ course_id: course, held_on: '2026-06-03', hours: 8, region_code: COMMUNITY_A1 }).returning('id').executeTakeFirstOrThrow()).id;
    await db.insertInto('training_attendance').values({ session_id: session, person_id: secId, hours: 8 }).execute();
    instructorPerson = await seedPerson(db, '赵敏', COMMUNITY_A1);
    instructorId = (await db.insertInto('instructor').values({ person_id: instructorPerson, kind: 'instructor', region_code: COMMUNITY_A1 }).returning('id').executeTakeFirstOrThrow()).id;
    const entA = await seedEnterprise(db, { name: '北山新材料有限公司', regionCode: COMMUNITY_A1 });
    await db.insertInto('instructor_assignment').values({ instructor_id: instructorId, enterprise_id: entA, since: '2025-09-01' }).execute();
    await db.insertInto('visit_log').values([{ instructor_id: instructorId, enterprise_id: entA, visited_on: '2026-04-08' }, { instructor_id: instructorId, enterprise_id: entA, visited_on: '2026-07-15' }]).execute();
    await db.insertInto('party_org_coverage').values({ org_id: orgId, enterprise_id: entA, mode: 'joint', since: '2026-05-01' }).execute();
  });
  afterAll(async () => database?.close());

  it("a secretary's sheet comes out prefilled, each figure with its source", async () => {
    const s = await getAppraisal(database.db, townA, 'secretary', orgId, 2026);
    expect(s).toMatchObject({ personName: '陈立明', template: { id: 'secretary-2024' }, total: null, version: 0, markable: true, reviewerLevel: 'street' });
    expect(item(s, 'life').evidence.find((e) => e.label === '支部委员会会议')?.value).toMatch(/^已开1次/);
    expect(item(s, 'training').evidence).toEqual([{ label: '本年参加培训', value: 8, unit: '学时', source: '培训记录（本人本年认定学时）' }]);
    expect(item(s, 'report').evidence[0]).toMatchObject({ value: '未填报', link: `/orgs/${orgId}/annual-report?year=2026` });
    expect(item(s, 'role').evidence).toEqual([]);
    expect(s.thresholds.map((t) => t.label)).toEqual(['优秀', '称职', '基本称职', '不称职']);
  });

  it('the street and the district mark their own columns; the total averages them; grade and allowance follow', async () => {
    const s = await getAppraisal(database.db, townA, 'secretary', orgId, 2026);
    const street = await markAppraisal(database.db, townA, 'secretary', orgId, { year: 2026, version: 0, marks: full(s) });
    expect(street).toMatchObject({ total: 100, gradeLabel: '优秀', allowance: '一档', version: 2 });
    expect(await codeOf(markAppraisal(database.db, district, 'secretary', orgId, { year: 2026, version: 1, marks: full(s, 0.5) }))).toBe('VERSION_CONFLICT');
    const both = await markAppraisal(database.db, district, 'secretary', orgId, { year: 2026, version: 2, marks: full(s, 0.5) });
    expect(both).toMatchObject({ total: 75, gradeLabel: '称职', allowance: '二档', reviewerLevel: 'district' });
    expect(item(both, 'life').marks).toEqual({ street: 25, district: 12.5 });
    expect(await codeOf(markAppraisal(database.db, townA, 'secretary', orgId, { year: 2026, version: both.version, marks: [{ item: 'picnic', score: 1 }] }))).toBe('UNKNOWN_ITEM');
    expect(await codeOf(markAppraisal(database.db, townA, 'secretary', orgId, { year: 2026, version: both.version, marks: [{ item: 'life', score: 26 }] }))).toBe('TOO_MANY');
    expect(await codeOf(markAppraisal(database.db, townA, 'secretary', orgId, { year: 2019, version: 0, marks: [] }))).toBe('NO_TEMPLATE');
    expect((await getAppraisal(database.db, sys, 'secretary', orgId, 2026)).version).toBe(both.version);
  });

  it('a street seeing the joint branch through a link reads the sheet, cannot mark; the secretary cannot mark', async () => {
    expect(await getAppraisal(database.db, townB, 'secretary', orgId, 2026)).toMatchObject({ markable: false, reviewerLevel: null });
    expect(await codeOf(markAppraisal(database.db, townB, 'secretary', orgId, { year: 2026, version: 3, marks: [] }))).toBe('NOT_MANAGED');
    const secretary = actorWith('branch_secretary', { partyOrgIds: [orgId] });
    expect(await codeOf(markAppraisal(database.db, secretary, 'secretary', orgId, { year: 2026, version: 3, marks: [] }))).toBe('FORBIDDEN');
  });

  it("an instructor's 考核 draws visits and gaps closed; the allowance follows the setting; results on the person's history", async () => {
    const before = await getAppraisal(database.db, townA, 'instructor', instructorId, 2026);
    expect(item(before, 'visits').evidence.map((e) => e.value)).toEqual([2, 1]);
    expect(item(before, 'gaps').evidence.map((e) => e.value)).toEqual([1, 1]);
    const settings = await getAppraisalSettings(database.db, sys);
    await saveAppraisalSettings(database.db, sys, { version: settings.version, allowance: { excellent: 'A档（每月800元）', competent: 'B档（每月600元）', basic: 'C档（每月300元）', incompetent: '不发放' } });
    expect(await codeOf(saveAppraisalSettings(database.db, townA, { version: 1, allowance: { excellent: 'x', competent: 'x', basic: 'x', incompetent: 'x' } }))).toBe('UNRESTRICTED_SCOPE_REQUIRED');
    const marked = await markAppraisal(database.db, townA, 'instructor', instructorId, { year: 2026, version: 0, marks: full(before, 0.95), comment: '走访扎实' });
    expect(marked).toMatchObject({ total: 95, gradeLabel: '优秀', allowance: 'A档（每月800元）', comment: '走访扎实' });
    expect((await personAppraisals(database.db, townA, instructorPerson)).items).toEqual([{ kind: 'instructor', kindLabel: '党建指导员考核', year: 2026, subjectId: instructorId, total: 95, gradeLabel: '优秀', allowance: 'A档（每月800元）' }]);
    expect((await personAppraisals(database.db, townA, secId)).items[0]).toMatchObject({ kind: 'secretary', total: 75, gradeLabel: '称职' });
    const audit = await database.db.selectFrom('audit_event').select('action').where('action', 'in', ['appraisal.mark', 'appraisal.settings']).execute();
    expect(audit.length).toBe(4);
  });
});
