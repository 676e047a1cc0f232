import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { TrainingAudience } from '../../domain/training.js';
import type { Actor } from '../access/actor.js';
import { personInScopeSql } from '../access/person-scope.js';

/**
 * The people an attendance form offers (docs/training.md): party members on a roster, secretaries in
 * post, instructors, 积极分子 and 发展对象 of open recruitment cases, union organisers — each with what
 * they are, limited to the people the reader sees. A course's audience narrows the list.
 */
const ROLES: Record<TrainingAudience | 'all', string[]> = {
  secretary: ['secretary'], instructor: ['instructor'], recruit: ['recruit'], unionOfficer: ['union'], member: ['member', 'secretary'],
  all: ['secretary', 'instructor', 'recruit', 'union', 'member'],
};

export type CandidateRow = { person_id: string; name: string; role: string; total: number };

export async function trainingCandidates(db: Executor, actor: Actor, audience: TrainingAudience | 'all', q: string | undefined, limit = 300): Promise<CandidateRow[]> {
  const kinds = ROLES[audience];
  const name = q ? sql`AND p.name LIKE ${`%${q.replace(/[%_\\]/g, (ch) => '\\' + ch)}%`}` : sql``;
  const r = await sql<CandidateRow>`
    SELECT p.id AS person_id, p.name, string_agg(DISTINCT r.role, '、') AS role, (count(*) OVER ())::int AS total
    FROM person p JOIN (
      SELECT op.person_id, 'secretary' AS kind, o.name || '书记' AS role FROM org_position op JOIN party_org o ON o.id = op.org_id
        WHERE op.position = 'secretary' AND op.until IS NULL
      UNION ALL SELECT person_id, 'instructor', '党建指导员' FROM instructor WHERE status = 'active'
      UNION ALL SELECT person_id, 'recruit', CASE stage WHEN 'activist' THEN '入党积极分子' ELSE '发展对象' END FROM recruitment_case WHERE stage IN ('activist', 'candidate')
      UNION ALL SELECT organiser_person_id, 'union', '工会组织员' FROM union_org WHERE organiser_person_id IS NOT NULL
      UNION ALL SELECT person_id, 'member', CASE category WHEN 'full' THEN '党员' ELSE '预备党员' END FROM party_member WHERE status NOT IN ('left', 'suspended')
    ) r ON r.person_id = p.id AND r.kind = ANY(${kinds}::text[])
    WHERE ${personInScopeSql(actor, 'read')} ${name}
    GROUP BY p.id, p.name ORDER BY p.name, p.id LIMIT ${limit}`.execute(db);
  return r.rows;
}

/** Which of these people the reader sees (the attendance form may only name them). */
export async function visiblePeople(db: Executor, actor: Actor, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('person as p').select('p.id').where('p.id', 'in', ids).where(personInScopeSql(actor, 'read')).execute();
  return new Set(rows.map((r) => r.id));
}
