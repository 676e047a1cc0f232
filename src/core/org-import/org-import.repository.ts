import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { InstructorKind, PositionKind } from '../../db/tables/organisation.js';

/** Runs `fn` inside a savepoint: a row that fails rolls back alone, the batch's transaction lives on. */
export async function withSavepoint<T>(tx: Executor, fn: () => Promise<T>): Promise<T> {
  await sql`SAVEPOINT org_import_row`.execute(tx);
  try {
    const out = await fn();
    await sql`RELEASE SAVEPOINT org_import_row`.execute(tx);
    return out;
  } catch (err) {
    await sql`ROLLBACK TO SAVEPOINT org_import_row`.execute(tx);
    throw err;
  }
}

export async function enterpriseIdsByCreditCode(db: Executor, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db.selectFrom('enterprise').select(['id', 'credit_code']).where('credit_code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.credit_code, r.id]));
}

export const openOrgCoverage = (db: Executor, orgId: string, enterpriseId: string) =>
  db.selectFrom('party_org_coverage').select('id').where('org_id', '=', orgId).where('enterprise_id', '=', enterpriseId).where('until', 'is', null).executeTakeFirst();

export const openUnionCoverage = (db: Executor, unionId: string, enterpriseId: string) =>
  db.selectFrom('union_coverage').select('id').where('union_id', '=', unionId).where('enterprise_id', '=', enterpriseId).where('until', 'is', null).executeTakeFirst();

export const findPositionByKey = (db: Executor, k: { orgId: string; personId: string; position: PositionKind; since: string }) =>
  db.selectFrom('org_position').select(['id', 'until']).where('org_id', '=', k.orgId).where('person_id', '=', k.personId)
    .where('position', '=', k.position).where('since', '=', k.since).executeTakeFirst();

export const findInstructorId = (db: Executor, personId: string, kind: InstructorKind) =>
  db.selectFrom('instructor').select('id').where('person_id', '=', personId).where('kind', '=', kind).executeTakeFirst();

export const findAssignmentByKey = (db: Executor, k: { instructorId: string; enterpriseId: string; since: string }) =>
  db.selectFrom('instructor_assignment').select(['id', 'until']).where('instructor_id', '=', k.instructorId)
    .where('enterprise_id', '=', k.enterpriseId).where('since', '=', k.since).executeTakeFirst();

/** Which of these region codes the dictionary holds. */
export async function existingRegions(db: Executor, codes: string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const rows = await db.selectFrom('region').select('code').where('code', 'in', [...new Set(codes)]).execute();
  return new Set(rows.map((r) => r.code));
}

/** Organisations named so (or with that code), optionally within a region: for references in files. */
export async function findOrgsByRef(db: Executor, ref: string, regionCode: string | null) {
  let q = db.selectFrom('party_org').select(['id', 'name', 'region_code']).where((eb) => eb.or([eb('code', '=', ref), eb('name', '=', ref)]));
  if (regionCode) q = q.where('region_code', '=', regionCode);
  return q.limit(3).execute();
}
