import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { getLifeCalendar } from '../../src/core/life/life-calendar.js';
import { getMeetingIn, listMeetingPage, meetingRoster } from '../../src/core/life/meeting.query.js';
import { createMeeting, deleteMeeting, updateMeeting } from '../../src/core/life/meeting.service.js';
import type { Database } from '../../src/db/database.js';
import { AppError } from '../../src/domain/errors.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';
import { actorWith, COMMUNITY_A1, seedEnterprise, seedPerson, seedRegions, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * 三会一课 on a real database (docs/life.md): a meeting recorded with attendees from the roster (the
 * counts derived from them, 预备党员 without a vote), its verdict from the rules; refusals leave
 * nothing behind; a stale version is refused; deleting is soft and audited; two streets — a joint
 * branch of street A covering an enterprise of street B is seen by B, not recorded for by B.
 */
const sys = systemActor('tester');
const townA = actorWith('township_officer', { regionPrefixes: ['330106001'] });
const townB = actorWith('township_officer', { regionPrefixes: ['330106002'] });

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    if (e instanceof AppError) return e.details[0]?.code ?? e.code;
    throw e;
  }
}

describe(`meetings on ${testEngine()}`, () => {
  let database: Database;
  let branchA = '';
  let jointA = '';
  const members: string[] = [];
  let n = 0;
  const org = async (name: string, region: string, mode: 'standalone' | 'joint' = 'standalone') => {
    const { id } = await database.db.insertInto('party_org').values({ name, org_type: 'branch', setup_mode: mode, region_code: region }).returning('id').executeTakeFirstOrThrow();
    await database.db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
    return id;
  };
  const member = async (orgId: string, category: 'full' | 'probationary') => {
    const p = await seedPerson(database.db, `会议党员${++n}`, COMMUNITY_A1);
    return (await database.db.insertInto('party_member').values({ person_id: p, org_id: orgId, category, joined_on: '2010-01-01', confirmed_on: category === 'full' ? '2011-01-01' : null })
      .returning('id').executeTakeFirstOrThrow()).id;
  };
  const count = async (table: 'meeting' | 'meeting_attendee') => Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedRegions(database.db);
    branchA = await org('北山第一党支部', COMMUNITY_A1);
    jointA = await org('北山西溪联合党支部', COMMUNITY_A1, 'joint');
    members.push(await member(branchA, 'full'), await member(branchA, 'full'), await member(branchA, 'full'), await member(branchA, 'probationary'));
    const entB = await seedEnterprise(database.db, { name: '西溪制造有限公司', regionCode: TOWN_B });
    await database.db.insertInto('party_org_coverage').values({ org_id: jointA, enterprise_id: entB, mode: 'joint', since: '2020-01-01' }).execute();
  });
  afterAll(async () => database?.close());

  it('records a 支部党员大会 with attendees from the roster: counts derived, vote judged, audited', async () => {
    const roster = await meetingRoster(database.db, townA, branchA);
    expect(roster.members.map((m) => m.voting)).toEqual([true, true, true, false]);
    const m = await createMeeting(database.db, townA, {
      orgId: branchA, kind: 'memberMeeting', heldOn: '2025-03-10', place: '党员活动室', topic: '讨论接收预备党员',
      resolutions: [{ subject: '接收预备党员', yes: 2 }],
      attendees: [
        { memberId: members[0]!, present: true }, { memberId: members[1]!, present: true },
        { memberId: members[2]!, present: false, absenceReason: '出差', writtenOpinion: true }, { memberId: members[3]!, present: true },
      ],
    });
    expect([m.votingMembers, m.present, m.verdict.quorum, m.verdict.votes[0]!.verdict, m.manageable, m.access]).toEqual([3, 2, 'met', 'passed', true, 'full']);
    expect(m.attendees.find((a) => a.memberId === members[2])).toMatchObject({ present: false, absenceReason: '出差', writtenOpinion: true });
    const audit = await database.db.selectFrom('audit_event').select('action').where('entity', '=', 'meeting').where('entity_id', '=', m.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['meeting.create']);
  });

  it('refuses with a code and the field, and writes nothing', async () => {
    const before = [await count('meeting'), await count('meeting_attendee')];
    const base = { orgId: branchA, kind: 'committeeMeeting' as const, heldOn: '2025-04-02', topic: '支委会' };
    expect(await codeOf(createMeeting(database.db, townA, { ...base, heldOn: '2099-01-01' }))).toBe('FUTURE_DATE');
    expect(await codeOf(createMeeting(database.db, townA, { ...base, votingMembers: 3, present: 4 }))).toBe('TOO_MANY');
    expect(await codeOf(createMeeting(database.db, townA, { ...base, resolutions: [{ subject: '决议', yes: 1 }] }))).toBe('REQUIRED');
    const other = await member(jointA, 'full');
    expect(await codeOf(createMeeting(database.db, townA, { ...base, attendees: [{ memberId: members[0]!, present: true }, { memberId: other, present: true }] }))).toBe('NOT_ON_ROSTER');
    expect(await codeOf(createMeeting(database.db, townA, { ...base, attendees: [{ memberId: members[0]!, present: true }, { memberId: members[0]!, present: false }] }))).toBe('DUPLICATE_MEMBER');
    expect(await codeOf(createMeeting(database.db, townA, { ...base, attendees: [{ memberId: members[0]!, present: true, absenceReason: '病假' }] }))).toBe('PRESENT_WITH_REASON');
    expect([await count('meeting'), await count('meeting_attendee')]).toEqual(before);
  });

  it('updates by version (a stale one is refused), deletes softly: the list no longer has it, the audit does', async () => {
    const m = await createMeeting(database.db, townA, { orgId: branchA, kind: 'themeDay', heldOn: '2025-05-05', topic: '主题党日' });
    const u = await updateMeeting(database.db, townA, m.id, { version: m.version, kind: 'themeDay', heldOn: '2025-05-06', topic: '主题党日：学习', place: '会议室' });
    expect([u.heldOn, u.version]).toEqual(['2025-05-06', 2]);
    expect(await codeOf(updateMeeting(database.db, townA, m.id, { version: 1, kind: 'themeDay', heldOn: '2025-05-07', topic: 'x' }))).toBe('VERSION_CONFLICT');
    expect(await codeOf(deleteMeeting(database.db, townA, m.id, 1))).toBe('VERSION_CONFLICT');
    await deleteMeeting(database.db, townA, m.id, 2);
    expect((await listMeetingPage(database.db, townA, { orgId: branchA, year: 2025 })).items.map((x) => x.id)).not.toContain(m.id);
    expect(await codeOf(getMeetingIn(database.db, townA, m.id))).toBe('NOT_FOUND');
    const audit = await database.db.selectFrom('audit_event').select('action').where('entity', '=', 'meeting').where('entity_id', '=', m.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['meeting.create', 'meeting.update', 'meeting.delete']);
  });

  it('two streets: the joint branch records once; B sees its meetings through the link and cannot record them', async () => {
    const m = await createMeeting(database.db, townA, { orgId: jointA, kind: 'committeeMeeting', heldOn: '2025-06-03', topic: '联合支部支委会' });
    const seen = await listMeetingPage(database.db, townB, { orgId: jointA });
    expect(seen.items.map((x) => [x.id, x.access])).toEqual([[m.id, 'partial']]);
    expect((await getMeetingIn(database.db, townB, m.id)).manageable).toBe(false);
    expect(await codeOf(createMeeting(database.db, townB, { orgId: jointA, kind: 'themeDay', heldOn: '2025-06-05', topic: 'B的主题党日' }))).toBe('NOT_MANAGED');
    expect(await codeOf(updateMeeting(database.db, townB, m.id, { version: m.version, kind: 'committeeMeeting', heldOn: '2025-06-03', topic: '改' }))).toBe('NOT_MANAGED');
    expect(await codeOf(deleteMeeting(database.db, townB, m.id, m.version))).toBe('NOT_MANAGED');
    expect(await codeOf(meetingRoster(database.db, townB, jointA))).toBe('NOT_MANAGED');
    expect(await codeOf(listMeetingPage(database.db, townB, { orgId: branchA }))).toBe('NOT_FOUND');
    expect((await listMeetingPage(database.db, sys, { orgId: jointA })).total).toBe(1);
  });

  it('the calendar: a year of meetings by kind and period, missed periods and findings; a deleted meeting no longer counts', async () => {
    const branch = await org('南山党支部', COMMUNITY_A1);
    await database.db.updateTable('party_org').set({ founded_on: '2024-01-01' }).where('id', '=', branch).execute();
    for (const month of ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10']) {
      await createMeeting(database.db, townA, { orgId: branch, kind: 'committeeMeeting', heldOn: `2024-${month}-08`, topic: `支委会${month}` });
    }
    const c = await getLifeCalendar(database.db, townA, branch, 2024);
    const committee = c.kinds.find((k) => k.kind === 'committeeMeeting')!;
    expect([committee.expected, committee.met, committee.missed, committee.missedInARow]).toEqual([12, 10, ['2024-11', '2024-12'], expect.any(Number)]);
    expect(committee.periods.map((p) => p.state).slice(0, 10).every((s) => s === 'held')).toBe(true);
    expect(c.findings.some((f) => f.ruleId === 'life.committeeMeeting' && f.source.startsWith('《中国共产党支部工作条例（试行）》第十二条'))).toBe(true);
    expect(c.status).toBe('dormant');
    expect(c.manageable).toBe(true);
    const seenByB = await codeOf(getLifeCalendar(database.db, townB, branch, 2024));
    expect(seenByB).toBe('NOT_FOUND');
  });
});
