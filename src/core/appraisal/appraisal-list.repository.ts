import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { AppraisalKind, AppraisalState } from '../../domain/appraisal.js';
import { asColumn, ownedInScope, visibleInScope } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';
import type { Keyset } from '../keyset-cursor.js';

/**
 * Kysely only (docs/annual-report.md, "Appraisals of an area"): who is due an appraisal of the year
 * and where it stands, in one statement for the page, its counts and the export.
 *
 * Due: the secretary in post on the year's last day (or today while it runs) of every active
 * organisation the reader sees; every active 党建指导员 the reader sees (instructor.read); and any
 * subject already holding an appraisal of the year. Ordered by area, kind and name.
 */
export type AppraisalListRow = {
  kind: AppraisalKind; subject_id: string; subject_name: string; region_code: string | null; person_id: string | null; person_name: string | null;
  state: AppraisalState; total: string | null; grade: string | null; allowance: string | null; owned: boolean; markable: boolean; sort_key: string;
};
export type AppraisalListScopes = { org: Scope; instructor: Scope | null; review: Scope };
export type AppraisalListFilter = { year: number; asOf: string; region?: string; kind?: AppraisalKind; state?: AppraisalState };

const STATE = sql<AppraisalState>`CASE WHEN a.total IS NOT NULL THEN 'marked' WHEN a.id IS NOT NULL AND jsonb_array_length(a.marks) > 0 THEN 'marking' ELSE 'unmarked' END`;
const region = (alias: string, f: AppraisalListFilter) => (f.region ? sql`${sql.ref(`${alias}.region_code`)} LIKE ${`${f.region}%`}` : sql`TRUE`);

function secretaries(s: AppraisalListScopes, f: AppraisalListFilter): RawBuilder<unknown> {
  return sql`SELECT 'secretary' AS kind, o.id AS subject_id, o.name AS subject_name, o.region_code,
      coalesce(a.person_id, sec.person_id) AS person_id, ${STATE} AS state, a.total, a.grade, a.allowance,
      ${asColumn(ownedInScope(s.org, 'org', 'o'))} AS owned, ${asColumn(ownedInScope(s.review, 'org', 'o'))} AS markable
    FROM party_org o
    LEFT JOIN LATERAL (SELECT p.person_id FROM org_position p WHERE p.org_id = o.id AND p.position = 'secretary'
      AND p.since <= ${f.asOf}::date AND (p.until IS NULL OR p.until > ${f.asOf}::date) ORDER BY p.since DESC LIMIT 1) sec ON TRUE
    LEFT JOIN appraisal a ON a.kind = 'secretary' AND a.subject_id = o.id AND a.year = ${f.year}
    WHERE o.status = 'active' AND (sec.person_id IS NOT NULL OR a.id IS NOT NULL) AND ${visibleInScope(s.org, 'org', 'o')} AND ${region('o', f)}`;
}

function instructors(s: AppraisalListScopes, f: AppraisalListFilter): RawBuilder<unknown> {
  if (!s.instructor) return sql`SELECT NULL::text AS kind, NULL::bigint AS subject_id, NULL::text AS subject_name, NULL::text AS region_code, NULL::bigint AS person_id,
    NULL::text AS state, NULL::numeric AS total, NULL::text AS grade, NULL::text AS allowance, FALSE AS owned, FALSE AS markable WHERE FALSE`;
  return sql`SELECT 'instructor' AS kind, i.id AS subject_id, ip.name AS subject_name, i.region_code,
      i.person_id, ${STATE} AS state, a.total, a.grade, a.allowance,
      ${asColumn(ownedInScope(s.instructor, 'instructor', 'i'))} AS owned, ${asColumn(ownedInScope(s.review, 'instructor', 'i'))} AS markable
    FROM instructor i JOIN person ip ON ip.id = i.person_id
    LEFT JOIN appraisal a ON a.kind = 'instructor' AND a.subject_id = i.id AND a.year = ${f.year}
    WHERE i.kind = 'instructor' AND (i.status = 'active' OR a.id IS NOT NULL) AND ${visibleInScope(s.instructor, 'instructor', 'i')} AND ${region('i', f)}`;
}

/** The filter's rows with their sort key, before paging. */
function rows(s: AppraisalListScopes, f: AppraisalListFilter): RawBuilder<unknown> {
  const parts = [...(f.kind !== 'instructor' ? [secretaries(s, f)] : []), ...(f.kind !== 'secretary' ? [instructors(s, f)] : [])];
  return sql`SELECT u.*, pe.name AS person_name, coalesce(u.region_code, '') || ' ' || u.kind || ' ' || u.subject_name AS sort_key
    FROM (${sql.join(parts, sql` UNION ALL `)}) u LEFT JOIN person pe ON pe.id = u.person_id
    WHERE ${f.state ? sql`u.state = ${f.state}` : sql`TRUE`}`;
}

export async function appraisalPage(db: Executor, s: AppraisalListScopes, f: AppraisalListFilter, page: { after?: Keyset; limit: number }): Promise<AppraisalListRow[]> {
  const after = page.after ? sql`WHERE (r.sort_key, r.subject_id) > (${page.after.key}, ${page.after.id}::bigint)` : sql``;
  const r = await sql<AppraisalListRow>`SELECT r.kind, r.subject_id::text AS subject_id, r.subject_name, r.region_code, r.person_id::text AS person_id, r.person_name,
      r.state, r.total::text AS total, r.grade, r.allowance, r.owned, r.markable, r.sort_key
    FROM (${rows(s, f)}) r ${after} ORDER BY r.sort_key, r.subject_id LIMIT ${page.limit}`.execute(db);
  return r.rows;
}

export async function appraisalCounts(db: Executor, s: AppraisalListScopes, f: AppraisalListFilter): Promise<Array<{ state: AppraisalState; n: number }>> {
  const r = await sql<{ state: AppraisalState; n: number }>`SELECT r.state, count(*)::int AS n FROM (${rows(s, f)}) r GROUP BY r.state`.execute(db);
  return r.rows.map((x) => ({ state: x.state, n: Number(x.n) }));
}
