import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { duesMonthTable } from '../../domain/dues.js';

/**
 * The month's computation in set-based SQL (docs/dues.md): one INSERT … SELECT per slice of member
 * ids, the brackets joined from a VALUES table built from the pure rule (src/domain/dues.ts), so no
 * member is ever held in memory. A row already paid, or of a closed month, or of another
 * organisation (the member moved after the month was computed there) is never recomputed.
 */
export type ComputeResult = { rows: number; orgs: number };

const SLICE = 100_000;

/**
 * The month's brackets, numbered: a CASE picks each member's bracket number from the province, the
 * category and the base (inline, no join per member), then the number joins this small table by
 * equality. Bases are compared as the pure rule does (null and negative as 0, upper bounds included).
 */
export function bracketPlan(month: string, provinces: Array<string | null>) {
  const values: ReturnType<typeof sql>[] = [];
  const branches: ReturnType<typeof sql>[] = [];
  let idx = 0;
  for (const p of provinces) {
    const t = duesMonthTable(month, p);
    const prov = p === null ? sql`left(o.region_code, 2) IS NULL` : sql`left(o.region_code, 2) = ${p}`;
    for (const r of t.rows) {
      idx++;
      values.push(sql`(${idx}::integer, ${r.bracket.rateBp}::integer, ${r.bracket.fixedFen}::integer, ${t.unitFen}::bigint, ${r.ruleId}::text, ${r.bracket.label}::text)`);
      const above = r.bracket.aboveFen === null ? sql`TRUE` : sql`greatest(coalesce(b.base_fen, 0), 0) > ${r.bracket.aboveFen}`;
      const upTo = r.bracket.upToFen === null ? sql`TRUE` : sql`greatest(coalesce(b.base_fen, 0), 0) <= ${r.bracket.upToFen}`;
      branches.push(sql`WHEN ${prov} AND b.category = ${r.category} AND ${above} AND ${upTo} THEN ${idx}::integer`);
    }
  }
  return {
    pick: sql<number>`CASE ${sql.join(branches, sql` `)} END`,
    table: sql`(VALUES ${sql.join(values)}) AS bk(idx, rate_bp, fixed_fen, unit, rule_id, label)`,
  };
}

/** Computes `month` for the members held by organisations matching `orgWhere` (alias `o`). */
export async function computeMonthRows(tx: Executor, month: string, orgWhere: RawBuilder<SqlBool>, asOf: string, memberId?: string): Promise<ComputeResult> {
  const one = memberId ? sql<SqlBool>`m.id = ${memberId}` : sql<SqlBool>`TRUE`;
  const provinces = (await sql<{ p: string | null }>`SELECT DISTINCT left(o.region_code, 2) AS p FROM party_org o WHERE ${orgWhere}`.execute(tx)).rows.map((r) => r.p);
  if (!provinces.length) return { rows: 0, orgs: 0 };
  const bounds = (await sql<{ lo: string | null; hi: string | null }>`SELECT min(m.id) AS lo, max(m.id) AS hi FROM party_member m
    JOIN party_org o ON o.id = m.org_id WHERE ${orgWhere} AND ${one}`.execute(tx)).rows[0];
  let rows = 0;
  if (bounds?.lo) {
    const plan = bracketPlan(month, provinces);
    for (let lo = Number(bounds.lo); lo <= Number(bounds.hi); lo += SLICE) {
      const r = await monthSql(month, plan, orgWhere, one, lo, asOf).execute(tx);
      rows += Number(r.numAffectedRows ?? 0);
    }
  }
  if (memberId) return { rows, orgs: 0 };
  const orgs = await sql`INSERT INTO dues_month (org_id, month) SELECT o.id, ${month} FROM party_org o WHERE ${orgWhere}
    ON CONFLICT (org_id, month) DO UPDATE SET computed_at = now() WHERE dues_month.status = 'open'`.execute(tx);
  return { rows, orgs: Number(orgs.numAffectedRows ?? 0) };
}

