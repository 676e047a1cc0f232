import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine } from '../helpers/db.js';
import { useTwoStreets } from '../helpers/two-streets.js';

/**
 * Union committees, 换届选举 and the 职代会 over HTTP (docs/unions.md "委员会与换届选举", "职工代表大会").
 * Two streets: T1's 跨街联合工会 covers an enterprise of street T0 — townA reads its committee and
 * congress through the link and changes nothing; multi sees it by T1 and may not manage unions there.
 */
describe(`union committee and congress API on ${testEngine()}`, () => {
  const t = useTwoStreets(['sys', 'orgA', 'townA', 'multi', 'orgB']);
  const { send } = t;
  const p: Record<string, string> = {};
  const U = () => t.cs.unions['跨街联合工会']!;
  const version = async () => (await send('GET', `/api/unions/${U()}`, undefined, 'sys')).json().version as number;

  beforeAll(async () => {
    for (const name of ['周建国', '林晓燕', '王志强', '陈丽华', '赵敏', '孙伟']) {
      const res = await send('POST', '/api/people', { name }, 'sys');
      expect(res.statusCode, res.body).toBe(201);
      p[name] = res.json().id;
    }
  });

  const seats = (...xs: Array<[string, string, boolean?]>) => xs.map(([name, role, closeRelative]) => ({ personId: p[name], role, closeRelative: closeRelative ?? false }));

  it('an election seats the committee, moves the union\'s term and shows the band (2016 选举条例第八条; 《工会法》第十六条)', async () => {
    const res = await send('POST', `/api/unions/${U()}/elections`, {
      version: await version(), heldOn: '2023-05-20', termYears: 5, method: 'members', seats: seats(['周建国', 'chair'], ['林晓燕', 'viceChair'], ['王志强', 'member'], ['孙伟', 'fundsAuditor']),
    }, 'sys');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ election: { heldOn: '2023-05-20', termYears: 5, termEndsOn: '2028-05-19' }, endedSeats: 0 });
    const union = (await send('GET', `/api/unions/${U()}`, undefined, 'sys')).json();
    expect(union).toMatchObject({ termYears: 5, termEndsOn: '2028-05-19', hasCommittee: true });
    const c = (await send('GET', `/api/unions/${U()}/committee`, undefined, 'sys')).json();
    expect(c).toMatchObject({ manageable: true, total: 4, summary: { size: 3, chair: '周建国', sizeVerdict: 'within', band: { low: 3, high: 7 } } });
    expect(c.seats[0]).toMatchObject({ role: 'chair', personName: '周建国' });
    expect(c.findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('unionCommittee.chairVacant');
    const history = (await send('GET', `/api/unions/${U()}/history`, undefined, 'sys')).json();
    expect(JSON.stringify(history)).toContain('election_held');
  });

  it('refuses a declared close relative (《工会法》第十条), a term other than 3/5, a duplicate person, a stale version — nothing written', async () => {
    const v = await version();
    const base = { version: v, heldOn: '2024-06-01', termYears: 3 };
    const cases: Array<[Record<string, unknown>, number, string, string?]> = [
      [{ ...base, seats: seats(['陈丽华', 'chair', true]) }, 400, 'seats[0].closeRelative', 'CLOSE_RELATIVE'],
      [{ ...base, termYears: 4, seats: seats(['陈丽华', 'chair']) }, 400, 'termYears'],
      [{ ...base, seats: [...seats(['陈丽华', 'chair']), ...seats(['陈丽华', 'member'])] }, 400, 'seats'],
      [{ ...base, seats: seats(['陈丽华', 'chair'], ['赵敏', 'chair']) }, 400, 'seats'],
      [{ ...base, heldOn: '2023-05-20', seats: seats(['陈丽华', 'chair']) }, 400, 'heldOn', 'ELECTION_NOT_LATEST'],
      [{ ...base, heldOn: '2099-01-01', seats: seats(['陈丽华', 'chair']) }, 400, 'heldOn', 'DATE_IN_FUTURE'],
      [{ ...base, seats: [{ personId: '987654321', role: 'chair', closeRelative: false }] }, 404, 'seats[0].personId'],
      [{ ...base, seats: [{ personId: p['陈丽华'], role: 'chair' }] }, 400, 'seats.0.closeRelative'],
    ];
    for (const [body, status, field, code] of cases) {
      const res = await send('POST', `/api/unions/${U()}/elections`, body, 'sys');
      expect(res.statusCode, `${field} ${res.body}`).toBe(status);
      expect(res.body).toMatch(/[\u4e00-\u9fff]/);
      const details = res.json().details as Array<{ field: string; code?: string }> | undefined;
      expect(JSON.stringify(details ?? []), field).toContain(field.split('.')[0]!);
      if (code) expect(details?.some((d) => d.code === code), res.body).toBe(true);
    }
    const stale = await send('POST', `/api/unions/${U()}/elections`, { ...base, version: v - 1, seats: seats(['陈丽华', 'chair']) }, 'sys');
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { unionId: U() } });
    expect((await send('GET', `/api/unions/${U()}/committee`, undefined, 'sys')).json().elections).toHaveLength(1);
  });

  it('the other street reads through the link and manages nothing', async () => {
    const read = await send('GET', `/api/unions/${U()}/committee`, undefined, 'townA');
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ manageable: false, summary: { chair: '周建国' } });
    expect((await send('GET', `/api/unions/${U()}/congress`, undefined, 'townA')).statusCode).toBe(200);
    expect((await send('GET', `/api/unions/${U()}/committee`, undefined, 'orgB')).statusCode).toBe(404);
    const seat = read.json().seats[0];
    for (const who of ['townA', 'multi']) {
      expect((await send('POST', `/api/unions/${U()}/elections`, { version: await version(), heldOn: '2024-06-01', termYears: 3, seats: seats(['陈丽华', 'chair']) }, who)).statusCode).toBe(403);
      expect((await send('PATCH', `/api/union-committee-seats/${seat.id}`, { version: seat.version, fullTime: true }, who)).statusCode).toBe(403);
      expect((await send('POST', `/api/union-committee-seats/${seat.id}/end`, { version: seat.version, until: '2024-01-01', reason: '调离' }, who)).statusCode).toBe(403);
      expect((await send('POST', `/api/unions/${U()}/committee/seats`, { personId: p['赵敏'], role: 'member', closeRelative: false, since: '2024-01-01' }, who)).statusCode).toBe(403);
    }
    expect((await send('GET', `/api/union-committee-seats/${seat.id}`, undefined, 'orgB')).statusCode).toBe(404);
  });

  it('a seat changes at its version, ends, and a new election ends the seats still open', async () => {
    const c = (await send('GET', `/api/unions/${U()}/committee`, undefined, 'sys')).json();
    const chair = c.seats.find((s: { role: string }) => s.role === 'chair');
    const changed = await send('PATCH', `/api/union-committee-seats/${chair.id}`, { version: chair.version, fullTime: true }, 'sys');
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ fullTime: true, version: chair.version + 1 });
    const stale = await send('PATCH', `/api/union-committee-seats/${chair.id}`, { version: chair.version, fullTime: false }, 'sys');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ unionId: U() });
    const added = await send('POST', `/api/unions/${U()}/committee/seats`, { personId: p['赵敏'], role: 'womenMember', closeRelative: false, since: '2024-03-01' }, 'sys');
    expect(added.statusCode, added.body).toBe(201);
    const secondChair = await send('POST', `/api/unions/${U()}/committee/seats`, { personId: p['陈丽华'], role: 'chair', closeRelative: false, since: '2024-03-01' }, 'sys');
    expect(secondChair.statusCode).toBe(400);
    expect(secondChair.json().details[0]).toMatchObject({ field: 'role', code: 'CHAIR_TAKEN' });
    const vice = c.seats.find((s: { role: string }) => s.role === 'viceChair');
    const ended = await send('POST', `/api/union-committee-seats/${vice.id}/end`, { version: vice.version, until: '2024-04-01', reason: '调离本单位' }, 'sys');
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ until: '2024-04-01', endReason: '调离本单位' });
    const again = await send('POST', `/api/union-committee-seats/${vice.id}/end`, { version: ended.json().version, until: '2024-05-01', reason: 'x' }, 'sys');
    expect(again.statusCode).toBe(409);

    const next = await send('POST', `/api/unions/${U()}/elections`, { version: await version(), heldOn: '2025-06-01', termYears: 3, seats: seats(['陈丽华', 'member'], ['王志强', 'member']) }, 'sys');
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json().endedSeats).toBe(4);
    const after = (await send('GET', `/api/unions/${U()}/committee`, undefined, 'sys')).json();
    expect(after.summary).toMatchObject({ electedOn: '2025-06-01', size: 2, chair: null, sizeVerdict: 'below' });
    expect(after.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(expect.arrayContaining(['unionCommittee.chairVacant', 'unionCommittee.sizeOutOfBand']));
    expect(after.findings.find((f: { ruleId: string }) => f.ruleId === 'unionCommittee.sizeOutOfBand').message).toContain('《工会基层组织选举工作条例》');
    const xlsx = await send('GET', `/api/unions/${U()}/committee/export.xlsx`, undefined, 'sys');
    expect(xlsx.statusCode).toBe(200);
    expect((await send('GET', `/api/unions/${U()}/committee/export.xlsx`, undefined, 'orgB')).statusCode).toBe(404);
  });

  it('a congress with counts and matters, resolutions judged on ALL representatives, counts changed at the version', async () => {
    const add = await send('POST', `/api/unions/${U()}/congresses`, {
      heldOn: '2026-03-10', kind: 'congress', session: '第二届第一次', representatives: 30, present: 20, managers: 5, matters: ['pay', 'safety'],
    }, 'sys');
    expect(add.statusCode, add.body).toBe(201);
    const bad = await send('POST', `/api/unions/${U()}/congresses`, { heldOn: '2026-03-10', kind: 'congress', representatives: 30, present: 31 }, 'sys');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('present');
    const congressId = add.json().id;
    const half = await send('POST', `/api/union-congresses/${congressId}/resolutions`, { title: '2026年度工资集体协商方案', matter: 'pay', votesFor: 15, votesAgainst: 3, votesAbstain: 2 }, 'sys');
    expect(half.statusCode, half.body).toBe(201);
    expect(half.json()).toMatchObject({ needed: 16, outcome: 'failed' });
    const passed = await send('POST', `/api/union-congresses/${congressId}/resolutions`, { title: '劳动安全卫生管理制度', matter: 'safety', votesFor: 16, votesAgainst: 4 }, 'sys');
    expect(passed.json()).toMatchObject({ outcome: 'passed' });
    const over = await send('POST', `/api/union-congresses/${congressId}/resolutions`, { title: '超票', votesFor: 21 }, 'sys');
    expect(over.statusCode).toBe(400);
    expect(over.json().details[0]).toMatchObject({ field: 'votesFor', code: 'VOTES_OVER_PRESENT' });
    expect((await send('POST', `/api/union-congresses/${congressId}/resolutions`, { title: 'x', votesFor: 1 }, 'townA')).statusCode).toBe(403);

    const view = (await send('GET', `/api/unions/${U()}/congress`, undefined, 'sys')).json();
    const s = view.sessions.find((x: { id: string }) => x.id === congressId);
    expect(s).toMatchObject({ quorumNeeded: 20, quorum: 'met', matters: ['pay', 'safety'], version: 1 });
    expect(view.matters.find((m: { matter: string }) => m.matter === 'pay').taken).toBe(true);

    const lower = await send('PATCH', `/api/union-congresses/${congressId}`, { version: 1, present: 19 }, 'sys');
    expect(lower.statusCode, lower.body).toBe(200);
    expect(lower.json()).toMatchObject({ quorum: 'notMet', version: 2 });
    expect(lower.json().resolutions.every((r: { outcome: string }) => r.outcome === 'invalid')).toBe(true);
    const stale = await send('PATCH', `/api/union-congresses/${congressId}`, { version: 1, present: 25 }, 'sys');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ unionId: U() });
    const tooFew = await send('PATCH', `/api/union-congresses/${congressId}`, { version: 2, representatives: 15 }, 'sys');
    expect(tooFew.statusCode).toBe(400); // fewer than the present count
    const findings = (await send('GET', `/api/unions/${U()}/congress`, undefined, 'sys')).json().findings.map((f: { ruleId: string }) => f.ruleId);
    expect(findings).toContain('unionCongress.quorumNotMet');
    expect((await send('GET', `/api/unions/${U()}/congress/export.xlsx`, undefined, 'townA')).statusCode).toBe(200);
  });
});
