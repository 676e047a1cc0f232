import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Executor } from '../../db/schema.js';
import { enterpriseInScopeSql, ownedInScope, visibleInScope } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';
import { stageTable } from '../import/import-stage.repository.js';

/**
 * The staging side of a roster import: one UNLOGGED table per import, named like the enterprise
 * import's (import_stage_<id>) so a killed import's stage is dropped by the same recovery. Filled by
 * COPY with every row whose ID number is valid (by blind index: no clear personal data reaches the
 * database; the ciphertexts are added later for the rows that need them, member-seal.ts; a row that
 * failed another check comes in `bad`, so repeats of its number are still found), then resolved by a few set-based statements; each check that
 * needs the database writes its row errors with one INSERT … SELECT.
 */
export const MEMBER_STAGE_COLUMNS = [
  'seq', 'row_no', 'name', 'gender', 'birth_date', 'ethnicity', 'education', 'category', 'joined_on', 'confirmed_on',
  'org_name', 'post', 'employer', 'employer_code', 'id_index', 'phone_index', 'bad', 'employer_name',
  // Known only once the chunk is looked up (member-stage-writer.ts encodes the columns above while reading).
  'id_enc', 'phone_enc', 'key_id', 'org_id', 'org_count', 'org_region',
] as const;

const T = (importId: string) => sql.table(stageTable(importId));

export async function createMemberStage(db: Executor, importId: string): Promise<void> {
  await sql`CREATE UNLOGGED TABLE ${T(importId)} (
    seq integer NOT NULL, row_no integer NOT NULL, name text, gender text, birth_date date,
    ethnicity text, education text, category text, joined_on date, confirmed_on date, org_name text,
    post text, employer text, employer_code text, id_index text NOT NULL, id_enc text, phone_index text,
    phone_enc text, key_id text,
    org_id bigint, org_count integer, org_region text, person_id bigint, member_id bigint, current_org_id bigint,
    enterprise_id bigint, employer_name text, bad boolean NOT NULL,
    changes jsonb NOT NULL DEFAULT '{}'::jsonb, person_changes jsonb NOT NULL DEFAULT '{}'::jsonb
  )`.execute(db);
}

export async function copyIntoMemberStage(database: Database, importId: string, lines: string[]): Promise<void> {
  if (lines.length) await database.copyLines(stageTable(importId), [...MEMBER_STAGE_COLUMNS], lines);
}

/**
 * The phone index of each already registered person among these ID numbers' blind indexes (one
 * `= ANY` probe of person's unique index per chunk): the reader seals only the rows that will need
 * it — unregistered people and changed phones — while it reads (member-stage-writer.ts).
 */
export async function registeredPhones(db: Executor, idIndexes: string[]): Promise<Map<string, string | null>> {
  if (!idIndexes.length) return new Map();
  const r = await sql<{ i: string; p: string | null }>`SELECT id_number_index AS i, phone_index AS p FROM person
    WHERE id_number_index = ANY(${idIndexes}::text[])`.execute(db);
  return new Map(r.rows.map((x) => [x.i, x.p]));
}

/**
 * Statistics for the checks' plans. The stage gets no index: every check reads it whole (grouping
 * passes and hash joins), and building two indexes over a million rows cost more than all the
 * checks together; the rare paths that look rows up by seq index it themselves (stageSeqIndex).
 */
export async function analyseMemberStage(db: Executor, importId: string): Promise<void> {
  await sql`ANALYZE ${T(importId)}`.execute(db);
}

