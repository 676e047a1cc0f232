import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';

/** SQL of 党组织合并 (org-merger.service.ts): what stands in the way, and what follows the members. */

/** Letters still waiting (issued, within their validity) from or to the organisation, with the member's name. */
export async function lettersInFlight(db: Executor, orgId: string, today: string): Promise<Array<{ name: string; outgoing: boolean }>> {
  const rows = await db.selectFrom('member_transfer as t').innerJoin('party_member as m', 'm.id', 't.member_id').innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['p.name', sql<boolean>`t.from_org_id = ${orgId}`.as('outgoing')])
    .where('t.status', '=', 'issued').where((eb) => eb.or([eb('t.valid_until', 'is', null), eb('t.valid_until', '>=', today)]))
    .where((eb) => eb.or([eb('t.from_org_id', '=', orgId), eb('t.to_org_id', '=', orgId)]))
    .orderBy('t.id').execute();
  return rows.map((r) => ({ name: r.name, outgoing: !!r.outgoing }));
}

/**
 * Requests under way (审批中 or 退回) anchored on the organisation — a case's step, a member's letter,
 * a sub-organisation's setup — other than the merger's own. Their deciders are the organisation's
 * owners; moving the record under them would leave the request hanging on a dissolved organisation.
 */
export async function requestsUnderWay(db: Executor, orgId: string): Promise<Array<{ kind: string; label: string }>> {
  return db.selectFrom('approval_request').select(['kind', 'subject_label as label'])
    .where('party_org_id', '=', orgId).where('state', 'in', ['pending', 'returned'])
    .where((eb) => eb.not(eb.and([eb('kind', '=', 'org.merger'), eb('subject_table', '=', 'party_org'), eb('subject_id', '=', orgId)])))
    .orderBy('id').execute();
}

/** A request under way about the organisation itself that would change it (撤销 or 合并 elsewhere). */
export async function endingRequestOf(db: Executor, orgId: string): Promise<{ kind: string } | undefined> {
  return db.selectFrom('approval_request').select('kind').where('subject_table', '=', 'party_org').where('subject_id', '=', orgId)
    .where('kind', 'in', ['org.dissolution', 'org.merger']).where('state', 'in', ['pending', 'returned']).executeTakeFirst();
}

export async function liveGroups(db: Executor, orgId: string): Promise<Array<{ id: string; name: string }>> {
  return db.selectFrom('party_group').select(['id', 'name']).where('org_id', '=', orgId).where('dissolved_on', 'is', null).orderBy('id').forUpdate().execute();
}

/** The names among `names` that a live group of the organisation already bears. */
export async function groupNamesTaken(db: Executor, orgId: string, names: string[]): Promise<string[]> {
  if (!names.length) return [];
  const rows = await db.selectFrom('party_group').select('name').where('org_id', '=', orgId).where('dissolved_on', 'is', null).where('name', 'in', names).execute();
  return rows.map((r) => r.name);
}

/** Each member's group, read before the move clears it (the 0036 trigger frees a member who changes organisation). */
export async function groupOfMembers(db: Executor, orgId: string): Promise<Array<{ id: string; group_id: string }>> {
  const rows = await db.selectFrom('party_member').select(['id', 'group_id']).where('org_id', '=', orgId).where('group_id', 'is not', null).execute();
  return rows.map((r) => ({ id: r.id, group_id: r.group_id! }));
}

/** The groups change organisation (the leader moved with them), and their members are put back in them. */
export async function moveGroups(tx: Executor, groupIds: string[], toOrgId: string, members: Array<{ id: string; group_id: string }>): Promise<void> {
  if (!groupIds.length) return;
  await tx.updateTable('party_group').set({ org_id: toOrgId, version: sql`version + 1` }).where('id', 'in', groupIds).execute();
  // Setting group_id alone does not fire the trigger (it watches org_id and status).
  for (const m of members) await tx.updateTable('party_member').set({ group_id: m.group_id }).where('id', '=', m.id).where('org_id', '=', toOrgId).execute();
}

export async function activeChildren(db: Executor, orgId: string): Promise<Array<{ id: string; path: string; name: string }>> {
  return db.selectFrom('party_org').select(['id', 'path', 'name']).where('parent_id', '=', orgId).where('status', '=', 'active').orderBy('id').forUpdate().execute();
}

/** Open cases still held by the organisation once its members have moved (applicants, activists, candidates). */
export async function openCaseIds(db: Executor, orgId: string): Promise<string[]> {
  const rows = await db.selectFrom('recruitment_case').select('id').where('org_id', '=', orgId)
    .where('stage', 'in', ['applicant', 'activist', 'candidate', 'probationary']).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Open coverage of the organisation, with whether the receiver already covers the same enterprise. */
export async function openCoverage(db: Executor, orgId: string, intoId: string): Promise<Array<{ enterprise_id: string; enterprise_name: string; mode: string; covered: boolean }>> {
  return db.selectFrom('party_org_coverage as c').innerJoin('enterprise as e', 'e.id', 'c.enterprise_id')
    .select(['c.enterprise_id', 'e.name as enterprise_name', 'c.mode'])
    .select(sql<boolean>`EXISTS (SELECT 1 FROM party_org_coverage b WHERE b.org_id = ${intoId} AND b.enterprise_id = c.enterprise_id AND b.until IS NULL)`.as('covered'))
    .where('c.org_id', '=', orgId).where('c.until', 'is', null).orderBy('c.id').execute();
}

/** 流动党员 attending the merged organisation (as their 流动党员党支部) attend the receiver from now on. */
export async function moveMobileMembers(tx: Executor, fromId: string, toId: string): Promise<number> {
  const r = await tx.updateTable('party_member').set({ mobile_org_id: toId, version: sql`version + 1` }).where('mobile_org_id', '=', fromId).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