/** The INSERT … SELECT of one slice of member ids (exported for EXPLAIN in the bench). */
export function monthSql(month: string, plan: ReturnType<typeof bracketPlan>, orgWhere: RawBuilder<SqlBool>, one: RawBuilder<SqlBool>, lo: number, asOf: string) {
  return sql`
        WITH x AS MATERIALIZED (
          SELECT m.id AS member_id, m.org_id, b.category, b.base_fen, ${plan.pick} AS idx, r.amount_fen AS reduced
          FROM party_member m
          JOIN party_org o ON o.id = m.org_id
          -- The basis in force, one per member of the slice, read in member order (no lookup per member).
          JOIN (SELECT DISTINCT ON (db.member_id) db.member_id, db.category, db.base_fen FROM dues_basis db
                WHERE db.member_id >= ${lo} AND db.member_id < ${lo + SLICE} AND db.from_month <= ${month}
                ORDER BY db.member_id, db.from_month DESC) b ON b.member_id = m.id
          -- The approved reductions of the month, one per member, hashed once (never a scan per member).
          LEFT JOIN (SELECT DISTINCT ON (dr.member_id) dr.member_id, dr.amount_fen FROM dues_reduction dr
                     WHERE dr.approved_on IS NOT NULL AND dr.approved_on <= ${asOf}::date AND dr.from_month <= ${month}
                       AND (dr.to_month IS NULL OR dr.to_month >= ${month}) AND dr.member_id >= ${lo} AND dr.member_id < ${lo + SLICE}
                     ORDER BY dr.member_id, dr.from_month DESC) r ON r.member_id = m.id
          WHERE m.id >= ${lo} AND m.id < ${lo + SLICE} AND ${orgWhere} AND ${one}
            AND m.status NOT IN ('left', 'suspended')
            AND (m.joined_on IS NULL OR to_char(m.joined_on, 'YYYY-MM') <= ${month})
            AND NOT EXISTS (SELECT 1 FROM dues_month dm WHERE dm.org_id = m.org_id AND dm.month = ${month} AND dm.status = 'closed')
        ), y AS (
          SELECT x.member_id, x.org_id, x.category, x.base_fen, x.reduced, bk.rule_id, bk.label,
                 coalesce(bk.fixed_fen, ((greatest(coalesce(x.base_fen, 0), 0) * bk.rate_bp + 5000 * bk.unit) / (10000 * bk.unit)) * bk.unit)::integer AS std
          FROM x JOIN ${plan.table} ON bk.idx = x.idx
        )
        INSERT INTO dues_ledger (member_id, month, org_id, category, base_fen, standard_fen, due_fen, rule_id, bracket)
        SELECT y.member_id, ${month}, y.org_id, y.category, y.base_fen, y.std, LEAST(y.std, coalesce(y.reduced, y.std)),
               CASE WHEN y.reduced < y.std THEN 'member.duesReduced' ELSE y.rule_id END, y.label
        FROM y
        ON CONFLICT (member_id, month) DO UPDATE SET
          category = excluded.category, base_fen = excluded.base_fen, standard_fen = excluded.standard_fen, due_fen = excluded.due_fen,
          rule_id = excluded.rule_id, bracket = excluded.bracket, version = dues_ledger.version + 1, computed_at = now(), updated_at = now()
        WHERE dues_ledger.paid_fen = 0 AND dues_ledger.org_id = excluded.org_id
          AND (dues_ledger.due_fen, dues_ledger.standard_fen, dues_ledger.bracket, dues_ledger.category) IS DISTINCT FROM (excluded.due_fen, excluded.standard_fen, excluded.bracket, excluded.category)
      `;
}

/** Recomputes one member's open, unpaid months from `fromMonth` on (a basis or reduction changed). */
export async function recomputeMember(tx: Executor, memberId: string, fromMonth: string, asOf: string): Promise<number> {
  const months = (await tx.selectFrom('dues_ledger').select('month').distinct().where('member_id', '=', memberId).where('month', '>=', fromMonth).execute()).map((r) => r.month);
  let n = 0;
  for (const month of months) {
    n += (await computeMonthRows(tx, month, sql<SqlBool>`o.id = (SELECT org_id FROM party_member WHERE id = ${memberId})`, asOf, memberId)).rows;
  }
  return n;
}
