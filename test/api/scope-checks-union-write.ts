import { sql } from 'kysely';
import { todayInChina } from '../../src/domain/org-terms.js';
import { call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { manageWant } from './scope-checks-union-extra.js';
import { fingerprint, Oracle, same, type CheckResult } from './scope-oracle.js';

/**
 * Union writes of the scope property test, against docs/unions.md ("委员会与换届选举", "职工代表大会",
 * "工会服务" — "Who sees and who manages"): 换届选举, 增补委员, a 职代会 resolution, a 帮扶 application and
 * a 经费 month need union.manage over the union by its own place — no union.manage: 403; seen only
 * (a link): 403 NOT_MANAGED; unseen: 404; a dissolved union: 409 — and a refusal writes nothing. Where
 * managed, the answer follows the module's own rules as the docs state them (the person must be seen,
 * a member once the roster is kept, a 帮扶 file only for a live member, one 经费 line a month), and what
 * a draw wrote is taken back, its history event with it.
 */
const unionIds = (c: Ctx) => [...c.model.unions.keys()];
const pick = (c: Ctx, a: number) => unionIds(c)[a % unionIds(c).length]!;
const peopleIds = (c: Ctx) => [...c.model.people.keys()];
const TOPIC = '范围检查';

type Want = { status: number; code?: string };
type Step = { want: Want; res: { statusCode: number; body: string; json: () => unknown }; written: boolean };

/** The union's gate, then (where it passes) the module's answer; dissolved unions take nothing. */
async function gateOf(c: Ctx, user: string, u: string, ok: number): Promise<{ want: Want; union: { status: string; roster_since: string | null; version: number } }> {
  const union = await c.database.db.selectFrom('union_org').select(['status', 'roster_since', 'version']).where('id', '=', u).executeTakeFirstOrThrow();
  const want = manageWant(c, user, u, ok);
  if (want.status === ok && union.status !== 'active') want.status = 409;
  return { want, union };
}

function judge(op: string, user: string, target: string, s: Step): CheckResult {
  if (s.res.statusCode >= 500) throw new Error(`${op} on ${target} as ${user}: ${s.res.statusCode} ${s.res.body.slice(0, 300)}`);
  const problems: string[] = [];
  same(problems, 'status', s.want.status, s.res.statusCode);
  const detail = s.res.statusCode >= 400 ? (s.res.json() as { details?: Array<{ code?: string }> }).details?.[0]?.code ?? null : null;
  if (s.want.code) same(problems, 'detail', s.want.code, detail);
  else if (s.res.statusCode === 403) same(problems, 'detail', null, detail === 'NOT_MANAGED' ? detail : null);
  if (s.res.statusCode >= 400 && s.written) problems.push(`written: refused with ${s.res.statusCode} but something changed`);
  return { op, user, target, problems, expected: s.want.code ?? String(s.want.status) };
}

const isMember = async (c: Ctx, u: string, p: string) =>
  !!(await c.database.db.selectFrom('union_member').select('id').where('union_id', '=', u).where('person_id', '=', p).where('status', '=', 'active').executeTakeFirst());

/** 增补委员 of a drawn person: seen by the caller, a member once the union keeps its roster, not seated already. */
export const seatAdd: Op = async (c, user, a, b) => {
  const u = pick(c, a);
  const p = peopleIds(c)[b % peopleIds(c).length]!;
  const db = c.database.db;
  const { want, union } = await gateOf(c, user, u, 201);
  const seated = !!(await db.selectFrom('union_committee_seat').select('id').where('union_id', '=', u).where('person_id', '=', p).where('until', 'is', null).executeTakeFirst());
  if (want.status === 201) {
    if (!new Oracle(c.model).personVisible(c.world.users[user].grants, p)) want.status = 404;
    else if (union.roster_since !== null && !(await isMember(c, u, p))) Object.assign(want, { status: 400, code: 'NOT_UNION_MEMBER' });
    else if (seated) Object.assign(want, { status: 400, code: 'ALREADY_SEATED' });
  }
  const count = async () => (await db.selectFrom('union_committee_seat').select('id').where('union_id', '=', u).execute()).length;
  const before = [await count(), await fingerprint(c.database)].join('|');
  const res = await call(c.app, c.sessions[user], 'POST', `/api/unions/${u}/committee/seats`, { personId: p, role: 'member', closeRelative: false, since: todayInChina() });
  const written = [await count(), await fingerprint(c.database)].join('|') !== before;
  if (res.statusCode === 201) {
    await db.deleteFrom('union_committee_seat').where('id', '=', (res.json() as { id: string }).id).execute();
    await db.deleteFrom('union_event').where('union_id', '=', u).where('kind', '=', 'committee_seat_added').execute();
  }
  return judge('seatAdd', user, `${u}/${p}`, { want, res, written });
};

/**
 * 换届选举 with one drawn person as chair, held today: the union's term and version move, seats still
 * open end — all put back after a recorded election.
 */
export const electionAdd: Op = async (c, user, a, b) => {
  const u = pick(c, a);
  const p = peopleIds(c)[b % peopleIds(c).length]!;
  const db = c.database.db;
  const today = todayInChina();
  const { want, union } = await gateOf(c, user, u, 201);
  const seats = await db.selectFrom('union_committee_seat').selectAll().where('union_id', '=', u).execute();
  const lastHeld = (await db.selectFrom('union_election').select('held_on').where('union_id', '=', u).orderBy('held_on', 'desc').executeTakeFirst())?.held_on ?? null;
  if (want.status === 201) {
    if (lastHeld !== null && String(lastHeld) >= today) Object.assign(want, { status: 400, code: 'ELECTION_NOT_LATEST' });
    else if (seats.some((s) => s.until === null && String(s.since) > today)) Object.assign(want, { status: 400, code: 'SEAT_AFTER_ELECTION' });
    else if (!new Oracle(c.model).personVisible(c.world.users[user].grants, p)) want.status = 404;
    else if (union.roster_since !== null && !(await isMember(c, u, p))) Object.assign(want, { status: 400, code: 'NOT_UNION_MEMBER' });
  }
  const snapshot = await db.selectFrom('union_org').select(['term_years', 'term_ends_on', 'has_committee', 'version']).where('id', '=', u).executeTakeFirstOrThrow();
  const state = async () => `${(await db.selectFrom('union_election').select('id').where('union_id', '=', u).execute()).length}|${await fingerprint(c.database)}`;
  const before = await state();
  const res = await call(c.app, c.sessions[user], 'POST', `/api/unions/${u}/elections`, { version: union.version, heldOn: today, termYears: 5, seats: [{ personId: p, role: 'chair', closeRelative: false }] });
  const written = (await state()) !== before;
  if (res.statusCode === 201) {
    const id = (res.json() as { election: { id: string } }).election.id;
    await db.deleteFrom('union_committee_seat').where('election_id', '=', id).execute();
    for (const s of seats) await db.updateTable('union_committee_seat').set({ until: s.until, end_reason: s.end_reason, version: s.version }).where('id', '=', s.id).execute();
    await db.deleteFrom('union_election').where('id', '=', id).execute();
    await db.updateTable('union_org').set(snapshot).where('id', '=', u).execute();
    await db.deleteFrom('union_event').where('union_id', '=', u).where('kind', '=', 'election_held').execute();
  }
  return judge('electionAdd', user, `${u}/${p}`, { want, res, written });
};

const congressOf = new Map<string, string>();
/** One 职代会 session per union, made on first use (no delegate counts, so any vote count is accepted). */
async function ensureCongresses(c: Ctx): Promise<void> {
  if (congressOf.size) return;
  for (const u of unionIds(c)) {
    const r = await c.database.db.insertInto('union_congress').values({ union_id: u, held_on: '2026-03-02', kind: 'congress', session: TOPIC }).returning('id').executeTakeFirstOrThrow();
    congressOf.set(u, r.id);
  }
}

export const resolutionAdd: Op = async (c, user, a) => {
  await ensureCongresses(c);
  const u = pick(c, a);
  const db = c.database.db;
  const { want } = await gateOf(c, user, u, 201);
  const id = congressOf.get(u)!;
  const count = async () => (await db.selectFrom('union_congress_resolution').select('id').where('congress_id', '=', id).execute()).length;
  const before = await count();
  const res = await call(c.app, c.sessions[user], 'POST', `/api/union-congresses/${id}/resolutions`, { title: `${TOPIC}决议`, votesFor: 3, votesAgainst: 1 });
  const written = (await count()) !== before;
  if (res.statusCode === 201) {
    await db.deleteFrom('union_congress_resolution').where('congress_id', '=', id).execute();
    await db.deleteFrom('union_event').where('union_id', '=', u).where('kind', '=', 'congress_resolution').execute();
  }
  return judge('resolutionAdd', user, u, { want, res, written });
};

/** A 帮扶 application for the union's first live member, else (no member) for a drawn person: 400 NOT_A_MEMBER where managed. */
export const hardshipApply: Op = async (c, user, a, b) => {
  const u = pick(c, a);
  const db = c.database.db;
  const member = await db.selectFrom('union_member').select('person_id').where('union_id', '=', u).where('status', '=', 'active').orderBy('id').executeTakeFirst();
  const p = member?.person_id ?? peopleIds(c)[b % peopleIds(c).length]!;
  const { want } = await gateOf(c, user, u, 201);
  if (want.status === 201) {
    if (!new Oracle(c.model).personVisible(c.world.users[user].grants, p)) want.status = 404;
    else if (!(await isMember(c, u, p))) Object.assign(want, { status: 400, code: 'NOT_A_MEMBER' });
    else if (await db.selectFrom('union_hardship_file').select('id').where('union_id', '=', u).where('person_id', '=', p).where('status', 'in', ['applied', 'approved']).executeTakeFirst()) {
      Object.assign(want, { status: 409, code: 'FILE_OPEN' });
    }
  }
  const count = async () => (await db.selectFrom('union_hardship_file').select('id').where('union_id', '=', u).execute()).length;
  const before = await count();
  const res = await call(c.app, c.sessions[user], 'POST', `/api/unions/${u}/hardship`, { personId: p, level: 'relative', reasons: ['illness'], appliedOn: todayInChina() });
  const written = (await count()) !== before;
  if (res.statusCode === 201) {
    await db.deleteFrom('union_hardship_file').where('id', '=', (res.json() as { id: string }).id).execute();
    await db.deleteFrom('union_event').where('union_id', '=', u).where('kind', '=', 'hardship_applied').execute();
  }
  return judge('hardshipApply', user, `${u}/${p}`, { want, res, written });
};

/** 经费: one month (January 2026) with its payroll; a second line for the month is 409 DUPLICATE. */
export const fundsAdd: Op = async (c, user, a) => {
  const u = pick(c, a);
  const db = c.database.db;
  const { want } = await gateOf(c, user, u, 201);
  const line = () => db.selectFrom('union_funds_month').select(['id', 'version']).where('union_id', '=', u).where(sql<boolean>`month = '2026-01-01'::date`).executeTakeFirst();
  const existing = await line();
  if (want.status === 201 && existing) Object.assign(want, { status: 409, code: 'DUPLICATE' });
  const res = await call(c.app, c.sessions[user], 'POST', `/api/unions/${u}/funds`, { month: '2026-01', payrollFen: 1_234_500 });
  const after = await line();
  const written = JSON.stringify(after ?? null) !== JSON.stringify(existing ?? null);
  if (res.statusCode === 201 && after) await db.deleteFrom('union_funds_month').where('id', '=', after.id).execute();
  return judge('fundsAdd', user, u, { want, res, written });
};
