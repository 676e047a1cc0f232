import { beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/domain/id-number.js';
import { testEngine } from '../helpers/db.js';
import { useTwoStreets } from '../helpers/two-streets.js';

/**
 * 党小组 over HTTP (docs/life.md, "党小组"): set up with a 组长 who joins the group, members set at the
 * group's version (409 with the group as it stands), moved between groups, freed when dissolved or
 * when they leave the organisation; Chinese errors with codes and fields. Two streets: T1's
 * 跨街联合党支部 covers an enterprise of street T0 — townA reads its groups and changes none.
 */
describe(`party groups API on ${testEngine()}`, () => {
  const t = useTwoStreets(['sys', 'townA', 'multi', 'orgB']);
  const { send } = t;
  const m: Record<string, string> = {};

  beforeAll(async () => {
    for (const [key, name, body] of [['wang', '王志远', '33010619800101101'], ['chen', '陈秀英', '33010619820303202']]) {
      const res = await send('POST', '/api/members', { name, idNumber: body + idCheckChar(body), orgId: t.cs.orgs['A街支部'], category: 'full', joinedOn: '2012-07-01' });
      expect(res.statusCode, res.body).toBe(201);
      m[key] = res.json().id;
    }
  });

  it('a group with its 组长, members set and moved, a stale version refused with the group as it stands', async () => {
    const org = t.cs.orgs['A街支部'];
    const groupKind = async () => ((await send('GET', `/api/party-orgs/${org}/life?year=2026`)).json().kinds as Array<{ kind: string; expected: number }>)
      .find((k) => k.kind === 'groupMeeting');
    expect((await groupKind())?.expected ?? 0).toBe(0); // no 党小组: no 党小组会 expected
    const first = await send('POST', `/api/party-orgs/${org}/groups`, { name: '第一党小组', leaderMemberId: t.cs.members.mA });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ name: '第一党小组', leader: { id: t.cs.members.mA }, members: [{ id: t.cs.members.mA }], version: 1 });
    const g1 = first.json();
    expect((await groupKind())?.expected).toBeGreaterThan(0); // with one, 党小组会 each month

    const set = await send('PUT', `/api/party-groups/${g1.id}/members`, { version: 1, memberIds: [t.cs.members.mA, m.wang] });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().members.map((x: { id: string }) => x.id).sort()).toEqual([t.cs.members.mA, m.wang].sort());
    const stale = await send('PUT', `/api/party-groups/${g1.id}/members`, { version: 1, memberIds: [] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { id: g1.id, version: 2 } });

    const second = (await send('POST', `/api/party-orgs/${org}/groups`, { name: '第二党小组' })).json();
    expect((await send('PUT', `/api/party-groups/${second.id}/members`, { version: 1, memberIds: [m.wang] })).statusCode).toBe(200);
    const list = (await send('GET', `/api/party-orgs/${org}/groups`)).json();
    expect(list).toMatchObject({ total: 2, manageable: true });
    const byName = Object.fromEntries(list.items.map((g: { name: string; members: Array<{ name: string }> }) => [g.name, g.members.map((x) => x.name)]));
    expect(byName['第二党小组']).toEqual(['王志远']);
    expect(byName['第一党小组']).not.toContain('王志远');
    expect(list.ungrouped.map((x: { name: string }) => x.name)).toContain('陈秀英');
    expect(list.items.find((g: { name: string }) => g.name === '第一党小组').leader).toMatchObject({ id: t.cs.members.mA });
  });

  it('refuses bad input in Chinese with a code and the field, never a 500', async () => {
    const org = t.cs.orgs['A街支部'];
    const cases: Array<[string, string, Record<string, unknown>, number, string, string?]> = [
      ['POST', `/api/party-orgs/${org}/groups`, { name: '' }, 400, 'name'],
      ['POST', `/api/party-orgs/${org}/groups`, { name: '组'.repeat(51) }, 400, 'name'],
      ['POST', `/api/party-orgs/${org}/groups`, { name: '第一党小组' }, 409, 'name', 'DUPLICATE_NAME'],
      ['POST', `/api/party-orgs/${org}/groups`, { name: '第三党小组', leaderMemberId: t.cs.members.mJ }, 400, 'leaderMemberId', 'NOT_IN_ORG'],
      ['POST', `/api/party-orgs/${org}/groups`, { name: '第三党小组', leaderMemberId: 'x' }, 400, 'leaderMemberId'],
      ['POST', '/api/party-orgs/987654321/groups', { name: '第三党小组' }, 404, ''],
    ];
    for (const [method, url, body, status, field, code] of cases) {
      const res = await send(method, url, body);
      expect(res.statusCode, `${url} ${JSON.stringify(body)} ${res.body}`).toBe(status);
      const b = res.json();
      expect(b.message).toMatch(/[\u4e00-\u9fff]/);
      if (field) expect(b.details.map((d: { field: string }) => d.field.replace(/^body\./, ''))).toContain(field);
      if (code) expect(b.details.map((d: { code: string }) => d.code)).toContain(code);
    }
    const g = (await send('GET', `/api/party-orgs/${org}/groups`)).json().items[0];
    const outsider = await send('PUT', `/api/party-groups/${g.id}/members`, { version: g.version, memberIds: [t.cs.members.mJ] });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().details[0]).toMatchObject({ field: 'memberIds.0', code: 'NOT_IN_ORG' });
    const twice = await send('PUT', `/api/party-groups/${g.id}/members`, { version: g.version, memberIds: [m.chen, m.chen] });
    expect(twice.json().details[0]).toMatchObject({ code: 'DUPLICATE_MEMBER' });
    expect((await send('GET', `/api/party-groups/${g.id}`)).statusCode).toBe(404); // no such route: groups are read with their organisation
  });

  it('two streets: T1 keeps the joint branch\'s groups; T0 reads them and changes none; another county finds nothing', async () => {
    const joint = t.cs.orgs['跨街联合党支部'];
    const made = await send('POST', `/api/party-orgs/${joint}/groups`, { name: '联合第一党小组', leaderMemberId: t.cs.members.mJ }, 'multi');
    expect(made.statusCode, made.body).toBe(201);
    const seen = await send('GET', `/api/party-orgs/${joint}/groups`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ total: 1, manageable: false, items: [{ name: '联合第一党小组', members: [{ id: t.cs.members.mJ }] }] });
    for (const [method, url, body] of [
      ['POST', `/api/party-orgs/${joint}/groups`, { name: 'T0不能设立' }],
      ['PATCH', `/api/party-groups/${made.json().id}`, { version: 1, name: 'T0不能改' }],
      ['PUT', `/api/party-groups/${made.json().id}/members`, { version: 1, memberIds: [] }],
      ['POST', `/api/party-groups/${made.json().id}/dissolve`, { version: 1 }],
    ] as const) {
      const res = await send(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().details[0].code).toBe('NOT_MANAGED');
    }
    expect((await send('GET', `/api/party-orgs/${t.cs.orgs['A街支部']}/groups`, undefined, 'orgB')).statusCode).toBe(404);
    expect((await send('PATCH', `/api/party-groups/${made.json().id}`, { version: 1, name: '改' }, 'orgB')).statusCode).toBe(404);
  });

  it('a member who leaves is out of the group; dissolving frees the rest; each change is audited', async () => {
    const org = t.cs.orgs['A街支部'];
    const before = (await send('GET', `/api/party-orgs/${org}/groups`)).json();
    const first = before.items.find((g: { name: string }) => g.name === '第一党小组');
    const mA = (await send('GET', `/api/members/${t.cs.members.mA}`)).json();
    const left = await send('POST', `/api/members/${t.cs.members.mA}/status`, { version: mA.version, status: 'left', since: '2026-11-01', leftReason: 'death' });
    expect(left.statusCode, left.body).toBe(200);
    const after = (await send('GET', `/api/party-orgs/${org}/groups`)).json();
    const firstAfter = after.items.find((g: { name: string }) => g.name === '第一党小组');
    expect(firstAfter.members.map((x: { id: string }) => x.id)).not.toContain(t.cs.members.mA);
    expect(firstAfter.leader).toBeNull();
    const renamed = await send('PATCH', `/api/party-groups/${first.id}`, { version: first.version, name: '第一党小组（机关）', leaderMemberId: m.chen });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '第一党小组（机关）', leader: { id: m.chen } });
    const gone = await send('POST', `/api/party-groups/${first.id}/dissolve`, { version: renamed.json().version });
    expect(gone.statusCode, gone.body).toBe(200);
    const last = (await send('GET', `/api/party-orgs/${org}/groups`)).json();
    expect(last.items.map((g: { name: string }) => g.name)).toEqual(['第二党小组']);
    expect(last.ungrouped.map((x: { id: string }) => x.id)).toContain(m.chen);
    const actions = (await t.database.db.selectFrom('audit_event').select('action').where('action', 'like', 'party_group.%').execute()).map((r) => r.action);
    for (const a of ['party_group.create', 'party_group.members', 'party_group.update', 'party_group.dissolve']) expect(actions).toContain(a);
  });
});
