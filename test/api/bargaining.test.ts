import { describe, expect, it } from 'vitest';
import { testEngine } from '../helpers/db.js';
import { useTwoStreets } from '../helpers/two-streets.js';

/**
 * 集体协商 over HTTP (docs/unions.md, "集体协商"): a round from 要约 to 已报送 step by step at its
 * version (409 with the round as it stands), the contract row written on signing, refusals in
 * Chinese with the field. Two streets: T1's 跨街联合工会 covers an enterprise of street T0 — townA
 * reads its rounds and records no step; the board's every number equals its drill-down rows.
 */
describe(`collective bargaining API on ${testEngine()}`, () => {
  const t = useTwoStreets(['sys', 'orgA', 'townA', 'union']);
  const { send } = t;
  const asOrgA = (method: string, url: string, body?: unknown) => send(method, url, body, 'orgA');
  let round: { id: string; version: number };

  it('a round from 要约 to 报送: stages, due dates, the contract row, a stale version refused', async () => {
    const u = t.cs.unions['跨街联合工会'];
    const created = await asOrgA('POST', `/api/unions/${u}/bargaining`, { contractKind: 'collective', requestedOn: '2026-03-02', requestedBy: 'union', notes: '2026年度综合集体合同' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ stage: 'requested', version: 1, dues: [{ key: 'reply', date: '2026-03-22', state: 'overdue' }] });
    round = created.json();
    const again = await asOrgA('POST', `/api/unions/${u}/bargaining`, { contractKind: 'collective', requestedOn: '2026-03-05', requestedBy: 'employer' });
    expect(again.statusCode).toBe(409);
    expect(again.json().details[0]).toMatchObject({ field: 'contractKind', code: 'ROUND_OPEN' });

    const step = async (body: Record<string, unknown>, status = 200) => {
      const res = await asOrgA('POST', `/api/bargaining/rounds/${round.id}/steps`, { version: round.version, ...body });
      expect(res.statusCode, res.body).toBe(status);
      if (status === 200) round = res.json();
      return res.json();
    };
    expect(await step({ step: 'reply', repliedOn: '2026-03-20' })).toMatchObject({ stage: 'replied', version: 2, repliedOn: '2026-03-20' });
    const stale = await asOrgA('POST', `/api/bargaining/rounds/${round.id}/steps`, { step: 'session', version: 1, heldOn: '2026-04-01' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { id: round.id, version: 2 } });
    expect(await step({ step: 'session', heldOn: '2026-04-01', notes: '第一次协商：工资增长幅度' })).toMatchObject({ stage: 'negotiating' });
    const failed = await step({ step: 'vote', heldOn: '2026-05-10', representatives: 60, present: 39, yes: 39 });
    expect(failed).toMatchObject({ stage: 'negotiating', vote: { quorum: false, passed: false } });
    expect(failed.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('bargaining.voteQuorum');
    const early = await step({ step: 'sign', signedOn: '2026-05-20', startsOn: '2026-06-01', endsOn: '2029-05-31' }, 400);
    expect(early.details[0]).toMatchObject({ field: 'signedOn', code: 'VOTE_NOT_PASSED' });
    expect(await step({ step: 'vote', heldOn: '2026-05-15', representatives: 60, present: 45, yes: 40 })).toMatchObject({ stage: 'passed', vote: { passed: true } });
    const signed = await step({ step: 'sign', signedOn: '2026-05-20', startsOn: '2026-06-01', endsOn: '2029-05-31' });
    expect(signed).toMatchObject({ stage: 'signed', contractId: expect.any(String) });
    expect(signed.dues.find((d: { key: string }) => d.key === 'filing')).toMatchObject({ date: '2026-05-30' });
    const before = await step({ step: 'file', filedOn: '2026-05-19' }, 400);
    expect(before.message).toMatch(/早于签订日期/);
    expect(before.details[0]).toMatchObject({ field: 'filedOn', code: 'BEFORE_PREVIOUS_STEP' });
    expect(await step({ step: 'file', filedOn: '2026-05-28' })).toMatchObject({ stage: 'effective', effectiveOn: '2026-06-13' });
    const late = await step({ step: 'objection', objectionOn: '2026-06-13', notes: '条款不符' }, 400);
    expect(late.details[0]).toMatchObject({ field: 'objectionOn', code: 'AFTER_REVIEW_WINDOW' });

    const detail = (await asOrgA('GET', `/api/unions/${u}`)).json();
    expect(detail.contracts).toContainEqual(expect.objectContaining({ id: signed.contractId, kind: 'collective', signedOn: '2026-05-20', filedOn: '2026-05-28' }));
    expect(detail.history.map((h: { kind: string }) => h.kind)).toEqual(expect.arrayContaining(['bargaining_requested', 'bargaining_filed', 'contract_signed']));
    // The existing contract route still records a contract by hand.
    expect((await asOrgA('POST', `/api/unions/${u}/contracts`, { kind: 'wage', signedOn: '2026-01-05', startsOn: '2026-01-05', endsOn: '2026-12-31' })).statusCode).toBe(201);
  });

  it('the other street reads the round through its link and records no step; a union officer seeing it only by a link gets NOT_MANAGED', async () => {
    const u = t.cs.unions['跨街联合工会'];
    const seen = await send('GET', `/api/unions/${u}/bargaining`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ manageable: false, total: 1, items: [{ id: round.id }] });
    expect((await send('GET', `/api/bargaining/rounds/${round.id}`)).statusCode).toBe(200);
    const refused = await send('POST', `/api/bargaining/rounds/${round.id}/steps`, { step: 'objection', version: round.version, objectionOn: '2026-06-01', notes: '越权' });
    expect(refused.statusCode).toBe(403);
    expect((await send('POST', `/api/unions/${u}/bargaining`, { contractKind: 'wage', requestedOn: '2026-03-02', requestedBy: 'union' })).statusCode).toBe(403);
    const b = t.cs.unions['B区工会'];
    const linked = await send('POST', `/api/unions/${b}/bargaining`, { contractKind: 'wage', requestedOn: '2026-03-02', requestedBy: 'union' }, 'union');
    expect(linked.statusCode).toBe(403);
    expect(linked.json().details[0].code).toBe('NOT_MANAGED');
    expect((await send('GET', `/api/unions/${t.cs.unions['B区工会']}/bargaining`)).statusCode).toBe(404);
  });

  it('refuses bad input in Chinese with a code and the field, never a 500', async () => {
    const u = t.cs.unions['A街工会'];
    const cases: Array<[string, string, Record<string, unknown>, number, string, string?]> = [
      ['POST', `/api/unions/${u}/bargaining`, { contractKind: 'collective', requestedOn: '2099-01-01', requestedBy: 'union' }, 400, 'requestedOn', 'FUTURE_DATE'],
      ['POST', `/api/unions/${u}/bargaining`, { contractKind: 'verbal', requestedOn: '2026-01-01', requestedBy: 'union' }, 400, 'contractKind'],
      ['POST', `/api/unions/${u}/bargaining`, { contractKind: 'wage', requestedOn: '2026-02-30', requestedBy: 'union' }, 400, 'requestedOn'],
      ['POST', '/api/unions/987654321/bargaining', { contractKind: 'wage', requestedOn: '2026-01-01', requestedBy: 'union' }, 404, ''],
    ];
    for (const [method, url, body, status, field, code] of cases) {
      const res = await send(method, url, body, 'orgA');
      expect(res.statusCode, `${url} ${JSON.stringify(body)} ${res.body}`).toBe(status);
      const b = res.json();
      expect(b.message).toMatch(/[\u4e00-\u9fff]/);
      if (field) expect(b.details.map((d: { field: string }) => d.field.replace(/^body\./, ''))).toContain(field);
      if (code) expect(b.details.map((d: { code: string }) => d.code)).toContain(code);
    }
    const r = (await send('POST', `/api/unions/${u}/bargaining`, { contractKind: 'wage', requestedOn: '2026-10-01', requestedBy: 'employer' }, 'orgA')).json();
    const steps: Array<[Record<string, unknown>, string, string?]> = [
      [{ step: 'vote', heldOn: '2026-10-20', representatives: 30, present: 31, yes: 20 }, 'present'],
      [{ step: 'vote', heldOn: '2026-10-20', representatives: 30, present: 25, yes: 26 }, 'yes'],
      [{ step: 'reply', repliedOn: '2026-09-30' }, 'repliedOn', 'BEFORE_PREVIOUS_STEP'],
      [{ step: 'file', filedOn: '2026-10-30' }, 'filedOn', 'NOT_SIGNED'],
      [{ step: 'vote', heldOn: '2026-10-20', representatives: 30, present: 25, yes: 20, congressId: '987654321' }, 'congressId', 'NOT_OF_UNION'],
      [{ step: 'sign', signedOn: '2026-10-30', startsOn: '2027-01-01', endsOn: '2026-12-31' }, 'endsOn'],
      [{ step: 'dance' }, 'step'],
    ];
    for (const [body, field, code] of steps) {
      const res = await send('POST', `/api/bargaining/rounds/${r.id}/steps`, { version: 1, ...body }, 'orgA');
      expect(res.statusCode, `${JSON.stringify(body)} ${res.body}`).toBe(400);
      expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
      expect(res.json().details.map((d: { field: string }) => d.field.replace(/^body\./, ''))).toContain(field);
      if (code) expect(res.json().details.map((d: { code: string }) => d.code)).toContain(code);
    }
    expect((await send('GET', `/api/bargaining/rounds/${r.id}`, undefined, 'orgA')).json().version).toBe(1); // nothing half-applied
    // 重新要约 on a wage round that went nowhere: the old one is 已结束 and takes no more steps.
    const again = await send('POST', `/api/unions/${u}/bargaining`, { contractKind: 'wage', requestedOn: '2026-11-02', requestedBy: 'union', restart: true }, 'orgA');
    expect(again.statusCode, again.body).toBe(201);
    expect((await send('GET', `/api/bargaining/rounds/${r.id}`, undefined, 'orgA')).json()).toMatchObject({ stage: 'closed', findings: [] });
    expect((await send('POST', `/api/bargaining/rounds/${r.id}/steps`, { version: 1, step: 'reply', repliedOn: '2026-10-05' }, 'orgA')).statusCode).toBe(409);
  });

  it('concurrent steps at one version: exactly one is recorded, the others answer 409 (row lock + version)', async () => {
    const u = t.cs.unions['A街工会'];
    const r = (await send('GET', `/api/unions/${u}/bargaining`, undefined, 'orgA')).json().items.at(-1);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) =>
      send('POST', `/api/bargaining/rounds/${r.id}/steps`, { step: 'session', version: r.version, heldOn: `2026-11-${String(10 + i).padStart(2, '0')}` }, 'orgA')));
    expect(results.map((x) => x.statusCode).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const after = (await send('GET', `/api/bargaining/rounds/${r.id}`, undefined, 'orgA')).json();
    expect(after).toMatchObject({ version: r.version + 1 });
    expect(after.sessions).toHaveLength(1);
  });

  it('the board: every number equals its drill-down rows; deadlines listed; the export is audited', async () => {
    const board = (await asOrgA('GET', '/api/bargaining/board')).json();
    expect(board.sum.total).toBeGreaterThanOrEqual(2);
    const all = (await asOrgA('GET', '/api/bargaining/rounds?limit=500')).json();
    expect(all.total).toBe(board.sum.total);
    for (const row of board.rows) {
      for (const [stage, n] of Object.entries(row.counts as Record<string, number>)) {
        if (!n) continue;
        const drill = (await asOrgA('GET', `/api/bargaining/rounds?stage=${stage}&regionPrefix=${row.region}`)).json();
        expect(drill.total, `${row.region} ${stage}`).toBe(n);
        expect(drill.items).toHaveLength(n);
        expect(drill.items.every((i: { stage: string; regionCode: string }) => i.stage === stage && i.regionCode.startsWith(row.region))).toBe(true);
      }
    }
    const renewal = board.deadlines.find((d: { unionName: string }) => d.unionName === 'A街工会');
    expect(renewal).toMatchObject({ key: 'reply', state: 'overdue' });
    const mine = (await send('GET', '/api/bargaining/board')).json();
    expect(mine.sum.total).toBe((await send('GET', '/api/bargaining/rounds')).json().total);
    const file = await asOrgA('GET', '/api/bargaining/rounds/export.xlsx?stage=requested');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const table = await asOrgA('GET', '/api/bargaining/board/export.xlsx');
    expect(table.statusCode).toBe(200);
    expect(table.headers['content-type']).toContain('spreadsheetml');
    const audit = await t.database.db.selectFrom('audit_event').select('action').where('action', '=', 'union.bargaining.export').execute();
    expect(audit.length).toBeGreaterThan(0);
  });
});
