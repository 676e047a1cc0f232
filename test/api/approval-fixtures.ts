import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../../src/core/auth/password.js';
import type { Database } from '../../src/db/database.js';
import { PASSWORD, signInAs, TOWNSHIPS, type Session } from '../factories/world.js';
import type { TwoStreets } from '../helpers/two-streets.js';

/**
 * Recruitment cases ready for 接收预备党员 (docs/approvals.md): every step before the higher
 * committee's decision recorded and sound (talk, activist, candidate, review, training, both notices,
 * two full sponsors, a 支部大会 that passed), straight in the tables, so the approval engine's rule
 * checks find nothing to refuse. `orgId` holds the case: a street-A branch, or the other street's
 * joint branch covering an enterprise of street A.
 */
let made = 0;

export async function committeeOf(database: Database, township = TOWNSHIPS[0], name = '审批测试街道党工委'): Promise<string> {
  const db = database.db;
  const { id } = await db.insertInto('party_org').values({ name: `${name}${++made}`, org_type: 'committee', setup_mode: 'standalone', region_code: `${township}000` })
    .returning('id').executeTakeFirstOrThrow();
  await db.updateTable('party_org').set({ path: id }).where('id', '=', id).execute();
  return id;
}

/** The approval files' calls: as a named user, a request's detail, a level's decision at the version read just before. */
export function approvalCalls(t: Pick<TwoStreets, 'send'>) {
  const get = (url: string, who: string) => t.send('GET', url, undefined, who);
  const post = (url: string, body: unknown, who: string) => t.send('POST', url, body, who);
  const detail = async (id: string, who = 'sys') => (await get(`/api/approvals/${id}`, who)).json();
  const decide = async (id: string, who: string, decision: 'approve' | 'return', comment?: string) =>
    post(`/api/approvals/${id}/decision`, { version: (await detail(id)).version, decision, ...(comment ? { comment } : {}) }, who);
  return { get, post, detail, decide };
}

/** A 书记 account over the committee (and so every branch under it), signed in: the requester of the approval files. */
export async function signInSecretary(database: Database, app: FastifyInstance, committeeId: string, displayName: string, username = 'secA'): Promise<Session> {
  const u = await database.db.insertInto('app_user').values({ username, display_name: displayName, password_hash: await hashPassword(PASSWORD), must_change_password: false })
    .returning('id').executeTakeFirstOrThrow();
  await database.db.insertInto('user_role').values({ user_id: u.id, role: 'branch_secretary', party_org_ids: [committeeId], region_prefixes: [] }).execute();
  return signInAs(app, username);
}

/** A branch under the committee, placed in a community: the community, its street and its district each own it by its place. */
export async function branchUnder(database: Database, committeeId: string, region: string, name = '审批测试支部'): Promise<string> {
  const db = database.db;
  const { id } = await db.insertInto('party_org').values({ name: `${name}${++made}`, org_type: 'branch', setup_mode: 'standalone', region_code: region, parent_id: committeeId })
    .returning('id').executeTakeFirstOrThrow();
  await db.updateTable('party_org').set({ path: `${committeeId}.${id}` }).where('id', '=', id).execute();
  return id;
}

async function fullMember(database: Database, orgId: string, name: string): Promise<{ id: string; name: string }> {
  const db = database.db;
  const p = await db.insertInto('person').values({ name, region_code: null }).returning('id').executeTakeFirstOrThrow();
  const m = await db.insertInto('party_member').values({ person_id: p.id, org_id: orgId, category: 'full', joined_on: '2001-07-01', confirmed_on: '2002-07-01' })
    .returning('id').executeTakeFirstOrThrow();
  return { id: m.id, name };
}

export async function readyCase(database: Database, orgId: string, name = `待审批发展对象${made + 1}`, stage: 'admission' | 'candidate' = 'admission'): Promise<string> {
  const db = database.db;
  const n = ++made;
  // Registered where the branch is, as an application registers them (the deciders see them by that place).
  const org = await db.selectFrom('party_org').select('region_code').where('id', '=', orgId).executeTakeFirstOrThrow();
  const p = await db.insertInto('person').values({ name, region_code: org.region_code, birth_date: '1995-03-01' }).returning('id').executeTakeFirstOrThrow();
  const base = {
    person_id: p.id, org_id: orgId, applied_on: '2022-01-10', talked_on: '2022-01-20', talker_name: '王书记', activist_on: '2022-03-01',
  };
  const admission = {
    stage: 'candidate' as const, candidate_on: '2023-03-15', candidate_notice_from: '2023-03-16', candidate_notice_to: '2023-03-25',
    review_on: '2023-04-01', review_result: 'passed' as const, training_on: '2023-04-10', training_days: 3, training_hours: 24,
    admission_notice_from: '2023-05-01', admission_notice_to: '2023-05-10', meeting_on: '2023-06-01', meeting_voting: 9, meeting_present: 8, meeting_yes: 8,
  };
  const row = await db.insertInto('recruitment_case').values(stage === 'admission' ? { ...base, ...admission } : { ...base, stage: 'activist' })
    .returning('id').executeTakeFirstOrThrow();
  const mentor = await fullMember(database, orgId, `培养人${n}`);
  const people = [{ role: 'mentor' as const, position: 1, member_id: mentor.id, name: mentor.name }];
  if (stage === 'admission') {
    const s1 = await fullMember(database, orgId, `介绍人甲${n}`);
    const s2 = await fullMember(database, orgId, `介绍人乙${n}`);
    people.push({ role: 'sponsor' as never, position: 1, member_id: s1.id, name: s1.name }, { role: 'sponsor' as never, position: 2, member_id: s2.id, name: s2.name });
  }
  await db.insertInto('recruitment_person').values(people.map((x) => ({ ...x, case_id: row.id }))).execute();
  return row.id;
}

/** A member on the roll of `orgId` (full, joined long ago), registered where the organisation is. */
export async function rosterMember(database: Database, orgId: string, name: string, extra: { status?: 'lostContact'; status_since?: string } = {}): Promise<string> {
  const db = database.db;
  const org = await db.selectFrom('party_org').select('region_code').where('id', '=', orgId).executeTakeFirstOrThrow();
  const p = await db.insertInto('person').values({ name, region_code: org.region_code }).returning('id').executeTakeFirstOrThrow();
  const m = await db.insertInto('party_member').values({ person_id: p.id, org_id: orgId, category: 'full', joined_on: '2001-07-01', confirmed_on: '2002-07-01', ...extra })
    .returning('id').executeTakeFirstOrThrow();
  return m.id;
}
