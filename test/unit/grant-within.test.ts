import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor, RoleGrant } from '../../src/core/access/actor.js';
import { assertGrantWithin, assertMayGrant, checkGrantWithin, scopeContains } from '../../src/core/access/grant.js';
import { noPlaceFacts, type OrgFacts, type PlaceFacts } from '../../src/core/access/grant-places.repository.js';
import { requireAction } from '../../src/core/access/require.js';
import { scopeFor, type Scope } from '../../src/core/access/scope.js';
import { AppError } from '../../src/domain/errors.js';

const g = (role: string, part: Partial<RoleGrant> = {}): RoleGrant => ({
  role, allRegions: false, regionPrefixes: [], parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [], ...part,
});
const actor = (...grants: RoleGrant[]): Actor => ({ kind: 'user', userId: '1', username: 'u', ip: null, userAgent: null, grants });
const org = (path: string, place: Partial<OrgFacts> = {}): OrgFacts => ({ path, regionCode: null, parkId: null, associationId: null, ...place });

/**
 * The stored places the cases name. County 440305 holds committee 1 (subtree 1 › 5 › 9; 9 has no
 * region of its own), park 8 and association 4; 440306 holds committee 20 and park 7. Org 50
 * (path 1.50) shares the text prefix "1.5" with org 5 without lying under it.
 */
const facts: PlaceFacts = {
  orgs: new Map([
    ['1', org('1', { regionCode: '440305000000' })], ['5', org('1.5', { regionCode: '440305001001' })], ['9', org('1.5.9')],
    ['50', org('1.50')], ['20', org('20', { regionCode: '440306000000' })], ['21', org('20.21', { parkId: '7' })],
    ['22', org('22', { associationId: '3' })], ['23', org('')],
  ]),
  parks: new Map([['7', { regionCode: '440306000000' }], ['8', { regionCode: '440305000000' }]]),
  associations: new Map([['3', { regionCode: null }], ['4', { regionCode: '440305000000' }]]),
  enterprises: new Map([
    ['100', { regionCode: '440305001001', parkId: null, associationId: null }],
    ['101', { regionCode: '440306001001', parkId: '8', associationId: null }],
    ['102', { regionCode: null, parkId: null, associationId: '3' }],
    ['103', { regionCode: '440306001001', parkId: '7', associationId: null }],
  ]),
};

const sysAdmin = actor(g('system_admin', { allRegions: true }));
const county = actor(g('org_admin', { regionPrefixes: ['440305'] }));
const countyAndPark = actor(g('org_admin', { regionPrefixes: ['440305'], parkIds: ['7'] }));
const township = actor(g('township_officer', { regionPrefixes: ['440305001'] }));
// a wide read-only role plus a narrow user-admin role: the narrow one bounds what may be granted
const mixed = actor(g('township_officer', { allRegions: true }), g('org_admin', { regionPrefixes: ['4403'] }));
const subtree = actor(g('org_admin', { partyOrgIds: ['5'] }));
const parkAdmin = actor(g('org_admin', { parkIds: ['7'] }));
const assocAdmin = actor(g('org_admin', { associationIds: ['3'] }));
const blankRoot = actor(g('org_admin', { partyOrgIds: ['23'] }));
const sec = (partyOrgIds: string[]) => g('branch_secretary', { partyOrgIds });

