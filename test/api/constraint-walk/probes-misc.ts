import { code } from '../../factories/enterprise.js';
import { api, imported, ID_NUMBER, NO_ID, NO_REGION, path, REGION, type Probe, type Walk } from './walk.js';

/** People, the enterprise ledger, accounts and grants, import column mappings. */
const person = (body: Record<string, unknown>) => api((w) => w.api('POST', '/api/people', { name: '探针人员', regionCode: REGION, ...body }));
const personPatch = (body: Record<string, unknown>) => api(async (w) => w.api('PATCH', `/api/people/${w.f.personId}`, { version: await w.version('person', w.f.personId), ...body }));
/** A new enterprise with a valid credit code: only the column under test is wrong. */
const ledgerRow = (extra: Record<string, string>) => (w: Walk) => w.ledgerImport({
  统一社会信用代码: code(901, '440305'), 企业名称: '约束探针企业', 属地区划代码: REGION, ...extra,
});
const place = (regionCode: string) => api(async (w) => w.api('PATCH', `/api/enterprises/${w.f.enterpriseId}/placement`, { version: await w.version('enterprise', w.f.enterpriseId), regionCode }));
const newUser = (body: Record<string, unknown>) => api((w) => w.api('POST', '/api/users', {
  username: 'probe_user', displayName: '探针用户', password: 'Probe-Pass-2026-x', roles: [{ role: 'member', regionPrefixes: [REGION] }], ...body,
}));

export const MISC_PROBES: Record<string, Probe | Probe[]> = {
  person_gender_check: [person({ gender: 'other' }), personPatch({ gender: 'x' })],
  person_name_check: [person({ name: '' }), personPatch({ name: '名'.repeat(101) }), imported((w) => w.orgImport('positions', {
    党组织名称: w.f.orgName, 属地区划代码: REGION, 姓名: '名'.repeat(101), 身份证号: '11010519491231002X', 职务: '委员', 任职日期: '2024-05-01',
  }))],
  person_region_code_fkey: [person({ regionCode: NO_REGION }), personPatch({ regionCode: NO_REGION })],
  person_id_number_index_key: [person({ idNumber: ID_NUMBER }), api(async (w) => w.api('PATCH', `/api/people/${w.f.otherPersonId}`, {
    version: await w.version('person', w.f.otherPersonId), idNumber: ID_NUMBER,
  }))],
  'person.name': [person({ name: undefined }), imported((w) => w.orgImport('positions', {
    党组织名称: w.f.orgName, 属地区划代码: REGION, 姓名: '', 身份证号: '11010519491231002X', 职务: '委员', 任职日期: '2024-05-01',
  }))],

  // The ledger import never stores a code absent from the dictionary: the placer falls back to the
  // credit code and address, or leaves the enterprise pending (docs/import.md "Stage").
  enterprise_region_code_fkey: place(NO_REGION),
  enterprise_employee_count_check: imported(ledgerRow({ 从业人数: '-5' }), '从业人数'),
  enterprise_member_count_check: imported(ledgerRow({ 党员人数: '-2' }), '党员人数'),
  enterprise_operating_status_check: imported(ledgerRow({ 登记状态: '冬眠' }), '登记状态'),
  enterprise_size_class_check: imported(ledgerRow({ 企业规模: '巨型' }), '企业规模'),
  'enterprise.credit_code': imported((w) => w.ledgerImport({ 统一社会信用代码: '', 企业名称: '无代码公司', 属地区划代码: REGION }), '统一社会信用代码'),
  'enterprise.name': imported(ledgerRow({ 企业名称: '' }), '企业名称'),

  app_user_username_key: newUser({ username: 'sys' }),
  'app_user.username': newUser({ username: undefined }),
  'app_user.display_name': newUser({ displayName: undefined }),
  'app_user.password_hash': newUser({ password: undefined }),
  user_role_user_id_fkey: path((w) => w.api('POST', `/api/users/${NO_ID}/roles`, { role: 'member', regionPrefixes: [REGION] })),
  'user_role.role': api((w) => w.api('POST', `/api/users/${w.f.userId}/roles`, { regionPrefixes: [REGION] })),

  'app_setting.key': api((w) => w.api('PUT', '/api/import-mappings/%20', { mapping: { 名称: 'name' } })),
  'app_setting.value': api((w) => w.api('PUT', '/api/import-mappings/probe', {})),
};

/**
 * Constraints on user tables that no user input reaches, each with the reason. Keys are constraint
 * names, unique index names, or `table.column` for NOT NULL columns without a default.
 */
export const SKIPPED: Record<string, string> = {
  party_org_status_check: 'status is set only by dissolve, to the literal \'dissolved\'; no input carries it',
  union_org_status_check: 'status is set only by dissolve, to the literal \'dissolved\'; no input carries it',
  'party_org_coverage.org_id': 'the organisation named in the URL (its foreign key is probed)',
  'party_org_coverage.mode': 'filled by the service from the organisation\'s setup mode when left out',
  'org_position.org_id': 'the organisation named in the URL (its foreign key is probed)',
  'union_coverage.union_id': 'the union named in the URL (its foreign key is probed)',
  'union_congress.union_id': 'the union named in the URL (its foreign key is probed)',
  'union_contract.union_id': 'the union named in the URL (its foreign key is probed)',
  'instructor_assignment.instructor_id': 'the instructor named in the URL (its foreign key is probed)',
  'visit_log.instructor_id': 'the instructor named in the URL (its foreign key is probed)',
  visit_log_assignment_id_fkey: 'set by the service from the open assignment it has just read, never from input',
  visit_log_channel_check: 'set by the route (an instructor\'s own visit or an officer\'s entry), never from input',
  person_check: 'id_number_enc and id_number_index are written together by toPersonValues from one input',
  person_check1: 'phone_enc and phone_index are written together by toPersonValues from one input',
  person_check2: 'key_id is the current key the service encrypts with; no input sets it',
  enterprise_credit_code_key: 'the ledger import upserts by credit code (a repeat updates the enterprise); no other path writes it',
  enterprise_park_id_fkey: 'the ledger import resolves park names to ids it has just ensured; no input carries a park id',
  enterprise_association_id_fkey: 'the ledger import resolves association names to ids it has just ensured; no input carries an id',
  enterprise_placement_check: 'placement is set by the placer and the placement route to literals; no input carries it',
  user_role_granted_by_fkey: 'the signed-in actor, who exists',
  'user_role.user_id': 'the account named in the URL (its foreign key is probed)',
  park_name_key: 'parks are created by the ledger import from names (INSERT … ON CONFLICT (name) DO NOTHING)',
  park_region_code_fkey: 'no user path sets a park\'s region (the demo loader writes known codes)',
  'park.name': 'the ledger import inserts only the non-null park names of its rows',
  association_name_key: 'associations are created by the ledger import from names (INSERT … ON CONFLICT (name) DO NOTHING)',
  association_region_code_fkey: 'no user path sets an association\'s region (the demo loader writes known codes)',
  'association.name': 'the ledger import inserts only the non-null association names of its rows',
};
