import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Executor } from '../../db/schema.js';
import type { HardshipListQuery } from '../../contracts/union-services.js';
import { NEXT_VERSION } from '../../db/versioned.js';
import type { Scope } from '../access/scope.js';
import { visibleInScope } from '../access/party-org-scope.js';

/**
 * 困难职工帮扶 files (0043). Lists carry the union's scope filter (own place or a current link,
 * union.read) and give the person's name and sealed ID number only (masked by the mapper).
 * The review due date is computed in SQL the way the pure rule does (one year after the approval or
 * the last review, Postgres clamping 29 February like `addYears`).
 */
export type HardshipListRow = {
  id: string; union_id: string; union_name: string; region_code: string | null; street_name: string | null;
  person_id: string; name: string; id_number_enc: string | null; level: 'deep' | 'relative' | 'accident';
  status: 'applied' | 'approved' | 'rejected' | 'closed'; applied_on: string; approved_on: string | null; last_reviewed_on: string | null;
  paid_fen: string; version: number;
};

export const REVIEW_DUE = sql<string>`(greatest(f.approved_on, coalesce(f.last_reviewed_on, f.approved_on)) + interval '1 year')::date`;

export function hardshipFilter(scope: Scope, q: Omit<HardshipListQuery, 'cursor' | 'limit'>, today: string): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [visibleInScope(scope, 'union', 'u')];
  if (q.unionId) parts.push(sql`f.union_id = ${q.unionId}`);
  if (q.region) parts.push(sql`u.region_code LIKE ${`${q.region}%`}`);
  if (q.level) parts.push(sql`f.level = ${q.level}`);
  if (q.status) parts.push(sql`f.status = ${q.status}`);
  if (q.overdue === 'true') parts.push(sql`(f.status = 'approved' AND ${REVIEW_DUE} < ${today}::date)`);
  if (q.overdue === 'false') parts.push(sql`NOT (f.status = 'approved' AND ${REVIEW_DUE} < ${today}::date)`);
  // The district page's 本年帮扶金 drills to the files paid something in that year.
  if (q.paidYear) parts.push(sql`EXISTS (SELECT 1 FROM union_hardship_payment y WHERE y.file_id = f.id AND ${inYear(q.paidYear)})`);
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

/** Payments (alias y) made within the calendar year. */
export const inYear = (year: number) => sql`y.paid_on >= ${`${year}-01-01`}::date AND y.paid_on < ${`${year + 1}-01-01`}::date`;

export const FROM = sql`union_hardship_file f JOIN union_org u ON u.id = f.union_id JOIN person p ON p.id = f.person_id`;

export async function listHardship(db: Executor, scope: Scope, q: HardshipListQuery, today: string): Promise<HardshipListRow[]> {
  const r = await sql<HardshipListRow>`
    SELECT f.id::text, f.union_id::text, u.name AS union_name, u.region_code, st.name AS street_name, f.person_id::text, p.name, p.id_number_enc,
      f.level, f.status, f.applied_on, f.approved_on, f.last_reviewed_on, f.version,
      coalesce((SELECT sum(amount_fen) FROM union_hardship_payment x WHERE x.file_id = f.id), 0)::text AS paid_fen
    FROM ${FROM} LEFT JOIN region st ON st.code = rpad(left(u.region_code, 9), 12, '0')
    WHERE ${hardshipFilter(scope, q, today)} ${q.cursor ? sql`AND f.id > ${q.cursor}` : sql``}
    ORDER BY f.id LIMIT ${q.limit + 1}`.execute(db);
  return r.rows;
}

