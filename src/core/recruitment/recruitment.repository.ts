import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { RecruitmentListFilter } from '../../contracts/recruitment.js';
import type { Executor } from '../../db/schema.js';
import type { RecruitmentCaseTable } from '../../db/tables/recruitment.js';
import type { CaseStage, RecruitmentRole } from '../../domain/recruitment.js';
import { asColumn, ownedInScope, visibleInScope } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';
import { NEXT_VERSION } from '../../db/versioned.js';

/** SQL for recruitment cases, their people and history. Every read takes the reader's Scope (recruitment.access.ts). */
export type CaseRow = Selectable<RecruitmentCaseTable>;
export type CaseInsert = Insertable<RecruitmentCaseTable>;
export type CaseUpdateSet = Updateable<RecruitmentCaseTable>;
/** A case as one reader sees it, with the names a screen shows and what the rules need. */
export type CaseView = CaseRow & {
  name: string; gender: 'male' | 'female' | null; id_number_enc: string | null; birth_date: string | null;
  org_name: string; org_region: string | null; approver_org_name: string | null; owned: boolean;
  /** The person's sessions of 入党积极分子和发展对象 courses (docs/training.md): the 学时 the training check reads. */
  recorded_training: Array<{ on: string; hours: number }>;
};
export type CasePersonRow = {
  case_id: string; role: RecruitmentRole; position: number; member_id: string | null; name: string;
  category: 'full' | 'probationary' | null; joined_on: string | null; confirmed_on: string | null; status: string | null;
};

const OPEN: CaseStage[] = ['applicant', 'activist', 'candidate', 'probationary'];

const viewOf = (db: Executor, scope: Scope) => db.selectFrom('recruitment_case as c')
  .innerJoin('person as p', 'p.id', 'c.person_id')
  .innerJoin('party_org as o', 'o.id', 'c.org_id')
  .leftJoin('party_org as ap', 'ap.id', 'c.approver_org_id')
  .selectAll('c')
  .select(['p.name', 'p.gender', 'p.id_number_enc', 'p.birth_date', 'o.name as org_name', 'o.region_code as org_region', 'ap.name as approver_org_name'])
  .select(asColumn(ownedInScope(scope, 'org', 'o')).as('owned'))
  .select(sql<Array<{ on: string; hours: number }>>`(SELECT coalesce(json_agg(json_build_object('on', ts.held_on::text, 'hours', ta.hours) ORDER BY ts.held_on), '[]'::json)
    FROM training_attendance ta JOIN training_session ts ON ts.id = ta.session_id JOIN training_course tc ON tc.id = ts.course_id
    WHERE ta.person_id = c.person_id AND tc.audience = 'recruit')`.as('recorded_training'));

/** One case: as the scope may see it (its organisation visible, links included), or only when owned by its own place. */
export async function findCase(db: Executor, scope: Scope, id: string, mode: 'owned' | 'visible' = 'visible'): Promise<CaseView | undefined> {
  const where = mode === 'owned' ? ownedInScope(scope, 'org', 'o') : visibleInScope(scope, 'org', 'o');
  return viewOf(db, scope).where('c.id', '=', id).where(where).executeTakeFirst() as Promise<CaseView | undefined>;
}

function filtered(db: Executor, scope: Scope, f: RecruitmentListFilter, byStage: boolean) {
  let q = viewOf(db, scope).where(visibleInScope(scope, 'org', 'o'));
  if (f.orgId) q = q.where('c.org_id', '=', f.orgId);
  if (f.personId) q = q.where('c.person_id', '=', f.personId);
  if (f.q) q = q.where('p.name', 'like', `%${f.q.replace(/[%_\\]/g, (ch) => '\\' + ch)}%`);
  if (byStage && f.stage) q = q.where('c.stage', '=', f.stage);
  else if (byStage && !f.personId) q = q.where('c.stage', 'in', OPEN);
  return q;
}

/** A keyset page by id (after `cursor`), `limit` rows. */
export async function listCases(db: Executor, scope: Scope, f: RecruitmentListFilter, cursor: string | undefined, limit: number): Promise<CaseView[]> {
  let q = filtered(db, scope, f, true);
  if (cursor) q = q.where('c.id', '>', cursor);
  return q.orderBy('c.id').limit(limit).execute() as Promise<CaseView[]>;
}

