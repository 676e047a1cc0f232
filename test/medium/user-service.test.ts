import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, RoleGrant } from '../../src/core/access/actor.js';
import { rolesWithinActions, scopeContains } from '../../src/core/access/grant.js';
import { loadPlaceFacts } from '../../src/core/access/grant-places.repository.js';
import { scopeFor } from '../../src/core/access/scope.js';
import { grantOfRow, loadGrants } from '../../src/core/auth/session.repository.js';
import { createUser, getUser, grantRole, listUsers, resetPassword, revokeRole, updateUser } from '../../src/core/user/user.service.js';
import type { Database } from '../../src/db/database.js';
import { AppError } from '../../src/domain/errors.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

const codeOf = async (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof AppError ? e.code : String(e)));
const grant = (role: string, regionPrefixes: string[], ids: Partial<Pick<RoleGrant, 'parkIds' | 'associationIds' | 'partyOrgIds' | 'enterpriseIds'>> = {}) => ({
  role: role as 'township_officer', allRegions: false, regionPrefixes, parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [], ...ids,
});
const detailsOf = async (p: Promise<unknown>) => p.then(() => [], (e: unknown) => (e instanceof AppError ? e.details : []));
const PASSWORD = 'Grant-Pass-2026';

describe(`users and roles on ${testEngine()}`, () => {
  let database: Database;
  let root: Actor;
  let county: Actor;
  const auditCount = async () => Number((await database.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    database = await createTestDatabase();
    // every region a grant names must exist in the dictionary
    const r = (code: string, level: number, parent: string | null) => ({ code, level, name: `区划${code}`, parent_code: parent, prefix: code.replace(/(000)+$/, '').replace(/^(\d{4,6}?)0{2}$/, '$1') });
    await database.db.insertInto('region').values([
      r('440000000000', 1, null), r('440300000000', 2, '440000000000'), r('440305000000', 3, '440300000000'), r('440306000000', 3, '440300000000'),
      r('440305001000', 4, '440305000000'), r('440305002000', 4, '440305000000'), r('440306001000', 4, '440306000000'),
      r('440305001001', 5, '440305001000'), r('440305002001', 5, '440305002000'),
    ]).execute();
    root = { kind: 'system', userId: null, username: 'test', ip: null, userAgent: null, grants: [{ ...grant('system_admin', []), allRegions: true }] };
    const c = await createUser(database.db, root, { username: 'county', displayName: '区管理员', password: 'Admin-Pass-2026', roles: [grant('org_admin', ['440305'])] });
    county = { kind: 'user', userId: c.id, username: 'county', ip: '10.0.0.9', userAgent: null, grants: await loadGrants(database.db, c.id) };
  });
  afterAll(async () => database?.close());

  it('a county admin creates inside its county, is refused outside, and nothing is written on refusal', async () => {
    const before = await auditCount();
    const inside = await createUser(database.db, county, { username: 'town1', displayName: '街道', password: 'Town-Pass-2026', roles: [grant('township_officer', ['440305001'])] });
    expect(inside.mustChangePassword).toBe(true);
    expect(await auditCount()).toBe(before + 1);
    expect(await codeOf(createUser(database.db, county, { username: 'town2', displayName: '外区', password: 'Town-Pass-2026', roles: [grant('township_officer', ['440306001'])] }))).toBe('GRANT_EXCEEDS_SCOPE');
    expect(await codeOf(createUser(database.db, county, { username: 'boss2', displayName: '越权', password: 'Town-Pass-2026', roles: [{ ...grant('system_admin', []), allRegions: true }] }))).toBe('GRANT_EXCEEDS_SCOPE');
    expect(await codeOf(createUser(database.db, county, { username: 'weak', displayName: '弱', password: 'weakpassword', roles: [grant('township_officer', ['440305001'])] }))).toBe('PASSWORD_POLICY');
    expect(await codeOf(createUser(database.db, root, { username: 'town1', displayName: '重名', password: 'Town-Pass-2026', roles: [grant('township_officer', ['440305001'])] }))).toBe('CONFLICT');
    expect(await auditCount()).toBe(before + 1);
    expect((await database.db.selectFrom('app_user').select('username').where('username', 'in', ['town2', 'boss2', 'weak']).execute())).toEqual([]);
  });

  it('a county admin sees only accounts whose every grant lies inside its county', async () => {
    const wide = await createUser(database.db, root, { username: 'wide', displayName: '跨区', password: 'Span-Pass-2026', roles: [grant('township_officer', ['440305002']), grant('township_officer', ['440306001'])] });
    const seen = (await listUsers(database.db, county, { limit: 50 })).items.map((u) => u.username).sort();
    expect(seen).toEqual(['county', 'town1']);
    expect(await codeOf(getUser(database.db, county, wide.id))).toBe('NOT_FOUND');
    expect(await codeOf(grantRole(database.db, county, wide.id, grant('community_officer', ['440305002001'])))).toBe('NOT_FOUND');
  });

  it('region codes in a grant name the region: a 12-digit street code is the street, shown by its full name; an unknown one is refused', async () => {
    const before = await auditCount();
    const u = await createUser(database.db, county, { username: 'town12', displayName: '十二位', password: 'Town-Pass-2026', roles: [grant('township_officer', ['440305001000'])] });
    expect(u.roles[0]).toMatchObject({ regionPrefixes: ['440305001'], regionNames: ['区划440000000000 › 区划440300000000 › 区划440305000000 › 区划440305001000'] });
    const bad = await detailsOf(createUser(database.db, county, { username: 'typo', displayName: '错号', password: 'Town-Pass-2026', roles: [grant('township_officer', ['440305999'])] }));
    expect(bad).toEqual([expect.objectContaining({ field: 'regionPrefixes', code: 'UNKNOWN_REGION' })]);
    expect(await codeOf(grantRole(database.db, county, u.id, grant('community_officer', ['44030500100'])))).toBe('VALIDATION_FAILED');
    expect(await auditCount()).toBe(before + 1);
    expect(await database.db.selectFrom('app_user').select('username').where('username', '=', 'typo').execute()).toEqual([]);
  });

  it('grant, revoke (never the last role), optimistic update, self-disable refused, reset forces a change', async () => {
    const t = (await listUsers(database.db, county, { q: 'town1', limit: 5 })).items[0];
    const granted = await grantRole(database.db, county, t.id, grant('community_officer', ['440305001001']));
    expect(granted.roles).toHaveLength(2);
    const afterRevoke = await revokeRole(database.db, county, t.id, granted.roles[1].id);
    expect(afterRevoke.roles).toHaveLength(1);
    expect(await codeOf(revokeRole(database.db, county, t.id, afterRevoke.roles[0].id))).toBe('CONFLICT');
    const renamed = await updateUser(database.db, county, t.id, { displayName: '新名', version: afterRevoke.version });
    expect(await codeOf(updateUser(database.db, county, t.id, { displayName: '旧版本', version: afterRevoke.version }))).toBe('VERSION_CONFLICT');
    expect(await codeOf(updateUser(database.db, county, county.userId ?? '', { disabled: true, version: 1 }))).toBe('CONFLICT');
    await database.db.updateTable('app_user').set({ must_change_password: false }).where('id', '=', t.id).execute();
    const reset = await resetPassword(database.db, county, t.id, { password: 'Reset-Pass-2026', resetTotp: true });
    expect(reset.mustChangePassword).toBe(true);
    expect(reset.version).toBeGreaterThan(renamed.version);
    const actions = await database.db.selectFrom('audit_event').select('action').where('entity_id', '=', t.id).orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual(['user.create', 'user.grant_role', 'user.revoke_role', 'user.update', 'user.reset_password']);
  });

  /**
   * Named places, written straight into the tables (the organisation writers are not under test):
   * committee `c` registered in county 440305 with sub-organisation `s` and its branch `b` (neither
   * registered anywhere of their own), committee `o` in 440306, a park and an association in each
   * county, an enterprise in 440305, and organisation `p` registered only in the 440306 park.
   */
  const place = { c: '', s: '', b: '', o: '', p: '', parkIn: '', parkOut: '', assocIn: '', enterpriseIn: '' };
  const actorOf = async (username: string, roles: ReturnType<typeof grant>[]): Promise<Actor> => {
    const u = await createUser(database.db, root, { username, displayName: username, password: PASSWORD, roles });
    return { kind: 'user', userId: u.id, username, ip: null, userAgent: null, grants: await loadGrants(database.db, u.id) };
  };
  const usernamesSeenBy = async (viewer: Actor) => (await listUsers(database.db, viewer, { limit: 200 })).items.map((u) => u.username).sort();

  it('seeds named places', async () => {
    const db = database.db;
    const region = (code: string, level: number, parent: string | null) => ({ code, level, name: `区划${code}`, parent_code: parent, prefix: code.replace(/(000)+$/, '') });
    await db.insertInto('region').values([region('440300000000', 2, null), region('440305000000', 3, '440300000000'),
      region('440306000000', 3, '440300000000'), region('440305001001', 5, '440305000000')]).onConflict((oc) => oc.doNothing()).execute();
    const org = async (name: string, regionCode: string | null, parent: { id: string; path: string } | null) => {
      const row = await db.insertInto('party_org').values({ name, org_type: 'branch', setup_mode: 'standalone', region_code: regionCode, parent_id: parent?.id ?? null })
        .returning('id').executeTakeFirstOrThrow();
      const path = parent ? `${parent.path}.${row.id}` : String(row.id);
      await db.updateTable('party_org').set({ path }).where('id', '=', row.id).execute();
      return { id: String(row.id), path };
    };
    const c = await org('区委', '440305000000', null);
    const s = await org('分党委', null, c);
    const b = await org('支部', null, s);
    const o = await org('外区党委', '440306000000', null);
    const id = (r: { id: string }) => String(r.id);
    const parks = await db.insertInto('park').values([{ name: '区内园区', region_code: '440305000000' }, { name: '外区园区', region_code: '440306000000' }]).returning('id').execute();
    const assoc = await db.insertInto('association').values({ name: '区内商会', region_code: '440305000000' }).returning('id').executeTakeFirstOrThrow();
    const ent = await db.insertInto('enterprise').values({ credit_code: '91440300MAGRANT001', name: '区内企业', region_code: '440305001001' }).returning('id').executeTakeFirstOrThrow();
    const p = await db.insertInto('party_org').values({ name: '园区党支部', org_type: 'branch', setup_mode: 'standalone', park_id: parks[1].id })
      .returning('id').executeTakeFirstOrThrow();
    await db.updateTable('party_org').set({ path: String(p.id) }).where('id', '=', p.id).execute();
    Object.assign(place, { c: c.id, s: s.id, b: b.id, o: o.id, p: id(p), parkIn: id(parks[0]), parkOut: id(parks[1]), assocIn: id(assoc), enterpriseIn: id(ent) });
  });

  it('ids in a grant must name existing records, on create and on grant, and nothing is written otherwise', async () => {
    const before = await auditCount();
    const missing = { partyOrgIds: [place.c, '900001'], parkIds: ['900002'], associationIds: ['900003'], enterpriseIds: ['900004'] };
    const create = createUser(database.db, root, { username: 'ghost', displayName: '不存在', password: PASSWORD, roles: [grant('branch_secretary', [], missing)] });
    expect(await detailsOf(create)).toEqual([
      { field: 'partyOrgIds', code: 'UNKNOWN_ID', message: '党组织 900001 不存在' },
      { field: 'parkIds', code: 'UNKNOWN_ID', message: '园区 900002 不存在' },
      { field: 'associationIds', code: 'UNKNOWN_ID', message: '行业协会（商会） 900003 不存在' },
      { field: 'enterpriseIds', code: 'UNKNOWN_ID', message: '企业 900004 不存在' },
    ]);
    expect(await codeOf(createUser(database.db, root, { username: 'ghost', displayName: '不存在', password: PASSWORD, roles: [grant('park_officer', [], { parkIds: ['900002'] })] }))).toBe('VALIDATION_FAILED');
    const t = (await listUsers(database.db, root, { q: 'town1', limit: 5 })).items[0];
    expect(await codeOf(grantRole(database.db, root, t.id, grant('branch_secretary', [], { partyOrgIds: ['900001'] })))).toBe('VALIDATION_FAILED');
    // to a county admin an unknown organisation is answered like another county's: no oracle
    expect(await codeOf(grantRole(database.db, county, t.id, grant('branch_secretary', [], { partyOrgIds: ['900001'] })))).toBe('GRANT_EXCEEDS_SCOPE');
    expect(await auditCount()).toBe(before);
    expect(await database.db.selectFrom('app_user').select('id').where('username', '=', 'ghost').execute()).toEqual([]);
  });

  it('a county admin grants places registered in its county, sees the account, and is refused another county', async () => {
    const inside = [grant('branch_secretary', [], { partyOrgIds: [place.c] }), grant('park_officer', [], { parkIds: [place.parkIn] }),
      grant('association_officer', [], { associationIds: [place.assocIn] }), grant('instructor', [], { enterpriseIds: [place.enterpriseIn] })];
    const sec = await createUser(database.db, county, { username: 'secretary', displayName: '书记', password: PASSWORD, roles: inside });
    expect(sec.roles.map((r) => r.role)).toEqual(['branch_secretary', 'park_officer', 'association_officer', 'instructor']);
    expect(await usernamesSeenBy(county)).toContain('secretary');
    expect(await codeOf(grantRole(database.db, county, sec.id, grant('branch_secretary', [], { partyOrgIds: [place.o] })))).toBe('GRANT_EXCEEDS_SCOPE');
    expect(await codeOf(grantRole(database.db, county, sec.id, grant('park_officer', [], { parkIds: [place.parkOut] })))).toBe('GRANT_EXCEEDS_SCOPE');
    // a grant the county cannot give makes the account another's: no longer seen or managed by the county
    await grantRole(database.db, root, sec.id, grant('branch_secretary', [], { partyOrgIds: [place.o] }));
    expect(await usernamesSeenBy(county)).not.toContain('secretary');
    expect(await codeOf(getUser(database.db, county, sec.id))).toBe('NOT_FOUND');
  });

  it('a holder of an organisation subtree grants its sub-organisations, never the parent or another county', async () => {
    const holder = await actorOf('subtree', [grant('org_admin', [], { partyOrgIds: [place.s] })]);
    const branch = await createUser(database.db, holder, { username: 'branch', displayName: '支部书记', password: PASSWORD, roles: [grant('branch_secretary', [], { partyOrgIds: [place.b] })] });
    expect(await usernamesSeenBy(holder)).toEqual(['branch', 'subtree']);
    expect(await codeOf(grantRole(database.db, holder, branch.id, grant('branch_secretary', [], { partyOrgIds: [place.c] })))).toBe('GRANT_EXCEEDS_SCOPE');
    expect(await codeOf(grantRole(database.db, holder, branch.id, grant('branch_secretary', [], { partyOrgIds: [place.o] })))).toBe('GRANT_EXCEEDS_SCOPE');
    expect(await codeOf(grantRole(database.db, holder, branch.id, grant('township_officer', ['440305001'])))).toBe('GRANT_EXCEEDS_SCOPE');
    const both = await grantRole(database.db, holder, branch.id, grant('branch_secretary', [], { partyOrgIds: [place.s] }));
    expect(both.roles).toHaveLength(2);
    // the county admin sees the branch secretary only through registration: s and b have no region of their own
    expect(await usernamesSeenBy(county)).not.toContain('branch');
  });

  it('the visibility filter in SQL agrees with scopeContains for every account and viewer', async () => {
    await createUser(database.db, root, { username: 'parksec', displayName: '园区书记', password: PASSWORD, roles: [grant('branch_secretary', [], { partyOrgIds: [place.p] })] });
    const viewers = [county, await actorOf('parkadmin', [grant('org_admin', [], { parkIds: [place.parkOut] })]), await actorOf('orgadmin', [grant('org_admin', [], { partyOrgIds: [place.c] })])];
    const users = await database.db.selectFrom('app_user').select(['id', 'username']).execute();
    const roles = (await database.db.selectFrom('user_role').selectAll().execute()).map((r) => ({ userId: String(r.user_id), grant: grantOfRow(r) }));
    const facts = await loadPlaceFacts(database.db, [...roles.map((r) => r.grant), ...viewers.flatMap((v) => v.grants)]);
    for (const viewer of viewers) {
      const scope = scopeFor(viewer, 'user.read');
      const allowed = rolesWithinActions(viewer);
      const expected = users.filter((u) => {
        const mine = roles.filter((r) => r.userId === String(u.id));
        return mine.length > 0 && mine.every((r) => allowed.includes(r.grant.role) && scopeContains(scope, r.grant, facts));
      }).map((u) => u.username).sort();
      expect(await usernamesSeenBy(viewer), viewer.username).toEqual(expected);
    }
  });
});
