import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { VisitFinding } from '../../domain/fieldwork.js';
import { enterpriseInScopeSql } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';

/** SQL of field work (docs/inbox.md, "实地走访"). Every read of enterprises carries the reader's scope. */
const FALSE = sql<SqlBool>`FALSE`;
const entIn = (scope: Scope) => enterpriseInScopeSql(scope, 'e') ?? FALSE;

/** The active instructor records of the person a sign-in account is linked to (app_user.person_id). */
export const instructorsOfUser = (db: Executor, userId: string) =>
  db.selectFrom('app_user as au').innerJoin('instructor as i', 'i.person_id', 'au.person_id').innerJoin('person as p', 'p.id', 'i.person_id')
    .select(['i.id', 'i.kind', 'p.name']).where('au.id', '=', userId).where('i.status', '=', 'active').orderBy('i.id').execute();

/** The assignment of one of `instructorIds` to the enterprise in force on `on`, if any. */
export const assignmentOn = (db: Executor, instructorIds: string[], enterpriseId: string, on: string) =>
  db.selectFrom('instructor_assignment').select(['id', 'instructor_id']).where('instructor_id', 'in', instructorIds).where('enterprise_id', '=', enterpriseId)
    .where(sql<SqlBool>`since <= ${on}::date AND (until IS NULL OR until > ${on}::date)`).orderBy('id').executeTakeFirst();

export const enterpriseInScopeRow = (db: Executor, scope: Scope, id: string) =>
  db.selectFrom('enterprise as e').select(['e.id', 'e.name', 'e.region_code']).where('e.id', '=', id).where(entIn(scope)).executeTakeFirst();

/** The enterprises assigned now to the instructors, in scope, with the last visit and the open field-work task. */
export const currentAssignments = (db: Executor, instructorIds: string[], scope: Scope, today: string) =>
  db.selectFrom('instructor_assignment as a').innerJoin('enterprise as e', 'e.id', 'a.enterprise_id')
    .select(['a.id as assignment_id', 'a.since', 'e.id as enterprise_id', 'e.name as enterprise_name', 'e.region_code'])
    .select(sql<string | null>`(SELECT max(v.visited_on)::text FROM visit_log v WHERE v.enterprise_id = e.id AND v.instructor_id = a.instructor_id)`.as('last_visit_on'))
    .select(sql<string | null>`(SELECT t.id::text FROM task t WHERE t.kind = 'visit.finding' AND t.subject_table = 'enterprise' AND t.subject_id = e.id AND t.state = 'open')`.as('open_task_id'))
    .where('a.instructor_id', 'in', instructorIds)
    .where(sql<SqlBool>`a.since <= ${today}::date AND (a.until IS NULL OR a.until > ${today}::date)`).where(entIn(scope))
    .orderBy('e.name').orderBy('a.id').execute();

export async function insertFieldVisit(tx: Executor, v: {
  instructorId: string; enterpriseId: string; assignmentId: string | null; visitedOn: string; notes: string; findings: VisitFinding[];
  channel: 'official' | 'self'; actorId: string | null;
}): Promise<string> {
  const r = await tx.insertInto('visit_log').values({
    instructor_id: v.instructorId, enterprise_id: v.enterpriseId, assignment_id: v.assignmentId, visited_on: v.visitedOn, notes: v.notes,
    findings: v.findings, channel: v.channel, actor_id: v.actorId,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** The problems the enterprise's visits found since the last visit that found them resolved (the open task's label). */
export async function findingsSinceResolved(tx: Executor, enterpriseId: string): Promise<VisitFinding[]> {
  const r = await sql<{ f: VisitFinding }>`SELECT DISTINCT unnest(findings) AS f FROM visit_log
    WHERE enterprise_id = ${enterpriseId} AND id > coalesce((SELECT max(id) FROM visit_log WHERE enterprise_id = ${enterpriseId} AND 'resolved' = ANY (findings)), 0)`.execute(tx);
  return r.rows.map((x) => x.f);
}

const visitRows = (db: Executor) => db.selectFrom('visit_log as v').innerJoin('enterprise as e', 'e.id', 'v.enterprise_id')
  .innerJoin('instructor as i', 'i.id', 'v.instructor_id').innerJoin('person as p', 'p.id', 'i.person_id')
  .select(['v.id', 'v.instructor_id', 'v.enterprise_id', 'v.visited_on', 'v.notes', 'v.findings', 'v.channel', 'e.name as enterprise_name',
    'e.region_code', 'p.name as instructor_name']);
export type VisitRow = Awaited<ReturnType<ReturnType<typeof visitRows>['executeTakeFirstOrThrow']>>;

export type VisitWhere = { instructorIds: string[] } | { enterpriseId: string; scope: Scope };
const filtered = (db: Executor, w: VisitWhere) => ('instructorIds' in w
  ? visitRows(db).where('v.instructor_id', 'in', w.instructorIds.length ? w.instructorIds : ['0'])
  : visitRows(db).where('v.enterprise_id', '=', w.enterpriseId).where(entIn(w.scope)));

/** Newest first (by id: the order they were logged), `limit + 1` rows after the cursor. */
export function visitPage(db: Executor, w: VisitWhere, cursor: string | undefined, limit: number): Promise<VisitRow[]> {
  let q = filtered(db, w);
  if (cursor) q = q.where('v.id', '<', cursor);
  return q.orderBy('v.id', 'desc').limit(limit + 1).execute();
}

export async function visitTotal(db: Executor, w: VisitWhere): Promise<number> {
  const q = 'instructorIds' in w
    ? db.selectFrom('visit_log as v').where('v.instructor_id', 'in', w.instructorIds.length ? w.instructorIds : ['0'])
    : db.selectFrom('visit_log as v').innerJoin('enterprise as e', 'e.id', 'v.enterprise_id').where('v.enterprise_id', '=', w.enterpriseId).where(entIn(w.scope));
  const r = await q.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export const findVisitRow = (db: Executor, id: string) => visitRows(db).where('v.id', '=', id).executeTakeFirstOrThrow();
