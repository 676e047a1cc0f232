import { sql, type Insertable, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { ApprovalRequestTable, ApprovalStepTable } from '../../db/tables/approval.js';
import type { ApprovalKind, ApprovalState, LevelRole } from '../../domain/approval.js';
import { asColumn, ownedInScope, visibleInScope } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';
import { NEXT_VERSION } from '../../db/versioned.js';

/** SQL of approval requests and their steps (0053_approvals.sql). Every read of a request takes the reader's scope. */
export type RequestRow = Selectable<ApprovalRequestTable>;
export type RequestView = RequestRow & { org_name: string; org_region: string | null; requester_name: string; deputy_name: string | null; visible: boolean };
export type StepRow = Selectable<ApprovalStepTable>;

const base = (db: Executor, scope: Scope) => db.selectFrom('approval_request as r')
  .innerJoin('party_org as o', 'o.id', 'r.party_org_id')
  .innerJoin('app_user as u', 'u.id', 'r.requester_user_id')
  .leftJoin('app_user as d', 'd.id', 'r.deputy_user_id')
  .selectAll('r')
  .select(['o.name as org_name', 'o.region_code as org_region', 'u.display_name as requester_name', 'd.display_name as deputy_name'])
  .select(asColumn(visibleInScope(scope, 'org', 'o')).as('visible'));

/** A request the reader may open: its organisation is visible to `scope`, or the reader submitted it or is its deputy. */
export async function findRequest(db: Executor, scope: Scope, id: string, userId: string | null): Promise<RequestView | undefined> {
  return base(db, scope).where('r.id', '=', id)
    .where((eb) => eb.or([sql<SqlBool>`${visibleInScope(scope, 'org', 'o')}`, eb('r.requester_user_id', '=', userId ?? '0'), eb('r.deputy_user_id', '=', userId ?? '0')]))
    .executeTakeFirst() as Promise<RequestView | undefined>;
}

/** Whether the organisation lies in the scope by its own place (what deciding needs). */
export async function orgOwned(db: Executor, scope: Scope, orgId: string): Promise<boolean> {
  return !!(await db.selectFrom('party_org as o').select('o.id').where('o.id', '=', orgId).where(ownedInScope(scope, 'org', 'o')).executeTakeFirst());
}

/** The filter of "waiting for me": per level role I hold, the requests at that level whose organisation my role owns; and those delegated to me. */
export function pendingForSql(roleScopes: Array<{ role: LevelRole; scope: Scope }>, userId: string): RawBuilder<SqlBool> {
  const parts = roleScopes.map(({ role, scope }) =>
    sql<SqlBool>`(r.levels ->> r.current_level = ${role} AND ${ownedInScope(scope, 'org', 'o')})`);
  parts.push(sql<SqlBool>`(r.deputy_user_id = ${userId} AND r.deputy_until >= CURRENT_DATE)`);
  return sql<SqlBool>`(r.state = 'pending' AND r.requester_user_id <> ${userId} AND (${sql.join(parts, sql` OR `)}))`;
}

export type ListSpec = {
  where: RawBuilder<SqlBool>;
  state?: ApprovalState; kind?: ApprovalKind; subject?: { table: string; id: string };
};

function filtered(db: Executor, scope: Scope, s: ListSpec) {
  let q = base(db, scope).where(s.where);
  if (s.state) q = q.where('r.state', '=', s.state);
  if (s.kind) q = q.where('r.kind', '=', s.kind);
  if (s.subject) q = q.where('r.subject_table', '=', s.subject.table).where('r.subject_id', '=', s.subject.id);
  return q;
}

/** Newest first, keyset by id. */
export async function listRequests(db: Executor, scope: Scope, s: ListSpec, cursor: string | undefined, limit: number): Promise<RequestView[]> {
  let q = filtered(db, scope, s);
  if (cursor) q = q.where('r.id', '<', cursor);
  return q.orderBy('r.id', 'desc').limit(limit).execute() as Promise<RequestView[]>;
}

export async function countRequests(db: Executor, scope: Scope, s: ListSpec): Promise<number> {
  const r = await filtered(db, scope, s).clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function lockRequest(tx: Executor, id: string): Promise<RequestRow | undefined> {
  return tx.selectFrom('approval_request').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function openRequestOf(db: Executor, subjectTable: string, subjectId: string): Promise<RequestRow | undefined> {
  return db.selectFrom('approval_request').selectAll().where('subject_table', '=', subjectTable).where('subject_id', '=', subjectId)
    .where('state', 'in', ['pending', 'returned']).executeTakeFirst();
}

export async function insertRequest(tx: Executor, values: Insertable<ApprovalRequestTable>): Promise<RequestRow> {
  return tx.insertInto('approval_request').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Optimistic update at the version the writer read: undefined when another decision got there first. */
export async function updateRequest(tx: Executor, id: string, version: number, set: Partial<{
  current_level: number; state: ApprovalState; payload: string; deputy_user_id: string | null; deputy_until: string | null; decided_at: Date | null;
}>): Promise<RequestRow | undefined> {
  return tx.updateTable('approval_request').set({ ...set, ...NEXT_VERSION })
    .where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export async function insertStep(tx: Executor, s: Insertable<ApprovalStepTable>): Promise<void> {
  await tx.insertInto('approval_step').values(s).execute();
}

export async function stepsOf(db: Executor, requestId: string): Promise<StepRow[]> {
  // People read the decider's name, not their account name.
  return db.selectFrom('approval_step as s').leftJoin('app_user as u', 'u.id', 's.actor_user_id').selectAll('s')
    .select(sql<string>`coalesce(u.display_name, s.actor_name)`.as('actor_name')).where('s.request_id', '=', requestId).orderBy('s.id').execute();
}

export async function userName(db: Executor, id: string | null): Promise<string> {
  if (!id) return '系统';
  return (await db.selectFrom('app_user').select('display_name').where('id', '=', id).executeTakeFirst())?.display_name ?? '系统';
}

/** Active accounts holding `role` with a region grant that reaches the region code (the deputies a level may name). */
export async function roleHolders(db: Executor, role: LevelRole, regionCode: string | null): Promise<Array<{ id: string; name: string; grant: { all_regions: boolean; region_prefixes: string[] } }>> {
  const rows = await db.selectFrom('user_role as g').innerJoin('app_user as u', 'u.id', 'g.user_id')
    .select(['u.id', 'u.display_name as name', 'g.all_regions', 'g.region_prefixes'])
    .where('g.role', '=', role).where('u.disabled', '=', false)
    .where((eb) => eb.or([eb('g.all_regions', '=', true),
      sql<SqlBool>`EXISTS (SELECT 1 FROM unnest(g.region_prefixes) p WHERE ${regionCode ?? ''} LIKE p || '%')`]))
    .orderBy('u.id').limit(100).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, grant: { all_regions: r.all_regions, region_prefixes: r.region_prefixes } }));
}

/** The place of the organisation a request's record belongs to (the flow is the area's). */
export async function subjectOrgRegion(db: Executor, table: string, id: string): Promise<string | null> {
  // A declaration belongs to no organisation until it is confirmed: its flow is its enterprise's area's.
  if (table === 'member_declaration') {
    const d = await db.selectFrom('member_declaration as d').innerJoin('enterprise as e', 'e.id', 'd.enterprise_id').select('e.region_code').where('d.id', '=', id).executeTakeFirst();
    return d?.region_code ?? null;
  }
  const org = table === 'party_org' ? db.selectFrom('party_org as o').where('o.id', '=', id)
    : table === 'party_member' ? db.selectFrom('party_member as m').innerJoin('party_org as o', 'o.id', 'm.org_id').where('m.id', '=', id)
      : db.selectFrom('recruitment_case as c').innerJoin('party_org as o', 'o.id', 'c.org_id').where('c.id', '=', id);
  return (await org.select('o.region_code').executeTakeFirst())?.region_code ?? null;
}

export async function orgName(db: Executor, id: string): Promise<string | undefined> {
  return (await db.selectFrom('party_org').select('name').where('id', '=', id).executeTakeFirst())?.name;
}

/** A person's grants as the session would build them (a deputy is checked against their own roles). */
export async function grantsOf(db: Executor, userId: string) {
  const rows = await db.selectFrom('user_role as g').innerJoin('app_user as u', 'u.id', 'g.user_id')
    .select(['g.role', 'g.all_regions', 'g.region_prefixes', 'g.park_ids', 'g.association_ids', 'g.party_org_ids', 'g.enterprise_ids', 'u.display_name', 'u.disabled'])
    .where('g.user_id', '=', userId).execute();
  return rows.filter((r) => !r.disabled).map((r) => ({
    name: r.display_name,
    grant: { role: r.role, allRegions: r.all_regions, regionPrefixes: r.region_prefixes, parkIds: r.park_ids, associationIds: r.association_ids, partyOrgIds: r.party_org_ids, enterpriseIds: r.enterprise_ids },
  }));
}
