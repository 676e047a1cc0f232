import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/core/auth/password.js';
import { COMMUNITIES, PASSWORD, signInAs } from '../factories/world.js';
import { testEngine } from '../helpers/db.js';
import { useTwoStreets } from '../helpers/two-streets.js';
import { branchUnder, committeeOf, rosterMember, signInSecretary, approvalCalls } from './approval-fixtures.js';

/**
 * 组织关系转出本区 through the approval engine (docs/approvals.md), on two streets: a branch secretary
 * of street A asks to send a member to an organisation of another district; 街道 → 区 decide, with a
 * return and a resubmission between; the last level runs the member rules and issues the letter
 * through the transfer module's own code — the same letter a direct issue writes. A member of the
 * other street's joint branch, employed in street A, is seen by street A and never sent or decided by it.
 */
describe(`approval of 组织关系转出本区 on ${testEngine()}`, () => {
  const t = useTwoStreets(['sys', 'orgA', 'townA', 'commA', 'multi']);
  let branch = '';
  let away = '';
  const { get, post, detail, decide } = approvalCalls(t);
  const memberVersion = async (id: string) => (await t.database.db.selectFrom('party_member').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
  const submit = async (memberId: string, who = 'secA', payload: Record<string, unknown> = { toOrgId: away, paperLetterNo: '粤组转字001号' }) =>
    post('/api/approvals', { kind: 'memberTransfer.out', subjectId: memberId, payload, version: await memberVersion(memberId), comment: '工作调动，请审批' }, who);
  const letters = (memberId: string) => t.database.db.selectFrom('member_transfer').selectAll().where('member_id', '=', memberId).execute();
  const counts = async () => {
    const n = async (table: 'approval_request' | 'approval_step' | 'member_transfer') =>
      (await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
    return `${await n('approval_request')}/${await n('approval_step')}/${await n('member_transfer')}`;
  };

  beforeAll(async () => {
    const committee = await committeeOf(t.database, undefined, '转接审批街道党工委');
    branch = await branchUnder(t.database, committee, COMMUNITIES[0], '转接审批支部');
    away = t.cs.orgs['园区支部']; // placed in another district (county 2)
    t.s.secA = await signInSecretary(t.database, t.app, committee, '李书记');
    const u2 = await t.database.db.insertInto('app_user').values({ username: 'orgA2', display_name: '组织部王科长', password_hash: await hashPassword(PASSWORD), must_change_password: false })
      .returning('id').executeTakeFirstOrThrow();
    await t.database.db.insertInto('user_role').values({ user_id: u2.id, role: 'org_admin', party_org_ids: [], region_prefixes: ['440305'] }).execute();
    t.s.orgA2 = await signInAs(t.app, 'orgA2');
  }, 120_000);

  it('街道 → 区 with a return and a resubmission; the last level issues the same letter a direct issue writes', async () => {
    const memberId = await rosterMember(t.database, branch, '转出党员甲');
    const within = await submit(memberId, 'secA', { toOrgId: t.cs.orgs['A街支部'] });
    expect(within.statusCode).toBe(400);
    expect(within.json().details[0]).toMatchObject({ field: 'payload.toOrgId', code: 'WITHIN_DISTRICT' });
    const res = await submit(memberId);
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ state: 'pending', waitingFor: '待街道审批', subjectLabel: '转出党员甲（党员组织关系转出本区）', href: `/members/${memberId}` });
    expect(r.asked).toContainEqual({ label: '接收党组织', value: '园区支部' });
    expect(await letters(memberId)).toEqual([]);
    const direct = await post('/api/member-transfers', { memberId, toOrgId: away }, 'townA');
    expect(direct.statusCode).toBe(409);
    expect(direct.json().details[0]).toMatchObject({ code: 'AWAITING_APPROVAL' });

    expect((await decide(r.id, 'commA', 'approve')).json().details[0]).toMatchObject({ code: 'NOT_YOUR_LEVEL' });
    const back = await decide(r.id, 'townA', 'return', '请补充纸质介绍信编号');
    expect(back.json()).toMatchObject({ state: 'returned' });
    const again = await post(`/api/approvals/${r.id}/resubmit`, { version: (await detail(r.id)).version, payload: { paperLetterNo: '粤组转字002号' } }, 'secA');
    expect(again.statusCode, again.body).toBe(200);
    expect((await decide(r.id, 'townA', 'approve', '同意')).json()).toMatchObject({ waitingFor: '待区委组织部（两新工委）审批' });
    const last = await decide(r.id, 'orgA', 'approve', '同意转出');
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json().steps.map((s: { actionLabel: string }) => s.actionLabel)).toEqual(['提交审批', '退回修改', '重新提交', '同意', '同意', '审批通过，已登记']);

    // The same letter as a direct issue by the district for a member of the same branch.
    const other = await rosterMember(t.database, branch, '转出党员乙');
    const plain = await post('/api/member-transfers', { memberId: other, toOrgId: away, paperLetterNo: '粤组转字003号' }, 'orgA');
    expect(plain.statusCode, plain.body).toBe(201);
    const [viaEngine] = await letters(memberId);
    const [directly] = await letters(other);
    const shape = (l: typeof viaEngine) => ({ direction: l.direction, from: l.from_org_id, to: l.to_org_id, status: l.status, issuedOn: l.issued_on, validUntil: l.valid_until, year: l.letter_year });
    expect(shape(viaEngine)).toEqual(shape(directly));
    expect(viaEngine.paper_letter_no).toBe('粤组转字002号');
    const history = (await get(`/api/members/${memberId}/history`, 'sys')).json();
    expect(history.items.filter((e: { kind: string }) => e.kind === 'approval')).toHaveLength(6 - 1);
    const audits = await t.database.db.selectFrom('audit_event').select('action').where('entity', '=', 'member_transfer').where('entity_id', '=', viaEngine.id).execute();
    expect(audits.map((a) => a.action)).toEqual(['member_transfer.issue']);
    const open = await t.database.db.selectFrom('task').select('kind').where('subject_table', '=', 'approval_request').where('subject_id', '=', r.id).where('state', '=', 'open').execute();
    expect(open).toEqual([]);
  });

  it('two deciders of the last level at once: one issues the letter, the other gets 409 with the request as it stands', async () => {
    const memberId = await rosterMember(t.database, branch, '并发转出党员');
    const r = (await submit(memberId)).json();
    await decide(r.id, 'townA', 'approve');
    const { version } = await detail(r.id);
    const both = await Promise.all(['orgA', 'orgA2'].map((who) => post(`/api/approvals/${r.id}/decision`, { version, decision: 'approve' }, who)));
    expect(both.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    expect(both.find((x) => x.statusCode === 409)!.json().current).toMatchObject({ state: 'approved' });
    expect(await letters(memberId)).toHaveLength(1);
    const steps = await t.database.db.selectFrom('approval_step').select('action').where('request_id', '=', r.id).execute();
    expect(steps.filter((x) => x.action === 'completed')).toHaveLength(1);
  });

  it('the member rules run before the last level: a member out of contact for months is not sent; nothing is written', async () => {
    const memberId = await rosterMember(t.database, branch, '失联党员丙', { status: 'lostContact', status_since: '2025-01-01' });
    const r = (await submit(memberId)).json();
    expect((await decide(r.id, 'townA', 'approve')).statusCode).toBe(200);
    const before = await counts();
    const refused = await decide(r.id, 'orgA', 'approve');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().details[0]).toMatchObject({ field: 'rules', code: 'RULE_FINDING' });
    expect(refused.json().message).toMatch(/^规则检查未通过/);
    expect(await counts()).toBe(before);
    expect(await letters(memberId)).toEqual([]);
  });

  it('the other street\'s joint branch member employed in street A: seen, never sent or decided by street A', async () => {
    const mJ = t.cs.members.mJ;
    expect((await get(`/api/members/${mJ}`, 'townA')).statusCode).toBe(200);
    const mine = await submit(mJ, 'townA');
    expect(mine.statusCode).toBe(403);
    const res = await submit(mJ, 'sys');
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect((await detail(r.id, 'townA'))).toMatchObject({ canDecide: false, cannotDecide: '该申请所属党组织不在您的管辖范围，您只能查看' });
    const before = await counts();
    expect((await decide(r.id, 'townA', 'approve')).json().details[0]).toMatchObject({ code: 'NOT_MANAGED' });
    expect(await counts()).toBe(before);
    expect((await decide(r.id, 'multi', 'approve')).statusCode).toBe(200); // street T1's own level
  });

  it('no flow set: the direct letter works as before; 必经线上审批 set: refused, submit instead', async () => {
    const memberId = await rosterMember(t.database, branch, '转出党员丁');
    const flows = [{ kind: 'memberTransfer.out', levels: ['township_officer', 'org_admin'], required: true }];
    const set = await t.send('PUT', '/api/approval-flows/440305', { version: 0, flows }, 'orgA');
    expect(set.statusCode, set.body).toBe(200);
    const refused = await post('/api/member-transfers', { memberId, outsideOrg: '外省某公司党支部' }, 'townA');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().details[0]).toMatchObject({ code: 'APPROVAL_REQUIRED' });
    const inside = await post('/api/member-transfers', { memberId, toOrgId: t.cs.orgs['A街支部'] }, 'townA');
    expect(inside.statusCode, inside.body).toBe(201); // within the district: no approval
  });
});
