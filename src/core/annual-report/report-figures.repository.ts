import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';

/**
 * The SQL behind the annual report's figures (docs/annual-report.md): one small aggregate per
 * section over one organisation and one year, read when the report is shown or submitted. Counts
 * come back as text on PostgreSQL (bigint), so callers take Number().
 */
type Counts<K extends string> = Record<K, string | number | null>;
const range = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

export async function memberCounts(db: Executor, orgId: string, year: number) {
  const { from, to } = range(year);
  const r = await sql<Counts<'total' | 'full' | 'probationary' | 'mobile' | 'lost' | 'suspended' | 'joined' | 'died' | 'left_party'>>`
    SELECT count(*) FILTER (WHERE status <> 'left') AS total,
           count(*) FILTER (WHERE status <> 'left' AND category = 'full') AS full,
           count(*) FILTER (WHERE status <> 'left' AND category = 'probationary') AS probationary,
           count(*) FILTER (WHERE status = 'mobile') AS mobile,
           count(*) FILTER (WHERE status = 'lostContact') AS lost,
           count(*) FILTER (WHERE status = 'suspended') AS suspended,
           count(*) FILTER (WHERE joined_on BETWEEN ${from}::date AND ${to}::date) AS joined,
           count(*) FILTER (WHERE status = 'left' AND left_reason = 'death' AND status_since BETWEEN ${from}::date AND ${to}::date) AS died,
           count(*) FILTER (WHERE status = 'left' AND left_reason <> 'death' AND status_since BETWEEN ${from}::date AND ${to}::date) AS left_party
      FROM party_member WHERE org_id = ${orgId}`.execute(db);
  return r.rows[0]!;
}

/** Letters received (accepted) in the year: into the organisation, and out of it. */
export async function transferCounts(db: Executor, orgId: string, year: number) {
  const { from, to } = range(year);
  const r = await sql<Counts<'came_in' | 'went_out'>>`
    SELECT count(*) FILTER (WHERE to_org_id = ${orgId}) AS came_in, count(*) FILTER (WHERE from_org_id = ${orgId}) AS went_out
      FROM member_transfer
     WHERE status = 'accepted' AND decided_on BETWEEN ${from}::date AND ${to}::date AND (to_org_id = ${orgId} OR from_org_id = ${orgId})`.execute(db);
  return r.rows[0]!;
}

export async function recruitmentCounts(db: Executor, orgId: string, year: number) {
  const { from, to } = range(year);
  const within = (col: string) => sql`count(*) FILTER (WHERE ${sql.ref(col)} BETWEEN ${from}::date AND ${to}::date)`;
  const r = await sql<Counts<'applied' | 'activists' | 'candidates' | 'admitted' | 'confirmed' | 'open_cases'>>`
    SELECT ${within('applied_on')} AS applied, ${within('activist_on')} AS activists, ${within('candidate_on')} AS candidates,
           ${within('meeting_on')} AS admitted, ${within('full_on')} AS confirmed,
           count(*) FILTER (WHERE stage IN ('applicant','activist','candidate','probationary')) AS open_cases
      FROM recruitment_case WHERE org_id = ${orgId}`.execute(db);
  return r.rows[0]!;
}

export async function duesTotals(db: Executor, orgId: string, year: number) {
  const r = await sql<Counts<'due' | 'paid' | 'arrears' | 'behind' | 'months'>>`
    SELECT coalesce(sum(due_fen), 0) AS due, coalesce(sum(paid_fen), 0) AS paid,
           coalesce(sum(greatest(due_fen - paid_fen, 0)), 0) AS arrears,
           count(DISTINCT member_id) FILTER (WHERE paid_fen < due_fen) AS behind,
           count(DISTINCT month) AS months
      FROM dues_ledger WHERE org_id = ${orgId} AND month LIKE ${`${year}-%`}`.execute(db);
  return r.rows[0]!;
}

