import type { Writable } from 'node:stream';
import type { CourseListFilter, SessionListFilter, Course, SessionSummary } from '../../contracts/training.js';
import type { Db } from '../../db/schema.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { TRAINING_AUDIENCE_LABELS } from '../../domain/training.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { ACCESS_LABEL } from '../xlsx/list-labels.js';
import { writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import { toCourse, toSessionSummary } from './training.mapper.js';
import { manageScopeOf } from './training.query.js';
import * as repo from './training.repository.js';

/** The training lists as XLSX — exactly their rows (same scope, filters and order); audited with the filter and the row count. */
const SESSION_COLUMNS: ListColumn<SessionSummary>[] = [
  { header: '培训日期', width: 12, cell: (r) => r.heldOn }, { header: '课程', width: 36, cell: (r) => r.courseTitle },
  { header: '培训对象', width: 18, cell: (r) => TRAINING_AUDIENCE_LABELS[r.audience] }, { header: '学时', width: 8, cell: (r) => r.hours },
  { header: '地点', width: 20, cell: (r) => r.place ?? '' }, { header: '主办单位', width: 30, cell: (r) => r.organiser.name },
  { header: '参训人数', width: 10, cell: (r) => r.attendees }, { header: '认定学时合计', width: 12, cell: (r) => r.hoursCredited },
  { header: '查看范围', width: 16, cell: (r) => ACCESS_LABEL[r.access] ?? '' },
];
const COURSE_COLUMNS: ListColumn<Course>[] = [
  { header: '课程', width: 36, cell: (r) => r.title }, { header: '培训对象', width: 18, cell: (r) => TRAINING_AUDIENCE_LABELS[r.audience] },
  { header: '计划学时', width: 10, cell: (r) => r.hours }, { header: '主办单位', width: 30, cell: (r) => r.organiser.name },
  { header: '已办期数', width: 10, cell: (r) => r.sessions }, { header: '查看范围', width: 16, cell: (r) => ACCESS_LABEL[r.access] ?? '' },
];

type Export = { title: string; write(out: Writable): Promise<number> };

export function openSessionExport(db: Db, actor: Actor, filter: SessionListFilter): Export {
  const scope = requireAction(actor, 'org.read');
  async function* pages(): AsyncGenerator<SessionSummary[]> {
    yield (await repo.listSessions(db, scope, manageScopeOf(actor), filter)).map(toSessionSummary);
  }
  return {
    title: `培训班次-${today()}`,
    write: (out) => writeListXlsx(db, out, {
      sheet: '培训班次', columns: SESSION_COLUMNS, pages: pages(),
      beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'training_session.export', entity: 'training_session', after: { filter, rows } })),
    }),
  };
}

export function openCourseExport(db: Db, actor: Actor, filter: CourseListFilter): Export {
  const scope = requireAction(actor, 'org.read');
  async function* pages(): AsyncGenerator<Course[]> {
    yield (await repo.listCourses(db, scope, manageScopeOf(actor), filter)).map(toCourse);
  }
  return {
    title: `培训课程-${today()}`,
    write: (out) => writeListXlsx(db, out, {
      sheet: '培训课程', columns: COURSE_COLUMNS, pages: pages(),
      beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'training_course.export', entity: 'training_course', after: { filter, rows } })),
    }),
  };
}
