import { beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/domain/org-terms.js';
import { COMMUNITIES } from '../factories/world.js';
import { testEngine } from '../helpers/db.js';
import { useTwoStreets } from '../helpers/two-streets.js';
import { branchUnder, committeeOf, rosterMember, signInSecretary, approvalCalls } from './approval-fixtures.js';

/**
 * 撤销党组织 through the approval engine (docs/approvals.md), on two streets: a branch secretary of
 * street A asks to dissolve a branch; 街道 → 区 decide, with a return and a resubmission between; the
 * last level refuses while members remain on its roll, then dissolves it through the party-org
 * module's own code — the same change a direct dissolution makes. A branch of the other street
 * covering an enterprise of street A is seen by street A and never dissolved or decided by it.
 */
describe(`approval of 撤销党组织 on ${testEngine()}`, () => {
  const t = useTwoStreets(['sys', 'orgA', 'townA', 'commA', 'multi']);
  let committee = '';
  const { get, post, detail, decide } = approvalCalls(t);
  const org = (id: string) => t.database.db.selectFrom('party_org').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const submit = async (orgId: string, who = 'secA') =>
    post('/api/approvals', { kind: 'org.dissolution', subjectId: orgId, payload: { reason: '企业注销' }, version: (await org(orgId)).version }, who);
  const counts = async () => {
    const n = async (table: 'approval_request' | 'approval_step' | 'party_org_event') =>
      (await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
    return `${await n('approval_request')}/${await n('approval_step')}/${await n('party_org_event')}`;
  };

  beforeAll(async () => {
    committee = await committeeOf(t.database, undefined, '撤销审批街道党工委');
    t.s.secA = await signInSecretary(t.database, t.app, committee, '李书记');
  }, 120_000);

  it('街道 → 区 with a return and a resubmission; refused while members remain; then the same change a direct dissolution makes', async () => {
    const branch = await branchUnder(t.database, committee, COMMUNITIES[0], '待撤销支部');
    const memberId = await rosterMember(t.database, branch, '未转出党员');
    const res = await submit(branch);
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ state: 'pending', waitingFor: '待街道审批', href: `/orgs/${branch}` });
    expect(r.asked).toContainEqual({ label: '撤销原因', value: '企业注销' });
    const direct = await post(`/api/party-orgs/${branch}/dissolve`, { version: (await org(branch)).version, on: todayInChina(), reason: '企业注销' }, 'townA');
    expect(direct.statusCode).toBe(409);
    expect(direct.json().details[0]).toMatchObject({ code: 'AWAITING_APPROVAL' });

    expect((await decide(r.id, 'townA', 'return', '请先转出党员')).json()).toMatchObject({ state: 'returned' });
    expect((await post(`/api/approvals/${r.id}/resubmit`, { version: (await detail(r.id)).version, comment: '已核实' }, 'secA')).statusCode).toBe(200);
    expect((await decide(r.id, 'townA', 'approve')).statusCode).toBe(200);
    const before = await counts();
    const refused = await decide(r.id, 'orgA', 'approve');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().details[0]).toMatchObject({ field: 'rules', code: 'RULE_FINDING' });
    expect(refused.json().details[0].message).toContain('党员组织关系尚未转出');
    expect(await counts()).toBe(before);
    expect((await org(branch)).status).toBe('active');

    await t.database.db.updateTable('party_member').set({ org_id: committee }).where('id', '=', memberId).execute();
    const last = await decide(r.id, 'orgA', 'approve', '同意撤销');
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json().steps.map((s: { actionLabel: string }) => s.actionLabel)).toEqual(['提交审批', '退回修改', '重新提交', '同意', '同意', '审批通过，已登记']);

    const twin = await branchUnder(t.database, committee, COMMUNITIES[0], '直接撤销支部');
    const plain = await post(`/api/party-orgs/${twin}/dissolve`, { version: (await org(twin)).version, on: todayInChina(), reason: '企业注销' }, 'orgA');
    expect(plain.statusCode, plain.body).toBe(200);
    const shape = (o: Awaited<ReturnType<typeof org>>) => ({ status: o.status, dissolvedOn: o.dissolved_on, version: o.version });
    expect(shape(await org(branch))).toEqual(shape(await org(twin)));
    const events = (await get(`/api/party-orgs/${branch}/history`, 'sys')).json().items;
    expect(events.filter((e: { kind: string }) => e.kind === 'approval')).toHaveLength(5);
    expect(events.find((e: { kind: string }) => e.kind === 'dissolved')).toBeTruthy();
    const audits = await t.database.db.selectFrom('audit_event').select('action').where('entity', '=', 'party_org').where('entity_id', '=', branch).execute();
    expect(audits.map((a) => a.action)).toEqual(['party_org.dissolve']);
  });

  it('the other street\'s branch covering an enterprise of street A: seen, never dissolved or decided by street A', async () => {
    const t1 = t.cs.orgs['T1党委'];
    const linked = await branchUnder(t.database, t1, COMMUNITIES[2], 'T1联建支部');
    await t.database.db.updateTable('party_org').set({ path: `${t1}.${linked}`, setup_mode: 'joint' }).where('id', '=', linked).execute();
    const e0 = (await t.database.db.selectFrom('enterprise').select('id').where('name', '=', '社区企业1').executeTakeFirstOrThrow()).id;
    await t.database.db.insertInto('party_org_coverage').values({ org_id: linked, enterprise_id: e0, mode: 'joint', since: '2024-01-01' }).execute();
    expect((await get(`/api/party-orgs/${linked}`, 'townA')).statusCode).toBe(200);
    expect((await submit(linked, 'townA')).statusCode).toBe(403);
    const res = await submit(linked, 'sys');
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(await detail(r.id, 'townA')).toMatchObject({ canDecide: false, cannotDecide: '该申请所属党组织不在您的管辖范围，您只能查看' });
    const before = await counts();
    expect((await decide(r.id, 'townA', 'approve')).json().details[0]).toMatchObject({ code: 'NOT_MANAGED' });
    expect(await counts()).toBe(before);
    expect((await decide(r.id, 'multi', 'approve')).statusCode).toBe(200);
    expect((await org(linked)).status).toBe('active');
  });

  it('成立党组织 under my committee: 街道 → 区; the org rules refuse a standalone branch of two full members; returned, corrected, created as a direct creation would', async () => {
    const fields = { name: '新成立审批支部', orgType: 'branch', setupMode: 'standalone', fullMembers: 2 };
    const version = (await org(committee)).version;
    const res = await post('/api/approvals', { kind: 'org.setup', subjectId: committee, payload: fields, version }, 'secA');
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ subjectLabel: '新成立审批支部（成立党组织）', href: `/orgs/${committee}`, waitingFor: '待街道审批' });
    const direct = await post('/api/party-orgs', { ...fields, name: '绕过审批支部', parentId: committee }, 'townA');
    expect(direct.statusCode).toBe(409);
    expect(direct.json().details[0]).toMatchObject({ code: 'AWAITING_APPROVAL' });
    expect((await decide(r.id, 'townA', 'approve')).statusCode).toBe(200);
    const refused = await decide(r.id, 'orgA', 'approve');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().details[0]).toMatchObject({ field: 'rules', code: 'RULE_FINDING' });
    expect(refused.json().details[0].message).toContain('单独组建的党组织正式党员不足');
    expect((await decide(r.id, 'orgA', 'return', '正式党员不足3人，请核实人数')).statusCode).toBe(200);
    const again = await post(`/api/approvals/${r.id}/resubmit`, { version: (await detail(r.id)).version, payload: { fullMembers: 3 } }, 'secA');
    expect(again.statusCode, again.body).toBe(200);
    expect((await decide(r.id, 'townA', 'approve')).statusCode).toBe(200);
    const last = await decide(r.id, 'orgA', 'approve', '同意成立');
    expect(last.statusCode, last.body).toBe(200);
    const made = await t.database.db.selectFrom('party_org').selectAll().where('name', '=', '新成立审批支部').executeTakeFirstOrThrow();
    const twin = await post('/api/party-orgs', { ...fields, fullMembers: 3, name: '直接成立支部', parentId: committee, foundedOn: todayInChina() }, 'orgA');
    expect(twin.statusCode, twin.body).toBe(201);
    const plain = await org(twin.json().id);
    const shape = (o: typeof made) => ({ type: o.org_type, mode: o.setup_mode, region: o.region_code, parent: o.parent_id, founded: o.founded_on, term: o.term_years, ends: o.term_ends_on, full: o.full_members, path: o.path.split('.').length });
    expect(shape(made)).toEqual(shape(plain));
    const audits = await t.database.db.selectFrom('audit_event').select('action').where('entity', '=', 'party_org').where('entity_id', '=', made.id).execute();
    expect(audits.map((a) => a.action)).toEqual(['party_org.create']);
    const events = (await get(`/api/party-orgs/${committee}/history`, 'sys')).json().items;
    expect(events.filter((e: { kind: string }) => e.kind === 'approval').length).toBeGreaterThanOrEqual(6);
  });

  it('成立 under the other street\'s joint branch covering my enterprise: seen, never asked or decided by street A', async () => {
    const joint = t.cs.orgs['跨街联合党支部'];
    const body = { kind: 'org.setup', subjectId: joint, payload: { name: '跨街新支部', orgType: 'branch', setupMode: 'joint', regionCode: COMMUNITIES[2], fullMembers: 3 }, version: (await org(joint)).version };
    expect((await post('/api/approvals', body, 'townA')).statusCode).toBe(403);
    const res = await post('/api/approvals', body, 'sys');
    expect(res.statusCode, res.body).toBe(201);
    expect(await detail(res.json().id, 'townA')).toMatchObject({ canDecide: false });
    expect((await decide(res.json().id, 'townA', 'approve')).json().details[0]).toMatchObject({ code: 'NOT_MANAGED' });
  });
});
