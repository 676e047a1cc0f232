import { beforeAll, describe, expect, it } from 'vitest';
import { checklistVersionAt } from '../../src/domain/standards/standards-catalogue.js';
import { COMMUNITIES, COUNTIES } from '../factories/world.js';
import { testEngine } from '../helpers/db.js';
import { useTwoStreets } from '../helpers/two-streets.js';
import { branchUnder, committeeOf, signInSecretary } from './approval-fixtures.js';

/**
 * 规范化建设复核 through the approval engine (docs/standards.md, "Review through the approval engine"),
 * on two streets. A branch's 提交审核 opens a `standards.review` request; with nothing configured the
 * levels are the template's (七个有: 街道 → 区; 六有: 街道), each level marks every item on the checklist's
 * page (the marks kept per level, in `checklist_review` and on the engine's step), a return sends it back
 * to the branch and 提交审核 resubmits it, and the last level's result equals the module's own review of a
 * checklist submitted before the engine (kept working as it was). A district's 社区 → 街道 → 区 puts the
 * community first, never above the template's last level. The other street's joint branch covering an
 * enterprise of street A: its checklist is seen by street A, never reviewed by it.
 */
const YEAR = 2025;

describe(`规范化建设复核 through the approval engine on ${testEngine()}`, () => {
  const t = useTwoStreets(['sys', 'orgA', 'townA', 'commA', 'multi']);
  // A response body as the tests read it (what JSON.parse gives).
  type Json = ReturnType<typeof JSON.parse>;
  let committee = '';
  const send = (method: string, url: string, body: unknown, who: string) => t.send(method, url, body, who);
  const get = async (url: string, who = 'sys'): Promise<Json> => (await send('GET', url, undefined, who)).json();
  /** Each item one point short of full, minus `less` on the first: marks a reviewer would give. */
  const marksOf = (templateId: string, less = 0) => {
    const v = checklistVersionAt(templateId as never, '2019-01-01')!;
    return Object.fromEntries(v.items.map((i, n) => [i.key, i.weight - 1 - (n === 0 ? less : 0)]));
  };

  /** A branch of street A with its year's checklist, every item attested, as the secretary leaves it before 提交审核. */
  async function drafted(templateId: string, orgId?: string, by = 'secA'): Promise<Json> {
    const org = orgId ?? await branchUnder(t.database, committee, COMMUNITIES[0], '复核测试支部');
    const made = await send('POST', '/api/standards/assessments', { templateId, orgKind: 'partyOrg', orgId: org, year: YEAR }, by);
    expect(made.statusCode, made.body).toBe(201);
    const v = checklistVersionAt(templateId as never, '2019-01-01')!;
    await t.database.db.insertInto('checklist_evidence').values(v.items.map((i) => ({ assessment_id: made.json().id, item_key: i.key, kind: 'attestation' as const, attestation: `${i.title}：情况见台账` }))).execute();
    return get(`/api/standards/assessments/${made.json().id}`, by);
  }
  const submit = async (a: Json, by = 'secA') => {
    const res = await send('POST', `/api/standards/assessments/${a.id}/submit`, { version: a.version }, by);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Json;
  };
  const review = (a: Json, who: string, decision: 'pass' | 'return', marks: Record<string, number>, comment?: string) =>
    send('POST', `/api/standards/assessments/${a.id}/reviews`, { version: a.version, decision, marks, ...(comment ? { comment } : {}) }, who);
  const requestOf = async (a: Json) => (await get(`/api/approvals?view=record&subjectTable=checklist_assessment&subjectId=${a.id}`)).items[0] as Json;
  const counts = async () => {
    const n = async (table: 'approval_request' | 'approval_step' | 'checklist_review' | 'party_org_event' | 'audit_event') =>
      (await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
    return [await n('approval_request'), await n('approval_step'), await n('checklist_review'), await n('party_org_event'), await n('audit_event')].join('/');
  };
  const resultEvent = async (orgId: string) => {
    const e = (await get(`/api/party-orgs/${orgId}/history`)).items.find((x: Json) => x.kind === 'checklist_result');
    return e?.data as Json;
  };

  beforeAll(async () => {
    committee = await committeeOf(t.database, undefined, '复核测试街道党工委');
    t.s.secA = await signInSecretary(t.database, t.app, committee, '赵书记');
  }, 120_000);

  it('七个有 with nothing configured: 街道 → 区 in order, marks kept per level, the result equal to the module\'s own review of an older submission', async () => {
    let a = await submit(await drafted('partySevenHave'));
    expect(a).toMatchObject({ status: 'submitted', stage: 'street', reviewable: null });
    const r = await requestOf(a);
    expect(r).toMatchObject({ kind: 'standards.review', state: 'pending', waitingFor: '待街道审批', href: `/standards/assessments/${a.id}` });
    expect(r.levels.map((l: Json) => l.role)).toEqual(['township_officer', 'org_admin']);
    expect((await get(`/api/standards/assessments/${a.id}`, 'townA')).reviewable).toBe('street');
    expect((await get(`/api/standards/assessments/${a.id}`, 'orgA')).reviewable).toBeNull();

    const street = marksOf('partySevenHave', 2);
    const district = marksOf('partySevenHave', 4);
    // The district out of turn (its grant covers the street's, but the level is the street's); nothing written.
    const before = await counts();
    expect((await review(a, 'orgA', 'pass', district)).json().details[0].code).toBe('NOT_YOUR_LEVEL');
    expect(await counts()).toBe(before);
    let res = await review(a, 'townA', 'pass', street);
    expect(res.statusCode, res.body).toBe(200);
    a = res.json();
    expect(a).toMatchObject({ status: 'submitted', stage: 'district' });
    expect((await requestOf(a)).waitingFor).toBe('待区委组织部（两新工委）审批');
    res = await review(a, 'orgA', 'pass', district);
    expect(res.statusCode, res.body).toBe(200);
    a = res.json();
    expect(a).toMatchObject({ status: 'passed', stage: null, total: 89, stars: 4 });
    expect(a.reviews.map((x: Json) => [x.level, x.marks, x.total])).toEqual([['street', street, 91], ['district', district, 89]]);

    const detail = await get(`/api/approvals/${r.id}`);
    expect(detail.state).toBe('approved');
    expect(detail.steps.map((s: Json) => [s.actionLabel, s.levelLabel, s.detail])).toEqual([
      ['提交审批', null, null], ['同意', '街道', '评分91分（★★★★（4星））'], ['同意', '区委组织部（两新工委）', '评分89分（★★★★（4星））'], ['审批通过，已登记', null, null],
    ]);
    const steps = await t.database.db.selectFrom('approval_step').select('data').where('request_id', '=', r.id).where('action', '=', 'approved').orderBy('id').execute();
    expect(steps.map((s) => (s.data as Json).marks)).toEqual([street, district]);
    const tasks = await t.database.db.selectFrom('task').select(['state']).where('subject_table', '=', 'approval_request').where('subject_id', '=', r.id).execute();
    expect(tasks.every((x) => x.state !== 'open')).toBe(true);

    // An older submission (no request: the module's own levels) reviewed with the same marks: the same result.
    const org = await branchUnder(t.database, committee, COMMUNITIES[0], '旧流程支部');
    const old = await t.database.db.insertInto('checklist_assessment').values({ template_id: 'partySevenHave', template_version: a.templateVersion, party_org_id: org, year: YEAR, status: 'submitted', stage: 'street' })
      .returning('id').executeTakeFirstOrThrow();
    let b = await get(`/api/standards/assessments/${old.id}`, 'townA');
    b = (await review(b, 'townA', 'pass', street)).json();
    res = await review(b, 'orgA', 'pass', district);
    expect(res.statusCode, res.body).toBe(200);
    b = res.json();
    const shape = (x: Json) => ({ status: x.status, total: x.total, stars: x.stars, result: x.result, grade: x.grade, reviews: x.reviews.map((y: Json) => [y.level, y.decision, y.marks, y.total, y.stars]) });
    expect(shape(b)).toEqual(shape(a));
    expect(await resultEvent(org)).toEqual(await resultEvent(a.orgId));
    expect(await requestOf(b)).toBeUndefined();
    const audits = async (id: string) => (await t.database.db.selectFrom('audit_event').select('action').where('entity', '=', 'checklist').where('entity_id', '=', id).orderBy('seq').execute()).map((x) => x.action);
    expect((await audits(a.id)).filter((x) => x === 'checklist.review')).toEqual(await audits(b.id));
  });

  it('六有: the street returns it with a comment, the branch corrects and resubmits with 提交审核, the street passes it', async () => {
    let a = await submit(await drafted('partySixHave'));
    const r = await requestOf(a);
    expect(r.levels.map((l: Json) => l.role)).toEqual(['township_officer']);
    const marks = Object.fromEntries(Object.keys(marksOf('partySixHave')).map((k) => [k, 5]));
    expect((await review(a, 'townA', 'pass', marks)).json().details[0].code).toBe('BELOW_PASS_MARK');
    expect((await review(a, 'townA', 'return', marks)).json().details[0]).toMatchObject({ field: 'comment', code: 'REQUIRED' });
    let res = await review(a, 'townA', 'return', marks, '阵地建设材料不全，请补充照片');
    expect(res.statusCode, res.body).toBe(200);
    a = res.json();
    expect(a).toMatchObject({ status: 'returned', stage: null });
    expect((await get(`/api/standards/assessments/${a.id}`, 'secA')).manageable).toBe(true);
    expect((await requestOf(a)).state).toBe('returned');
    const returned = await t.database.db.selectFrom('task').select('state').where('kind', '=', 'approval.returned').where('subject_id', '=', r.id).executeTakeFirstOrThrow();
    expect(returned.state).toBe('open');
    // The engine's own resubmit is not the way back: the checklist is corrected and submitted on its page.
    const direct = await send('POST', `/api/approvals/${r.id}/resubmit`, { version: (await get(`/api/approvals/${r.id}`)).version }, 'secA');
    expect(direct.json().details[0].code).toBe('SUBMIT_FROM_CHECKLIST');

    a = await get(`/api/standards/assessments/${a.id}`, 'secA');
    const fix = await send('PUT', `/api/standards/assessments/${a.id}/items/site`, { version: a.version, kind: 'attestation', attestation: '活动阵地已补充照片' }, 'secA');
    expect(fix.statusCode, fix.body).toBe(200);
    a = await submit(fix.json());
    expect(a).toMatchObject({ status: 'submitted', stage: 'street' });
    const again = await get(`/api/approvals/${r.id}`);
    expect(again).toMatchObject({ id: r.id, state: 'pending', currentLevel: 0 });
    expect(again.steps.map((s: Json) => s.actionLabel)).toEqual(['提交审批', '退回修改', '重新提交']);
    res = await review(a, 'townA', 'pass', marksOf('partySixHave'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'passed', total: 100 - 6, stars: 3 });
    expect(res.json().reviews.map((x: Json) => [x.level, x.decision])).toEqual([['street', 'return'], ['street', 'pass']]);
    expect((await get(`/api/approvals/${r.id}`)).state).toBe('approved');
  });

  it('撤回: after the secretary changed, the new one withdraws the returned request and 提交审核 opens a new one; a pending one withdrawn goes back to the branch', async () => {
    let a = await submit(await drafted('partySixHave'));
    const first = await requestOf(a);
    const marks = Object.fromEntries(Object.keys(marksOf('partySixHave')).map((k) => [k, 5]));
    a = (await review(a, 'townA', 'return', marks, '组织生活记录不全')).json();
    expect(a).toMatchObject({ status: 'returned' });
    const former = (await t.database.db.selectFrom('app_user').select('id').where('username', '=', 'secA').executeTakeFirstOrThrow()).id;
    await t.database.db.deleteFrom('user_role').where('user_id', '=', former).execute();
    try {
      t.s.secNew = await signInSecretary(t.database, t.app, committee, '钱书记', 'secNew');
      a = await get(`/api/standards/assessments/${a.id}`, 'secNew');
      const stuck = await send('POST', `/api/standards/assessments/${a.id}/submit`, { version: a.version }, 'secNew');
      expect(stuck.statusCode).toBe(403);
      expect(stuck.json().details[0].code).toBe('NOT_REQUESTER');
      const out = await send('POST', `/api/approvals/${first.id}/withdraw`, { version: (await get(`/api/approvals/${first.id}`)).version }, 'secNew');
      expect(out.statusCode, out.body).toBe(200);
      expect(out.json().state).toBe('withdrawn');
      a = await submit(await get(`/api/standards/assessments/${a.id}`, 'secNew'), 'secNew');
      expect(a).toMatchObject({ status: 'submitted', stage: 'street' });
      const second = await requestOf(a);
      expect(second).toMatchObject({ state: 'pending', requester: '钱书记', currentLevel: 0 });
      expect(second.id).not.toBe(first.id);

      // Withdrawn while it waits: the checklist goes back to the branch, and the street has nothing to review.
      const back = await send('POST', `/api/approvals/${second.id}/withdraw`, { version: second.version }, 'secNew');
      expect(back.statusCode, back.body).toBe(200);
      a = await get(`/api/standards/assessments/${a.id}`, 'townA');
      expect(a).toMatchObject({ status: 'returned', stage: null, reviewable: null });
      const open = await t.database.db.selectFrom('task').select('id').where('subject_table', '=', 'approval_request')
        .where('subject_id', 'in', [first.id, second.id]).where('state', '=', 'open').execute();
      expect(open).toEqual([]);
      a = await submit(await get(`/api/standards/assessments/${a.id}`, 'secNew'), 'secNew');
      expect((await requestOf(a))).toMatchObject({ state: 'pending' });
      expect((await review(a, 'townA', 'pass', marksOf('partySixHave'))).statusCode).toBe(200);
    } finally {
      await t.database.db.insertInto('user_role').values({ user_id: former, role: 'branch_secretary', party_org_ids: [committee], region_prefixes: [] }).execute();
    }
  });

  it('the other street\'s joint branch covering an enterprise of street A: its checklist seen by street A, never reviewed by it', async () => {
    const joint = t.cs.orgs['跨街联合党支部'];
    const a = await submit(await drafted('partySixHave', joint, 'sys'), 'sys');
    const seen = await get(`/api/standards/assessments/${a.id}`, 'townA');
    expect(seen).toMatchObject({ access: 'partial', reviewable: null });
    const r = await requestOf(a);
    expect(await get(`/api/approvals/${r.id}`, 'townA')).toMatchObject({ canDecide: false });
    const before = await counts();
    const refused = await review(seen, 'townA', 'pass', marksOf('partySixHave'));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().details[0].code).toBe('NOT_REVIEWER');
    const viaEngine = await send('POST', `/api/approvals/${r.id}/decision`, { version: r.version, decision: 'approve', marks: marksOf('partySixHave') }, 'townA');
    expect(viaEngine.statusCode).toBe(403);
    expect(viaEngine.json().details[0].code).toBe('NOT_MANAGED');
    expect(await counts()).toBe(before);
    // Its own street decides it.
    expect((await get(`/api/standards/assessments/${a.id}`, 'multi')).reviewable).toBe('street');
    const own = await review(seen, 'multi', 'pass', marksOf('partySixHave'));
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().status).toBe('passed');
  });

  it('a district\'s 社区 → 街道 → 区: the community marks first (on the engine\'s decision too), never above the template\'s last level', async () => {
    const flows = [{ kind: 'standards.review', levels: ['community_officer', 'township_officer', 'org_admin'], required: false }];
    const current = await get(`/api/approval-flows?regionPrefix=${COUNTIES[0]}`, 'orgA');
    const put = await send('PUT', `/api/approval-flows/${COUNTIES[0]}`, { version: current.version ?? 0, flows }, 'orgA');
    expect(put.statusCode, put.body).toBe(200);

    const draft = await drafted('partySevenHave');
    const early = await send('POST', '/api/approvals', { kind: 'standards.review', subjectId: draft.id, payload: {}, version: draft.version }, 'secA');
    expect(early.statusCode).toBe(409);
    expect(early.json().details[0].code).toBe('SUBMIT_FROM_CHECKLIST');
    let a = await submit(draft);
    expect(a.stage).toBe('community');
    const r = await requestOf(a);
    expect(r.levels.map((l: Json) => l.role)).toEqual(['community_officer', 'township_officer', 'org_admin']);
    expect((await get(`/api/standards/assessments/${a.id}`, 'commA')).reviewable).toBe('community');
    const before = await counts();
    const early2 = await review(a, 'townA', 'pass', marksOf('partySevenHave'));
    expect(early2.statusCode).toBe(403);
    expect(early2.json().details[0].code).toBe('NOT_YOUR_LEVEL');
    const unmarked = await send('POST', `/api/approvals/${r.id}/decision`, { version: r.version, decision: 'approve' }, 'commA');
    expect(unmarked.json().details[0]).toMatchObject({ field: 'marks', code: 'REQUIRED' });
    expect(await counts()).toBe(before);
    const community = await send('POST', `/api/approvals/${r.id}/decision`, { version: r.version, decision: 'approve', marks: marksOf('partySevenHave', 1) }, 'commA');
    expect(community.statusCode, community.body).toBe(200);
    a = await get(`/api/standards/assessments/${a.id}`, 'townA');
    expect(a).toMatchObject({ stage: 'street', reviewable: 'street' });
    a = (await review(a, 'townA', 'pass', marksOf('partySevenHave', 2))).json();
    const last = await review(a, 'orgA', 'pass', marksOf('partySevenHave', 3));
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json().reviews.map((x: Json) => [x.level, x.total])).toEqual([['community', 92], ['street', 91], ['district', 90]]);
    expect(last.json()).toMatchObject({ status: 'passed', total: 90 });

    // 六有 is the street's to decide: the district's flow adds the community in front, not the district after.
    const six = await submit(await drafted('partySixHave'));
    expect((await requestOf(six)).levels.map((l: Json) => l.role)).toEqual(['community_officer', 'township_officer']);
  });
});
