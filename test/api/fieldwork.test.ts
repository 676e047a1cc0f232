import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FieldVisit, MyAssignments, VisitPage } from '../../src/contracts/fieldwork.js';
import type { InboxPage } from '../../src/contracts/task.js';
import { testEngine } from '../helpers/db.js';
import { useTwoStreets } from '../helpers/two-streets.js';

/**
 * Field work from the phone (docs/inbox.md, "实地走访") on the two-street world. The `instructor`
 * account (grant: e0 of street T0, e5 of county 2) is linked to the person of T1指导员 — registered
 * in street T1, assigned to e0 (T0) and e2 (T1). A visit at e0 opens a task for e0's street (townA),
 * not the instructor's (multi); e2 lies outside the account's grant, e5 is not assigned.
 */
describe(`field work API on ${testEngine()}`, () => {
  const t = useTwoStreets(['sys', 'townA', 'multi', 'instructor', 'member']);
  const e: string[] = [];
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const visit = (body: object, who = 'instructor') => t.send('POST', '/api/fieldwork/visits', { visitedOn: today, notes: '', ...body }, who);
  const inbox = async (who: string, q = '') => (await t.send('GET', `/api/inbox?view=role&kind=visit.finding${q}`, undefined, who)).json() as InboxPage;
  const visitCount = async () => Number((await t.database.db.selectFrom('visit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    const db = t.database.db;
    for (const i of [0, 2, 5]) {
      e[i] = (await db.selectFrom('enterprise').select('id').where('credit_code', '=', `91440300MAWORLD${String(i).padStart(3, '0')}`).executeTakeFirstOrThrow()).id;
    }
    const ins = await db.selectFrom('instructor').select('person_id').where('id', '=', t.cs.instructors['T1指导员']!).executeTakeFirstOrThrow();
    const res = await t.send('PUT', `/api/users/${(await db.selectFrom('app_user').select('id').where('username', '=', 'instructor').executeTakeFirstOrThrow()).id}/person`, { personId: ins.person_id }, 'sys');
    expect(res.statusCode, res.body).toBe(200);
  });

  it('an account not linked to an instructor, or without the action, is refused with a Chinese reason', async () => {
    const sys = await t.send('GET', '/api/fieldwork/assignments', undefined, 'sys');
    expect(sys.statusCode).toBe(403);
    expect(sys.json().details[0]).toMatchObject({ field: 'personId', code: 'NOT_AN_INSTRUCTOR' });
    expect(sys.json().message).toMatch(/党建指导员/);
    expect((await t.send('GET', '/api/fieldwork/visits', undefined, 'member')).statusCode).toBe(403);
  });

  it('my enterprises: assigned today and inside my grant only, with a total', async () => {
    const res = await t.send('GET', '/api/fieldwork/assignments', undefined, 'instructor');
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json() as MyAssignments;
    expect(mine.instructor.name).toBeTruthy();
    expect(mine.items.map((x) => x.enterpriseId)).toEqual([e[0]]);
    expect(mine.total).toBe(1);
    expect(mine.items[0]!.openTaskId).toBeNull();
  });

  it('bad input names the field and writes nothing', async () => {
    const before = await visitCount();
    const cases: Array<[object, number, string]> = [
      [{ enterpriseId: e[5], findings: ['unionMissing'] }, 403, 'NOT_ASSIGNED'],
      [{ enterpriseId: e[2], findings: ['unionMissing'] }, 404, 'NOT_FOUND'],
      [{ enterpriseId: e[0], findings: ['unionMissing'], visitedOn: '2999-01-01' }, 400, 'FUTURE_DATE'],
      [{ enterpriseId: e[0], findings: ['resolved', 'unionMissing'] }, 400, 'RESOLVED_ALONE'],
      [{ enterpriseId: e[0], findings: ['unionMissing'], visitedOn: '2023-06-01' }, 403, 'NOT_ASSIGNED'],
    ];
    for (const [body, status, code] of cases) {
      const res = await visit(body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().details[0].code, res.body).toBe(code);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await visit({ enterpriseId: e[0], findings: ['nonsense'] })).statusCode).toBe(400);
    expect(await visitCount()).toBe(before);
    expect((await inbox('townA')).total).toBe(0);
  });

  it("a finding opens one task for the enterprise's street; a second visit adds to it; 问题已整改 closes it", async () => {
    const first = await visit({ enterpriseId: e[0], findings: ['secretaryVacant', 'unionMissing'], notes: '书记调离，工会未成立' });
    expect(first.statusCode, first.body).toBe(201);
    const v1 = first.json() as FieldVisit;
    expect(v1).toMatchObject({ channel: 'self', findingLabels: ['书记空缺', '未建工会'] });
    expect(v1.taskId).toBeTruthy();
    const a = await inbox('townA');
    expect(a.total).toBe(1);
    expect(a.items[0]).toMatchObject({ id: v1.taskId, kindLabel: '处理实地走访发现的问题', actionable: true, stateLabel: '待办' });
    expect(a.items[0]!.subjectName).toMatch(/书记空缺、未建工会/);
    expect(a.items[0]!.link.href).toBe(`/enterprises/${e[0]}`);
    expect((await inbox('multi')).total).toBe(0);

    const second = (await visit({ enterpriseId: e[0], findings: ['branchPossible'] })).json() as FieldVisit;
    expect(second.taskId).toBe(v1.taskId);
    expect((await inbox('townA')).items[0]!.subjectName).toMatch(/书记空缺.*未建工会.*已有3名以上党员|已有3名以上党员.*书记空缺/);
    expect((await t.send('GET', '/api/fieldwork/assignments', undefined, 'instructor')).json().items[0].openTaskId).toBe(v1.taskId);

    const fixed = (await visit({ enterpriseId: e[0], findings: ['resolved'], notes: '已配齐书记' })).json() as FieldVisit;
    expect(fixed.taskId).toBe(v1.taskId);
    expect((await inbox('townA')).total).toBe(0);
    expect((await inbox('townA', '&state=done')).items.map((x) => x.id)).toEqual([v1.taskId]);
    const events = await t.database.db.selectFrom('task_event').select(['event', 'reason']).where('task_id', '=', v1.taskId!).orderBy('id').execute();
    expect(events).toEqual([{ event: 'opened', reason: '实地走访发现：书记空缺、未建工会' }, { event: 'closed', reason: '实地核实已整改' }]);

    // A problem found again reopens the same task, listing only what was found since the 整改.
    const again = (await visit({ enterpriseId: e[0], findings: ['unionMissing'] })).json() as FieldVisit;
    expect(again.taskId).toBe(v1.taskId);
    expect((await inbox('townA')).items[0]!.subjectName).toBe(`社区企业1：未建工会`);
  });

  it("an officer's visit for the instructor uses the same writer: a finding at e2 is street T1's task, not townA's", async () => {
    const res = await t.send('POST', `/api/instructors/${t.cs.instructors['T1指导员']}/visits`, { enterpriseId: e[2], visitedOn: today, notes: '代录', findings: ['unionMissing'] }, 'sys');
    expect(res.statusCode, res.body).toBe(201);
    const m = await inbox('multi');
    expect(m.items.map((x) => x.link.href)).toEqual([`/enterprises/${e[2]}`]);
    expect(m.items[0]!.actionable).toBe(true);
    expect((await inbox('townA')).items.every((x) => x.link.href !== `/enterprises/${e[2]}`)).toBe(true);
  });

  it('the enterprise page lists its visits in scope only; my visits list with total and an export of exactly its rows', async () => {
    const ent = await t.send('GET', `/api/enterprises/${e[0]}/visits?limit=2`, undefined, 'townA');
    expect(ent.statusCode, ent.body).toBe(200);
    const page = ent.json() as VisitPage;
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(4);
    expect(page.nextCursor).toBeTruthy();
    expect((await t.send('GET', `/api/enterprises/${e[0]}/visits`, undefined, 'multi')).statusCode).toBe(404);

    const mine = (await t.send('GET', '/api/fieldwork/visits?limit=200', undefined, 'instructor')).json() as VisitPage;
    expect(mine.total).toBe(mine.items.length);
    expect(mine.items.some((x) => x.enterpriseId === e[2] && x.channel === 'official')).toBe(true);
    const x = await t.send('GET', '/api/fieldwork/visits.xlsx', undefined, 'instructor');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount - 1).toBe(mine.total);
    expect(String(ws.getRow(1).getCell(1).value)).toBe('走访日期');
    expect(String(ws.getRow(2).getCell(2).value)).toBe(mine.items[0]!.enterpriseName);
    expect((await t.send('GET', '/api/fieldwork/visits.xlsx', undefined, 'sys')).statusCode).toBe(403);
  });
});
