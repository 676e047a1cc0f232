import { api, imported, ID_NUMBER, NO_ID, NO_REGION, path, REGION, type Probe, type Walk } from './walk.js';

/** Party organisations, their coverage and positions: one probe (or more, one per path) per constraint. */
const org = (extra: Record<string, unknown> = {}) => ({ name: `约束探针党支部${Math.random().toString(36).slice(2, 8)}`, orgType: 'branch', setupMode: 'standalone', regionCode: REGION, ...extra });
const createOrg = (extra: Record<string, unknown>) => api((w) => w.api('POST', '/api/party-orgs', org(extra)));
const adjust = (changes: Record<string, unknown>) => api(async (w) => w.api('PATCH', `/api/party-orgs/${w.f.orgId}`, { version: await w.version('party_org', w.f.orgId), changes }));
const orgRow = (extra: Record<string, string>) => (w: Walk) => w.orgImport('orgs', {
  党组织名称: `约束导入党支部${Math.random().toString(36).slice(2, 8)}`, 组织类别: '党支部', 组建方式: '单独组建', 属地区划代码: REGION, ...extra,
});
const positionRow = (extra: Record<string, string>) => (w: Walk) => w.orgImport('positions', {
  党组织名称: w.f.orgName, 属地区划代码: REGION, 姓名: '探针人员', 身份证号: ID_NUMBER, 职务: '委员', 任职日期: '2024-05-01', ...extra,
});
const omit = (key: string) => createOrg({ [key]: undefined });

export const ORG_PROBES: Record<string, Probe | Probe[]> = {
  party_org_association_id_fkey: [createOrg({ associationId: NO_ID }), adjust({ associationId: NO_ID })],
  party_org_park_id_fkey: [createOrg({ parkId: NO_ID }), adjust({ parkId: NO_ID })],
  party_org_parent_id_fkey: [createOrg({ parentId: NO_ID }), adjust({ parentId: NO_ID }), imported(orgRow({ 上级党组织: '不存在的上级党委' }))],
  party_org_region_code_fkey: [createOrg({ regionCode: NO_REGION }), adjust({ regionCode: NO_REGION }), imported(orgRow({ 属地区划代码: NO_REGION }))],
  party_org_check: api(async (w) => w.api('POST', `/api/party-orgs/${w.f.orgId}/dissolve`, { version: await w.version('party_org', w.f.orgId), reason: '探针' })),
  // An import row is matched by its code first, so it cannot repeat another's code; it can take another's name.
  party_org_code_key: [createOrg({ code: 'YS-ORG-1' }), adjust({ code: 'YS-ORG-2' })],
  party_org_full_members_check: [adjust({ fullMembers: -1 }), imported(orgRow({ 正式党员数: '-3' }))],
  party_org_probationary_members_check: [adjust({ probationaryMembers: -1 }), imported(orgRow({ 预备党员数: '-3' }))],
  party_org_org_type_check: [createOrg({ orgType: 'cell' }), imported(orgRow({ 组织类别: '党小组' }))],
  party_org_setup_mode_check: [createOrg({ setupMode: 'borrowed' }), imported(orgRow({ 组建方式: '借调组建' }))],
  party_org_term_years_check: [createOrg({ termYears: 11 }), adjust({ termYears: 0 }), imported(orgRow({ '任期（年）': '12' }))],
  party_org_region_name_key: [
    api((w) => w.api('POST', '/api/party-orgs', org({ name: w.f.orgName }))), adjust({ name: '约束第二党支部' }),
    imported((w) => orgRow({ 组织代码: 'YS-ORG-2', 党组织名称: w.f.orgName })(w)),
  ],
  'party_org.name': [omit('name'), imported(orgRow({ 党组织名称: '' }))],
  'party_org.org_type': omit('orgType'),
  'party_org.setup_mode': omit('setupMode'),

  party_org_coverage_check: api((w) => w.api('POST', `/api/party-orgs/${w.f.orgId}/coverage/${w.f.coverageId}/end`, { until: '2023-12-31' })),
  party_org_coverage_enterprise_id_fkey: [
    api((w) => w.api('POST', `/api/party-orgs/${w.f.orgId}/coverage`, { enterpriseId: NO_ID, since: '2024-01-01' })),
    imported(orgRow({ 覆盖企业统一社会信用代码: '91440300MA5XXXXXX1', 覆盖开始日期: '2024-01-01' })),
  ],
  party_org_coverage_mode_check: api((w) => w.api('POST', `/api/party-orgs/${w.f.orgId}/coverage`, { enterpriseId: w.f.enterpriseId, mode: 'borrowed', since: '2024-01-01' })),
  party_org_coverage_org_id_fkey: path((w) => w.api('POST', `/api/party-orgs/${NO_ID}/coverage`, { enterpriseId: w.f.enterpriseId, since: '2024-01-01' })),
  'party_org_coverage.enterprise_id': api((w) => w.api('POST', `/api/party-orgs/${w.f.orgId}/coverage`, { since: '2024-01-01' })),
  'party_org_coverage.since': [
    api((w) => w.api('POST', `/api/party-orgs/${w.f.orgId}/coverage`, { enterpriseId: w.f.enterpriseId })),
    imported((w) => orgRow({ 覆盖企业统一社会信用代码: w.f.enterpriseCode })(w)),
  ],

  org_position_check: [
    api((w) => w.api('POST', `/api/party-orgs/${w.f.orgId}/positions/${w.f.positionId}/end`, { until: '2023-12-31' })),
    imported(positionRow({ 离任日期: '2024-04-01' })),
  ],
  org_position_org_id_fkey: [
    path((w) => w.api('POST', `/api/party-orgs/${NO_ID}/positions`, { personId: w.f.personId, position: 'committeeMember', since: '2024-05-01' })),
    imported(positionRow({ 党组织名称: '不存在的党支部' })),
  ],
  org_position_person_id_fkey: api((w) => w.api('POST', `/api/party-orgs/${w.f.orgId}/positions`, { personId: NO_ID, position: 'committeeMember', since: '2024-05-01' })),
  org_position_position_check: [
    api((w) => w.api('POST', `/api/party-orgs/${w.f.orgId}/positions`, { personId: w.f.personId, position: 'chair', since: '2024-05-01' })),
    imported(positionRow({ 职务: '主席' })),
  ],
  org_position_key: api((w) => w.api('POST', `/api/party-orgs/${w.f.orgId}/positions`, { personId: w.f.personId, position: 'secretary', since: '2024-01-01' })),
  'org_position.person_id': [
    api((w) => w.api('POST', `/api/party-orgs/${w.f.orgId}/positions`, { position: 'committeeMember', since: '2024-05-01' })),
    imported(positionRow({ 身份证号: '' })),
  ],
  'org_position.position': api((w) => w.api('POST', `/api/party-orgs/${w.f.orgId}/positions`, { personId: w.f.personId, since: '2024-05-01' })),
  'org_position.since': [
    api((w) => w.api('POST', `/api/party-orgs/${w.f.orgId}/positions`, { personId: w.f.personId, position: 'committeeMember' })),
    imported(positionRow({ 任职日期: '2024-02-30' })),
  ],
};
