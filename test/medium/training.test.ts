import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { listCaseFindings } from '../../src/core/recruitment/recruitment.query.js';
import { getCourseIn, getSessionIn, listCoursePage, listSessionPage, personTraining, sessionCandidates } from '../../src/core/training/training.query.js';
import { createCourse, createSession, setAttendance, updateCourse, updateSession } from '../../src/core/training/training.service.js';
import { worklistPage } from '../../src/core/worklist/worklist.service.js';
import type { Database } from '../../src/db/database.js';
import { codeOf } from '../helpers/code-of.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, COUNTY, seedEnterprise, seedPerson, seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * Training on a real database (docs/training.md): a district course held by a street with its
 * attendance and hours; refusals leave nothing behind; a stale version is a 409; streets see the
 * district's course and cannot change it; a session organised by a joint branch of street A covering
 * an enterprise of street B is seen by B, not managed; a 发展对象's recorded 学时 feed the recruitment
 * check (the hand-entered path still counts); a secretary untrained this year is in the work list.
 */
const district = actorWith('org_admin', { regionPrefixes: ['330106'] });
const townA = actorWith('township_officer', { regionPrefixes: ['330106001'] });
const townB = actorWith('township_officer', { regionPrefixes: ['330106002'] });
const sys = systemActor('tester');

