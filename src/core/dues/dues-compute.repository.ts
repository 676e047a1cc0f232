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
 * category and the base (branches grouped by province, so a row tests only its own province's), then
 * the number indexes constant arrays of rates, amounts, rule ids and labels — no join, no
 * materialised set. Bases are compared as the pure rule does (null and negative as 0, upper bounds
 * included).
 */
export function bracketPlan(month: string, provinces: Array<string | null>) {
  const rate: number[] = [], fixed: Array<number | null> = [], unit: number[] = [], rule: string[] = [], label: string[] = [];
  const byProvince: ReturnType<typeof sql>[] = [];
  for (const p of provinces) {
    const t = duesMonthTable(month, p);
    const branches: ReturnType<typeof sql>[] = [];
    for (const r of t.rows) {
      rate.push(r.bracket.rateBp ?? 0); fixed.push(r.bracket.fixedFen ?? null); unit.push(t.unitFen); rule.push(r.ruleId); label.push(r.bracket.label);
      const above = r.bracket.aboveFen === null ? sql`TRUE` : sql`w.base > ${r.bracket.aboveFen}::bigint`;
      const upTo = r.bracket.upToFen === null ? sql`TRUE` : sql`w.base <= ${r.bracket.upToFen}::bigint`;
      branches.push(sql`WHEN w.category = ${r.category}::text AND ${above} AND ${upTo} THEN ${rate.length}::integer`);
    }
    const prov = p === null ? sql`w.prov IS NULL` : sql`w.prov = ${p}::text`;
    byProvince.push(sql`WHEN ${prov} THEN CASE ${sql.join(branches, sql` `)} END`);
  }
  return {
    pick: sql<number>`CASE ${sql.join(byProvince, sql` `)} END`,
    rate: sql`${rate}::integer[]`, fixed: sql`${fixed}::integer[]`, unit: sql`${unit}::bigint[]`, rule: sql`${rule}::text[]`, label: sql`${label}::text[]`,
  };
}

/** The first day of the month after `month` (YYYY-MM), to compare dates without formatting each. */
const nextMonthStart = (month: string): string => {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

/** Computes `month` for the members held by organisations matching `orgWhere` (alias `o`). */
export async function computeMonthRows(tx: Executor, month: string, orgWhere: RawBuilder<SqlBool>, asOf: string, memberId?: string): Promise<ComputeResult> {
  const one = memberId ? sql<SqlBool>`m.id = ${memberId}` : sql<SqlBool>`TRUE`;
  const provinces = (await sql<{ p: string | null }>`SELECT DISTINCT left(o.region_code, 2) AS p FROM party_org o WHERE ${orgWhere}`.execute(tx)).rows.map((r) => r.p);
  if (!provinces.length) return { rows: 0, orgs: 0 };
  // One computation of a month at a time: two would both find it fresh and collide on its rows.
  await sql`SELECT pg_advisory_xact_lock(hashtext(${'dues.month:' + month}))`.execute(tx);
  // A month's sort of bases per slice fits in memory instead of spilling to disk (this transaction only).
  await sql`SET LOCAL work_mem = '64MB'`.execute(tx);
  // A slice is a range of member ids; without fresh statistics (PGlite never autovacuums, and bases
  // written in this transaction are not yet analysed) the planner takes the range for a handful of
  // rows and nests loops over members × organisations — hours instead of a second. A scope's month
  // always reads whole slices: hash and merge joins only. One member's recomputation keeps nested loops.
  if (!memberId) await sql`SET LOCAL enable_nestloop = off`.execute(tx);
  const bounds = (await sql<{ lo: string | null; hi: string | null }>`SELECT min(m.id) AS lo, max(m.id) AS hi FROM party_member m
    JOIN party_org o ON o.id = m.org_id WHERE ${orgWhere} AND ${one}`.execute(tx)).rows[0];
  let rows = 0;
  if (bounds?.lo) {
    const plan = bracketPlan(month, provinces);
    // Closed months are few: excluded by organisation once, not looked up for each member.
    const closed = (await sql<{ org_id: string }>`SELECT org_id FROM dues_month WHERE month = ${month} AND status = 'closed'`.execute(tx)).rows.map((r) => r.org_id);
    const open = closed.length ? sql<SqlBool>`o.id <> ALL(${closed}::bigint[])` : sql<SqlBool>`TRUE`;
    // A month not yet computed anywhere in the scope is written by plain INSERTs (a speculative
    // ON CONFLICT insert costs ~40% more per row); otherwise each row is inserted or recomputed.
    const fresh = !memberId && !(await sql`SELECT 1 FROM party_org o JOIN dues_ledger l ON l.org_id = o.id AND l.month = ${month} WHERE ${orgWhere} LIMIT 1`.execute(tx)).rows.length;
    for (let lo = Number(bounds.lo); lo <= Number(bounds.hi); lo += SLICE) {
      const r = await monthSql(month, plan, sql<SqlBool>`${orgWhere} AND ${open}`, one, lo, asOf, fresh).execute(tx);
      rows += Number(r.numAffectedRows ?? 0);
    }
  }
  if (memberId) return { rows, orgs: 0 };
  await sql`RESET enable_nestloop`.execute(tx);
  const orgs = await sql`INSERT INTO dues_month (org_id, month) SELECT o.id, ${month} FROM party_org o WHERE ${orgWhere}
    ON CONFLICT (org_id, month) DO UPDATE SET computed_at = now() WHERE dues_month.status = 'open'`.execute(tx);
  return { rows, orgs: Number(orgs.numAffectedRows ?? 0) };
}

/**
 * The INSERT … SELECT of one slice of member ids (exported for EXPLAIN in the bench). Each layer
 * ends in OFFSET 0 so the planner keeps it as a layer: the bracket's CASE runs once per member, not
 * once per column that uses its number.
 */
export function monthSql(month: string, plan: ReturnType<typeof bracketPlan>, orgWhere: RawBuilder<SqlBool>, one: RawBuilder<SqlBool>, lo: number, asOf: string, fresh = false) {
  const u = sql`(${plan.unit})[x.idx]`;
  // Fresh: no row of the month in the scope; a member who moved in may still have one under the
  // organisation that held them (outside the scope), which is kept as it is.
  const write = fresh
    // NOT IN an uncorrelated set: hashed once per slice, never probed (or scanned) per member.
    ? sql`WHERE y.member_id NOT IN (SELECT l.member_id FROM dues_ledger l WHERE l.month = ${month} AND l.member_id >= ${lo} AND l.member_id < ${lo + SLICE})`
    : sql`ON CONFLICT (member_id, month) DO UPDATE SET
          category = excluded.category, base_fen = excluded.base_fen, standard_fen = excluded.standard_fen, due_fen = excluded.due_fen,
          rule_id = excluded.rule_id, bracket = excluded.bracket, version = dues_ledger.version + 1, computed_at = now(), updated_at = now()
        WHERE dues_ledger.paid_fen = 0 AND dues_ledger.org_id = excluded.org_id
          AND (dues_ledger.due_fen, dues_ledger.standard_fen, dues_ledger.bracket, dues_ledger.category) IS DISTINCT FROM (excluded.due_fen, excluded.standard_fen, excluded.bracket, excluded.category)`;
  return sql`
        INSERT INTO dues_ledger (member_id, month, org_id, category, base_fen, standard_fen, due_fen, rule_id, bracket)
        SELECT y.member_id, ${month}, y.org_id, y.category, y.base_fen, y.std, LEAST(y.std, coalesce(y.reduced, y.std)),
               CASE WHEN y.reduced < y.std THEN 'member.duesReduced' ELSE (${plan.rule})[y.idx] END, (${plan.label})[y.idx]
        FROM (
          SELECT x.member_id, x.org_id, x.category, x.base_fen, x.reduced, x.idx,
                 coalesce((${plan.fixed})[x.idx], ((x.base * (${plan.rate})[x.idx] + 5000 * ${u}) / (10000 * ${u})) * ${u})::integer AS std
          FROM (
            SELECT w.*, ${plan.pick} AS idx FROM (
              SELECT m.id AS member_id, m.org_id, left(o.region_code, 2) AS prov, b.category, b.base_fen,
                     greatest(coalesce(b.base_fen, 0), 0) AS base, r.amount_fen AS reduced
              FROM party_member m
              JOIN party_org o ON o.id = m.org_id
              -- The basis in force, one per member of the slice, read in member order (no lookup per member).
              JOIN (SELECT DISTINCT ON (db.member_id) db.member_id, db.category, db.base_fen FROM dues_basis db
                    WHERE db.member_id >= ${lo} AND db.member_id < ${lo + SLICE} AND db.from_month <= ${month}
                    ORDER BY db.member_id, db.from_month DESC) b ON b.member_id = m.id
              -- The approved reductions of the month, one per member, hashed once (never a scan per member).
              LEFT JOIN (SELECT DISTINCT ON (dr.member_id) dr.member_id, dr.amount_fen FROM dues_reduction dr
                         WHERE dr.approved_on IS NOT NULL AND dr.approved_on <= ${asOf}::date AND dr.withdrawn_on IS NULL AND dr.from_month <= ${month}
                           AND (dr.to_month IS NULL OR dr.to_month >= ${month}) AND dr.member_id >= ${lo} AND dr.member_id < ${lo + SLICE}
                         ORDER BY dr.member_id, dr.from_month DESC) r ON r.member_id = m.id
              WHERE m.id >= ${lo} AND m.id < ${lo + SLICE} AND ${orgWhere} AND ${one}
                AND m.status NOT IN ('left', 'suspended')
                AND (m.joined_on IS NULL OR m.joined_on < ${nextMonthStart(month)}::date)
              OFFSET 0) w
            OFFSET 0) x
          WHERE x.idx IS NOT NULL
          OFFSET 0) y
        ${write}
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
