import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { stageTable } from '../import/import-stage.repository.js';

/**
 * Writing a checked, error-free union roster stage: a handful of set-based statements over every
 * row at once, in the import's one transaction under the union's row lock (as member-apply.repository.ts
 * for the party-member roster). History rows come from the same statements' RETURNING.
 */
export type UmApplyContext = { importId: string; unionId: string; regionCode: string | null; actorId: string | null; today: string };

const T = (importId: string) => sql.table(stageTable(importId));

/** New people, registered in the union's region; their ids go back to the stage. */
export async function insertUmPeople(tx: Executor, c: UmApplyContext): Promise<number> {
  const t = T(c.importId);
  const r = await sql`WITH ins AS (
      INSERT INTO person (name, gender, birth_date, id_number_enc, id_number_index, phone_enc, phone_index, key_id, region_code)
      SELECT name, gender, birth_date, id_enc, id_index, phone_enc, phone_index, key_id, ${c.regionCode}
      FROM ${t} WHERE person_id IS NULL ORDER BY seq
      RETURNING id, id_number_index)
    UPDATE ${t} s SET person_id = ins.id FROM ins WHERE s.id_index = ins.id_number_index`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

/** New memberships (source 'import'), each with its 'joined' history row. */
export async function insertUmMembers(tx: Executor, c: UmApplyContext): Promise<number> {
  const r = await sql`WITH ins AS (
      INSERT INTO union_member (person_id, union_id, joined_on, card_number, status, status_since, enterprise_id, employer_name, dispatched, dispatch_employer_name, source)
      SELECT person_id, ${c.unionId}::bigint, joined_on, card_number, status, coalesce(joined_on, ${c.today}::date), enterprise_id, employer_name, dispatched, dispatch_employer, 'import'
      FROM ${T(c.importId)} WHERE member_id IS NULL ORDER BY seq
      RETURNING id, joined_on)
    INSERT INTO union_member_event (member_id, kind, at, data, actor_id)
    SELECT ins.id, 'joined', coalesce(ins.joined_on, ${c.today}::date), jsonb_build_object('source', 'import', 'importId', ${c.importId}::text), ${c.actorId}::bigint
    FROM ins`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * What the file changes on memberships this union already has: an empty 入会日期 or 会员证号 keeps the
 * stored one; each changed field as [before, after] under its column name, as the row-by-row writer did.
 */
export async function computeUmChanges(tx: Executor, importId: string): Promise<void> {
  // Ids as text, as the history has always written them.
  const pair = (col: string, next: string, cast = '') => sql`CASE WHEN m.${sql.ref(col)} IS DISTINCT FROM ${sql.raw(next)}
    THEN jsonb_build_array(to_jsonb(m.${sql.ref(col)}${sql.raw(cast)}), to_jsonb(${sql.raw(next)}${sql.raw(cast)})) END`;
  await sql`UPDATE ${T(importId)} s SET changes = jsonb_strip_nulls(jsonb_build_object(
      'joined_on', ${pair('joined_on', 'coalesce(s.joined_on, m.joined_on)')},
      'card_number', ${pair('card_number', 'coalesce(s.card_number, m.card_number)')},
      'enterprise_id', ${pair('enterprise_id', 's.enterprise_id', '::text')},
      'employer_name', ${pair('employer_name', 's.employer_name')},
      'dispatched', ${pair('dispatched', 's.dispatched')},
      'dispatch_employer_name', ${pair('dispatch_employer_name', 's.dispatch_employer')},
      'status', ${pair('status', 's.status')}))
    FROM union_member m WHERE m.id = s.member_id`.execute(tx);
}

/** Changed memberships: the file's fields, the status date when the status moved, version + 1, one 'updated' history row each. */
export async function updateUmMembers(tx: Executor, c: UmApplyContext): Promise<number> {
  const t = T(c.importId);
  const r = await sql`UPDATE union_member m SET joined_on = coalesce(s.joined_on, m.joined_on), card_number = coalesce(s.card_number, m.card_number),
      enterprise_id = s.enterprise_id, employer_name = s.employer_name, dispatched = s.dispatched, dispatch_employer_name = s.dispatch_employer,
      status_since = CASE WHEN s.status <> m.status THEN ${c.today}::date ELSE m.status_since END, status = s.status,
      version = m.version + 1, updated_at = now()
    FROM ${t} s WHERE s.member_id = m.id AND s.changes <> '{}'::jsonb`.execute(tx);
  await sql`INSERT INTO union_member_event (member_id, kind, at, data, actor_id)
    SELECT s.member_id, 'updated', ${c.today}::date, jsonb_build_object('source', 'import', 'importId', ${c.importId}::text, 'changes', s.changes), ${c.actorId}::bigint
    FROM ${t} s WHERE s.member_id IS NOT NULL AND s.changes <> '{}'::jsonb ORDER BY s.seq`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

export async function unchangedUmMembers(tx: Executor, importId: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${T(importId)} WHERE member_id IS NOT NULL AND changes = '{}'::jsonb`.execute(tx);
  return r.rows[0]?.n ?? 0;
}
