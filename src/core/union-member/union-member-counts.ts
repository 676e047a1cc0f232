import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { membershipRate } from '../../domain/union-member.js';
import { todayInChina } from '../../domain/org-terms.js';

/**
 * A union's member counts (docs/unions.md, "会员实名制", "Counts"). A union with `roster_since` keeps
 * its roster here: 会员 and 女会员 are its active members by name (保留会籍 counted apart, not in
 * 会员); without it the typed numbers (填报数) stand and the source says `typed`. 劳务派遣 and
 * 保留会籍 are always counted from names (0 where no roster is kept). The roster is today's roll.
 */
export type UnionMembershipCounts = { members: number; female: number; retained: number; dispatched: number; source: 'roster' | 'typed' };

export async function unionMembershipCounts(db: Executor, unionIds: readonly string[]): Promise<Map<string, UnionMembershipCounts>> {
  const out = new Map<string, UnionMembershipCounts>();
  if (!unionIds.length) return out;
  const r = await sql<{ id: string; roster_since: string | null; members: number; female_members: number; active: number; female: number; retained: number; dispatched: number }>`
    SELECT u.id, u.roster_since, u.members, u.female_members,
      count(m.id) FILTER (WHERE m.status = 'active')::int AS active,
      count(m.id) FILTER (WHERE m.status = 'active' AND p.gender = 'female')::int AS female,
      count(m.id) FILTER (WHERE m.status = 'retained')::int AS retained,
      count(m.id) FILTER (WHERE m.dispatched)::int AS dispatched
    FROM union_org u
    LEFT JOIN union_member m ON m.union_id = u.id AND m.status IN ('active', 'retained')
    LEFT JOIN person p ON p.id = m.person_id
    WHERE u.id = ANY(${[...unionIds]}::bigint[])
    GROUP BY u.id, u.roster_since, u.members, u.female_members`.execute(db);
  for (const x of r.rows) {
    const roster = x.roster_since !== null;
    out.set(String(x.id), {
      members: roster ? Number(x.active) : Number(x.members), female: roster ? Number(x.female) : Number(x.female_members),
      retained: Number(x.retained), dispatched: Number(x.dispatched), source: roster ? 'roster' : 'typed',
    });
  }
  return out;
}

/** Employees of the enterprises each union covers on `day` (the ledger's 从业人数; unknown counts as 0). */
export async function coveredEmployees(db: Executor, unionIds: readonly string[], day = todayInChina()): Promise<Map<string, number>> {
  const out = new Map<string, number>(unionIds.map((id) => [id, 0]));
  if (!unionIds.length) return out;
  const r = await sql<{ union_id: string; n: string }>`SELECT c.union_id, coalesce(sum(e.employee_count), 0) AS n
    FROM union_coverage c JOIN enterprise e ON e.id = c.enterprise_id
    WHERE c.union_id = ANY(${[...unionIds]}::bigint[]) AND c.since <= ${day}::date AND (c.until IS NULL OR c.until > ${day}::date)
    GROUP BY c.union_id`.execute(db);
  for (const x of r.rows) out.set(String(x.union_id), Number(x.n));
  return out;
}

/** Counts, employees and 入会率 of one union (the member page's header). */
export async function unionRate(db: Executor, unionId: string) {
  const [counts, employees] = await Promise.all([unionMembershipCounts(db, [unionId]), coveredEmployees(db, [unionId])]);
  const c = counts.get(unionId) ?? { members: 0, female: 0, retained: 0, dispatched: 0, source: 'typed' as const };
  const e = employees.get(unionId) ?? 0;
  return { ...c, employees: e, rate: membershipRate(c.members, e) };
}

/**
 * For queries over union_org (alias): the roster's 会员 / 女会员 when the union keeps one, else the
 * typed numbers, as `roster_members` / `roster_female_members` (read by union.mapper.ts).
 */
export function unionRosterCountColumns(alias: string) {
  const u = (c: string) => sql.ref(`${alias}.${c}`);
  const count = (female: boolean): RawBuilder<number> => sql<number>`(SELECT count(*)::int FROM union_member rm
    ${female ? sql`JOIN person rp ON rp.id = rm.person_id AND rp.gender = 'female'` : sql``}
    WHERE rm.union_id = ${u('id')} AND rm.status = 'active')`;
  return [
    sql<number>`CASE WHEN ${u('roster_since')} IS NULL THEN ${u('members')} ELSE ${count(false)} END`.as('roster_members'),
    sql<number>`CASE WHEN ${u('roster_since')} IS NULL THEN ${u('female_members')} ELSE ${count(true)} END`.as('roster_female_members'),
  ];
}

/**
 * The union's 会员 / 女会员 as the rules read them (配齐工会委员会: 《工会法》第十一条), one lateral row
 * (alias `urc`) per union `alias`: its active members by name when it keeps a roster, else the
 * typed numbers. The roster is read only when kept (the WHERE is a one-time filter otherwise).
 */
export function unionRosterCounts(alias: string) {
  const u = (column: string) => sql.ref(`${alias}.${column}`);
  return sql<{ members: number; female_members: number }>`(
    SELECT CASE WHEN ${u('roster_since')} IS NULL THEN ${u('members')} ELSE count(*)::int END AS members,
      CASE WHEN ${u('roster_since')} IS NULL THEN ${u('female_members')} ELSE (count(*) FILTER (WHERE urp.gender = 'female'))::int END AS female_members
    FROM union_member urm JOIN person urp ON urp.id = urm.person_id
    WHERE ${u('roster_since')} IS NOT NULL AND urm.union_id = ${u('id')} AND urm.status = 'active')`.as('urc');
}