/** The secretary in post on the day, by name (not personal data: the name is on the organisation's page). */
export async function secretaryOn(db: Executor, orgId: string, day: string) {
  return db.selectFrom('org_position as p').innerJoin('person as pe', 'pe.id', 'p.person_id')
    .select(['p.person_id', 'pe.name', 'p.since'])
    .where('p.org_id', '=', orgId).where('p.position', '=', 'secretary')
    .where('p.since', '<=', day).where((eb) => eb.or([eb('p.until', 'is', null), eb('p.until', '>', day)]))
    .orderBy('p.since', 'desc').executeTakeFirst();
}

export async function changeCounts(db: Executor, orgId: string, year: number, day: string) {
  const { from, to } = range(year);
  const r = await sql<Counts<'secretary_changes' | 'reelections' | 'covered' | 'covered_added' | 'covered_ended'>>`
    SELECT (SELECT count(*) FROM org_position WHERE org_id = ${orgId} AND position = 'secretary' AND since BETWEEN ${from}::date AND ${to}::date) AS secretary_changes,
           (SELECT count(*) FROM party_org_event WHERE org_id = ${orgId} AND kind = 'reelected' AND at BETWEEN ${from}::date AND ${to}::date) AS reelections,
           count(*) FILTER (WHERE since <= ${day}::date AND (until IS NULL OR until > ${day}::date)) AS covered,
           count(*) FILTER (WHERE since BETWEEN ${from}::date AND ${to}::date) AS covered_added,
           count(*) FILTER (WHERE until BETWEEN ${from}::date AND ${to}::date) AS covered_ended
      FROM party_org_coverage WHERE org_id = ${orgId}`.execute(db);
  return r.rows[0]!;
}

/**
 * Training in the year (0028): hours the secretary in post attended, attendances and hours of the
 * organisation's members, and sessions the organisation itself held.
 */
export async function trainingCounts(db: Executor, orgId: string, year: number, secretaryPersonId: string | null) {
  const { from, to } = range(year);
  const r = await sql<Counts<'secretary_hours' | 'member_attendances' | 'member_hours' | 'sessions_held'>>`
    SELECT (SELECT coalesce(sum(a.hours), 0) FROM training_attendance a JOIN training_session s ON s.id = a.session_id
             WHERE a.person_id = ${secretaryPersonId} AND s.held_on BETWEEN ${from}::date AND ${to}::date) AS secretary_hours,
           count(a.person_id) AS member_attendances, coalesce(sum(a.hours), 0) AS member_hours,
           (SELECT count(*) FROM training_session WHERE org_id = ${orgId} AND held_on BETWEEN ${from}::date AND ${to}::date) AS sessions_held
      FROM party_member m
      JOIN training_attendance a ON a.person_id = m.person_id
      JOIN training_session s ON s.id = a.session_id AND s.held_on BETWEEN ${from}::date AND ${to}::date
     WHERE m.org_id = ${orgId} AND m.status <> 'left'`.execute(db);
  return r.rows[0]!;
}

/** The organisation's 标准化建设 self-assessments of the year (0027), one row per checklist. */
export async function checklistsOf(db: Executor, orgId: string, year: number) {
  return db.selectFrom('checklist_assessment').select(['template_id', 'status', 'total', 'stars'])
    .where('party_org_id', '=', orgId).where('year', '=', year).orderBy('template_id').execute();
}

/** Support (0033): 党建经费 given in the year, the 阵地 recorded, the year's 1% management expense. */
export async function supportOf(db: Executor, orgId: string, year: number) {
  const { from, to } = range(year);
  const r = await sql<Counts<'funding' | 'sites' | 'area' | 'shared' | 'expense'>>`
    SELECT (SELECT coalesce(sum(amount_fen), 0) FROM support_funding WHERE org_id = ${orgId} AND given_on BETWEEN ${from}::date AND ${to}::date) AS funding,
           (SELECT count(*) FROM activity_site WHERE org_id = ${orgId}) AS sites,
           (SELECT coalesce(sum(area_m2), 0) FROM activity_site WHERE org_id = ${orgId}) AS area,
           (SELECT count(*) FROM activity_site WHERE org_id = ${orgId} AND shared) AS shared,
           (SELECT sum(amount_fen) FROM management_expense WHERE org_id = ${orgId} AND year = ${year}) AS expense`.execute(db);
  return r.rows[0]!;
}
