import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/core/auth/password.js';
import { COMMUNITIES, PASSWORD, TOWNSHIPS, signInAs } from '../factories/world.js';
import { testEngine } from '../helpers/db.js';
import { useTwoStreets } from '../helpers/two-streets.js';
import { approvalCalls } from './approval-fixtures.js';

/**
 * 亮身份确认 through the approval engine (docs/approvals.md), on two streets. Street A (TOWNSHIPS[0])
 * enters and submits declarations at its enterprises; the request hangs on the organisation chosen to
 * register the member in, else on the one of mine covering the enterprise; 社区 → 街道 → 区 decide in
 * order, with a return and a resubmission; the last level confirms through the declaration's own
 * code — the same confirmation a direct one writes — and a 社区 officer, who holds no 管理党组织,
 * registers the member when the flow ends with them. The other street sees my organisation through
 * its link and never decides; neither street anchors on the other's organisation. The ID number
 * never leaves the declaration in clear.
 */
describe(`approval of 亮身份确认 on ${testEngine()}`, () => {
  const t = useTwoStreets(['sys', 'orgA', 'orgB', 'townA', 'commA', 'multi']);
  const { get, post, detail, decide } = approvalCalls(t);
  const enterprise = async (name: string) => (await t.database.db.selectFrom('enterprise').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const declVersion = async (id: string) => (await t.database.db.selectFrom('member_declaration').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
  let serial = 100;
  const declare = async (who: string, enterpriseName: string, name: string, extra: Record<string, unknown> = {}) => {
    const idNumber = idNo(`44030519880101${String(++serial).padStart(3, '0')}`);
    const res = await post('/api/member-declarations', { name, idNumber, enterpriseId: await enterprise(enterpriseName), namedOrg: '老家村党支部', category: 'full', ...extra }, who);
    expect(res.statusCode, res.body).toBe(201);
    return { id: res.json().id as string, idNumber };
  };
  const submit = async (id: string, who: string, payload: Record<string, unknown>) =>
    post('/api/approvals', { kind: 'member.declaration', subjectId: id, payload, version: await declVersion(id), comment: '请审批' }, who);
  const counts = async () => {
    const n = async (table: 'approval_request' | 'approval_step' | 'party_member' | 'audit_event') =>
      (await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
    return `${await n('approval_request')}/${await n('approval_step')}/${await n('party_member')}/${await n('audit_event')}`;
  };
  const memberOf = (declarationId: string) => t.database.db.selectFrom('member_declaration as d').innerJoin('party_member as m', 'm.id', 'd.member_id')
    .select(['m.id', 'm.org_id', 'm.category', 'm.joined_on', 'm.enterprise_id', 'm.post', 'm.source', 'm.status', 'd.status as declaration', 'd.org_id as declOrg'])
    .where('d.id', '=', declarationId).executeTakeFirstOrThrow();
  let aOrg = '';

  beforeAll(async () => {
    aOrg = t.cs.orgs['A街支部']; // street A, placed in COMMUNITIES[0]; covers 社区企业2 (mine) and 社区企业4 (street T1's)
    const hash = await hashPassword(PASSWORD);
    for (const [username, display, role, prefix] of [['townA2', '街道张干事', 'township_officer', TOWNSHIPS[0]], ['commB', '社区刘干事', 'community_officer', COMMUNITIES[5]]] as const) {
      const u = await t.database.db.insertInto('app_user').values({ username, display_name: display, password_hash: hash, must_change_password: false }).returning('id').executeTakeFirstOrThrow();
      await t.database.db.insertInto('user_role').values({ user_id: u.id, role, region_prefixes: [prefix], party_org_ids: [] }).execute();
      t.s[username] = await signInAs(t.app, username);
    }
    const flows = [{ kind: 'member.declaration', levels: ['community_officer', 'township_officer', 'org_admin'], required: false }];
    const set = await t.send('PUT', '/api/approval-flows/440305', { version: 0, flows }, 'orgA');
    expect(set.statusCode, set.body).toBe(200);
  }, 120_000);

  it('社区 → 街道 → 区 with a return and a resubmission; the last level confirms as a direct confirmation does; the ID number stays sealed', async () => {
    const d = await declare('townA2', '社区企业2', '亮身份审批甲');
    expect((await get(`/api/member-declarations/${d.id}`, 'townA')).json().approval).toEqual({ flow: 'configured', open: null });
    const noDate = await submit(d.id, 'townA2', { orgId: aOrg });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json().details[0]).toMatchObject({ field: 'joinedOn', code: 'REQUIRED' });
    const res = await submit(d.id, 'townA2', { orgId: aOrg, joinedOn: '2015-07-01' });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ state: 'pending', waitingFor: '待社区审批', orgId: aOrg, subjectLabel: '亮身份审批甲（党员亮身份申报确认）', href: `/declarations?id=${d.id}` });
    expect(r.levels.map((l: { label: string }) => l.label)).toEqual(['社区审批', '街道审批', '区委组织部（两新工委）审批']);
    expect(r.asked).toContainEqual({ label: '登记入册的党组织', value: 'A街支部' });
    expect(r.asked).toContainEqual({ label: '工作单位', value: '社区企业2' });
    expect((await get(`/api/member-declarations/${d.id}`, 'townA')).json().approval.open).toBe('pending');

    const direct = await post(`/api/member-declarations/${d.id}/confirm`, { version: await declVersion(d.id), orgId: aOrg, joinedOn: '2015-07-01' }, 'townA');
    expect(direct.statusCode).toBe(409);
    expect(direct.json().details[0]).toMatchObject({ code: 'AWAITING_APPROVAL' });
    const reject = await post(`/api/member-declarations/${d.id}/reject`, { version: await declVersion(d.id), reason: '不是党员' }, 'townA');
    expect(reject.json().details[0]).toMatchObject({ code: 'AWAITING_APPROVAL' });

    expect((await decide(r.id, 'townA', 'approve')).json().details[0]).toMatchObject({ code: 'NOT_YOUR_LEVEL' });
    expect((await decide(r.id, 'commA', 'approve')).json()).toMatchObject({ waitingFor: '待街道审批' });
    expect((await decide(r.id, 'townA', 'return', '入党日期与档案不符，请核实')).json()).toMatchObject({ state: 'returned' });
    const returned = await post(`/api/member-declarations/${d.id}/confirm`, { version: await declVersion(d.id) }, 'townA');
    expect(returned.json().details[0]).toMatchObject({ code: 'APPROVAL_RETURNED' });
    const again = await post(`/api/approvals/${r.id}/resubmit`, { version: (await detail(r.id)).version, payload: { joinedOn: '2016-07-01' } }, 'townA2');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ state: 'pending', waitingFor: '待社区审批' });
    await decide(r.id, 'commA', 'approve');
    await decide(r.id, 'townA', 'approve');
    const last = await decide(r.id, 'orgA', 'approve', '同意登记');
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json().steps.map((s: { actionLabel: string }) => s.actionLabel)).toEqual(['提交审批', '同意', '退回修改', '重新提交', '同意', '同意', '同意', '审批通过，已登记']);

    // The same confirmation, directly, for another declaration at the same enterprise.
    const d2 = await declare('townA2', '社区企业2', '亮身份直接乙');
    const plain = await post(`/api/member-declarations/${d2.id}/confirm`, { version: 1, orgId: aOrg, joinedOn: '2016-07-01' }, 'townA');
    expect(plain.statusCode, plain.body).toBe(200);
    const shape = ({ id: _id, ...m }: Awaited<ReturnType<typeof memberOf>>) => m;
    const [viaEngine, directly] = [await memberOf(d.id), await memberOf(d2.id)];
    expect(shape(viaEngine)).toEqual(shape(directly));
    expect(shape(viaEngine)).toMatchObject({ org_id: aOrg, joined_on: '2016-07-01', source: 'declaration', declaration: 'confirmed', declOrg: aOrg });
    const audits = async (memberId: string, declarationId: string) => (await t.database.db.selectFrom('audit_event').select('action')
      .where((eb) => eb.or([eb.and([eb('entity', '=', 'party_member'), eb('entity_id', '=', memberId)]), eb.and([eb('entity', '=', 'member_declaration'), eb('entity_id', '=', declarationId)])]))
      .orderBy('seq').execute()).map((a) => a.action);
    expect(await audits(viaEngine.id, d.id)).toEqual(await audits(directly.id, d2.id));
    const open = await t.database.db.selectFrom('task').select('kind').where('subject_table', '=', 'approval_request').where('subject_id', '=', r.id).where('state', '=', 'open').execute();
    expect(open).toEqual([]);

    // Never the clear number: not in the request, its steps, its answers, its audit entries or its tasks.
    const stored = JSON.stringify([
      await t.database.db.selectFrom('approval_request').selectAll().where('id', '=', r.id).execute(),
      await t.database.db.selectFrom('approval_step').selectAll().where('request_id', '=', r.id).execute(),
      await t.database.db.selectFrom('audit_event').selectAll().where('entity', '=', 'approval_request').where('entity_id', '=', r.id).execute(),
      await t.database.db.selectFrom('task').selectAll().where('subject_table', '=', 'approval_request').where('subject_id', '=', r.id).execute(),
    ]);
    const answers = [(await get(`/api/approvals/${r.id}`, 'orgA')).body, (await get('/api/approvals?view=history', 'orgA')).body];
    for (const text of [stored, ...answers]) {
      expect(text).not.toContain(d.idNumber);
      expect(text).not.toContain(d.idNumber.slice(6, 14));
    }
  });

  it('seeing is not deciding: street T1 sees my organisation through its link, never decides; neither street anchors on the other\'s organisation', async () => {
    // Mine: anchored on A街支部 (covering 社区企业2), which street T1 sees because it covers T1's 社区企业4.
    const d = await declare('townA2', '社区企业2', '亮身份两街丙');
    const r = (await submit(d.id, 'townA2', {})).json();
    expect(r).toMatchObject({ orgId: aOrg, state: 'pending' });
    expect(await detail(r.id, 'multi')).toMatchObject({ canDecide: false, cannotDecide: '该申请所属党组织不在您的管辖范围，您只能查看' });
    expect((await post(`/api/approvals`, { kind: 'member.declaration', subjectId: d.id, payload: {}, version: 1 }, 'multi')).statusCode).toBe(404);
    const before = await counts();
    expect((await decide(r.id, 'multi', 'approve')).json().details[0]).toMatchObject({ code: 'NOT_MANAGED' });
    expect(await counts()).toBe(before);

    // Theirs: a declaration at T1's 社区企业4 (covered by my A街支部 and their T1支部). I do not see it;
    // they cannot register into my organisation, and their request hangs on their own T1支部.
    const theirs = await declare('multi', '社区企业4', '亮身份两街丁');
    expect((await submit(theirs.id, 'townA2', {})).statusCode).toBe(404);
    const intoMine = await submit(theirs.id, 'multi', { orgId: aOrg, joinedOn: '2012-07-01' });
    expect(intoMine.statusCode).toBe(403);
    const own = await submit(theirs.id, 'multi', {});
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ orgId: t.cs.orgs['T1支部'] });
    expect((await get(`/api/approvals/${own.json().id}`, 'townA')).statusCode).toBe(404);
    expect((await decide(own.json().id, 'townA', 'approve')).statusCode).toBe(404);

    // The reverse: my 社区企业1 is covered only by T1's joint branch — no anchor of mine, so no request.
    const uncovered = await declare('townA2', '社区企业1', '亮身份两街戊');
    const none = await submit(uncovered.id, 'townA2', {});
    expect(none.statusCode).toBe(400);
    expect(none.json().details[0]).toMatchObject({ field: 'payload.orgId', code: 'NO_ANCHOR' });
    expect(none.json().message).toMatch(/请选择登记入册的党组织/);
    expect((await submit(uncovered.id, 'multi', {})).statusCode).toBe(404);
  });

  it('the last level refuses a person put on a roll meanwhile; nothing is written', async () => {
    const d = await declare('townA2', '社区企业2', '亮身份在册己', { joinedOn: '2011-07-01' });
    const r = (await submit(d.id, 'townA2', { orgId: aOrg })).json();
    await decide(r.id, 'commA', 'approve');
    await decide(r.id, 'townA', 'approve');
    const added = await post('/api/members', { name: '亮身份在册己', idNumber: d.idNumber, orgId: aOrg, category: 'full', joinedOn: '2011-07-01' }, 'townA');
    expect(added.statusCode, added.body).toBe(201);
    const before = await counts();
    const refused = await decide(r.id, 'orgA', 'approve');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().details[0]).toMatchObject({ field: 'rules', code: 'RULE_FINDING' });
    expect(refused.json().details[0].message).toMatch(/申报人已在党员名册中.*《中国共产党章程》第八条/);
    expect(await counts()).toBe(before);
    expect((await t.database.db.selectFrom('member_declaration').select('status').where('id', '=', d.id).executeTakeFirstOrThrow()).status).toBe('pending');
  });

  it('a district that sets no flow confirms directly; one that requires 社区 alone has the 社区 officer register the member', async () => {
    const d = await declare('orgB', '社区企业6', '亮身份社区庚', { joinedOn: '2013-07-01' });
    expect((await get(`/api/member-declarations/${d.id}`, 'orgB')).json().approval).toEqual({ flow: 'default', open: null });
    const flows = [{ kind: 'member.declaration', levels: ['community_officer'], required: true }];
    const set = await t.send('PUT', '/api/approval-flows/440306', { version: 0, flows }, 'orgB');
    expect(set.statusCode, set.body).toBe(200);
    const direct = await post(`/api/member-declarations/${d.id}/confirm`, { version: 1 }, 'orgB');
    expect(direct.json().details[0]).toMatchObject({ code: 'APPROVAL_REQUIRED' });
    const r = (await submit(d.id, 'orgB', { orgId: t.cs.orgs['B区支部'] })).json();
    expect(r).toMatchObject({ waitingFor: '待社区审批', orgId: t.cs.orgs['B区支部'] });
    const done = await decide(r.id, 'commB', 'approve', '已核实');
    expect(done.statusCode, done.body).toBe(200);
    expect(await memberOf(d.id)).toMatchObject({ org_id: t.cs.orgs['B区支部'], joined_on: '2013-07-01', source: 'declaration', declaration: 'confirmed' });
    const created = await t.database.db.selectFrom('audit_event').select('actor_name')
      .where('action', '=', 'member.create').where('entity_id', '=', (await memberOf(d.id)).id).executeTakeFirstOrThrow();
    expect(created.actor_name).toBe('commB');
  });
});

/** GB 11643 check character, so the numbers pass the service's validation. */
function idNo(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, x, i) => s + Number(x) * w[i], 0);
  return body17 + '10X98765432'[sum % 11];
}
