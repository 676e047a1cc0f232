import type { Db, Executor } from '../../db/schema.js';
import { partialLinks } from '../access/partial-view.js';
import type { IntervalEnd } from '../../contracts/party-org.js';
import type { Assignment, AssignmentAdd, Instructor, InstructorCreate, InstructorDetail, InstructorListQuery, InstructorPage, InstructorUpdate, Visit, VisitAdd } from '../../contracts/instructor.js';
import { AppError, notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { regionInScope, type Scope } from '../access/scope.js';
import { canManage, enterpriseOutOfScope, requireManaged } from '../access/managed.js';
import { requireVisiblePerson } from '../person/person.access.js';
import { requireAction } from '../access/require.js';
import { assertReferencesExist } from '../references/references.js';
import { recordAudit } from '../audit/audit.service.js';
import { refreshTasksFor } from '../task/task-refresh-for.service.js';
import { checkVisit, writeVisit } from '../fieldwork/fieldwork.service.js';
import {
  findAssignment, findInstructor, findInstructorByPerson, findLaterAssignment, findOpenAssignment, findVisibleEnterprise, insertAssignment,
  countInstructors, insertInstructor, listAssignments, countVisitsOutside, listInstructorRows, listVisits, lockInstructor, setAssignmentUntil,
  updateInstructorRow, type InstructorRow,
} from './instructor.repository.js';

export const toInstructor = (r: InstructorRow): Instructor => ({
  id: r.id, personId: r.person_id, personName: r.person_name, kind: r.kind, regionCode: r.region_code, status: r.status, version: r.version,
  access: r.owned === false ? 'partial' : 'full',
});

const LABEL = '指导员（联络员）';
const finder = (db: Executor, id: string) => (scope: Scope, mode: 'owned' | 'visible') =>
  (/^\d{1,18}$/.test(id) ? findInstructor(db, scope, id, mode) : Promise.resolve(undefined));

/** Read: seen wholly (own region) or through an assignment. Manage: by its own region only, else 403 / 404. */
async function openInstructor(tx: Executor, actor: Actor, id: string, action: 'instructor.read' | 'instructor.manage') {
  if (action === 'instructor.manage') return requireManaged(actor, 'instructor.manage', 'instructor.read', LABEL, finder(tx, id));
  const scope = requireAction(actor, action);
  const row = await finder(tx, id)(scope, 'visible');
  if (!row) throw notFound(LABEL);
  return { row, scope };
}

export async function createInstructor(db: Db, actor: Actor, input: InstructorCreate): Promise<Instructor> {
  return db.transaction().execute((tx) => createInstructorIn(tx, actor, input));
}

/** `personByIdNumber`: as for appointments, an import row that names the person by full ID number. */
export async function createInstructorIn(tx: Executor, actor: Actor, input: InstructorCreate, opts: { personByIdNumber?: boolean } = {}): Promise<Instructor> {
  if (!regionInScope(requireAction(actor, 'instructor.manage'), input.regionCode ?? null)) {
    throw new AppError('FORBIDDEN', '无权在该区划选派指导员', [{ field: 'regionCode', code: 'OUT_OF_SCOPE', message: '区划不在您的管理范围内' }]);
  }
  await assertReferencesExist(tx, { regionCode: input.regionCode });
  if (!opts.personByIdNumber) await requireVisiblePerson(tx, actor, input.personId, 'personId');
  if (await findInstructorByPerson(tx, input.personId, input.kind)) throw new AppError('CONFLICT', '此人已登记为该类指导员（联络员）', [{ field: 'personId', code: 'DUPLICATE', message: '此人已登记为该类指导员（联络员）' }]);
  const id = await insertInstructor(tx, { personId: input.personId, kind: input.kind, regionCode: input.regionCode ?? null });
  const out = toInstructor((await findInstructorByPerson(tx, input.personId, input.kind))!);
  await recordAudit(tx, actor, { action: 'instructor.create', entity: 'instructor', entityId: id, after: out });
  return out;
}

export async function updateInstructor(db: Db, actor: Actor, id: string, input: InstructorUpdate): Promise<Instructor> {
  return db.transaction().execute(async (tx) => {
    const { row, scope } = await openInstructor(tx, actor, id, 'instructor.manage');
    if (input.version !== row.version) throw new AppError('VERSION_CONFLICT', '该记录已被他人修改，请刷新后重试');
    if (input.regionCode !== undefined && !regionInScope(scope, input.regionCode)) {
      throw new AppError('FORBIDDEN', '无权调整到该区划', [{ field: 'regionCode', code: 'OUT_OF_SCOPE', message: '区划不在您的管理范围内' }]);
    }
    await assertReferencesExist(tx, { regionCode: input.regionCode });
    const set = { ...(input.regionCode !== undefined ? { region_code: input.regionCode } : {}), ...(input.status ? { status: input.status } : {}) };
    if (!(await updateInstructorRow(tx, id, input.version, set))) throw new AppError('VERSION_CONFLICT', '该记录已被他人修改，请刷新后重试');
    const after = toInstructor((await findInstructorByPerson(tx, row.person_id, row.kind))!);
    await recordAudit(tx, actor, { action: 'instructor.update', entity: 'instructor', entityId: id, before: toInstructor(row), after });
    return after;
  });
}

/** Assigns the instructor to an enterprise from `since`: work coverage (工作覆盖) from that day. */
export async function assignInstructor(db: Db, actor: Actor, id: string, input: AssignmentAdd): Promise<Assignment> {
  return db.transaction().execute((tx) => assignInstructorIn(tx, actor, id, input));
}

export async function assignInstructorIn(tx: Executor, actor: Actor, id: string, input: AssignmentAdd): Promise<Assignment> {
  const { row, scope } = await openInstructor(tx, actor, id, 'instructor.manage');
  if (row.status !== 'active') throw new AppError('CONFLICT', '该指导员已停用，不能分配企业');
  await lockInstructor(tx, id);
  const ent = await findVisibleEnterprise(tx, scope, input.enterpriseId);
  if (!ent) throw notFound('企业', 'enterpriseId');
  if (await findLaterAssignment(tx, id, ent.id, input.since)) throw new AppError('CONFLICT', `已分配联系“${ent.name}”（时间段重叠）`);
  const assignmentId = await insertAssignment(tx, { instructorId: id, enterpriseId: ent.id, since: input.since });
  const out: Assignment = { id: assignmentId, instructorId: id, enterpriseId: ent.id, enterpriseName: ent.name, since: input.since, until: null };
  await recordAudit(tx, actor, { action: 'instructor.assign', entity: 'instructor', entityId: id, after: out });
  // An instructor's 工作覆盖 may end the enterprise's 空白点 (and its 消除党建工作空白点 task).
  await refreshTasksFor(tx, actor, { enterpriseIds: [ent.id] }, { trigger: 'instructor.assign' });
  return out;
}

export async function endAssignment(db: Db, actor: Actor, id: string, assignmentId: string, input: IntervalEnd): Promise<void> {
  await db.transaction().execute((tx) => endAssignmentIn(tx, actor, id, assignmentId, input));
}

export async function endAssignmentIn(tx: Executor, actor: Actor, id: string, assignmentId: string, input: IntervalEnd): Promise<void> {
  const { scope } = await openInstructor(tx, actor, id, 'instructor.manage');
  await lockInstructor(tx, id);
  const a = await findAssignment(tx, id, assignmentId);
  if (!a) throw notFound('分配记录');
  if (!(await findVisibleEnterprise(tx, scope, a.enterprise_id))) throw enterpriseOutOfScope();
  if (a.until !== null) throw new AppError('CONFLICT', '该分配已结束');
  if (input.until <= a.since) throw new AppError('VALIDATION_FAILED', `结束日期须晚于开始日期 ${a.since}`, [{ field: 'until', code: 'UNTIL_BEFORE_SINCE', message: '结束日期须晚于开始日期' }]);
  await setAssignmentUntil(tx, assignmentId, input.until);
  await recordAudit(tx, actor, { action: 'instructor.assignment.end', entity: 'instructor', entityId: id, before: { assignmentId, until: null }, after: { assignmentId, until: input.until, reason: input.reason ?? null } });
  await refreshTasksFor(tx, actor, { enterpriseIds: [a.enterprise_id] }, { trigger: 'instructor.assignment.end' });
}

/** Logs a visit (by an officer, for the instructor); linked to the assignment in force that day, if any. */
export async function addVisit(db: Db, actor: Actor, id: string, input: VisitAdd): Promise<Visit> {
  const findings = checkVisit(input.visitedOn, input.findings ?? []);
  return db.transaction().execute(async (tx) => {
    const { scope } = await openInstructor(tx, actor, id, 'instructor.manage');
    const ent = await findVisibleEnterprise(tx, scope, input.enterpriseId);
    if (!ent) throw notFound('企业', 'enterpriseId');
    const assignment = await findOpenAssignment(tx, id, ent.id, input.visitedOn);
    // The same writer as the instructor's own visit from the phone: what was found opens or closes the enterprise's task.
    const v = await writeVisit(tx, actor, {
      instructorId: id, enterprise: ent, assignmentId: assignment?.id ?? null, visitedOn: input.visitedOn, notes: input.notes, findings, channel: 'official',
    });
    return { id: v.id, instructorId: id, enterpriseId: ent.id, enterpriseName: ent.name, visitedOn: v.visitedOn, notes: v.notes };
  });
}

export async function listInstructors(db: Db, actor: Actor, q: InstructorListQuery): Promise<InstructorPage> {
  const scope = requireAction(actor, 'instructor.read');
  const [rows, total] = await Promise.all([listInstructorRows(db, scope, q), countInstructors(db, scope, q)]);
  const page = rows.slice(0, q.limit);
  return { items: page.map(toInstructor), nextCursor: rows.length > q.limit ? page.at(-1)!.id : null, total };
}

export async function getInstructorDetail(db: Db, actor: Actor, id: string): Promise<InstructorDetail> {
  const { row, scope } = await openInstructor(db, actor, id, 'instructor.read');
  const full = row.owned !== false;
  const [assignments, visits, hiddenVisitCount, manageable] = await Promise.all([
    listAssignments(db, id, scope), listVisits(db, id, scope, !full), full ? Promise.resolve(0) : countVisitsOutside(db, id, scope),
    canManage(actor, 'instructor.manage', finder(db, id)),
  ]);
  // Seen only through an assignment: the assignments and visits in the reader's scope; the rest as counts.
  const { shown, hiddenCount } = partialLinks(assignments, full);
  return {
    ...toInstructor(row),
    manageable,
    hiddenAssignmentCount: hiddenCount,
    hiddenVisitCount,
    assignments: shown.map((a) => ({ id: a.id, instructorId: a.instructor_id, enterpriseId: a.enterprise_id, enterpriseName: a.enterprise_name, since: a.since, until: a.until })),
    visits: visits.map((v) => ({ id: v.id, instructorId: v.instructor_id, enterpriseId: v.enterprise_id, enterpriseName: v.enterprise_name, visitedOn: v.visited_on, notes: v.notes })),
  };
}
