import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Executor } from '../../db/schema.js';
import { visibleInScope } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';
import { stageTable } from '../import/import-stage.repository.js';

/**
 * The staging side of a union roster import, as the party-member roster's (member-stage.repository.ts,
 * docs/decisions/0002-bulk-import.md): one UNLOGGED table per import (import_stage_<id>, dropped by
 * the same recovery), filled by COPY with every row that passed its own checks — names, dates and
 * flags as checked, the ID number indexed and — for people not registered yet — sealed with the phone
 * (no clear personal data reaches the database) — then checked against itself and the database by a few set-based
 * statements, each writing its row errors with one INSERT … SELECT in the words the row-by-row
 * checks used (docs/unions.md, "会员实名制", "Import").
 */
export const UM_STAGE_COLUMNS = [
  'seq', 'row_no', 'name', 'gender', 'birth_date', 'id_index', 'id_enc', 'phone_index', 'phone_enc', 'key_id',
  'joined_on', 'card_number', 'employer', 'employer_code', 'dispatched', 'dispatch_employer', 'status',
] as const;

const T = (importId: string) => sql.table(stageTable(importId));

export async function createUmStage(db: Executor, importId: string): Promise<void> {
  await sql`CREATE UNLOGGED TABLE ${T(importId)} (
    seq integer NOT NULL, row_no integer NOT NULL, name text NOT NULL, gender text, birth_date date,
    id_index text NOT NULL, id_enc text, phone_index text, phone_enc text, key_id text,
    joined_on date, card_number text, employer text, employer_code text, dispatched boolean NOT NULL,
    dispatch_employer text, status text NOT NULL,
    person_id bigint, person_name text, live_member_id bigint, live_union_id bigint, member_id bigint,
    enterprise_id bigint, employer_name text, changes jsonb NOT NULL DEFAULT '{}'::jsonb
  )`.execute(db);
}

export async function copyIntoUmStage(database: Database, importId: string, lines: string[]): Promise<void> {
  if (lines.length) await database.copyLines(stageTable(importId), [...UM_STAGE_COLUMNS], lines);
  await sql`CREATE INDEX ON ${T(importId)} (id_index)`.execute(database.db);
  await sql`ANALYZE ${T(importId)}`.execute(database.db);
}

/** Which of these ID numbers (by blind index) are registered already: only the others are sealed for the stage. */
export async function registeredIndexes(db: Executor, indexes: string[]): Promise<Set<string>> {
  if (!indexes.length) return new Set();
  const r = await sql<{ i: string }>`SELECT id_number_index AS i FROM person WHERE id_number_index = ANY(${indexes}::text[])`.execute(db);
  return new Set(r.rows.map((x) => x.i));
}

/** One row error per stage row matching `where`. */
async function rejectWhere(tx: Executor, importId: string, column: string, code: string, message: RawBuilder<string>, where: RawBuilder<SqlBool>): Promise<void> {
  await sql`INSERT INTO import_row_error (import_id, row, "column", code, message)
    SELECT ${importId}::bigint, s.row_no, ${column}, ${code}, ${message} FROM ${T(importId)} s WHERE ${where} ORDER BY s.seq`.execute(tx);
}

/** The same ID number (by blind index) or 会员证号 on two or more rows: every such row, naming the others. */
export async function rejectRepeats(tx: Executor, importId: string, key: 'id_index' | 'card_number', column: string, what: string): Promise<void> {
  const t = T(importId);
  const k = sql.ref(key);
  await sql`INSERT INTO import_row_error (import_id, row, "column", code, message)
    SELECT ${importId}::bigint, s.row_no, ${column}, 'DUPLICATE_IN_FILE',
      ${what} || '在文件中重复出现（另见第 ' || string_agg(o.row_no::text, '、' ORDER BY o.row_no) || ' 行）'
    FROM ${t} s JOIN ${t} o ON o.${k} = s.${k} AND o.seq <> s.seq
    WHERE s.${k} IS NOT NULL GROUP BY s.seq, s.row_no ORDER BY s.seq`.execute(tx);
}

export type UmCheckContext = { importId: string; unionId: string; today: string; read: Scope | null; columns: { name: string; idNumber: string; cardNumber: string } };

/**
 * The person by blind index (a different 姓名 is refused), their live membership (another union's is
 * refused, that union named only when the importer sees it), this union's 会员证号 held by someone
 * else, and the 工作单位 as an enterprise the union covers today (by credit code, else by a name no two
 * covered enterprises share), else kept as written.
 */
