import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/access/actor.js';
import { loadGrants } from '../../src/core/auth/session.repository.js';
import { createUser, getUser, grantRole, listUsers, resetPassword, revokeRole, updateUser } from '../../src/core/user/user.service.js';
import type { Database } from '../../src/db/database.js';
import { AppError } from '../../src/domain/errors.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

const codeOf = async (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof AppError ? e.code : String(e)));
const grant = (role: string, regionPrefixes: string[]) => ({
  role: role as 'township_officer', allRegions: false, regionPrefixes, parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [],
});

describe(`users and roles on ${testEngine()}`, () => {
  let database: Database;
  let root: Actor;
  let county: Actor;
  const auditCount = async () => Number((await database.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    database = await createTestDatabase();
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
});
