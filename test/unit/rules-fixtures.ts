import type { EnterpriseRuleFacts, OrgRuleFacts, UnionRuleFacts } from '../../src/domain/rules/index.js';

/** Builders for rule facts: a sensible default plus the fields a case is about. */
export const enterprise = (over: Partial<EnterpriseRuleFacts> = {}): EnterpriseRuleFacts => ({
  id: 'e1',
  regionCode: '440305001001',
  operatingStatus: 'active',
  foundedOn: '2024-01-15',
  employeeCount: 10,
  fullMembers: 0,
  probationaryMembers: 0,
  coverage: { orgs: [], instructors: [], unions: [{ since: '2024-03-01' }] },
  ...over,
});

export const org = (over: Partial<OrgRuleFacts> = {}): OrgRuleFacts => ({
  id: 'o1',
  regionCode: '440305001000',
  orgType: 'branch',
  setupMode: 'standalone',
  foundedOn: '2023-01-01',
  termEndsOn: '2027-12-31',
  fullMembers: 5,
  probationaryMembers: 0,
  positions: [{ role: 'secretary', since: '2023-01-01' }],
  coveredEnterprises: [],
  ...over,
});

export const union = (over: Partial<UnionRuleFacts> = {}): UnionRuleFacts => ({
  id: 'u1',
  kind: 'standalone',
  provinceCode: '44',
  foundedOn: '2020-01-01',
  termEndsOn: '2027-12-31',
  members: 10,
  femaleMembers: 0,
  hasCommittee: true,
  hasWomenCommittee: false,
  contracts: [],
  ...over,
});
