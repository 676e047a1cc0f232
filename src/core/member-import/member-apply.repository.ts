import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { stageTable } from '../import/import-stage.repository.js';
import type { PresentColumns } from './member-stage.repository.js';

/**
 * Writing a resolved, error-free stage to the roster: a handful of set-based statements, each over
 * every row at once (no per-row round trips). Runs in the import's one transaction, after the
 * checks found no bad row. History rows (party_member_event) come from the same statements'
 * RETURNING, so each names the membership it was written with.
 */
export type ApplyContext = { importId: string; actorId: string | null; today: string; present: PresentColumns };

const T = (importId: string) => sql.table(stageTable(importId));

/** The file's personal details of members it already had (only the fields that changed). */
export async function updatePeople(tx: Executor, c: ApplyContext): Promise<void> {
  const p = c.present;
  // A new phone is sealed under the current key; the ID number is re-sealed with it so the row's
  // key_id stays true for both values (key rotation relies on it).
  await sql`UPDATE person p SET name = s.name,
      ethnicity = ${p.ethnicity ? sql`s.ethnicity` : sql`p.ethnicity`},
      education = ${p.education ? sql`s.education` : sql`p.education`},
      phone_enc = CASE WHEN s.person_changes ? 'phone' THEN s.phone_enc ELSE p.phone_enc END,
      phone_index = CASE WHEN s.person_changes ? 'phone' THEN s.phone_index ELSE p.phone_index END,
      id_number_enc = CASE WHEN s.person_changes ? 'phone' THEN s.id_enc ELSE p.id_number_enc END,
      key_id = CASE WHEN s.person_changes ? 'phone' THEN s.key_id ELSE p.key_id END,
      version = p.version + 1, updated_at = now()
    FROM ${T(c.importId)} s WHERE s.person_id = p.id AND s.member_id IS NOT NULL AND s.person_changes <> '{}'::jsonb`.execute(tx);
}

/**
 * New people (registered in their organisation's region), new memberships (source 'import') and
 * each membership's 'created' history row, in ONE statement: the people's ids come from the
 * person INSERT's RETURNING, joined back to the stage by blind index, so the stage is not rewritten
 * (an UPDATE of a million stage rows for their person ids cost more than inserting the people). A
 * row whose person is already registered keeps that person (stage person_id from the checks).
 */
export async function insertPeopleAndMembers(tx: Executor, c: ApplyContext): Promise<void> {
  const t = T(c.importId);
  await sql`WITH np AS (
      INSERT INTO person (name, gender, birth_date, ethnicity, education, id_number_enc, id_number_index, phone_enc, phone_index, key_id, region_code)
      SELECT name, gender, birth_date, ethnicity, education, id_enc, id_index, phone_enc, phone_index, key_id, org_region
      FROM ${t} WHERE person_id IS NULL ORDER BY seq
      RETURNING id, id_number_index),
    nm AS (
      INSERT INTO party_member (person_id, org_id, category, joined_on, confirmed_on, status_since, enterprise_id, employer_name, post, source)
      SELECT coalesce(s.person_id, np.id), s.org_id, s.category, s.joined_on, s.confirmed_on, ${c.today}::date, s.enterprise_id, s.employer_name, s.post, 'import'
      FROM ${t} s LEFT JOIN np ON s.person_id IS NULL AND np.id_number_index = s.id_index
      WHERE s.member_id IS NULL ORDER BY s.seq
      RETURNING id, org_id, category)
    INSERT INTO party_member_event (member_id, kind, at, data, actor_id)
    SELECT nm.id, 'created', ${c.today}::date,
      jsonb_build_object('source', 'import', 'importId', ${c.importId}::bigint, 'orgId', nm.org_id, 'category', nm.category),
      ${c.actorId}::bigint
    FROM nm`.execute(tx);
}

