import { api, imported, ID_NUMBER, NO_ID, NO_REGION, path, REGION, type Probe, type Walk } from './walk.js';

/** Unions (with coverage, congresses, contracts), instructors, assignments and visits. */
const union = (extra: Record<string, unknown> = {}) => ({ name: `约束探针工会${Math.random().toString(36).slice(2, 8)}`, kind: 'standalone', regionCode: REGION, ...extra });
const createUnion = (extra: Record<string, unknown>) => api((w) => w.api('POST', '/api/unions', union(extra)));
const patch = (changes: Record<string, unknown>) => api(async (w) => w.api('PATCH', `/api/unions/${w.f.unionId}`, { version: await w.version('union_org', w.f.unionId), changes }));
const unionRow = (extra: Record<string, string>) => (w: Walk) => w.orgImport('unions', {
  工会名称: `约束导入工会${Math.random().toString(36).slice(2, 8)}`, 工会类别: '独立工会', 属地区划代码: REGION, ...extra,
});
const unionExisting = (extra: Record<string, string>) => (w: Walk) => w.orgImport('unions', { 工会名称: w.f.unionName, 工会类别: '独立工会', 属地区划代码: REGION, ...extra });
const sub = (tail: string, body: Record<string, unknown>) => api((w) => w.api('POST', `/api/unions/${w.f.unionId}/${tail}`, body));
const congress = { heldOn: '2024-03-01', kind: 'congress' };
const contract = { kind: 'collective', signedOn: '2024-01-01', startsOn: '2024-01-01', endsOn: '2026-12-31' };
const without = (o: Record<string, unknown>, k: string) => Object.fromEntries(Object.entries(o).filter(([key]) => key !== k));
const assignmentRow = (extra: Record<string, string>) => (w: Walk) => w.orgImport('assignments', {
  姓名: '探针人员', 身份证号: ID_NUMBER, 类别: '党建指导员', 所属区划代码: REGION, 企业统一社会信用代码: w.f.enterpriseCode, 开始日期: '2024-06-01', ...extra,
});
const instructor = (body: Record<string, unknown>) => api((w) => w.api('POST', '/api/instructors', { personId: w.f.personId, kind: 'liaison', ...body }));
const instructorPatch = (body: Record<string, unknown>) => api(async (w) => w.api('PATCH', `/api/instructors/${w.f.instructorId}`, { version: await w.version('instructor', w.f.instructorId), ...body }));