type Outcome = 'ok' | 'action' | 'scope' | 'unknown_role';
const cases: Array<[string, Actor, RoleGrant, Outcome]> = [
  ['system admin grants anything', sysAdmin, g('system_admin', { allRegions: true }), 'ok'],
  ['system admin grants a bare member', sysAdmin, g('member'), 'ok'],
  ['county grants township inside', county, g('township_officer', { regionPrefixes: ['440305001'] }), 'ok'],
  ['county grants community inside', county, g('community_officer', { regionPrefixes: ['440305001002'] }), 'ok'],
  ['county grants its own prefix', county, g('org_admin', { regionPrefixes: ['440305'] }), 'ok'],
  ['county cannot grant the parent prefix', county, g('org_admin', { regionPrefixes: ['4403'] }), 'scope'],
  ['county cannot grant a sibling county', county, g('township_officer', { regionPrefixes: ['440306001'] }), 'scope'],
  ['county cannot grant all regions', county, g('township_officer', { allRegions: true }), 'scope'],
  ['county cannot grant system admin', county, g('system_admin', { regionPrefixes: ['440305'] }), 'action'],
  ['county cannot grant a park registered elsewhere', county, g('park_officer', { parkIds: ['7'] }), 'scope'],
  ['county grants a park registered in it', county, g('park_officer', { parkIds: ['8'] }), 'ok'],
  ['county with park grants that park', countyAndPark, g('park_officer', { parkIds: ['7'] }), 'ok'],
  ['county with park cannot grant a park it neither lists nor contains', countyAndPark, g('park_officer', { parkIds: ['7', '99'] }), 'scope'],
  ['county grants an association registered in it', county, g('association_officer', { associationIds: ['4'] }), 'ok'],
  ['county cannot grant an association without a region', county, g('association_officer', { associationIds: ['3'] }), 'scope'],
  ['county cannot grant an unlocated member', county, g('member'), 'scope'],
  ['county grants a member located in it', county, g('member', { regionPrefixes: ['440305001002'] }), 'ok'],
  ['county grants an enterprise registered in it', county, g('instructor', { enterpriseIds: ['100'] }), 'ok'],
  ['county cannot grant an enterprise of another county (in its park)', county, g('instructor', { enterpriseIds: ['101'] }), 'scope'],
  ['park admin grants an enterprise in its park', parkAdmin, g('instructor', { enterpriseIds: ['103'] }), 'ok'],
  ['association admin grants an enterprise in its association', assocAdmin, g('instructor', { enterpriseIds: ['102'] }), 'ok'],
  ['county cannot grant an unknown enterprise', county, g('instructor', { enterpriseIds: ['999'] }), 'scope'],
  ['county grants a secretary over an organisation registered in it', county, sec(['1']), 'ok'],
  ['county grants a secretary over a sub-organisation registered in it', county, sec(['5']), 'ok'],
  ['county cannot grant an organisation without a region of its own', county, sec(['9']), 'scope'],
  ['county cannot grant an organisation of another county', county, sec(['20']), 'scope'],
  ['county cannot grant an unknown organisation', county, sec(['999']), 'scope'],
  ['subtree holder grants its root', subtree, sec(['5']), 'ok'],
  ['subtree holder grants a sub-organisation', subtree, sec(['9']), 'ok'],
  ['subtree holder cannot grant the parent', subtree, sec(['1']), 'scope'],
  ['subtree holder cannot grant a text-prefix lookalike', subtree, sec(['50']), 'scope'],
  ['subtree holder cannot grant a region', subtree, g('township_officer', { regionPrefixes: ['440305001'] }), 'scope'],
  ['park admin grants an organisation registered in its park', parkAdmin, sec(['21']), 'ok'],
  ['association admin grants an organisation registered in its association', assocAdmin, sec(['22']), 'ok'],
  ['an unplaced root (empty path) is nobody’s ancestor', blankRoot, sec(['1']), 'scope'],
  ['township officer lacks user.manage', township, g('community_officer', { regionPrefixes: ['440305001002'] }), 'action'],
  ['wide read-only role does not widen grants', mixed, g('township_officer', { regionPrefixes: ['4404'] }), 'scope'],
  ['narrow admin part grants organisations registered under it', mixed, sec(['20', '1']), 'ok'],
  ['narrow admin part still grants inside', mixed, g('township_officer', { regionPrefixes: ['440306'] }), 'ok'],
  ['every part must be inside', county, g('branch_secretary', { partyOrgIds: ['1'], enterpriseIds: ['101'] }), 'scope'],
  ['unknown role', sysAdmin, g('emperor', { allRegions: true }), 'unknown_role'],
];

describe('assertGrantWithin', () => {
  it.each(cases)('%s', (_name, granter, grant, expected) => {
    const check = checkGrantWithin(granter, grant, facts);
    expect(check.ok ? 'ok' : check.reason).toBe(expected);
    if (expected === 'ok') expect(() => assertGrantWithin(granter, grant, facts)).not.toThrow();
    else expect(() => assertGrantWithin(granter, grant, facts)).toThrow(AppError);
  });

  it('a granter without user.manage gets FORBIDDEN, not a scope message', () => {
    try {
      assertGrantWithin(township, g('community_officer', { regionPrefixes: ['440305001002'] }), facts);
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe('FORBIDDEN');
      expect((e as AppError).status).toBe(403);
    }
  });

  it('scope containment is by prefix, not by string overlap', () => {
    const outer = scopeFor(county, 'enterprise.read');
    expect(scopeContains(outer, g('member', { regionPrefixes: ['4403051'] }), facts)).toBe(true);
    expect(scopeContains(outer, g('member', { regionPrefixes: ['44030'] }), facts)).toBe(false);
  });
});

