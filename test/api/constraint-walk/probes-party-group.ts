import { api, NO_ID, path, type Probe } from './walk.js';

/**
 * 党小组 (docs/life.md, "党小组"): every constraint of party_group and party_member.group_id, driven
 * through POST /api/party-orgs/:id/groups in the fixture organisation and PUT
 * /api/party-groups/:id/members.
 */
const post = (body: Record<string, unknown>) => api((w) => w.api('POST', `/api/party-orgs/${w.f.orgId}/groups`, { name: '约束党小组', ...body }));

export const PARTY_GROUP_PROBES: Record<string, Probe | Probe[]> = {
  party_group_org_id_fkey: path((w) => w.api('POST', `/api/party-orgs/${NO_ID}/groups`, { name: '约束党小组' })),
  party_group_name_check: [post({ name: '' }), post({ name: '组'.repeat(51) })],
  party_group_leader_member_id_fkey: post({ leaderMemberId: NO_ID }),
  'party_group.name': post({ name: undefined }),
  party_member_group_id_fkey: path((w) => w.api('PUT', `/api/party-groups/${NO_ID}/members`, { version: 1, memberIds: [] })),
};

export const PARTY_GROUP_SKIPPED: Record<string, string> = {
  'party_group.org_id': 'the organisation is the URL\'s (a missing one is 404: party_group_org_id_fkey)',
  party_group_name_uq: 'a live duplicate name is refused by the service first (409 DUPLICATE_NAME naming the field, test/api/party-groups.test.ts); the index guards a race',
};
