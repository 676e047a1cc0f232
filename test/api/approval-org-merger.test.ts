import { beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/domain/org-terms.js';
import { COMMUNITIES } from '../factories/world.js';
import { testEngine } from '../helpers/db.js';
import { useTwoStreets } from '../helpers/two-streets.js';
import { branchUnder, committeeOf, rosterMember, signInSecretary, approvalCalls } from './approval-fixtures.js';

/**
 * 党组织合并 through the approval engine and directly (docs/approvals.md, docs/organisations.md
 * "Merging"), on two streets: a branch secretary of street A asks to merge one branch into another;
 * 街道 → 区 decide in order, with a return and a resubmission between; a letter still waiting refuses
 * the last level with nothing written; once it is withdrawn the last level merges through the party-org
 * module's own code — the same change a direct merger makes. The other street's joint branch covering
 * an enterprise of street A is seen by street A, and never merged, merged into or decided by it.
 */
describe(`党组织合并 (approval and direct) on ${testEngine()}`, () => {
  const t = useTwoStreets(['sys', 'orgA', 'townA', 'multi']);
  let committee = '';
  const { get, post, detail, decide } = approvalCalls(t);
  const org = (id: string) => t.database.db.selectFrom('party_org').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const submit = async (from: string, into: string, who = 'secA') =>
    post('/api/approvals', { kind: 'org.merger', subjectId: from, payload: { intoOrgId: into, reason: '企业党员人数少，合并组建' }, version: (await org(from)).version }, who);
  const merge = async (from: string, into: string, who: string, extra: Record<string, unknown> = {}) => post(`/api/party-orgs/${from}/merge`, {
    version: (await org(from)).version, intoOrgId: into, intoVersion: (await org(into)).version, on: todayInChina(), reason: '企业党员人数少，合并组建', ...extra,
  }, who);
  const counts = async () => {
    const n = async (table: 'approval_request' | 'approval_step' | 'party_org_event' | 'member_transfer' | 'audit_event') =>
      (await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
    return [await n('approval_request'), await n('approval_step'), await n('party_org_event'), await n('member_transfer')].join('/');
  };
  const memberOrg = async (id: string) => (await t.database.db.selectFrom('party_member').select('org_id').where('id', '=', id).executeTakeFirstOrThrow()).org_id;

  beforeAll(async () => {
    committee = await committeeOf(t.database, undefined, '合并审批街道党工委');
    t.s.secA = await signInSecretary(t.database, t.app, committee, '周书记');
  }, 120_000);

  it('街道 → 区 with a return and a resubmission; a waiting letter refuses the last level; then the same change a direct merger makes', async () => {
    const a = await branchUnder(t.database, committee, COMMUNITIES[0], '被合并支部');
    const b = await branchUnder(t.database, committee, COMMUNITIES[0], '保留支部');
    const m1 = await rosterMember(t.database, a, '吴合并');
    const m2 = await rosterMember(t.database, a, '郑合并');
    const res = await submit(a, b);
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    const bName = (await org(b)).name;
    expect(r).toMatchObject({ state: 'pending', waitingFor: '待街道审批', href: `/orgs/${a}` });
    expect(r.asked).toContainEqual({ label: '合并后保留的党组织', value: bName });
    const direct = await merge(a, b, 'townA');
    expect(direct.statusCode).toBe(409);
    expect(direct.json().details[0]).toMatchObject({ code: 'AWAITING_APPROVAL' });

    expect((await decide(r.id, 'townA', 'return', '请核实合并原因')).json()).toMatchObject({ state: 'returned' });
    expect((await post(`/api/approvals/${r.id}/resubmit`, { version: (await detail(r.id)).version, comment: '已核实' }, 'secA')).statusCode).toBe(200);
    // Levels pass in order: the district cannot decide while the street's level waits.
    expect((await decide(r.id, 'orgA', 'approve')).json().details[0]).toMatchObject({ code: 'NOT_YOUR_LEVEL' });
    expect((await decide(r.id, 'townA', 'approve')).statusCode).toBe(200);

    const other = await branchUnder(t.database, committee, COMMUNITIES[0], '其他支部');
    const letter = await t.database.db.insertInto('member_transfer').values({
      member_id: m2, direction: 'internal', from_org_id: a, to_org_id: other, letter_year: 2026, letter_seq: 1, issued_on: todayInChina(), status: 'issued',
    }).returning('id').executeTakeFirstOrThrow();
    const before = await counts();
    const refused = await decide(r.id, 'orgA', 'approve');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().details[0]).toMatchObject({ field: 'rules', code: 'RULE_FINDING' });
    expect(refused.json().details[0].message).toContain('郑合并');
    expect(await counts()).toBe(before);
    await t.database.db.updateTable('member_transfer').set({ status: 'revoked', reason: '合并前撤回' }).where('id', '=', letter.id).execute();

    const last = await decide(r.id, 'orgA', 'approve', '同意合并');
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json().steps.map((s: { actionLabel: string }) => s.actionLabel)).toEqual(['提交审批', '退回修改', '重新提交', '同意', '同意', '审批通过，已登记']);
    expect([await memberOrg(m1), await memberOrg(m2)]).toEqual([b, b]);

    // The twin, merged directly by the district: the same change.
    const a2 = await branchUnder(t.database, committee, COMMUNITIES[0], '直接被合并支部');
    const b2 = await branchUnder(t.database, committee, COMMUNITIES[0], '直接保留支部');
    const n1 = await rosterMember(t.database, a2, '王直接');
    const n2 = await rosterMember(t.database, a2, '冯直接');
    const plain = await merge(a2, b2, 'orgA');
    expect(plain.statusCode, plain.body).toBe(200);
    expect(plain.json()).toMatchObject({ membersMoved: 2, merged: { status: 'dissolved' }, into: { id: b2 } });
    expect([await memberOrg(n1), await memberOrg(n2)]).toEqual([b2, b2]);
    const shape = (o: Awaited<ReturnType<typeof org>>) => ({ status: o.status, dissolvedOn: o.dissolved_on, version: o.version, full: o.full_members });
    expect(shape(await org(a))).toEqual(shape(await org(a2)));
    expect(shape(await org(b))).toEqual(shape(await org(b2)));
    const kinds = async (id: string) => (await get(`/api/party-orgs/${id}/history`, 'sys')).json().items.map((e: { kind: string }) => e.kind);
    expect((await kinds(a)).filter((k: string) => k === 'approval')).toHaveLength(5);
    expect(await kinds(a)).toContain('dissolved');
    expect((await kinds(b)).filter((k: string) => k === 'approval')).toHaveLength(5);
    expect(await kinds(b)).toContain('merged');
    expect((await kinds(b2)).filter((k: string) => k === 'merged')).toHaveLength(1);
    const audits = async (id: string) => (await t.database.db.selectFrom('audit_event').select('action').where('entity', '=', 'party_org').where('entity_id', '=', id).orderBy('seq').execute()).map((x) => x.action);
    expect(await audits(a)).toEqual(await audits(a2));
    expect(await audits(a)).toEqual(['party_org.dissolve', 'party_org.merge']);
  });

  it('a stale version of either organisation is a 409 with the record as it stands; nothing is written', async () => {
    const a = await branchUnder(t.database, committee, COMMUNITIES[0], '版本被合并支部');
    const b = await branchUnder(t.database, committee, COMMUNITIES[0], '版本保留支部');
    await rosterMember(t.database, a, '陈版本');
    const before = await counts();
    for (const extra of [{ intoVersion: (await org(b)).version + 1 }, { version: (await org(a)).version + 1 }]) {
      const res = await merge(a, b, 'townA', extra);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { id: a, status: 'active' } });
    }
    expect(await counts()).toBe(before);
  });

  it('the other street\'s joint branch covering my enterprise: I see it, but cannot merge it, merge into it, or decide its merger', async () => {
    const t1 = t.cs.orgs['T1党委'];
    const joint = t.cs.orgs['跨街联合党支部'];
    const linked = await branchUnder(t.database, t1, COMMUNITIES[2], 'T1联建支部');
    await t.database.db.updateTable('party_org').set({ path: `${(await org(t1)).path}.${linked}`, setup_mode: 'joint' }).where('id', '=', linked).execute();
    const e0 = (await t.database.db.selectFrom('enterprise').select('id').where('name', '=', '社区企业1').executeTakeFirstOrThrow()).id;
    await t.database.db.insertInto('party_org_coverage').values({ org_id: linked, enterprise_id: e0, mode: 'joint', since: '2024-01-01' }).execute();
    const mine = await branchUnder(t.database, committee, COMMUNITIES[0], '本街合并支部');
    await rosterMember(t.database, mine, '褚本街');
    expect((await get(`/api/party-orgs/${linked}`, 'townA')).statusCode).toBe(200);
    const before = await counts();
    const intoIt = await merge(mine, joint, 'townA');
    expect(intoIt.statusCode).toBe(403);
    expect(intoIt.json().details[0]).toMatchObject({ field: 'intoOrgId', code: 'NOT_MANAGED' });
    expect((await merge(linked, mine, 'townA')).json().details[0]).toMatchObject({ code: 'NOT_MANAGED' });
    expect((await submit(linked, joint, 'townA')).statusCode).toBe(403);
    expect((await submit(mine, joint, 'townA')).json().details[0]).toMatchObject({ field: 'intoOrgId', code: 'NOT_MANAGED' });
    expect(await counts()).toBe(before);

    // The district's own officer submits the other street's merger: street A sees it and cannot decide it.
    const res = await submit(linked, t1, 'sys');
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(await detail(r.id, 'townA')).toMatchObject({ canDecide: false });
    expect((await decide(r.id, 'townA', 'approve')).json().details[0]).toMatchObject({ code: 'NOT_MANAGED' });
    expect((await decide(r.id, 'multi', 'approve')).statusCode).toBe(200);
    expect((await org(linked)).status).toBe('active');
  });
});