/** Changed memberships: the fields the file carries, version + 1, one 'updated' history row each. */
export async function updateMembers(tx: Executor, c: ApplyContext): Promise<void> {
  const t = T(c.importId);
  const p = c.present;
  await sql`UPDATE party_member m SET category = s.category,
      joined_on = ${p.joinedOn ? sql`s.joined_on` : sql`m.joined_on`},
      confirmed_on = ${p.confirmedOn ? sql`s.confirmed_on` : sql`CASE WHEN s.category = 'full' THEN m.confirmed_on END`},
      enterprise_id = ${p.employer ? sql`s.enterprise_id` : sql`m.enterprise_id`},
      employer_name = ${p.employer ? sql`s.employer_name` : sql`m.employer_name`},
      post = ${p.post ? sql`s.post` : sql`m.post`},
      version = m.version + 1, updated_at = now()
    FROM ${t} s WHERE s.member_id = m.id AND s.changes <> '{}'::jsonb`.execute(tx);
  await sql`INSERT INTO party_member_event (member_id, kind, at, data, actor_id)
    SELECT s.member_id, 'updated', ${c.today}::date,
      jsonb_build_object('source', 'import', 'importId', ${c.importId}::bigint, 'changes', s.changes || s.person_changes),
      ${c.actorId}::bigint
    FROM ${t} s WHERE s.member_id IS NOT NULL AND (s.changes <> '{}'::jsonb OR s.person_changes <> '{}'::jsonb)
    ORDER BY s.seq`.execute(tx);
}

/** Each organisation the file loads keeps its roster here from today (a later import keeps the first date). */
export async function markRosterSince(tx: Executor, c: ApplyContext): Promise<string[]> {
  const r = await sql<{ id: string }>`UPDATE party_org o SET roster_since = ${c.today}::date
    WHERE o.roster_since IS NULL AND o.id IN (SELECT DISTINCT org_id FROM ${T(c.importId)}) RETURNING o.id`.execute(tx);
  return r.rows.map((x) => String(x.id));
}

/**
 * Stage rows (seq, ascending) whose ID number or phone must be sealed — new people, changed phones —
 * and were not sealed by the reader (the roster changed between its lookup and this transaction).
 */
export async function rowsToSeal(tx: Executor, importId: string): Promise<Int32Array> {
  const r = await sql<{ seq: number }>`SELECT seq FROM ${T(importId)}
    WHERE NOT bad AND id_enc IS NULL AND (person_id IS NULL OR person_changes ? 'phone') ORDER BY seq`.execute(tx);
  return Int32Array.from(r.rows, (x) => x.seq);
}

export type SealedBatch = { seq: number[]; idIndex: string[]; idEnc: string[]; phoneEnc: Array<string | null> };

/** Stores sealed values; only rows whose ID number still has the staged index (the file did not change). */
export async function storeSealed(tx: Executor, importId: string, keyId: string, b: SealedBatch): Promise<number> {
  const r = await sql`UPDATE ${T(importId)} s SET id_enc = v.id_enc, phone_enc = v.phone_enc, key_id = ${keyId}
    FROM unnest(${b.seq}::int[], ${b.idIndex}::text[], ${b.idEnc}::text[], ${b.phoneEnc}::text[]) AS v(seq, id_index, id_enc, phone_enc)
    WHERE s.seq = v.seq AND s.id_index = v.id_index`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * What the written roster changed for the inbox (docs/inbox.md, "Refresh"): the organisations with a
 * member added or changed, or whose roster starts now (their counts switch from the typed numbers),
 * and the enterprises whose counted members moved — employers of added or changed members, the one a
 * member left, and every enterprise a newly started organisation covers. Run after the apply statements.
 */
export async function touchedSubjects(tx: Executor, importId: string, started: string[]): Promise<{ partyOrgIds: string[]; enterpriseIds: string[] }> {
  const t = T(importId);
  const touched = sql`NOT s.bad AND (s.member_id IS NULL OR s.changes <> '{}'::jsonb OR s.person_changes ? 'name')`;
  const orgs = await sql<{ id: string }>`SELECT DISTINCT s.org_id::text AS id FROM ${t} s WHERE ${touched}
    UNION SELECT unnest(${started}::bigint[])::text`.execute(tx);
  const enterprises = await sql<{ id: string }>`SELECT DISTINCT x.id::text AS id FROM (
      SELECT s.enterprise_id AS id FROM ${t} s WHERE ${touched} AND s.member_id IS NULL
      UNION ALL SELECT m.enterprise_id FROM ${t} s JOIN party_member m ON m.id = s.member_id WHERE ${touched}
      UNION ALL SELECT (s.changes -> 'enterpriseId' ->> 'from')::bigint FROM ${t} s WHERE NOT s.bad AND s.changes ? 'enterpriseId'
      UNION ALL SELECT c.enterprise_id FROM party_org_coverage c WHERE c.org_id = ANY(${started}::bigint[]) AND c.until IS NULL
    ) x WHERE x.id IS NOT NULL`.execute(tx);
  return { partyOrgIds: orgs.rows.map((r) => r.id), enterpriseIds: enterprises.rows.map((r) => r.id) };
}
