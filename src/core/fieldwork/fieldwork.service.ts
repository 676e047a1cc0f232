import type { FieldVisit, FieldVisitAdd, MyAssignments, VisitListQuery, VisitPage } from '../../contracts/fieldwork.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import type { VisitFinding } from '../../domain/fieldwork.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { requireAssignedEnterprise, requireFieldInstructor } from './fieldwork.access.js';
import { toFieldVisit } from './fieldwork.mapper.js';
import { currentAssignments, enterpriseInScopeRow, findVisitRow, insertFieldVisit, visitPage, visitTotal, type VisitWhere } from './fieldwork.repository.js';
import { applyVisitFindings } from './visit-tasks.js';

/**
 * Field work from the phone (docs/inbox.md, "实地走访"): the instructor's enterprises, the visit they
 * log (stored in visit_log, audited, its findings opening or closing the enterprise's task in the
 * same transaction), their own visits, and the visits an enterprise page shows.
 */
const field = (f: string, code: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ field: f, code, message }]);

/** The checks both channels share: no future date, 问题已整改 ticked alone; duplicates dropped. */
export function checkVisit(visitedOn: string, findings: readonly VisitFinding[]): VisitFinding[] {
  if (visitedOn > todayInChina()) throw field('visitedOn', 'FUTURE_DATE', '走访日期不能晚于今天');
  const set = [...new Set(findings)];
  if (set.includes('resolved') && set.length > 1) throw field('findings', 'RESOLVED_ALONE', '“问题已整改”须单独勾选，不能与发现的问题同时勾选');
  return set;
}

export async function myAssignments(db: Db, actor: Actor): Promise<MyAssignments> {
  const who = await requireFieldInstructor(db, actor);
  const rows = await currentAssignments(db, who.instructors.map((i) => i.id), who.scope, todayInChina());
  const me = who.instructors[0]!;
  return {
    instructor: { id: me.id, name: me.name, kind: me.kind },
    items: rows.map((r) => ({
      assignmentId: r.assignment_id, enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name, regionCode: r.region_code, since: r.since,
      lastVisitOn: r.last_visit_on, openTaskId: r.open_task_id,
    })),
    total: rows.length,
  };
}

export async function logVisit(db: Db, actor: Actor, input: FieldVisitAdd): Promise<FieldVisit> {
  const findings = checkVisit(input.visitedOn, input.findings);
  return db.transaction().execute(async (tx) => {
    const who = await requireFieldInstructor(tx, actor);
    const { ent, assignment } = await requireAssignedEnterprise(tx, who, input.enterpriseId, input.visitedOn);
    return writeVisit(tx, actor, {
      instructorId: assignment.instructor_id, assignmentId: assignment.id, enterprise: ent, visitedOn: input.visitedOn, notes: input.notes, findings, channel: 'self',
    });
  });
}

/** One visit with its task effect and audit entry (also the officer's path, src/core/instructor). */
export async function writeVisit(tx: Executor, actor: Actor, v: {
  instructorId: string; assignmentId: string | null; enterprise: { id: string; name: string; region_code: string | null };
  visitedOn: string; notes: string; findings: VisitFinding[]; channel: 'official' | 'self';
}): Promise<FieldVisit> {
  const id = await insertFieldVisit(tx, {
    instructorId: v.instructorId, enterpriseId: v.enterprise.id, assignmentId: v.assignmentId, visitedOn: v.visitedOn, notes: v.notes,
    findings: v.findings, channel: v.channel, actorId: actor.userId,
  });
  const taskId = await applyVisitFindings(tx, actor, { enterpriseId: v.enterprise.id, enterpriseName: v.enterprise.name, regionCode: v.enterprise.region_code, findings: v.findings });
  const out = toFieldVisit(await findVisitRow(tx, id), taskId);
  await recordAudit(tx, actor, { action: 'instructor.visit.add', entity: 'instructor', entityId: v.instructorId, after: out });
  return out;
}

async function page(db: Db, w: VisitWhere, q: VisitListQuery): Promise<VisitPage> {
  const [rows, total] = await Promise.all([visitPage(db, w, q.cursor, q.limit), visitTotal(db, w)]);
  const items = rows.slice(0, q.limit);
  return { items: items.map((r) => toFieldVisit(r)), total, nextCursor: rows.length > q.limit ? items.at(-1)!.id : null };
}

/** The signed-in instructor's own visits, newest first. */
export async function myVisits(db: Db, actor: Actor, q: VisitListQuery): Promise<VisitPage> {
  const who = await requireFieldInstructor(db, actor);
  return page(db, { instructorIds: who.instructors.map((i) => i.id) }, q);
}

/** The visits to one enterprise, for whoever sees its instructors (查看党建指导员) there; else 404. */
export async function enterpriseVisits(db: Db, actor: Actor, enterpriseId: string, q: VisitListQuery): Promise<VisitPage> {
  const scope = requireAction(actor, 'instructor.read');
  if (!(await enterpriseInScopeRow(db, scope, enterpriseId))) throw notFound('企业');
  return page(db, { enterpriseId, scope }, q);
}