export async function sumHardship(db: Executor, scope: Scope, q: Omit<HardshipListQuery, 'cursor' | 'limit'>, today: string) {
  const r = await sql<{ total: number; approved: number; overdue: number; paid_fen: string; paid_year_fen: string; deep: number; relative: number; accident: number }>`
    SELECT count(*)::int AS total, count(*) FILTER (WHERE f.status = 'approved')::int AS approved,
      count(*) FILTER (WHERE f.status = 'approved' AND ${REVIEW_DUE} < ${today}::date)::int AS overdue,
      coalesce(sum((SELECT sum(amount_fen) FROM union_hardship_payment x WHERE x.file_id = f.id)), 0)::text AS paid_fen,
      ${q.paidYear ? sql`coalesce(sum((SELECT sum(y.amount_fen) FROM union_hardship_payment y WHERE y.file_id = f.id AND ${inYear(q.paidYear)})), 0)` : sql`0`}::text AS paid_year_fen,
      count(*) FILTER (WHERE f.level = 'deep')::int AS deep, count(*) FILTER (WHERE f.level = 'relative')::int AS relative,
      count(*) FILTER (WHERE f.level = 'accident')::int AS accident
    FROM ${FROM} WHERE ${hardshipFilter(scope, q, today)}`.execute(db);
  return r.rows[0]!;
}

export async function findHardship(db: Executor, id: string) {
  return db.selectFrom('union_hardship_file as f').innerJoin('person as p', 'p.id', 'f.person_id').innerJoin('union_org as u', 'u.id', 'f.union_id')
    .selectAll('f').select(['p.name', 'p.id_number_enc', 'u.name as union_name', 'u.region_code'])
    .where('f.id', '=', id).executeTakeFirst();
}
export type HardshipRow = NonNullable<Awaited<ReturnType<typeof findHardship>>>;

export const paymentsOf = (db: Executor, fileId: string) =>
  db.selectFrom('union_hardship_payment').selectAll().where('file_id', '=', fileId).orderBy('paid_on').orderBy('id').execute();
export const reviewsOf = (db: Executor, fileId: string) =>
  db.selectFrom('union_hardship_review').selectAll().where('file_id', '=', fileId).orderBy('reviewed_on').orderBy('id').execute();

export async function openFileOf(db: Executor, unionId: string, personId: string): Promise<string | undefined> {
  const r = await db.selectFrom('union_hardship_file').select('id').where('union_id', '=', unionId).where('person_id', '=', personId)
    .where('status', 'in', ['applied', 'approved']).executeTakeFirst();
  return r?.id;
}

export async function isUnionMember(db: Executor, unionId: string, personId: string): Promise<boolean> {
  const r = await db.selectFrom('union_member').select('id').where('union_id', '=', unionId).where('person_id', '=', personId)
    .where('status', 'in', ['active', 'retained']).executeTakeFirst();
  return !!r;
}

/** Moves the file on at the version the writer read; undefined when someone else moved it first. */
export async function updateHardship(tx: Executor, id: string, version: number, set: Record<string, unknown>) {
  return tx.updateTable('union_hardship_file').set({ ...set, ...NEXT_VERSION }).where('id', '=', id).where('version', '=', version)
    .returning(['id', 'version']).executeTakeFirst();
}

export async function hardshipCounts(db: Db, unionId: string, yearStart: string, today: string) {
  const r = await sql<{ applied: number; approved: number; closed: number; overdue: number; paid_fen: string }>`
    SELECT count(*) FILTER (WHERE f.status = 'applied')::int AS applied, count(*) FILTER (WHERE f.status = 'approved')::int AS approved,
      count(*) FILTER (WHERE f.status = 'closed')::int AS closed,
      count(*) FILTER (WHERE f.status = 'approved' AND ${REVIEW_DUE} < ${today}::date)::int AS overdue,
      coalesce((SELECT sum(x.amount_fen) FROM union_hardship_payment x JOIN union_hardship_file y ON y.id = x.file_id
        WHERE y.union_id = ${unionId} AND x.paid_on >= ${yearStart}::date), 0)::text AS paid_fen
    FROM union_hardship_file f WHERE f.union_id = ${unionId}`.execute(db);
  return r.rows[0]!;
}
