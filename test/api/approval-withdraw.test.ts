import { beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/domain/org-terms.js';
import { COMMUNITIES } from '../factories/world.js';
import { testEngine } from '../helpers/db.js';
import { useTwoStreets } from '../helpers/two-streets.js';
import { branchUnder, committeeOf, signInSecretary, approvalCalls } from './approval-fixtures.js';

/**
 * 撤回 (docs/approvals.md, "Withdrawing"), on two streets, with 撤销党组织 as the request: the requester
 * takes back a pending request — it ends 已撤回, its task cancelled with 申请人撤回, a line on the
 * organisation's 历史沿革, audited, at the version read (409 on a stale one); a withdrawn request is never
 * decided, resubmitted or withdrawn again, and the record is submitted afresh. While the requester still
 * manages the record nobody else withdraws it; once the secretary changes, the street that owns the
 * branch by its place withdraws the returned request the old secretary left. The other street's joint
 * branch covering an enterprise of street A: its request is seen by street A, never withdrawn by it.
 */
describe(`withdrawing an approval request on ${testEngine()}`, () => {
  const t = useTwoStreets(['sys', 'orgA', 'townA', 'multi']);
  let committee = '';
  let secretaryUser = '';
  const { get, post, detail } = approvalCalls(t);
  const org = (id: string) => t.database.db.selectFrom('party_org').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const submit = async (orgId: string, who = 'secA') =>
    post('/api/approvals', { kind: 'org.dissolution', subjectId: orgId, payload: { reason: '企业注销' }, version: (await org(orgId)).version }, who);
  const withdraw = async (id: string, who: string, version?: number) =>
    post(`/api/approvals/${id}/withdraw`, { version: version ?? (await detail(id)).version, comment: '企业恢复经营，暂不撤销' }, who);
  /** The request's tasks, each with the reason of its last event (what its history shows last). */
  const tasksOf = (id: string) => t.database.db.selectFrom('task as k')
    .select(['k.kind', 'k.state', 'k.closed_by'])
    .select((eb) => eb.selectFrom('task_event as e').select('e.reason').whereRef('e.task_id', '=', 'k.id').orderBy('e.id', 'desc').limit(1).as('reason'))
    .where('k.subject_table', '=', 'approval_request').where('k.subject_id', '=', id).orderBy('k.id').execute();
  const counts = async () => {
    const n = async (table: 'approval_request' | 'approval_step' | 'party_org_event' | 'audit_event' | 'task') =>
      (await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
    return [await n('approval_request'), await n('approval_step'), await n('party_org_event'), await n('audit_event'), await n('task')].join('/');
  };

  beforeAll(async () => {
    committee = await committeeOf(t.database, undefined, '撤回测试街道党工委');
    t.s.secA = await signInSecretary(t.database, t.app, committee, '周书记');
    secretaryUser = (await t.database.db.selectFrom('app_user').select('id').where('username', '=', 'secA').executeTakeFirstOrThrow()).id;
  }, 120_000);

  it('the requester withdraws a pending request: 已撤回, its task cancelled, history and audit; then nothing more on it, and a new request', async () => {
    const branch = await branchUnder(t.database, committee, COMMUNITIES[0], '撤回测试支部');
    const res = await submit(branch);
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r.canWithdraw).toBe(true);
    expect(await tasksOf(r.id)).toEqual([expect.objectContaining({ kind: 'approval.org.dissolution', state: 'open' })]);

    // The other street does not see it; the branch's own street sees it but the requester still manages the branch.
    const before = await counts();
    expect((await withdraw(r.id, 'multi', r.version)).statusCode).toBe(404);
    expect(await detail(r.id, 'townA')).toMatchObject({ canWithdraw: false, canDecide: true });
    const other = await withdraw(r.id, 'townA', r.version);
    expect(other.statusCode).toBe(403);
    expect(other.json().details[0]).toMatchObject({ code: 'NOT_REQUESTER' });
    const stale = await withdraw(r.id, 'secA', r.version - 1);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ id: r.id, state: 'pending' });
    expect(await counts()).toBe(before);

    const done = await withdraw(r.id, 'secA');
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ state: 'withdrawn', stateLabel: '已撤回', waitingFor: '已撤回', canWithdraw: false, canDecide: false, canResubmit: false });
    expect(done.json().steps.map((s: { actionLabel: string; levelLabel: string | null; comment: string | null }) => [s.actionLabel, s.levelLabel, s.comment]))
      .toEqual([['提交审批', null, null], ['撤回申请', '街道', '企业恢复经营，暂不撤销']]);
    expect(await tasksOf(r.id)).toEqual([{ kind: 'approval.org.dissolution', state: 'cancelled', closed_by: 'approval.withdraw', reason: '申请人撤回' }]);
    const events = (await get(`/api/party-orgs/${branch}/history`, 'sys')).json().items.filter((e: { kind: string }) => e.kind === 'approval');
    expect(events.map((e: { data: { step: string } }) => e.data.step)).toContain('撤回申请（撤销党组织）');
    const audit = await t.database.db.selectFrom('audit_event').select(['action', 'after']).where('entity', '=', 'approval_request').where('entity_id', '=', r.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['approval.submit', 'approval.withdraw']);
    expect(audit[1].after).toMatchObject({ state: 'withdrawn' });

    // Withdrawn is final: not decided, resubmitted or withdrawn again; nothing written.
    const v = (await detail(r.id)).version;
    const after = await counts();
    const decided = await post(`/api/approvals/${r.id}/decision`, { version: v, decision: 'approve' }, 'townA');
    expect(decided.statusCode).toBe(409);
    expect(decided.json().details[0]).toMatchObject({ code: 'NOT_PENDING' });
    expect((await post(`/api/approvals/${r.id}/resubmit`, { version: v }, 'secA')).json().details[0]).toMatchObject({ code: 'NOT_RETURNED' });
    expect((await withdraw(r.id, 'secA', v)).json().details[0]).toMatchObject({ code: 'NOT_OPEN' });
    expect(await counts()).toBe(after);

    // The guard lifted: a new request on the same branch, and the direct write is no longer refused as 审批中.
    const fresh = await submit(branch);
    expect(fresh.statusCode, fresh.body).toBe(201);
    expect(fresh.json().id).not.toBe(r.id);
    expect((await withdraw(fresh.json().id, 'secA')).statusCode).toBe(200);
    const direct = await post(`/api/party-orgs/${branch}/dissolve`, { version: (await org(branch)).version, on: todayInChina(), reason: '企业注销' }, 'townA');
    expect(direct.statusCode, direct.body).toBe(200);
  });

  it('the secretary changed: the old one cannot withdraw the returned request; the street that owns the branch does, and the new secretary submits afresh', async () => {
    const branch = await branchUnder(t.database, committee, COMMUNITIES[0], '换届后撤回支部');
    const r = (await submit(branch)).json();
    const ret = await post(`/api/approvals/${r.id}/decision`, { version: r.version, decision: 'return', comment: '请核实党员去向' }, 'townA');
    expect(ret.json()).toMatchObject({ state: 'returned' });
    expect(await detail(r.id, 'townA')).toMatchObject({ canWithdraw: false });

    // 周书记's account no longer holds the committee; 吴书记 holds it now.
    await t.database.db.deleteFrom('user_role').where('user_id', '=', secretaryUser).execute();
    try {
      t.s.secA2 = await signInSecretary(t.database, t.app, committee, '吴书记', 'secA2');
      const old = await withdraw(r.id, 'secA');
      expect(old.statusCode).toBe(403);
      expect(old.json().details[0]).toMatchObject({ code: 'NOT_MANAGED' });
      const resubmit = await post(`/api/approvals/${r.id}/resubmit`, { version: (await detail(r.id)).version }, 'secA2');
      expect(resubmit.json().details[0]).toMatchObject({ code: 'NOT_REQUESTER' });
      expect(await detail(r.id, 'secA2')).toMatchObject({ canWithdraw: true });
      expect(await detail(r.id, 'townA')).toMatchObject({ canWithdraw: true });
      expect((await get(`/api/approvals/${r.id}`, 'multi')).statusCode).toBe(404);

      const done = await withdraw(r.id, 'townA');
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json().steps.at(-1)).toMatchObject({ actionLabel: '撤回申请', levelLabel: null });
      const returnedTask = (await tasksOf(r.id)).filter((x) => x.kind === 'approval.returned');
      expect(returnedTask.at(-1)).toMatchObject({ state: 'cancelled', closed_by: 'approval.withdraw', reason: '申请人撤回' });
      expect((await tasksOf(r.id)).every((x) => x.state !== 'open')).toBe(true);
      const fresh = await submit(branch, 'secA2');
      expect(fresh.statusCode, fresh.body).toBe(201);
      expect(fresh.json()).toMatchObject({ state: 'pending', requester: '吴书记', canWithdraw: true });
    } finally {
      await t.database.db.insertInto('user_role').values({ user_id: secretaryUser, role: 'branch_secretary', party_org_ids: [committee], region_prefixes: [] }).execute();
    }
  });

  it('the other street\'s joint branch covering an enterprise of street A: its request seen by street A, never withdrawn by it', async () => {
    const t1 = t.cs.orgs['T1党委'];
    const linked = await branchUnder(t.database, t1, COMMUNITIES[2], 'T1联建撤回支部');
    await t.database.db.updateTable('party_org').set({ path: `${t1}.${linked}`, setup_mode: 'joint' }).where('id', '=', linked).execute();
    const e0 = (await t.database.db.selectFrom('enterprise').select('id').where('name', '=', '社区企业1').executeTakeFirstOrThrow()).id;
    await t.database.db.insertInto('party_org_coverage').values({ org_id: linked, enterprise_id: e0, mode: 'joint', since: '2024-01-01' }).execute();
    expect((await get(`/api/party-orgs/${linked}`, 'townA')).statusCode).toBe(200);
    const res = await submit(linked, 'multi');
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(await detail(r.id, 'townA')).toMatchObject({ canWithdraw: false });
    const before = await counts();
    const refused = await withdraw(r.id, 'townA');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().details[0]).toMatchObject({ code: 'NOT_MANAGED' });
    expect(await counts()).toBe(before);
    expect((await detail(r.id)).state).toBe('pending');
    expect((await withdraw(r.id, 'multi')).statusCode).toBe(200);
  });
});