describe('assertMayGrant: named records must exist', () => {
  const errorOf = (granter: Actor, grants: RoleGrant[]) => {
    try {
      assertMayGrant(granter, grants, facts);
      return null;
    } catch (e) {
      return e as AppError;
    }
  };

  it('one UNKNOWN_ID detail per field, after the scope check has passed', () => {
    const e = errorOf(sysAdmin, [g('branch_secretary', { partyOrgIds: ['1', '998', '999'], parkIds: ['97'] }), g('instructor', { enterpriseIds: ['100', '96'] })]);
    expect(e?.code).toBe('VALIDATION_FAILED');
    expect(e?.details).toEqual([
      { field: 'partyOrgIds', code: 'UNKNOWN_ID', message: '党组织 998、999 不存在' },
      { field: 'parkIds', code: 'UNKNOWN_ID', message: '园区 97 不存在' },
      { field: 'enterpriseIds', code: 'UNKNOWN_ID', message: '企业 96 不存在' },
    ]);
    expect(errorOf(sysAdmin, [g('association_officer', { associationIds: ['95'] })])?.details[0]?.field).toBe('associationIds');
    expect(errorOf(sysAdmin, [sec(['1', '9']), g('park_officer', { parkIds: ['7'] })])).toBeNull();
  });

  it('to a narrow granter an unknown id is answered like a record of someone else (no oracle)', () => {
    expect(errorOf(county, [sec(['999'])])?.code).toBe('GRANT_EXCEEDS_SCOPE');
    expect(errorOf(county, [sec(['20'])])?.code).toBe('GRANT_EXCEEDS_SCOPE');
    // a granter still listing a removed id may name it, but it is refused as unknown
    expect(errorOf(actor(g('org_admin', { partyOrgIds: ['999'] })), [sec(['999'])])?.code).toBe('VALIDATION_FAILED');
  });
});

describe('party-organisation subtrees', () => {
  // A random forest over ids 1..40 (so "1" and "1x" collide as text); parents always have smaller ids.
  const forest = fc.array(fc.option(fc.nat(), { nil: undefined }), { minLength: 1, maxLength: 40 }).map((picks) => {
    const parent = new Map<string, string | null>();
    const paths = new Map<string, string>();
    picks.forEach((pick, i) => {
      const id = String(i + 1);
      const p = pick === undefined || i === 0 ? null : String((pick % i) + 1);
      parent.set(id, p);
      paths.set(id, p === null ? id : `${paths.get(p)}.${id}`);
    });
    return { parent, paths };
  });

  it('an organisation is inside exactly when a held root is itself or an ancestor', () => {
    fc.assert(fc.property(forest, fc.array(fc.nat(), { maxLength: 4 }), fc.nat(), ({ parent, paths }, rootPicks, pick) => {
      const n = paths.size;
      const roots = [...new Set(rootPicks.map((r) => String((r % n) + 1)))];
      const target = String((pick % n) + 1);
      const f = noPlaceFacts();
      for (const [id, path] of paths) f.orgs.set(id, org(path));
      const outer: Scope = { all: false, regionPrefixes: [], parkIds: [], associationIds: [], partyOrgIds: roots, enterpriseIds: [] };
      let ancestorHeld = false;
      for (let at: string | null = target; at !== null; at = parent.get(at) ?? null) if (roots.includes(at)) ancestorHeld = true;
      expect(scopeContains(outer, sec([target]), f)).toBe(ancestorHeld);
    }));
  });
});

describe('requireAction', () => {
  it('403 for a capability no role grants; the scope otherwise', () => {
    expect(() => requireAction(township, 'user.manage')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(requireAction(township, 'enterprise.read').regionPrefixes).toEqual(['440305001']);
    expect(requireAction(sysAdmin, 'audit.read').all).toBe(true);
  });
});
