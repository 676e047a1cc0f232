import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { AppraisalTable } from '../../db/tables/annual-report.js';
import { NEXT_VERSION } from '../../db/versioned.js';
import type { AppraisalKind } from '../../domain/appraisal.js';

/** Kysely only (docs/annual-report.md "Appraisal"): appraisal rows and the evidence queries only appraisals ask. */
export type AppraisalRow = Selectable<AppraisalTable>;

export async function findAppraisal(db: Executor, kind: AppraisalKind, subjectId: string, year: number, lock = false): Promise<AppraisalRow | undefined> {
  let q = db.selectFrom('appraisal').selectAll().where('kind', '=', kind).where('subject_id', '=', subjectId).where('year', '=', year);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export const insertAppraisal = (tx: Executor, v: Insertable<AppraisalTable>) => tx.insertInto('appraisal').values(v).returningAll().executeTakeFirstOrThrow();

export const updateAppraisal = (tx: Executor, id: string, version: number, set: Updateable<AppraisalTable>) =>
  tx.updateTable('appraisal').set({ ...set, ...NEXT_VERSION }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();

export const appraisalsOfPerson = (db: Executor, personId: string) =>
  db.selectFrom('appraisal').select(['kind', 'year', 'subject_id', 'total', 'grade', 'allowance']).where('person_id', '=', personId).orderBy('year', 'desc').orderBy('kind').execute();

type N = string | number | null;
const range = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

export async function trainingHoursOf(db: Executor, personId: string, year: number): Promise<number> {
  const { from, to } = range(year);
  const r = await sql<{ h: N }>`SELECT coalesce(sum(a.hours), 0) AS h FROM training_attendance a JOIN training_session s ON s.id = a.session_id
    WHERE a.person_id = ${personId} AND s.held_on BETWEEN ${from}::date AND ${to}::date`.execute(db);
  return Number(r.rows[0]?.h ?? 0);
}

/** Visits an instructor logged in the year, and the enterprises visited. */
export async function visitsOf(db: Executor, instructorId: string, year: number) {
  const { from, to } = range(year);
  const r = await sql<{ visits: N; enterprises: N }>`SELECT count(*) AS visits, count(DISTINCT enterprise_id) AS enterprises FROM visit_log
    WHERE instructor_id = ${instructorId} AND visited_on BETWEEN ${from}::date AND ${to}::date`.execute(db);
  return { visits: Number(r.rows[0]?.visits ?? 0), enterprises: Number(r.rows[0]?.enterprises ?? 0) };
}

/**
 * Gaps closed: enterprises assigned to the instructor during the year that came under a party
 * organisation's coverage in the year, with no coverage just before — of those assigned.
 */
export async function gapsClosedOf(db: Executor, instructorId: string, year: number) {
  const { from, to } = range(year);
  const r = await sql<{ assigned: N; closed: N }>`
    WITH mine AS (SELECT DISTINCT enterprise_id FROM instructor_assignment
                   WHERE instructor_id = ${instructorId} AND since <= ${to}::date AND (until IS NULL OR until > ${from}::date))
    SELECT (SELECT count(*) FROM mine) AS assigned,
           (SELECT count(*) FROM mine m WHERE EXISTS (SELECT 1 FROM party_org_coverage c WHERE c.enterprise_id = m.enterprise_id AND c.since BETWEEN ${from}::date AND ${to}::date)
              AND NOT EXISTS (SELECT 1 FROM party_org_coverage c WHERE c.enterprise_id = m.enterprise_id AND c.since < ${from}::date AND (c.until IS NULL OR c.until >= ${from}::date))) AS closed`.execute(db);
  return { assigned: Number(r.rows[0]?.assigned ?? 0), closed: Number(r.rows[0]?.closed ?? 0) };
}
