import { sql } from 'kysely';
import type { Executor } from '../../src/db/schema.js';

/**
 * Ledger changes for the coverage-history tests, written the way the real writers record them
 * (an import's `{ factKey: [before, after] }` history row, park and association by name), but at a
 * chosen time so a test can put a change after any month end. `setFact` alone changes today's
 * value with no history — the world in which the enterprise "always" had it.
 */
export const FACT_COLUMN = {
  regionCode: 'region_code', sizeClass: 'size_class', industry: 'industry', employeeCount: 'employee_count',
  memberCount: 'member_count', aboveDesignatedSize: 'above_designated_size', parkName: 'park_id', associationName: 'association_id',
} as const;
export type FactKey = keyof typeof FACT_COLUMN;

const NAMED = { parkName: 'park', associationName: 'association' } as const;

export const recordChange = (tx: Executor, id: string, at: Date, changes: Record<string, [unknown, unknown]>) =>
  tx.insertInto('enterprise_change').values({ enterprise_id: id, kind: 'updated', changes: sql`${JSON.stringify(changes)}::jsonb`, changed_at: at }).execute();

/** The fact as an import records it (a park or association by its name). */
export async function factOf(tx: Executor, id: string, key: FactKey): Promise<unknown> {
  const column = sql.ref(`e.${FACT_COLUMN[key]}`);
  const named = key === 'parkName' || key === 'associationName' ? sql.table(NAMED[key]) : null;
  const r = named
    ? await sql<{ v: unknown }>`SELECT n.name AS v FROM enterprise e LEFT JOIN ${named} n ON n.id = ${column} WHERE e.id = ${id}`.execute(tx)
    : await sql<{ v: unknown }>`SELECT ${column} AS v FROM enterprise e WHERE e.id = ${id}`.execute(tx);
  return r.rows[0]!.v;
}

/** Sets today's value only (a park or association by name; an unknown name sets none). */
export async function setFact(tx: Executor, id: string, key: FactKey, value: unknown): Promise<void> {
  const column = sql.ref(FACT_COLUMN[key]);
  const v = key === 'parkName' || key === 'associationName' ? sql`(SELECT n.id FROM ${sql.table(NAMED[key])} n WHERE n.name = ${value})` : sql`${value}`;
  await sql`UPDATE enterprise SET ${column} = ${v} WHERE id = ${id}`.execute(tx);
}

/** Sets today's value and records the change at `at`. */
export async function changeFact(tx: Executor, id: string, at: Date, key: FactKey, value: unknown): Promise<void> {
  const before = await factOf(tx, id, key);
  await setFact(tx, id, key, value);
  await recordChange(tx, id, at, { [key]: [before, value] });
}

/** A union's members changed from `at` on, as union.service records it (an 'adjusted' union_event). */
export async function changeUnionMembers(tx: Executor, unionId: string, at: string, members: number): Promise<void> {
  const u = await tx.selectFrom('union_org').select('members').where('id', '=', unionId).executeTakeFirstOrThrow();
  await tx.updateTable('union_org').set({ members }).where('id', '=', unionId).execute();
  await tx.insertInto('union_event').values({ union_id: unionId, kind: 'adjusted', at, data: JSON.stringify({ changes: { members: [u.members, members] }, reason: null }) }).execute();
}