/** An index on seq, for the transaction's sealing fallback, which stores its values by seq in batches. */
export async function stageSeqIndex(db: Executor, importId: string): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS ${sql.id(`${stageTable(importId)}_seq`)} ON ${T(importId)} (seq)`.execute(db);
}

/**
 * Writes one row error per stage row matching `where`, and marks those rows bad: one statement, so
 * one scan of the stage (a roster without such rows pays only that scan, and rewrites nothing).
 */
async function rejectWhere(
  tx: Executor, importId: string, column: string, code: string, message: RawBuilder<string>, where: RawBuilder<SqlBool>,
): Promise<void> {
  await sql`WITH hit AS (UPDATE ${T(importId)} s SET bad = true WHERE ${where} RETURNING s.row_no, ${message} AS message)
    INSERT INTO import_row_error (import_id, row, "column", code, message)
    SELECT ${importId}::bigint, hit.row_no, ${column}, ${code}, hit.message FROM hit`.execute(tx);
}

/** What 所在党支部 names among the organisations the importer manages: how many, and the one when one. */
export type OrgMatch = { count: number; id: string | null; region: string | null };

const managedByName = (manage: Scope) => sql`SELECT o.name, min(o.id) AS id, count(*)::int AS n, min(o.region_code) AS region
  FROM party_org o WHERE o.status = 'active' AND ${ownedInScope(manage, 'org', 'o')}`;

/**
 * 所在党支部 by exact name among the active organisations the importer MANAGES (by their own place,
 * never through a link), for the reader: it stages each row with its organisation resolved (one
 * probe per chunk for the names it has not met yet), so the stage is not rewritten to resolve them.
 * A name without a match is absent from the answer.
 */
export async function managedOrgsByName(db: Executor, names: string[], manage: Scope): Promise<Map<string, OrgMatch>> {
  if (!names.length) return new Map();
  const r = await sql<{ name: string; id: string; n: number; region: string | null }>`${managedByName(manage)}
    AND o.name = ANY(${names}::text[]) GROUP BY o.name`.execute(db);
  return new Map(r.rows.map((x) => [x.name, { count: x.n, id: x.n === 1 ? String(x.id) : null, region: x.n === 1 ? x.region : null }]));
}

/**
 * 所在党支部, in the transaction: the reader's resolution is checked against the organisations as
 * they are now (one grouping pass over the stage, one probe per distinct name); should one have been
 * renamed, closed or added since, the stage is resolved again here. Unknown and outside the scope
 * read the same; ambiguity counts only managed organisations, so it reveals nothing either.
 */
export async function resolveOrgs(tx: Executor, importId: string, manage: Scope): Promise<void> {
  const t = T(importId);
  const m = sql`m AS (${managedByName(manage)} AND o.name IN (SELECT org_name FROM d) GROUP BY o.name)`;
  const stale = await sql<{ n: number }>`WITH d AS (SELECT org_name, org_id, org_count, org_region FROM ${t} WHERE org_name IS NOT NULL GROUP BY 1, 2, 3, 4), ${m}
    SELECT count(*)::int AS n FROM d LEFT JOIN m ON m.name = d.org_name
    WHERE m.n IS DISTINCT FROM d.org_count OR (CASE WHEN m.n = 1 THEN m.id END) IS DISTINCT FROM d.org_id
      OR (CASE WHEN m.n = 1 THEN m.region END) IS DISTINCT FROM d.org_region`.execute(tx);
  if (stale.rows[0]!.n > 0) {
    await sql`WITH d AS (SELECT DISTINCT org_name FROM ${t} WHERE org_name IS NOT NULL), ${m}
      UPDATE ${t} s SET org_count = m.n, org_id = CASE WHEN m.n = 1 THEN m.id END, org_region = CASE WHEN m.n = 1 THEN m.region END
      FROM d LEFT JOIN m ON m.name = d.org_name WHERE d.org_name = s.org_name`.execute(tx);
  }
  await rejectWhere(tx, importId, '所在党支部', 'ORG_UNKNOWN',
    sql<string>`'所在党支部“' || s.org_name || '”不存在或不在您的管理范围内（按全称查找，请核对名称）'`, sql<SqlBool>`s.org_count IS NULL AND s.org_name IS NOT NULL`);
  await rejectWhere(tx, importId, '所在党支部', 'ORG_AMBIGUOUS',
    sql<string>`'所在党支部“' || s.org_name || '”有 ' || s.org_count || ' 个同名党组织，无法确定是哪一个，请先在系统中区分名称'`, sql<SqlBool>`s.org_count > 1`);
}

/**
 * The same ID number on two or more rows: every such row is rejected, naming the others. The
 * repeated numbers are found first by one grouping pass; a roster without repeats (the usual case)
 * stops there, and one with repeats touches only their rows (through the stage's id_index index).
 */
export async function rejectRepeats(tx: Executor, importId: string): Promise<void> {
  const t = T(importId);
  const repeated = (await sql<{ i: string }>`SELECT id_index AS i FROM ${t} GROUP BY id_index HAVING count(*) > 1`.execute(tx)).rows.map((r) => r.i);
  if (!repeated.length) return;
  await sql`INSERT INTO import_row_error (import_id, row, "column", code, message)
    SELECT ${importId}::bigint, s.row_no, '公民身份号码', 'DUPLICATE_IN_FILE',
      '公民身份号码在文件中重复出现（另见第 ' || string_agg(o.row_no::text, '、' ORDER BY o.row_no) || ' 行）'
    FROM ${t} s JOIN ${t} o ON o.id_index = s.id_index AND o.seq <> s.seq
    WHERE s.id_index = ANY(${repeated}::text[])
    GROUP BY s.seq, s.row_no`.execute(tx);
  await sql`UPDATE ${t} s SET bad = true WHERE s.id_index = ANY(${repeated}::text[])`.execute(tx);
}

/**
 * The person by blind index, and their membership. A member of another organisation is refused:
 * one membership per person (a move is a transfer, not an import). The other organisation is named
 * only when the importer may see it; otherwise "已在其他党组织", so the refusal is no oracle.
 */
export async function resolvePeople(tx: Executor, importId: string, read: Scope): Promise<void> {
  const t = T(importId);
  // One pass over the stage for both (each UPDATE rewrites every row it touches).
  await sql`UPDATE ${t} s SET person_id = p.id, member_id = m.id, current_org_id = m.org_id
    FROM person p LEFT JOIN party_member m ON m.person_id = p.id WHERE p.id_number_index = s.id_index`.execute(tx);
  await rejectWhere(tx, importId, '公民身份号码', 'MEMBER_OF_OTHER_ORG',
    sql<string>`(SELECT CASE WHEN ${visibleInScope(read, 'org', 'o')}
        THEN '该党员的组织关系已在“' || o.name || '”，不能同时列入“' || s.org_name || '”；如已转出，请先办理组织关系转接'
        ELSE '该党员已在其他党组织，不能同时列入“' || s.org_name || '”；如已转入本支部，请由原党组织办理组织关系转接' END
      FROM party_org o WHERE o.id = s.current_org_id)`,
    sql<SqlBool>`s.current_org_id IS NOT NULL AND s.org_id IS NOT NULL AND s.current_org_id <> s.org_id`);
}

/**
 * 工作单位 → a ledger enterprise the importer sees: by credit code, or by a name only one such
 * enterprise has. Otherwise the text is kept as written: the reader stages every 工作单位 as
 * employer_name too, and a resolved row clears it, so only resolved rows are rewritten here.
 */
export async function resolveEmployers(tx: Executor, importId: string, enterprises: Scope): Promise<void> {
  const t = T(importId);
  const visible = enterpriseInScopeSql(enterprises, 'e');
  if (visible) {
    await sql`UPDATE ${t} s SET enterprise_id = e.id, employer_name = NULL FROM enterprise e
      WHERE s.employer_code IS NOT NULL AND e.credit_code = s.employer_code AND ${visible}`.execute(tx);
    await sql`WITH names AS (SELECT DISTINCT employer FROM ${t} WHERE employer IS NOT NULL AND enterprise_id IS NULL),
      m AS (SELECT e.name, min(e.id) AS id FROM enterprise e JOIN names ON names.employer = e.name WHERE ${visible}
            GROUP BY e.name HAVING count(*) = 1)
      UPDATE ${t} s SET enterprise_id = m.id, employer_name = NULL FROM m WHERE s.enterprise_id IS NULL AND m.name = s.employer`.execute(tx);
  }
}

/** Member columns the file carries (a column the file lacks leaves the stored value alone). */
export type PresentColumns = { post: boolean; employer: boolean; joinedOn: boolean; confirmedOn: boolean; ethnicity: boolean; education: boolean; phone: boolean };

const diff = (key: string, old: RawBuilder<unknown>, now: RawBuilder<unknown>, on: boolean, hide = false) => (on
  ? sql`CASE WHEN ${old} IS DISTINCT FROM ${now} THEN jsonb_build_object(${key}::text, ${hide ? sql`jsonb_build_object('changed', true)` : sql`jsonb_build_object('from', ${old}, 'to', ${now})`}) ELSE '{}'::jsonb END`
  : sql`'{}'::jsonb`);

/** For members already in the same organisation: which fields the file changes (history data). */
export async function computeChanges(tx: Executor, importId: string, present: PresentColumns): Promise<void> {
  const t = T(importId);
  const member = [
    diff('category', sql`m.category`, sql`s.category`, true),
    diff('joinedOn', sql`m.joined_on`, sql`s.joined_on`, present.joinedOn),
    diff('confirmedOn', sql`m.confirmed_on`, sql`s.confirmed_on`, present.confirmedOn),
    diff('enterpriseId', sql`m.enterprise_id`, sql`s.enterprise_id`, present.employer),
    diff('employerName', sql`m.employer_name`, sql`s.employer_name`, present.employer),
    diff('post', sql`m.post`, sql`s.post`, present.post),
  ];
  const person = [
    diff('name', sql`p.name`, sql`s.name`, true),
    diff('ethnicity', sql`p.ethnicity`, sql`s.ethnicity`, present.ethnicity),
    diff('education', sql`p.education`, sql`s.education`, present.education),
    // The phone is compared by its blind index and recorded without its value.
    diff('phone', sql`p.phone_index`, sql`s.phone_index`, present.phone, true),
  ];
  // Only rows that change are written: a re-imported roster is mostly unchanged, and both columns default to '{}'.
  await sql`UPDATE ${t} s SET changes = x.c, person_changes = x.pc
    FROM (SELECT s.seq, ${sql.join(member, sql` || `)} AS c, ${sql.join(person, sql` || `)} AS pc
          FROM ${t} s JOIN party_member m ON s.member_id = m.id JOIN person p ON p.id = s.person_id
          WHERE NOT s.bad AND s.current_org_id = s.org_id) x
    WHERE s.seq = x.seq AND (x.c <> '{}'::jsonb OR x.pc <> '{}'::jsonb)`.execute(tx);
}

export type StageCounts = { rows: number; bad: number; created: number; updated: number; unchanged: number; orgs: number };

export async function stageCounts(tx: Executor, importId: string): Promise<StageCounts> {
  const r = await sql<{ rows: number; bad: number; created: number; updated: number; orgs: number }>`SELECT
      count(*)::int AS rows, count(*) FILTER (WHERE bad)::int AS bad,
      count(*) FILTER (WHERE NOT bad AND member_id IS NULL)::int AS created,
      count(*) FILTER (WHERE NOT bad AND member_id IS NOT NULL AND (changes <> '{}'::jsonb OR person_changes <> '{}'::jsonb))::int AS updated,
      count(DISTINCT org_id) FILTER (WHERE NOT bad)::int AS orgs
    FROM ${T(importId)}`.execute(tx);
  const c = r.rows[0];
  return { ...c, unchanged: c.rows - c.bad - c.created - c.updated };
}
