import type { Ctx, Row } from './org-matrix-rows.js';

/**
 * Permission-matrix rows for field work (docs/inbox.md, "实地走访"). A visit from the phone is the
 * linked instructor's own (登记本人实地走访): on first use the `instructor` account (grant: e0, e5)
 * is linked to a person registered as an instructor of e0's community and assigned to e0. The system
 * administrator holds the action but is no instructor: 403. An enterprise's visits are read by whoever
 * sees its instructors there (查看党建指导员 over e0), else 404; without that action 403.
 */
const e0 = (c: Ctx) => c.world.enterprises[0].id;
let linkedIn: unknown;

async function linkInstructor(c: Ctx): Promise<void> {
  // Once per world (the matrix file builds one): the database object identifies it.
  if (linkedIn === c.database) return;
  const db = c.database.db;
  const region = c.world.enterprises[0].regionCode;
  const p = await db.insertInto('person').values({ name: '矩阵走访指导员', region_code: region }).returning('id').executeTakeFirstOrThrow();
  const i = await db.insertInto('instructor').values({ person_id: p.id, kind: 'instructor', region_code: region }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('instructor_assignment').values({ instructor_id: i.id, enterprise_id: e0(c), since: '2024-01-01' }).execute();
  await db.updateTable('app_user').set({ person_id: p.id }).where('id', '=', c.world.users.instructor.id).execute();
  linkedIn = c.database;
}

const SELF = { ok: ['instructor'] };
const READ_E0 = { ok: ['sys', 'orgA', 'townA', 'commA', 'instructor'], hidden: ['orgB', 'parkA', 'assocA', 'multi'] };

export const FIELDWORK_MATRIX_ROWS: Row[] = [
  { route: 'GET /api/fieldwork/assignments', request: async (c) => { await linkInstructor(c); return { url: '/api/fieldwork/assignments' }; }, expect: SELF },
  {
    route: 'POST /api/fieldwork/visits',
    request: async (c) => { await linkInstructor(c); return { url: '/api/fieldwork/visits', payload: { enterpriseId: e0(c), visitedOn: '2025-03-01', notes: '矩阵走访' } }; },
    expect: SELF,
  },
  { route: 'GET /api/fieldwork/visits', request: async (c) => { await linkInstructor(c); return { url: '/api/fieldwork/visits' }; }, expect: SELF },
  { route: 'GET /api/fieldwork/visits.xlsx', request: async (c) => { await linkInstructor(c); return { url: '/api/fieldwork/visits.xlsx' }; }, expect: SELF },
  { route: 'GET /api/enterprises/:id/visits', request: (c) => ({ url: `/api/enterprises/${e0(c)}/visits` }), expect: READ_E0 },
];
