import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';

/**
 * The facts the demo's 审批 step reads (src/core/demo/steps/approvals.step.ts). The demo runs as the
 * system: no scope applies. Every write goes through the modules' own services, never here.
 */
export type DemoBranch = {
  id: string; name: string; community: string; communityName: string;
  committeeId: string; committeeName: string; street: string; streetName: string;
};

/**
 * Per street, a community holding two or more branches of the street's 综合党委 with at least three
 * full members on the roll (a mentor and two sponsors) and a secretary (who talks with the applicant):
 * the streets in code order, the branches in id order — the same streets and branches on every run.
 */
export async function demoBranches(db: Executor, countyCode: string): Promise<DemoBranch[]> {
  const r = await sql<DemoBranch>`
    WITH b AS (
      SELECT b.id::text AS id, b.name, b.region_code AS community, k.name AS "communityName", c.id::text AS "committeeId", c.name AS "committeeName",
             left(b.region_code, 9) AS street, s.name AS "streetName",
             count(*) OVER (PARTITION BY b.region_code) AS n
      FROM party_org b
      JOIN party_org c ON c.id = b.parent_id AND c.org_type = 'committee' AND c.status = 'active'
      JOIN region k ON k.code = b.region_code
      JOIN region s ON s.code = left(b.region_code, 9) || '000'
      WHERE b.status = 'active' AND b.org_type = 'branch' AND b.region_code LIKE ${`${countyCode}%`} AND right(b.region_code, 3) <> '000'
        AND c.region_code = left(b.region_code, 9) || '000'
        AND (SELECT count(*) FROM party_member m WHERE m.org_id = b.id AND m.category = 'full' AND m.status = 'normal') >= 3
        AND EXISTS (SELECT 1 FROM org_position op WHERE op.org_id = b.id AND op.position = 'secretary' AND op.until IS NULL)
    )
    SELECT id, name, community, "communityName", "committeeId", "committeeName", street, "streetName" FROM b WHERE n >= 2
    ORDER BY street, community, id::bigint`.execute(db);
  return r.rows;
}

/** The first full members on a branch's roll, for the case's 培养联系人 and 入党介绍人. */
export async function fullMembersOf(db: Executor, orgId: string, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('party_member').select('id').where('org_id', '=', orgId).where('category', '=', 'full')
    .where('status', '=', 'normal').orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

export async function fullMemberCount(db: Executor, orgId: string): Promise<number> {
  const r = await db.selectFrom('party_member').select(db.fn.countAll<string>().as('n')).where('org_id', '=', orgId)
    .where('category', '=', 'full').where('status', '=', 'normal').executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The applicant's case in the branch, found by name (the demo's applicants have names no roll member has). */
export async function caseByName(db: Executor, orgId: string, name: string): Promise<{ id: string; stage: string; version: number } | undefined> {
  return db.selectFrom('recruitment_case as c').innerJoin('person as p', 'p.id', 'c.person_id')
    .select(['c.id', 'c.stage', 'c.version']).where('c.org_id', '=', orgId).where('p.name', '=', name).orderBy('c.id').executeTakeFirst();
}

/** Whether a request of this kind was ever made about the record (pending, returned, done or withdrawn). */
export async function anyRequest(db: Executor, kind: string, subjectId: string): Promise<boolean> {
  return !!(await db.selectFrom('approval_request').select('id').where('kind', '=', kind).where('subject_id', '=', subjectId).executeTakeFirst());
}

export async function userIdOf(db: Executor, username: string): Promise<string | undefined> {
  return (await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst())?.id;
}

export async function regionName(db: Executor, code: string): Promise<string | undefined> {
  return (await db.selectFrom('region').select('name').where('code', '=', code).executeTakeFirst())?.name;
}



/** Whether an organisation of that name already stands (a 成立 request must name a new one). */
export async function orgNamed(db: Executor, name: string): Promise<boolean> {
  return !!(await db.selectFrom('party_org').select('id').where('name', '=', name).executeTakeFirst());
}

/** The branch's secretary today, who talks with the applicant. */
export async function secretaryName(db: Executor, orgId: string): Promise<string | undefined> {
  return (await db.selectFrom('org_position as op').innerJoin('person as p', 'p.id', 'op.person_id').select('p.name')
    .where('op.org_id', '=', orgId).where('op.position', '=', 'secretary').where('op.until', 'is', null).orderBy('op.id').executeTakeFirst())?.name;
}


/** An enterprise the branch covers today (where the demo's declarer works). */
export async function coveredEnterprise(db: Executor, orgId: string): Promise<string | undefined> {
  return (await db.selectFrom('party_org_coverage').select('enterprise_id').where('org_id', '=', orgId).where('until', 'is', null)
    .orderBy('enterprise_id').executeTakeFirst())?.enterprise_id;
}

/** The declaration of that name at the enterprise, whatever its status since. */
export async function declarationByName(db: Executor, enterpriseId: string, name: string): Promise<{ id: string; version: number } | undefined> {
  return db.selectFrom('member_declaration').select(['id', 'version']).where('enterprise_id', '=', enterpriseId).where('name', '=', name)
    .orderBy('id').executeTakeFirst();
}

/** A record's version as the next write must carry it (each demo write reads it just before). */
export async function versionOf(db: Executor, table: 'party_org' | 'approval_request' | 'recruitment_case' | 'member_declaration', id: string): Promise<number> {
  return (await db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
}