export async function countCases(db: Executor, scope: Scope, f: RecruitmentListFilter): Promise<number> {
  const r = await filtered(db, scope, f, true).clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Cases per stage under the organisation and name filters. */
export async function countByStage(db: Executor, scope: Scope, f: RecruitmentListFilter): Promise<Map<CaseStage, number>> {
  const rows = await filtered(db, scope, f, false).clearSelect().select(['c.stage', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('c.stage').execute();
  return new Map(rows.map((r) => [r.stage as CaseStage, Number(r.n)]));
}

/** The open cases held by organisations the scope owns (the findings list). */
export async function ownedOpenCases(db: Executor, scope: Scope, orgId: string | undefined, limit: number): Promise<CaseView[]> {
  let q = viewOf(db, scope).where(ownedInScope(scope, 'org', 'o')).where('c.stage', 'in', OPEN);
  if (orgId) q = q.where('c.org_id', '=', orgId);
  return q.orderBy('c.id').limit(limit).execute() as Promise<CaseView[]>;
}

/** A keyset page of the open cases the scope sees (the work list): by id after `afterId`, under a region prefix of the holding organisation. */
export async function openCasePage(db: Executor, scope: Scope, f: { regionPrefix?: string; afterId?: string; limit: number }): Promise<CaseView[]> {
  let q = viewOf(db, scope).where(visibleInScope(scope, 'org', 'o')).where('c.stage', 'in', OPEN);
  if (f.regionPrefix) q = q.where('o.region_code', 'like', `${f.regionPrefix}%`);
  if (f.afterId) q = q.where('c.id', '>', f.afterId);
  return q.orderBy('c.id').limit(f.limit).execute() as Promise<CaseView[]>;
}

export async function casePeople(db: Executor, caseIds: string[]): Promise<CasePersonRow[]> {
  if (!caseIds.length) return [];
  return db.selectFrom('recruitment_person as rp').leftJoin('party_member as m', 'm.id', 'rp.member_id')
    .select(['rp.case_id', 'rp.role', 'rp.position', 'rp.member_id', 'rp.name', 'm.category', 'm.joined_on', 'm.confirmed_on', 'm.status'])
    .where('rp.case_id', 'in', caseIds).orderBy('rp.case_id').orderBy('rp.role').orderBy('rp.position').execute() as Promise<CasePersonRow[]>;
}

export async function lockCase(tx: Executor, id: string): Promise<CaseRow | undefined> {
  return tx.selectFrom('recruitment_case').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The open case that created a membership, locked (a transfer of that member moves it). */
export async function lockOpenCaseOfMember(tx: Executor, memberId: string): Promise<CaseRow | undefined> {
  return tx.selectFrom('recruitment_case').selectAll().where('member_id', '=', memberId).where('stage', 'in', OPEN).forUpdate().executeTakeFirst();
}

export async function findOpenCaseOfPerson(db: Executor, personId: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('recruitment_case').select('id').where('person_id', '=', personId).where('stage', 'in', OPEN).executeTakeFirst();
}

export async function insertCase(tx: Executor, values: CaseInsert): Promise<CaseRow> {
  return tx.insertInto('recruitment_case').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Optimistic update: undefined when the stored version moved on. */
export async function updateCase(tx: Executor, id: string, version: number, set: CaseUpdateSet): Promise<CaseRow | undefined> {
  return tx.updateTable('recruitment_case')
    .set({ ...set, ...NEXT_VERSION })
    .where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export async function replacePeople(tx: Executor, caseId: string, role: RecruitmentRole, people: Array<{ memberId: string; name: string }>): Promise<void> {
  await tx.deleteFrom('recruitment_person').where('case_id', '=', caseId).where('role', '=', role).execute();
  if (!people.length) return;
  await tx.insertInto('recruitment_person').values(people.map((p, i) => ({ case_id: caseId, role, position: i + 1, member_id: p.memberId, name: p.name }))).execute();
}

export async function insertCaseEvent(tx: Executor, e: { caseId: string; kind: string; at: string; data: Record<string, unknown>; actorId: string | null }): Promise<void> {
  await tx.insertInto('recruitment_event').values({ case_id: e.caseId, kind: e.kind, at: e.at, data: JSON.stringify(e.data), actor_id: e.actorId }).execute();
}

export async function caseEvents(db: Executor, caseId: string, limit = 200) {
  return db.selectFrom('recruitment_event').selectAll().where('case_id', '=', caseId).orderBy('id', 'desc').limit(limit).execute();
}