export const UNION_PROBES: Record<string, Probe | Probe[]> = {
  // The issue's own example: 64 women in a union of 63 members, by PATCH and by re-import.
  union_org_check: [patch({ femaleMembers: 64 }), createUnion({ members: 3, femaleMembers: 4 }), imported(unionExisting({ 女会员数: '64' })), imported(unionRow({ 会员数: '3', 女会员数: '4' }))],
  union_org_check1: api(async (w) => w.api('POST', `/api/unions/${w.f.unionId}/dissolve`, { version: await w.version('union_org', w.f.unionId), reason: '探针' })),
  union_org_association_id_fkey: [createUnion({ associationId: NO_ID }), patch({ associationId: NO_ID })],
  union_org_park_id_fkey: [createUnion({ parkId: NO_ID }), patch({ parkId: NO_ID })],
  union_org_parent_id_fkey: [createUnion({ parentId: NO_ID }), patch({ parentId: NO_ID })],
  union_org_region_code_fkey: [createUnion({ regionCode: NO_REGION }), patch({ regionCode: NO_REGION }), imported(unionRow({ 属地区划代码: NO_REGION }))],
  union_org_organiser_person_id_fkey: [createUnion({ organiserPersonId: NO_ID }), patch({ organiserPersonId: NO_ID })],
  // An import row is matched by its code first, so it cannot repeat another's code; it can take another's name.
  union_org_code_key: [createUnion({ code: 'YS-GH-1' }), patch({ code: 'YS-GH-2' })],
  union_org_region_name_key: [
    api((w) => w.api('POST', '/api/unions', union({ name: w.f.unionName }))), patch({ name: '约束第二工会' }),
    imported((w) => unionRow({ 工会代码: 'YS-GH-2', 工会名称: w.f.unionName })(w)),
  ],
  union_org_members_check: [patch({ members: -1 }), imported(unionRow({ 会员数: '-5' }))],
  union_org_female_members_check: [patch({ femaleMembers: -1 }), imported(unionRow({ 女会员数: '-1' }))],
  union_org_kind_check: [createUnion({ kind: 'guild' }), imported(unionRow({ 工会类别: '行会' }))],
  union_org_monthly_payroll_check: [createUnion({ monthlyPayroll: -1 }), patch({ monthlyPayroll: -0.5 })],
  union_org_term_years_check: [createUnion({ termYears: 11 }), patch({ termYears: 0 }), imported(unionRow({ '任期（年）': '20' }))],
  'union_org.name': [createUnion({ name: undefined }), imported(unionRow({ 工会名称: '' }))],
  'union_org.kind': [createUnion({ kind: undefined }), imported(unionRow({ 工会类别: '' }))],

  union_coverage_check: api((w) => w.api('POST', `/api/unions/${w.f.unionId}/coverage/${w.f.unionCoverageId}/end`, { until: '2024-01-01' })),
  union_coverage_enterprise_id_fkey: [sub('coverage', { enterpriseId: NO_ID, since: '2024-01-01' }), imported(unionRow({ 覆盖企业统一社会信用代码: '91440300MA5XXXXXX1', 覆盖开始日期: '2024-01-01' }))],
  union_coverage_union_id_fkey: path((w) => w.api('POST', `/api/unions/${NO_ID}/coverage`, { enterpriseId: w.f.enterpriseId, since: '2024-01-01' })),
  'union_coverage.enterprise_id': sub('coverage', { since: '2024-01-01' }),
  'union_coverage.since': [api((w) => w.api('POST', `/api/unions/${w.f.unionId}/coverage`, { enterpriseId: w.f.enterpriseId })), imported((w) => unionRow({ 覆盖企业统一社会信用代码: w.f.enterpriseCode })(w))],

  union_congress_kind_check: sub('congresses', { ...congress, kind: 'party' }),
  union_congress_union_id_fkey: path((w) => w.api('POST', `/api/unions/${NO_ID}/congresses`, congress)),
  'union_congress.held_on': sub('congresses', without(congress, 'heldOn')),
  'union_congress.kind': sub('congresses', without(congress, 'kind')),

  union_contract_check: sub('contracts', { ...contract, endsOn: '2023-12-31' }),
  union_contract_kind_check: sub('contracts', { ...contract, kind: 'verbal' }),
  union_contract_union_id_fkey: path((w) => w.api('POST', `/api/unions/${NO_ID}/contracts`, contract)),
  'union_contract.kind': sub('contracts', without(contract, 'kind')),
  'union_contract.signed_on': sub('contracts', without(contract, 'signedOn')),
  'union_contract.starts_on': sub('contracts', without(contract, 'startsOn')),
  'union_contract.ends_on': sub('contracts', without(contract, 'endsOn')),

  instructor_kind_check: [instructor({ kind: 'mentor' }), imported(assignmentRow({ 类别: '导师' }))],
  instructor_person_id_fkey: instructor({ personId: NO_ID }),
  instructor_person_id_kind_key: instructor({ kind: 'instructor' }),
  instructor_region_code_fkey: [instructor({ regionCode: NO_REGION }), instructorPatch({ regionCode: NO_REGION }), imported(assignmentRow({ 所属区划代码: NO_REGION }))],
  instructor_status_check: instructorPatch({ status: 'retired' }),
  'instructor.person_id': [api((w) => w.api('POST', '/api/instructors', { kind: 'liaison' })), imported(assignmentRow({ 身份证号: '' }))],
  'instructor.kind': [api((w) => w.api('POST', '/api/instructors', { personId: w.f.personId })), imported(assignmentRow({ 类别: '' }))],

  instructor_assignment_check: [
    api((w) => w.api('POST', `/api/instructors/${w.f.instructorId}/assignments/${w.f.assignmentId}/end`, { until: '2023-06-01' })),
    imported(assignmentRow({ 结束日期: '2024-05-01' })),
  ],
  instructor_assignment_enterprise_id_fkey: [
    api((w) => w.api('POST', `/api/instructors/${w.f.instructorId}/assignments`, { enterpriseId: NO_ID, since: '2024-06-01' })),
    imported(assignmentRow({ 企业统一社会信用代码: '91440300MA5XXXXXX1' })),
  ],
  instructor_assignment_instructor_id_fkey: path((w) => w.api('POST', `/api/instructors/${NO_ID}/assignments`, { enterpriseId: w.f.enterpriseId, since: '2024-06-01' })),
  'instructor_assignment.enterprise_id': [api((w) => w.api('POST', `/api/instructors/${w.f.instructorId}/assignments`, { since: '2024-06-01' })), imported(assignmentRow({ 企业统一社会信用代码: '' }))],
  'instructor_assignment.since': [api((w) => w.api('POST', `/api/instructors/${w.f.instructorId}/assignments`, { enterpriseId: w.f.enterpriseId })), imported(assignmentRow({ 开始日期: '' }))],

  visit_log_enterprise_id_fkey: api((w) => w.api('POST', `/api/instructors/${w.f.instructorId}/visits`, { enterpriseId: NO_ID, visitedOn: '2024-06-01' })),
  visit_log_instructor_id_fkey: path((w) => w.api('POST', `/api/instructors/${NO_ID}/visits`, { enterpriseId: w.f.enterpriseId, visitedOn: '2024-06-01' })),
  'visit_log.enterprise_id': api((w) => w.api('POST', `/api/instructors/${w.f.instructorId}/visits`, { visitedOn: '2024-06-01' })),
  'visit_log.visited_on': api((w) => w.api('POST', `/api/instructors/${w.f.instructorId}/visits`, { enterpriseId: w.f.enterpriseId, visitedOn: '2024-13-01' })),
  // 实地走访 (migration 0052): a finding outside the list, and 问题已整改 ticked with a problem.
  visit_log_findings_check: api((w) => w.api('POST', `/api/instructors/${w.f.instructorId}/visits`, { enterpriseId: w.f.enterpriseId, visitedOn: '2024-06-01', findings: ['closedDown'] })),
  visit_log_resolved_alone_check: api((w) => w.api('POST', `/api/instructors/${w.f.instructorId}/visits`, { enterpriseId: w.f.enterpriseId, visitedOn: '2024-06-01', findings: ['resolved', 'unionMissing'] })),
};
