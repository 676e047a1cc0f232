import { sql, type SqlBool } from 'kysely';
import type { ReviewListQuery, StandardsRollupQuery } from '../../contracts/standards.js';
import type { Executor } from '../../db/schema.js';
import type { AssessmentStatus } from '../../domain/standards/standards-status.js';
import type { ReviewLevel } from '../../domain/standards/standards-types.js';
import { ownedInScope } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';

/**
 * The review list and the district view (docs/standards.md): assessments of the organisations that
 * lie in the reader's area by their own place — Party organisations under org.read, unions under
 * union.read — never those seen only through a link (the list is the area's own work).
 */
export type Scopes = { org: Scope | null; union: Scope | null };
export type ListRow = {
  id: string; template_id: string; org_kind: 'partyOrg' | 'union'; org_id: string; org_name: string; region_code: string | null; street_name: string | null;
  year: number; status: AssessmentStatus; stage: ReviewLevel | null; total: string | null; stars: number | null; submitted_at: Date | null;
  template_version: string;
};

function inArea(s: Scopes) {
  const parts = [
    ...(s.org ? [sql<SqlBool>`(a.party_org_id IS NOT NULL AND ${ownedInScope(s.org, 'org', 'o')})`] : []),
    ...(s.union ? [sql<SqlBool>`(a.union_id IS NOT NULL AND ${ownedInScope(s.union, 'union', 'u')})`] : []),
  ];
  return parts.length ? sql<SqlBool>`coalesce((${sql.join(parts, sql` OR `)}), FALSE)` : sql<SqlBool>`FALSE`;
}

function filtered(s: Scopes, f: { year: number; templateId?: string; status?: string; stars?: number; region?: string }) {
  const w: ReturnType<typeof sql<SqlBool>>[] = [sql<SqlBool>`a.year = ${f.year}`, inArea(s)];
  if (f.templateId) w.push(sql<SqlBool>`a.template_id = ${f.templateId}`);
  if (f.status) w.push(sql<SqlBool>`a.status = ${f.status}`);
  if (f.stars !== undefined) w.push(sql<SqlBool>`a.status = 'passed' AND a.stars = ${f.stars}`);
  if (f.region) w.push(sql<SqlBool>`coalesce(o.region_code, u.region_code) LIKE ${f.region + '%'}`);
  return sql.join(w, sql` AND `);
}

const FROM = sql`checklist_assessment a LEFT JOIN party_org o ON o.id = a.party_org_id LEFT JOIN union_org u ON u.id = a.union_id`;

export async function listAssessments(db: Executor, s: Scopes, f: ReviewListQuery, limit = 20000): Promise<ListRow[]> {
  const r = await sql<ListRow>`
    SELECT a.id::text AS id, a.template_id, CASE WHEN a.party_org_id IS NULL THEN 'union' ELSE 'partyOrg' END AS org_kind,
      coalesce(a.party_org_id, a.union_id)::text AS org_id, coalesce(o.name, u.name) AS org_name, coalesce(o.region_code, u.region_code) AS region_code,
      st.name AS street_name, a.year, a.status, a.stage, a.total::text AS total, a.stars, a.submitted_at, a.template_version
    FROM ${FROM} LEFT JOIN region st ON st.code = rpad(left(coalesce(o.region_code, u.region_code), 9), 12, '0')
    WHERE ${filtered(s, f)}
    ORDER BY coalesce(o.region_code, u.region_code), a.id LIMIT ${limit}`.execute(db);
  return r.rows;
}

/** Active organisations of a kind held by own place, by street, that have no assessment of the template that year. */
export async function notStartedByStreet(db: Executor, s: Scopes, f: StandardsRollupQuery & { templateId: string }, kind: 'partyOrg' | 'union'): Promise<Array<{ region: string; name: string | null; n: number }>> {
  const scope = kind === 'partyOrg' ? s.org : s.union;
  if (!scope) return [];
  const [table, alias, col] = kind === 'partyOrg' ? ['party_org', 'o', 'party_org_id'] as const : ['union_org', 'u', 'union_id'] as const;
  const region = f.region ? sql<SqlBool>`${sql.ref(`${alias}.region_code`)} LIKE ${f.region + '%'}` : sql<SqlBool>`TRUE`;
  const r = await sql<{ region: string; name: string | null; n: number }>`
    WITH g AS (SELECT left(${sql.ref(`${alias}.region_code`)}, 9) AS region FROM ${sql.table(table)} ${sql.raw(alias)}
      WHERE ${sql.ref(`${alias}.status`)} = 'active' AND ${sql.ref(`${alias}.region_code`)} IS NOT NULL AND ${region}
        AND coalesce(${ownedInScope(scope, kind === 'partyOrg' ? 'org' : 'union', alias)}, FALSE)
        AND NOT EXISTS (SELECT 1 FROM checklist_assessment a WHERE a.${sql.raw(col)} = ${sql.ref(`${alias}.id`)} AND a.template_id = ${f.templateId} AND a.year = ${f.year}))
    SELECT g.region, min(r.name) AS name, count(*)::int AS n FROM g LEFT JOIN region r ON r.code = rpad(g.region, 12, '0') GROUP BY g.region ORDER BY g.region`.execute(db);
  return r.rows;
}

export type RollupRow = {
  region: string; name: string | null; status: AssessmentStatus; stars: number | null; n: number;
  /** For passed assessments, the version and total that give a named grade (职工之家). */
  template_id: string; template_version: string; total: string | null;
};

/** Counts by street (9 digits of the organisation's region) × status × stars (× version and total when passed, for grades). */
export async function rollupAssessments(db: Executor, s: Scopes, f: StandardsRollupQuery): Promise<RollupRow[]> {
  const r = await sql<RollupRow>`
    WITH g AS (SELECT left(coalesce(o.region_code, u.region_code), 9) AS region, a.status, a.stars, a.template_id, a.template_version,
        CASE WHEN a.status = 'passed' THEN a.total::text END AS total FROM ${FROM}
      WHERE ${filtered(s, f)} AND coalesce(o.region_code, u.region_code) IS NOT NULL)
    SELECT g.region, min(r.name) AS name, g.status, g.stars, g.template_id, g.template_version, g.total, count(*)::int AS n
    FROM g LEFT JOIN region r ON r.code = rpad(g.region, 12, '0')
    GROUP BY g.region, g.status, g.stars, g.template_id, g.template_version, g.total ORDER BY g.region`.execute(db);
  return r.rows;
}
