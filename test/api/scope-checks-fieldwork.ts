import { call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { entIn, fingerprint, same, scopeOf, type CheckResult } from './scope-oracle.js';

/**
 * Field work in the scope property test (docs/inbox.md, "实地走访"). An enterprise's visits are read
 * by whoever sees its instructors (查看党建指导员) and only where the enterprise is in that scope
 * (else 404). A visit from the phone is the linked instructor's own: without 登记本人实地走访 or a
 * linked instructor it is 403; an enterprise outside the grant is 404; one not assigned on the day is
 * 403; else 201 — a refusal writes nothing. On first use the `instructor` account is linked to
 * T1指导员's person (assigned to e0 of street T0 and e2 of street T1; the grant holds e0 and e5).
 */
const pick = <T>(xs: T[], n: number): T => xs[n % xs.length];
const DAY = '2025-02-01';
/** Linked again on every call (one UPDATE): each file builds its own world, so nothing is cached here. */
async function link(c: Ctx) {
  const db = c.database.db;
  const instructorId = c.cs.instructors['T1指导员']!;
  const { person_id } = await db.selectFrom('instructor').select('person_id').where('id', '=', instructorId).executeTakeFirstOrThrow();
  await db.updateTable('app_user').set({ person_id }).where('id', '=', c.world.users.instructor.id).execute();
  return { instructorId };
}

export const enterpriseVisits: Op = async (c, user, a) => {
  const id = pick([...c.model.ents.keys()], a);
  const s = scopeOf(c.world.users[user].grants, 'instructor.read');
  const want = !s.held ? 403 : entIn(s, c.model.ents.get(id)) ? 200 : 404;
  const problems: string[] = [];
  const res = await call(c.app, c.sessions[user], 'GET', `/api/enterprises/${id}/visits?limit=200`);
  same(problems, 'status', want, res.statusCode);
  if (res.statusCode === 200) {
    const rows = await c.database.db.selectFrom('visit_log').select('id').where('enterprise_id', '=', id).orderBy('id', 'desc').execute();
    const body = res.json() as { items: Array<{ id: string }>; total: number };
    same(problems, 'rows', rows.map((r) => r.id), body.items.map((x) => x.id));
    same(problems, 'total', rows.length, body.total);
  }
  return { op: 'enterpriseVisits', user, target: id, problems } satisfies CheckResult;
};

export const fieldVisit: Op = async (c, user, a) => {
  const me = await link(c);
  const id = pick([...c.model.ents.keys()], a);
  const s = scopeOf(c.world.users[user].grants, 'visit.log');
  const assigned = await c.database.db.selectFrom('instructor_assignment').select('id').where('instructor_id', '=', me.instructorId).where('enterprise_id', '=', id)
    .where('since', '<=', DAY).where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', DAY)])).executeTakeFirst();
  const want = !s.held || user !== 'instructor' ? 403 : !entIn(s, c.model.ents.get(id)) ? 404 : assigned ? 201 : 403;
  const problems: string[] = [];
  const before = c.fingerprint;
  const res = await call(c.app, c.sessions[user], 'POST', '/api/fieldwork/visits', { enterpriseId: id, visitedOn: DAY, notes: '性质测试走访', findings: [] });
  same(problems, 'status', want, res.statusCode);
  if (res.statusCode === 201) {
    await c.database.db.deleteFrom('visit_log').where('id', '=', String((res.json() as { id: string }).id)).execute();
    await c.reload();
  } else if ((await fingerprint(c.database)) !== before) {
    problems.push(`written: refused with ${res.statusCode} but the tables changed`);
    await c.reload();
  }
  return { op: 'fieldVisit', user, target: id, problems, expected: String(want) } satisfies CheckResult;
};