describe(`training on ${testEngine()}`, () => {
  let database: Database;
  let course = '';
  let recruitCourse = '';
  let session = '';
  let branchA = '';
  let jointA = '';
  const people: string[] = [];
  const count = async (t: 'training_session' | 'training_attendance' | 'training_course') =>
    Number((await database.db.selectFrom(t).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const org = async (name: string, mode: 'standalone' | 'joint' = 'standalone') => {
    const { id } = await database.db.insertInto('party_org').values({ name, org_type: 'branch', setup_mode: mode, region_code: COMMUNITY_A1, founded_on: '2020-01-01' }).returning('id').executeTakeFirstOrThrow();
    await database.db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
    return id;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    branchA = await org('北山第一党支部');
    jointA = await org('北山西溪联合党支部', 'joint');
    const entB = await seedEnterprise(database.db, { name: '西溪制造有限公司', regionCode: TOWN_B });
    await database.db.insertInto('party_org_coverage').values({ org_id: jointA, enterprise_id: entB, mode: 'joint', since: '2020-01-01' }).execute();
    for (const n of ['王建国', '李秀英', '张伟']) {
      const p = await seedPerson(database.db, n, COMMUNITY_A1);
      people.push(p);
      await database.db.insertInto('party_member').values({ person_id: p, org_id: branchA, category: 'full', joined_on: '2010-01-01', confirmed_on: '2011-01-01' }).execute();
    }
    await database.db.insertInto('org_position').values({ org_id: branchA, person_id: people[0]!, position: 'secretary', since: '2021-01-01' }).execute();
  });
  afterAll(async () => database?.close());

  it('a district course held by a street: attendance with hours, totals, the person history; audited', async () => {
    const c = await createCourse(database.db, district, { title: '2025年度党组织书记示范培训班', audience: 'secretary', hours: 16, regionCode: COUNTY });
    course = c.id;
    expect(c).toMatchObject({ organiser: { name: '西湖区', regionCode: COUNTY }, manageable: true, access: 'full' });
    const s = await createSession(database.db, townA, { courseId: course, heldOn: '2025-05-20', hours: 8, place: '北山街道党群服务中心', regionCode: TOWN_A });
    session = s.id;
    expect(s).toMatchObject({ organiser: { name: '北山街道' }, attendees: 0, manageable: true });
    const cands = await sessionCandidates(database.db, townA, session, undefined);
    expect(cands.items.map((x) => x.name)).toEqual(['王建国']);
    const after = await setAttendance(database.db, townA, session, { version: s.version, attendees: [{ personId: people[0]!, hours: 8 }, { personId: people[1]!, hours: 6 }] });
    expect(after).toMatchObject({ attendees: 2, hoursCredited: 14, version: s.version + 1 });
    const page = await listSessionPage(database.db, townA, { year: 2025 });
    expect(page).toMatchObject({ total: 1, attendees: 2, hoursCredited: 14 });
    const h = await personTraining(database.db, townA, people[0]!);
    expect(h).toMatchObject({ total: 1, hours: 8, byYear: [{ year: 2025, hours: 8 }] });
    const audit = await database.db.selectFrom('audit_event').select('action').where('entity', 'in', ['training_course', 'training_session']).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['training_course.create', 'training_session.attendance', 'training_session.create']);
  });

  it('refuses bad input with the field at fault and leaves nothing behind', async () => {
    const before = [await count('training_session'), await count('training_attendance'), await count('training_course')];
    const s = await getSessionIn(database.db, townA, session);
    expect(await codeOf(createSession(database.db, townA, { courseId: course, heldOn: '2999-01-01', hours: 4, regionCode: TOWN_A }))).toBe('FUTURE_DATE');
    expect(await codeOf(createSession(database.db, townA, { courseId: course, heldOn: '2025-01-01', hours: 4 }))).toBe('ORGANISER_REQUIRED');
    expect(await codeOf(createSession(database.db, townA, { courseId: course, heldOn: '2025-01-01', hours: 4, regionCode: TOWN_B }))).toBe('OUT_OF_SCOPE');
    expect(await codeOf(createCourse(database.db, townA, { title: '越权课程', audience: 'member', hours: 4, regionCode: COUNTY }))).toBe('OUT_OF_SCOPE');
    expect(await codeOf(setAttendance(database.db, townA, session, { version: s.version, attendees: [{ personId: people[0]!, hours: 9 }] }))).toBe('TOO_MANY');
    expect(await codeOf(setAttendance(database.db, townA, session, { version: s.version, attendees: [{ personId: people[0]!, hours: 1 }, { personId: people[0]!, hours: 1 }] }))).toBe('DUPLICATE_PERSON');
    const stranger = await seedPerson(database.db, '外区人员', null);
    expect(await codeOf(setAttendance(database.db, townA, session, { version: s.version, attendees: [{ personId: stranger, hours: 1 }] }))).toBe('NOT_FOUND');
    expect(await codeOf(setAttendance(database.db, townA, session, { version: s.version - 1, attendees: [] }))).toBe('VERSION_CONFLICT');
    expect(await codeOf(updateSession(database.db, townA, session, { version: s.version, heldOn: '2025-05-20', hours: 5 }))).toBe('BELOW_CREDITED');
    expect([await count('training_session'), await count('training_attendance'), await count('training_course')]).toEqual(before);
    expect((await getSessionIn(database.db, townA, session)).hoursCredited).toBe(14);
  });

  it('streets read the district course, cannot change it; another street does not see a street session', async () => {
    const seen = await getCourseIn(database.db, townB, course);
    expect(seen).toMatchObject({ access: 'partial', manageable: false });
    expect(await codeOf(updateCourse(database.db, townB, course, { version: seen.version, title: '改名', audience: 'secretary', hours: 16 }))).toBe('NOT_MANAGED');
    expect(await codeOf(getSessionIn(database.db, townB, session))).toBe('NOT_FOUND');
    expect((await listCoursePage(database.db, townB, {})).total).toBe(1);
    expect((await listSessionPage(database.db, townB, {})).total).toBe(0);
  });

  it('a joint branch of street A covering street B: B sees its session, cannot record attendance', async () => {
    const s = await createSession(database.db, townA, { courseId: course, heldOn: '2025-06-01', hours: 4, orgId: jointA });
    const asB = await getSessionIn(database.db, townB, s.id);
    expect(asB).toMatchObject({ access: 'partial', manageable: false, organiser: { name: '北山西溪联合党支部' } });
    expect(await codeOf(setAttendance(database.db, townB, s.id, { version: s.version, attendees: [] }))).toBe('NOT_MANAGED');
    expect(await codeOf(sessionCandidates(database.db, townB, s.id, undefined))).toBe('NOT_MANAGED');
    expect((await listSessionPage(database.db, townB, {})).total).toBe(1);
  });

  it('the recorded 学时 of a 发展对象 feed the training check; the hand-entered path still counts', async () => {
    recruitCourse = (await createCourse(database.db, district, { title: '入党积极分子和发展对象培训班', audience: 'recruit', hours: 24, regionCode: COUNTY })).id;
    const candidate = await seedPerson(database.db, '陈晓明', COMMUNITY_A1);
    const manual = await seedPerson(database.db, '刘芳', COMMUNITY_A1);
    for (const p of [candidate, manual]) {
      await database.db.insertInto('recruitment_case').values({
        person_id: p, org_id: branchA, stage: 'candidate', applied_on: '2023-03-01', talked_on: '2023-03-20', talker_name: '王建国', activist_on: '2023-09-01', candidate_on: '2024-10-01',
        ...(p === manual ? { training_on: '2024-11-05', training_days: 3, training_hours: null } : {}),
      }).execute();
    }
    const missing = async () => (await listCaseFindings(database.db, district, branchA)).items.filter((f) => f.ruleId === 'member.trainingMissing').map((f) => f.name);
    expect(await missing()).toEqual(['陈晓明']);
    const s1 = await createSession(database.db, district, { courseId: recruitCourse, heldOn: '2024-11-10', hours: 16, regionCode: COUNTY });
    await setAttendance(database.db, district, s1.id, { version: s1.version, attendees: [{ personId: candidate, hours: 16 }] });
    expect(await missing()).toEqual(['陈晓明']);
    // Hours before the day listed as 发展对象 do not count (细则第十七条 trains the 发展对象).
    const s0 = await createSession(database.db, district, { courseId: recruitCourse, heldOn: '2024-05-10', hours: 8, regionCode: COUNTY });
    await setAttendance(database.db, district, s0.id, { version: s0.version, attendees: [{ personId: candidate, hours: 8 }] });
    expect(await missing()).toEqual(['陈晓明']);
    const s2 = await createSession(database.db, district, { courseId: recruitCourse, heldOn: '2024-11-11', hours: 8, regionCode: COUNTY });
    await setAttendance(database.db, district, s2.id, { version: s2.version, attendees: [{ personId: candidate, hours: 8 }] });
    expect(await missing()).toEqual([]);
  });

  it('the work list names the secretary untrained this year, with the plan as its source', async () => {
    const items = async (date: string) => (await worklistPage(database.db, sys, 'alerts', { kind: 'party_org_training', date, limit: 100 })).items;
    expect(await items('2024-06-30')).toEqual([]);
    const eight = await items('2025-06-30');
    expect(eight).toHaveLength(1);
    expect(eight[0]).toMatchObject({ ruleId: 'training.secretaryShort', name: '北山第一党支部', link: { entity: 'party_org_training', id: branchA } });
    expect(eight[0]!.message).toBe('书记王建国2025年参加培训8学时，不足56学时');
    const s = await createSession(database.db, district, { courseId: course, heldOn: '2026-03-02', hours: 8, regionCode: COUNTY });
    const none = await items('2026-06-30');
    expect(none[0]).toMatchObject({ ruleId: 'training.secretaryUntrained', message: '书记王建国2026年未参加培训（每年应不少于56学时）' });
    expect(none[0]!.source).toContain('本平台工作规则');
    expect((await worklistPage(database.db, townB, 'alerts', { kind: 'party_org_training', date: '2026-06-30', limit: 100 })).items).toEqual([]);
    expect(s.attendees).toBe(0);
  });
});
