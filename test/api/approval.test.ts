import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { hashPassword } from '../../src/core/auth/password.js';
import { COMMUNITIES, PASSWORD, TOWNSHIPS, signInAs } from '../factories/world.js';
import { testEngine } from '../helpers/db.js';
import { useTwoStreets } from '../helpers/two-streets.js';
import { branchUnder, committeeOf, readyCase, approvalCalls, signInSecretary } from './approval-fixtures.js';

/**
 * The approval engine over HTTP (docs/approvals.md), on two streets. A branch secretary of street A
 * submits 接收预备党员; 社区 → 街道 → 区 decide in turn, with a return and a resubmission between;
 * the last level runs the case's rule checks and records the step. The other street's joint branch
 * covering an enterprise of street A is seen by street A, never decided by it; nothing is written.
 */
describe(`approval API on ${testEngine()}`, () => {
  const t = useTwoStreets(['sys', 'orgA', 'orgB', 'townA', 'commA', 'multi', 'member']);
  let committee = '';
  let branch = '';
  const { get, post, detail, decide } = approvalCalls(t);
  const caseOf = async (id: string) => (await get(`/api/recruitment/${id}`, 'sys')).json();
  const submit = async (caseId: string, who = 'secA', kind = 'recruitment.admission', payload: Record<string, unknown> = { approverOrgId: committee }) =>
    post('/api/approvals', { kind, subjectId: caseId, payload, version: (await caseOf(caseId)).version, comment: '支部大会已通过，请审批' }, who);
  const counts = async () => {
    const [r, s] = await Promise.all([
      t.database.db.selectFrom('approval_request').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      t.database.db.selectFrom('approval_step').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return `${r.n}/${s.n}`;
  };

  beforeAll(async () => {
    committee = await committeeOf(t.database);
    branch = await branchUnder(t.database, committee, COMMUNITIES[0]);
    const hash = await hashPassword(PASSWORD);
    const users = { secA: { role: 'branch_secretary', party_org_ids: [committee], region_prefixes: [] as string[] }, townA2: { role: 'township_officer', party_org_ids: [], region_prefixes: [TOWNSHIPS[0]] } };
    for (const [username, g] of Object.entries(users)) {
      const u = await t.database.db.insertInto('app_user').values({ username, display_name: username === 'secA' ? '李书记' : '街道副主任', password_hash: hash, must_change_password: false })
        .returning('id').executeTakeFirstOrThrow();
      await t.database.db.insertInto('user_role').values({ user_id: u.id, ...g }).execute();
      t.s[username] = await signInAs(t.app, username);
    }
  }, 120_000);

  it('flows: the district sets its own, refused to a street and to a last level that cannot record', async () => {
    const view = (await get('/api/approval-flows', 'orgA')).json();
    expect(view).toMatchObject({ regionPrefix: '440305', canChange: true, version: 0 });
    expect(view.kinds.find((k: { kind: string }) => k.kind === 'recruitment.admission')).toMatchObject({ levels: ['community_officer', 'township_officer', 'org_admin'], fromLabel: '平台默认' });
    expect((await get('/api/approval-flows', 'townA')).json()).toMatchObject({ regionPrefix: '440305', canChange: false });
    const flows = [{ kind: 'recruitment.confirm', levels: ['township_officer', 'org_admin'], required: true }];
    const street = await t.send('PUT', '/api/approval-flows/440305', { version: 0, flows }, 'townA');
    expect(street.statusCode).toBe(403);
    const other = await t.send('PUT', '/api/approval-flows/440306', { version: 0, flows }, 'orgA');
    expect(other.statusCode).toBe(403);
    const bad = await t.send('PUT', '/api/approval-flows/440305', { version: 0, flows: [{ kind: 'recruitment.confirm', levels: ['community_officer'], required: false }] }, 'orgA');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0]).toMatchObject({ field: 'flows.0.levels', code: 'LAST_LEVEL_CANNOT_APPLY' });
    const ok = await t.send('PUT', '/api/approval-flows/440305', { version: 0, flows }, 'orgA');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().kinds.find((k: { kind: string }) => k.kind === 'recruitment.confirm')).toMatchObject({ required: true, fromLabel: '本辖区设置' });
    expect((await t.send('PUT', '/api/approval-flows/440305', { version: 0, flows }, 'orgA')).statusCode).toBe(409);
    const audit = await t.database.db.selectFrom('audit_event').select('action').where('action', '=', 'approval.flows').execute();
    expect(audit).toHaveLength(1);
  });

  it('社区 → 街道 → 区 with a return and a resubmission; the last level records the step', async () => {
    const caseId = await readyCase(t.database, branch, '审批申请人');
    const res = await submit(caseId);
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ state: 'pending', waitingFor: '待社区审批', requester: '李书记', subjectLabel: '审批申请人（接收预备党员）' });
    expect(r.levels.map((l: { label: string }) => l.label)).toEqual(['社区审批', '街道审批', '区委组织部（两新工委）审批']);
    expect((await submit(caseId)).json().details[0]).toMatchObject({ code: 'OPEN_REQUEST' });
    // The case waits: no step is recorded beside the request.
    const direct = await post(`/api/recruitment/${caseId}/steps`, { version: (await caseOf(caseId)).version, step: 'approve', on: '2026-12-01', approverOrgId: committee }, 'townA');
    expect(direct.statusCode).toBe(409);
    expect(direct.json().details[0]).toMatchObject({ code: 'AWAITING_APPROVAL' });
    const task = (await get('/api/inbox?view=role&kind=approval.recruitment.admission', 'commA')).json();
    expect(task.items.map((x: { subjectName: string }) => x.subjectName)).toContain('审批申请人（接收预备党员）：待社区审批');

    expect((await decide(r.id, 'secA', 'approve')).json().details[0]).toMatchObject({ code: 'OWN_REQUEST' });
    expect((await decide(r.id, 'townA', 'approve')).json().details[0]).toMatchObject({ code: 'NOT_YOUR_LEVEL' });
    expect((await decide(r.id, 'commA', 'approve', '同意')).statusCode).toBe(200);
    expect((await decide(r.id, 'townA', 'return')).statusCode).toBe(400); // a return needs a comment
    const back = await decide(r.id, 'townA', 'return', '请补充政审材料');
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ state: 'returned', canDecide: false });
    expect((await decide(r.id, 'orgA', 'approve')).json().details[0]).toMatchObject({ code: 'NOT_PENDING' });
    const mine = (await get('/api/inbox?view=mine', 'secA')).json();
    expect(mine.items.map((x: { kind: string }) => x.kind)).toContain('approval.returned');
    expect((await post(`/api/approvals/${r.id}/resubmit`, { version: (await detail(r.id)).version }, 'townA')).statusCode).toBe(403);
    const again = await post(`/api/approvals/${r.id}/resubmit`, { version: (await detail(r.id)).version, comment: '已补充' }, 'secA');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ state: 'pending', waitingFor: '待社区审批' });

    expect((await decide(r.id, 'commA', 'approve')).statusCode).toBe(200);
    // Waiting at 街道: every level over the place sees the task, only the street's officers may act on it.
    const row = async (who: string) => (await get('/api/inbox?view=role&kind=approval.recruitment.admission', who)).json().items
      .find((x: { link: { id: string } }) => x.link.id === r.id);
    const label = '审批申请人（接收预备党员）：待街道审批';
    const street = '该事项由街道办理，本岗位仅可查看';
    expect([await row('townA'), await row('commA'), await row('orgA')].map((x) => [x?.subjectName, x?.actionable, x?.viewOnlyReason]))
      .toEqual([[label, true, null], [label, false, street], [label, false, street]]);
    const taskId = (await row('townA')).id;
    const picker = (await get(`/api/tasks/${taskId}/assignees`, 'townA')).json();
    expect(picker.items.map((x: { displayName: string }) => x.displayName).sort()).toEqual(['townA', '街道副主任']);
    const cancel = await post(`/api/tasks/${taskId}/cancel`, { version: (await row('orgA')).version, reason: '区里代为撤销' }, 'orgA');
    expect(cancel.statusCode).toBe(403);
    expect((await decide(r.id, 'townA', 'approve')).statusCode).toBe(200);
    expect([await row('orgA'), await row('townA')].map((x) => x?.actionable)).toEqual([true, false]);
    const last = await decide(r.id, 'orgA', 'approve', '同意接收');
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json()).toMatchObject({ state: 'approved', waitingFor: '已通过' });
    expect(last.json().steps.map((s: { actionLabel: string }) => s.actionLabel))
      .toEqual(['提交审批', '同意', '退回修改', '重新提交', '同意', '同意', '同意', '审批通过，已登记']);
    const c = await caseOf(caseId);
    expect(c).toMatchObject({ stage: 'probationary', approval: { approverOrgId: committee } });
    expect(c.events.filter((e: { kind: string }) => e.kind === 'approval')).toHaveLength(8 - 1);
    const audits = await t.database.db.selectFrom('audit_event').select('action').where('entity_id', '=', r.id).where('entity', '=', 'approval_request').execute();
    expect(audits.map((a) => a.action)).toEqual(['approval.submit', 'approval.approve', 'approval.return', 'approval.resubmit', 'approval.approve', 'approval.approve', 'approval.approve']);
    const open = await t.database.db.selectFrom('task').select('kind').where('subject_table', '=', 'approval_request').where('subject_id', '=', r.id).where('state', '=', 'open').execute();
    expect(open).toEqual([]);
  });

  it('two deciders at one version: one wins, the other gets 409 with the request as it stands', async () => {
    const r = (await submit(await readyCase(t.database, branch))).json();
    const first = await post(`/api/approvals/${r.id}/decision`, { version: r.version, decision: 'approve' }, 'commA');
    const second = await post(`/api/approvals/${r.id}/decision`, { version: r.version, decision: 'approve' }, 'commA');
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(409);
    expect(second.json().current).toMatchObject({ currentLevel: 1 });
  });

  it('the rule checks run before the last level passes and refuse in Chinese; nothing is written', async () => {
    const caseId = await readyCase(t.database, branch, '培训不足的申请人');
    const r = (await submit(caseId)).json();
    await decide(r.id, 'commA', 'approve');
    await decide(r.id, 'townA', 'approve');
    await t.database.db.updateTable('recruitment_case').set({ training_days: 1, training_hours: 8 }).where('id', '=', caseId).execute();
    const before = await counts();
    const refused = await decide(r.id, 'orgA', 'approve');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toMatch(/^规则检查未通过/);
    expect(refused.json().details[0]).toMatchObject({ field: 'rules', code: 'RULE_FINDING' });
    expect(refused.json().details[0].message).toContain('中国共产党发展党员工作细则');
    expect(await counts()).toBe(before);
    expect((await caseOf(caseId)).stage).toBe('candidate');
    expect((await detail(r.id)).waitingFor).toBe('待区委组织部（两新工委）审批');
  });

  it('another street\'s joint branch linked to my enterprise: seen, never decided; nothing written', async () => {
    const joint = t.cs.orgs['跨街联合党支部'];
    const caseId = await readyCase(t.database, joint, '跨街申请人', 'candidate');
    const hash = await hashPassword(PASSWORD);
    const u = await t.database.db.insertInto('app_user').values({ username: 'secJ', display_name: '联合支部书记', password_hash: hash, must_change_password: false }).returning('id').executeTakeFirstOrThrow();
    await t.database.db.insertInto('user_role').values({ user_id: u.id, role: 'branch_secretary', party_org_ids: [joint] }).execute();
    t.s.secJ = await signInAs(t.app, 'secJ');
    const res = await submit(caseId, 'secJ', 'recruitment.candidate', { on: '2023-03-15' });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r.levels.map((l: { role: string }) => l.role)).toEqual(['township_officer']);
    expect((await get(`/api/approvals/${r.id}`, 'townA')).json()).toMatchObject({ canDecide: false, cannotDecide: '该申请所属党组织不在您的管辖范围，您只能查看' });
    const before = await counts();
    const refused = await decide(r.id, 'townA', 'approve');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().details[0]).toMatchObject({ code: 'NOT_MANAGED' });
    expect(await counts()).toBe(before);
    expect((await get(`/api/approvals/${r.id}`, 'orgB')).statusCode).toBe(404);
    expect((await get('/api/approvals?view=pending', 'townA')).json().items.map((x: { id: string }) => x.id)).not.toContain(r.id);
    expect((await get('/api/approvals?view=pending', 'multi')).json().items.map((x: { id: string }) => x.id)).toContain(r.id);
    const ok = await decide(r.id, 'multi', 'approve', '同意备案');
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await caseOf(caseId))).toMatchObject({ stage: 'candidate', candidateOn: '2023-03-15' });
  });

  it('a 街道 level of another street is not mine to act on because I am 街道 somewhere and 区 there', async () => {
    // multi: township officer of street 440305002 and org administrator of district 440306. A request of
    // 440306's street waiting at 街道: seen through the district grant, decided only by that street's
    // officers; the inbox says 仅可查看 (its role's own scope, not the union of all grants).
    const committeeB = await committeeOf(t.database, TOWNSHIPS[2], '外区街道党工委');
    const branchB = await branchUnder(t.database, committeeB, COMMUNITIES[4], '外区审批支部');
    t.s.secB = await signInSecretary(t.database, t.app, committeeB, '外区书记', 'secB');
    const res = await submit(await readyCase(t.database, branchB, '外区申请人', 'candidate'), 'secB', 'recruitment.candidate', { on: '2023-03-15' });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r.levels.map((l: { role: string }) => l.role)).toEqual(['township_officer']);
    const inbox = (await get('/api/inbox?view=role&kind=approval.recruitment.candidate&limit=100', 'multi')).json();
    const row = inbox.items.find((x: { subjectName: string }) => x.subjectName.startsWith('外区申请人'));
    expect(row, JSON.stringify(inbox.items)).toMatchObject({ actionable: false, viewOnlyReason: '该事项由街道办理，本岗位仅可查看' });
    const refused = await decide(r.id, 'multi', 'approve');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().details[0]).toMatchObject({ code: 'NOT_YOUR_LEVEL' });
    expect((await get(`/api/tasks/${row.id}/assignees`, 'multi')).json()).toMatchObject({ items: [], total: 0 });
  });

  it('delegates the level to a named deputy of the same level and place', async () => {
    const r = (await submit(await readyCase(t.database, branch))).json();
    await decide(r.id, 'commA', 'approve');
    const d = await detail(r.id, 'townA');
    expect(d.deputyCandidates.map((c: { name: string }) => c.name)).toContain('街道副主任');
    const townA2 = d.deputyCandidates.find((c: { name: string }) => c.name === '街道副主任').userId;
    const multiId = (await t.database.db.selectFrom('app_user').select('id').where('username', '=', 'multi').executeTakeFirstOrThrow()).id;
    const wrong = await post(`/api/approvals/${r.id}/delegate`, { version: d.version, deputyUserId: multiId, until: '2099-01-01' }, 'townA');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details[0]).toMatchObject({ field: 'deputyUserId', code: 'DEPUTY_NOT_ELIGIBLE' });
    const ok = await post(`/api/approvals/${r.id}/delegate`, { version: d.version, deputyUserId: townA2, until: '2099-01-01', comment: '外出学习' }, 'townA');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().deputy).toEqual({ name: '街道副主任', until: '2099-01-01' });
    const mine = (await get('/api/inbox?view=mine', 'townA2')).json();
    expect(mine.items.map((x: { link: { id: string } }) => x.link.id)).toContain(r.id);
    expect((await decide(r.id, 'townA2', 'approve')).statusCode).toBe(200);
  });

  it('lists: totals, the export holds exactly the list\'s rows; members see nothing', async () => {
    const page = (await get('/api/approvals?view=mine', 'secA')).json();
    expect(page.total).toBe(page.items.length);
    expect(page.total).toBeGreaterThanOrEqual(4);
    const history = (await get('/api/approvals?view=history', 'commA')).json();
    expect(history.total).toBeGreaterThanOrEqual(3);
    const xlsx = await get('/api/approvals.xlsx?view=mine', 'secA');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ids = wb.worksheets[0].getColumn(1).values.slice(2).map(String);
    expect(ids).toEqual(page.items.map((x: { id: string }) => x.id));
    expect((await get('/api/approvals?view=pending', 'member')).json()).toMatchObject({ total: 0, items: [] });
    expect((await get('/api/approvals?view=record', 'townA')).statusCode).toBe(400);
  });
});
