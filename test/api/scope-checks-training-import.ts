import { call } from '../factories/world.js';
import { multipart } from '../helpers/multipart.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { ensureTrainingSessions } from './scope-checks-training.js';
import { Oracle, same, scopeOf, type CheckResult } from './scope-oracle.js';

/**
 * The 签到表 import in the scope property test (docs/training.md, "Attendance import"): a dry run
 * naming one registered person (pPII, by ID number) into the session of an organisation. The
 * session gate is the attendance write's — org.manage by the organiser's own place (seen otherwise:
 * 403 NOT_MANAGED; unseen: 404); past it, the row passes exactly when the importer sees the person
 * (personInScopeSql), else it is refused as PERSON_NOT_FOUND with its row. A dry run changes nothing.
 */
export const trainingImport: Op = async (c: Ctx, user, a) => {
  const sessions = await ensureTrainingSessions(c);
  const orgs = [...sessions.keys()];
  const org = orgs[a % orgs.length]!;
  const g = c.world.users[user].grants;
  const o = new Oracle(c.model);
  const manage = scopeOf(g, 'org.manage');
  const want = !manage.held ? { status: 403 } : o.own(manage, 'org', org) ? { status: 200 }
    : o.visible(scopeOf(g, 'org.read'), 'org', org) || o.visible(manage, 'org', org) ? { status: 403, code: 'NOT_MANAGED' } : { status: 404 };
  const id = sessions.get(org)!;
  const person = c.cs.people.pPII;
  const { version } = await c.database.db.selectFrom('training_session').select('version').where('id', '=', id).executeTakeFirstOrThrow();
  const m = multipart({ version: String(version), dryRun: 'true' }, { name: 'sign.csv', content: `姓名,身份证号\r\n${c.model.people.get(person)!.name},${c.cs.pii.idNumber}\r\n` });
  const s = c.sessions[user];
  const res = await c.app.inject({ method: 'POST', url: `/api/training/sessions/${id}/attendance/import`, payload: m.payload, headers: { ...m.headers, cookie: s.cookie, 'x-csrf-token': s.csrf } });
  if (res.statusCode >= 500) throw new Error(`training import as ${user}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  const problems: string[] = [];
  same(problems, 'status', want.status, res.statusCode);
  const body = res.json() as { rejected?: number; errors?: Array<{ row: number; code: string }>; details?: Array<{ code?: string }> };
  if (res.statusCode === 403) same(problems, 'detail', want.code ?? null, body.details?.[0]?.code === 'NOT_MANAGED' ? 'NOT_MANAGED' : null);
  if (res.statusCode === 200) {
    const seen = o.personVisible(g, person);
    same(problems, 'person', seen ? [] : ['2:PERSON_NOT_FOUND'], (body.errors ?? []).map((e) => `${e.row}:${e.code}`));
  }
  return { op: 'trainingImport', user, target: org, problems, expected: want.code } satisfies CheckResult;
};

/**
 * Deleting (docs/training.md, "Deleting"): a fresh session of the organisation, or a fresh funding
 * record on its ledger, deleted at version 1 — 204 by the organisation's own place under org.manage;
 * seen otherwise 403 NOT_MANAGED; unseen 404. A refused record is removed here, so the world stays.
 */
export const trainingDelete = (what: 'session' | 'funding'): Op => async (c: Ctx, user, a) => {
  const sessions = await ensureTrainingSessions(c);
  const orgs = [...sessions.keys()];
  const org = orgs[a % orgs.length]!;
  const db = c.database.db;
  const g = c.world.users[user].grants;
  const o = new Oracle(c.model);
  const manage = scopeOf(g, 'org.manage');
  const want = !manage.held ? { status: 403 } : o.own(manage, 'org', org) ? { status: what === 'session' ? 204 : 200 }
    : o.visible(scopeOf(g, 'org.read'), 'org', org) || o.visible(manage, 'org', org) ? { status: 403, code: 'NOT_MANAGED' } : { status: 404 };
  let url: string;
  let cleanup: () => Promise<unknown>;
  if (what === 'session') {
    const course = (await db.selectFrom('training_session').select('course_id').where('id', '=', sessions.get(org)!).executeTakeFirstOrThrow()).course_id;
    const { id } = await db.insertInto('training_session').values({ course_id: course, held_on: '2024-04-05', hours: 2, org_id: org }).returning('id').executeTakeFirstOrThrow();
    url = `/api/training/sessions/${id}?version=1`;
    cleanup = () => db.deleteFrom('training_session').where('id', '=', id).execute();
  } else {
    const { id } = await db.insertInto('support_funding').values({ org_id: org, given_on: '2024-03-01', amount_fen: 100, source: '范围检查', purpose: '范围检查' }).returning('id').executeTakeFirstOrThrow();
    url = `/api/party-orgs/${org}/support/funding/${id}?version=1`;
    cleanup = () => db.deleteFrom('support_funding').where('id', '=', id).execute();
  }
  const res = await call(c.app, c.sessions[user], 'DELETE', url);
  await cleanup();
  if (res.statusCode >= 500) throw new Error(`delete ${what} as ${user}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  const problems: string[] = [];
  same(problems, 'status', want.status, res.statusCode);
  if (res.statusCode === 403) same(problems, 'detail', want.code ?? null, (res.json() as { details?: Array<{ code?: string }> }).details?.[0]?.code === 'NOT_MANAGED' ? 'NOT_MANAGED' : null);
  return { op: `trainingDelete:${what}`, user, target: org, problems, expected: want.code } satisfies CheckResult;
};