export async function resolveUmStage(tx: Executor, c: UmCheckContext): Promise<void> {
  const t = T(c.importId);
  await sql`UPDATE ${t} s SET person_id = p.id, person_name = p.name FROM person p WHERE p.id_number_index = s.id_index`.execute(tx);
  await sql`UPDATE ${t} s SET live_member_id = m.id, live_union_id = m.union_id FROM union_member m
    WHERE s.person_id IS NOT NULL AND m.person_id = s.person_id AND m.status IN ('active', 'retained')`.execute(tx);
  await sql`UPDATE ${t} SET member_id = live_member_id WHERE live_union_id = ${c.unionId}::bigint`.execute(tx);
  await rejectWhere(tx, c.importId, c.columns.name, 'NAME_MISMATCH', sql<string>`'该公民身份号码已登记，登记的姓名与本行不一致，请核对'`,
    sql<SqlBool>`s.person_id IS NOT NULL AND s.person_name <> s.name`);
  const seen = c.read ? visibleInScope(c.read, 'union', 'u') : sql<boolean>`false`;
  await rejectWhere(tx, c.importId, c.columns.idNumber, 'ALREADY_MEMBER',
    sql<string>`(SELECT CASE WHEN coalesce(${seen}, false) THEN '该人员已是“' || u.name || '”的会员，一人只能有一个有效会籍；请由该工会办理转出'
        ELSE '该人员已在其他工会登记会籍，一人只能有一个有效会籍；请由原工会办理转出' END FROM union_org u WHERE u.id = s.live_union_id)`,
    sql<SqlBool>`s.live_union_id IS NOT NULL AND s.live_union_id <> ${c.unionId}::bigint`);
  await rejectWhere(tx, c.importId, c.columns.cardNumber, 'DUPLICATE_CARD', sql<string>`'会员证号“' || s.card_number || '”在本工会已被其他会员使用'`,
    sql<SqlBool>`s.card_number IS NOT NULL AND EXISTS (SELECT 1 FROM union_member x WHERE x.union_id = ${c.unionId}::bigint AND x.card_number = s.card_number
      AND x.status IN ('active', 'retained') AND x.person_id IS DISTINCT FROM s.person_id)`);
  await sql`WITH covered AS (
      SELECT e.id, e.name, e.credit_code FROM union_coverage cv JOIN enterprise e ON e.id = cv.enterprise_id
      WHERE cv.union_id = ${c.unionId}::bigint AND cv.since <= ${c.today}::date AND (cv.until IS NULL OR cv.until > ${c.today}::date)),
    named AS (SELECT name, min(id) AS id FROM covered GROUP BY name HAVING count(*) = 1)
    UPDATE ${t} s SET enterprise_id = coalesce((SELECT id FROM covered WHERE credit_code = s.employer_code LIMIT 1), (SELECT id FROM named WHERE named.name = s.employer))
    WHERE s.employer IS NOT NULL`.execute(tx);
  await sql`UPDATE ${t} SET employer_name = CASE WHEN enterprise_id IS NULL THEN employer END`.execute(tx);
}

/** Rows with a dispatched worker: whether their 工作单位 and a covered enterprise named like their 派遣单位 are covered. */
export async function dispatchedRows(tx: Executor, c: UmCheckContext): Promise<Array<{ row_no: number; employer_covered: boolean; agency_covered: boolean }>> {
  const r = await sql<{ row_no: number; employer_covered: boolean; agency_covered: boolean }>`
    SELECT s.row_no, s.enterprise_id IS NOT NULL AS employer_covered,
      (s.dispatch_employer IS NOT NULL AND EXISTS (SELECT 1 FROM union_coverage cv JOIN enterprise e ON e.id = cv.enterprise_id
        WHERE cv.union_id = ${c.unionId}::bigint AND cv.since <= ${c.today}::date AND (cv.until IS NULL OR cv.until > ${c.today}::date)
          AND e.name = s.dispatch_employer)) AS agency_covered
    FROM ${T(c.importId)} s WHERE s.dispatched ORDER BY s.seq`.execute(tx);
  return r.rows;
}

/** New and existing memberships of the file, for the answer. */
export async function umStageCounts(tx: Executor, importId: string): Promise<{ created: number; existing: number }> {
  const r = await sql<{ created: number; existing: number }>`SELECT count(*) FILTER (WHERE member_id IS NULL)::int AS created,
    count(*) FILTER (WHERE member_id IS NOT NULL)::int AS existing FROM ${T(importId)}`.execute(tx);
  return r.rows[0] ?? { created: 0, existing: 0 };
}
