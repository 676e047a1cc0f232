import { describe, expect, it } from 'vitest';
import type { Actor, RoleGrant } from '../../src/core/access/actor.js';
import { assertGrantWithin, checkGrantWithin, scopeContains } from '../../src/core/access/grant.js';
import { requireAction } from '../../src/core/access/require.js';
import { scopeFor } from '../../src/core/access/scope.js';
import { AppError } from '../../src/domain/errors.js';

const g = (role: string, part: Partial<RoleGrant> = {}): RoleGrant => ({
  role, allRegions: false, regionPrefixes: [], parkIds: [], associationIds: [], partyOrgIds: [], enterpriseIds: [], ...part,
});
const actor = (...grants: RoleGrant[]): Actor => ({ kind: 'user', userId: '1', username: 'u', ip: null, userAgent: null, grants });

const sysAdmin = actor(g('system_admin', { allRegions: true }));
const county = actor(g('org_admin', { regionPrefixes: ['440305'] }));
const countyAndPark = actor(g('org_admin', { regionPrefixes: ['440305'], parkIds: ['7'] }));
const township = actor(g('township_officer', { regionPrefixes: ['440305001'] }));
// a wide read-only role plus a narrow user-admin role: the narrow one bounds what may be granted
const mixed = actor(g('township_officer', { allRegions: true }), g('org_admin', { regionPrefixes: ['4403'] }));

describe('assertGrantWithin', () => {
  const cases: Array<[string, Actor, RoleGrant, 'ok' | 'action' | 'scope' | 'unknown_role']> = [
    ['system admin grants anything', sysAdmin, g('system_admin', { allRegions: true }), 'ok'],
    ['system admin grants a bare member', sysAdmin, g('member'), 'ok'],
    ['county grants township inside', county, g('township_officer', { regionPrefixes: ['440305001'] }), 'ok'],
    ['county grants community inside', county, g('community_officer', { regionPrefixes: ['440305001002'] }), 'ok'],
    ['county grants its own prefix', county, g('org_admin', { regionPrefixes: ['440305'] }), 'ok'],
    ['county cannot grant the parent prefix', county, g('org_admin', { regionPrefixes: ['4403'] }), 'scope'],
    ['county cannot grant a sibling county', county, g('township_officer', { regionPrefixes: ['440306001'] }), 'scope'],
    ['county cannot grant all regions', county, g('township_officer', { allRegions: true }), 'scope'],
    ['county cannot grant system admin', county, g('system_admin', { regionPrefixes: ['440305'] }), 'action'],
    ['county cannot grant a park it lacks', county, g('park_officer', { parkIds: ['7'] }), 'scope'],
    ['county with park grants that park', countyAndPark, g('park_officer', { parkIds: ['7'] }), 'ok'],
    ['county with park cannot grant another park', countyAndPark, g('park_officer', { parkIds: ['7', '8'] }), 'scope'],
    ['county cannot grant an unlocated member', county, g('member'), 'scope'],
    ['county grants a member located in it', county, g('member', { regionPrefixes: ['440305001002'] }), 'ok'],
    ['county cannot grant an enterprise id it was not given', county, g('instructor', { enterpriseIds: ['5'] }), 'scope'],
    ['township officer lacks user.manage', township, g('community_officer', { regionPrefixes: ['440305001002'] }), 'action'],
    ['wide read-only role does not widen grants', mixed, g('township_officer', { regionPrefixes: ['4404'] }), 'scope'],
    ['narrow admin part still grants inside', mixed, g('township_officer', { regionPrefixes: ['440306'] }), 'ok'],
    ['unknown role', sysAdmin, g('emperor', { allRegions: true }), 'unknown_role'],
  ];
  it.each(cases)('%s', (_name, granter, grant, expected) => {
    const check = checkGrantWithin(granter, grant);
    expect(check.ok ? 'ok' : check.reason).toBe(expected);
    if (expected === 'ok') expect(() => assertGrantWithin(granter, grant)).not.toThrow();
    else expect(() => assertGrantWithin(granter, grant)).toThrow(AppError);
  });

  it('a granter without user.manage gets FORBIDDEN, not a scope message', () => {
    try {
      assertGrantWithin(township, g('community_officer', { regionPrefixes: ['440305001002'] }));
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe('FORBIDDEN');
      expect((e as AppError).status).toBe(403);
    }
  });

  it('scope containment is by prefix, not by string overlap', () => {
    const outer = scopeFor(county, 'enterprise.read');
    expect(scopeContains(outer, g('member', { regionPrefixes: ['4403051'] }))).toBe(true);
    expect(scopeContains(outer, g('member', { regionPrefixes: ['44030'] }))).toBe(false);
  });
});

describe('requireAction', () => {
  it('403 for a capability no role grants; the scope otherwise', () => {
    expect(() => requireAction(township, 'user.manage')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(requireAction(township, 'enterprise.read').regionPrefixes).toEqual(['440305001']);
    expect(requireAction(sysAdmin, 'audit.read').all).toBe(true);
  });
});
