import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { RULE_KINDS } from '../../domain/task-kinds.js';
import { finding, inPages, type TaskFinder } from './task-finder-base.js';
import type { TaskFinding } from './task-findings.js';

/**
 * The placement finder (kind placement.pending, 待确认归属街道; docs/inbox.md): the 待认定属地 queue
 * counted by street in one grouped statement — a pending row placed down to a street counts for that
 * street; one placed only as far as the county (no street yet) counts for the district (the county's
 * code), whose officers place it. A row with no region at all has no district to ask and is left to
 * the queue page. The subject is the street itself: subject_table 'region', its 12-digit code.
 */
// The street (first 9 digits) when the code names one, else the county (first 6): 12 digits either way.
const STREET = sql<string>`CASE WHEN substr(e.region_code, 7, 3) <> '000' THEN rpad(substr(e.region_code, 1, 9), 12, '0') ELSE rpad(substr(e.region_code, 1, 6), 12, '0') END`;

async function pendingByStreet(db: Executor, where: RawBuilder<SqlBool>): Promise<TaskFinding[]> {
  const kind = RULE_KINDS.find((k) => k.id === 'placement.pending');
  if (!kind) return [];
  const r = await sql<{ code: string; n: number; name: string | null; level: number | null }>`
    SELECT q.code, q.n, r.name, r.level FROM (
      SELECT ${STREET} AS code, count(*)::int AS n FROM enterprise e
      WHERE e.placement = 'pending' AND e.region_code IS NOT NULL AND ${where} GROUP BY 1) q
    LEFT JOIN region r ON r.code = q.code
    WHERE q.code ~ '^[1-9][0-9]{11}$'
    ORDER BY q.code`.execute(db);
  return r.rows.map((x) => ({
    ...finding(kind, 'region', x.code, x.code, {}),
    label: (x.level !== null && x.level >= 4
      ? `${x.name}：${x.n}家企业的归属街道待确认`
      : `${x.name ?? '本区'}：${x.n}家企业尚未落到街道，待确认归属`).slice(0, 200),
  }));
}

export const PLACEMENT_FINDER: TaskFinder = {
  subjectTable: 'region', anchor: 'region', idsKey: 'regionCodes', feeds: (k) => k.id === 'placement.pending',
  full: (db, regionPrefix, _date) => pendingByStreet(db, regionPrefix ? sql<SqlBool>`e.region_code LIKE ${`${regionPrefix}%`}` : sql<SqlBool>`TRUE`),
  // The named streets (or districts): their pending rows, counted as above.
  byIds: (db, codes, _date) => inPages(codes, async (part) => {
    const named = new Set(part);
    const prefixes = [...new Set(part.map((c) => (c.slice(6, 9) === '000' ? c.slice(0, 6) : c.slice(0, 9))))];
    const where = sql<SqlBool>`(${sql.join(prefixes.map((p) => sql<SqlBool>`e.region_code LIKE ${`${p}%`}`), sql` OR `)})`;
    return (await pendingByStreet(db, where)).filter((f) => named.has(f.subjectId));
  }),
};

/** The street (or, with no street, the district) a region code counts under for this kind. */
export const placementStreetOf = (code: string | null | undefined): string | null => {
  if (!code || !/^[1-9]\d{11}$/.test(code)) return null;
  return code.slice(6, 9) !== '000' ? code.slice(0, 9).padEnd(12, '0') : code.slice(0, 6).padEnd(12, '0');
};
