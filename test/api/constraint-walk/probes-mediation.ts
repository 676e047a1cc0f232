import { api, NO_ID, OTHER_ID_NUMBER, path, REGION, type Probe, type Walk } from './walk.js';

/**
 * 劳动争议调解 (docs/unions.md, "劳动争议调解"): every constraint of mediation_body,
 * mediation_body_member, mediation_case and mediation_case_party, driven through the bodies, members
 * and cases routes. MEDIATION_FIXTURE makes the fixture enterprise's committee (linked to the fixture
 * union) with a chair, two street bodies in the fixture region's street and one open case before the
 * committee (received 2025-06-02). Each probe is refused before the database would: nothing is written.
 */
const STREET = REGION.slice(0, 9).padEnd(12, '0');
const COMMITTEE = '约束调解委员会';
const STREET_BODY = '约束街道调解中心';
const SECOND_STREET_BODY = '约束街道第二调解中心';
const RECEIVED = '2025-06-02';

export const MEDIATION_FIXTURE = async (w: Omit<Walk, 'f'>, unionId: string, enterpriseId: string): Promise<void> => {
  const ok = async (what: string, res: Awaited<ReturnType<Walk['api']>>) => {
    if (res.statusCode >= 300) throw new Error(`mediation fixture (${what}): ${res.statusCode} ${res.body}`);
    return res.json() as { id: string };
  };
  const committee = await ok('committee', await w.api('POST', '/api/mediation/bodies', { kind: 'enterprise', name: COMMITTEE, enterpriseId, unionId, foundedOn: '2024-01-01' }));
  await ok('chair', await w.api('POST', `/api/mediation/bodies/${committee.id}/members`, {
    person: { name: '约束调解主任' }, side: 'employee', basis: 'unionMember', chair: true, chairBasis: 'unionMember', since: '2024-01-01',
  }));
  await ok('street body', await w.api('POST', '/api/mediation/bodies', { kind: 'street', name: STREET_BODY, regionCode: STREET }));
  await ok('second street body', await w.api('POST', '/api/mediation/bodies', { kind: 'street', name: SECOND_STREET_BODY, regionCode: STREET }));
  await ok('case', await w.api('POST', '/api/mediation/cases', {
    bodyId: committee.id, receivedOn: RECEIVED, applicants: [{ name: '约束调解申请人' }], category: 'pay', claim: '支付拖欠工资', claimedFen: 1_000_000, knownOn: '2025-05-20',
  }));
};

const bodyNamed = async (w: Walk, name: string) =>
  w.database.db.selectFrom('mediation_body').select(['id', 'version']).where('name', '=', name).where('status', '=', 'active').executeTakeFirstOrThrow();
const theCase = async (w: Walk) => {
  const b = await bodyNamed(w, COMMITTEE);
  return w.database.db.selectFrom('mediation_case').select(['id', 'version']).where('body_id', '=', b.id).orderBy('id').executeTakeFirstOrThrow();
};
const drop = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

// ---- bodies ----
const street = { kind: 'street', name: '约束探针调解组织', regionCode: STREET };
const createBody = (change: Record<string, unknown>) => api((w) => w.api('POST', '/api/mediation/bodies', drop({ ...street, ...change })));
const committeeFor = (change: Record<string, unknown>) => api((w) => w.api('POST', '/api/mediation/bodies', drop({ kind: 'enterprise', name: '约束探针委员会', enterpriseId: w.f.enterpriseId, ...change })));
const patchBody = (name: string, change: Record<string, unknown>) => api(async (w) => {
  const b = await bodyNamed(w, name);
  return w.api('PATCH', `/api/mediation/bodies/${b.id}`, { version: b.version, ...change });
});

// ---- members ----
const mediator = { side: 'employer', basis: 'appointed', since: '2024-02-01' };
const addMember = (change: Record<string, unknown>) => api(async (w) => {
  const b = await bodyNamed(w, COMMITTEE);
  return w.api('POST', `/api/mediation/bodies/${b.id}/members`, drop({ person: { personId: w.f.otherPersonId }, ...mediator, ...change }));
});
const endChair = (until: string) => api(async (w) => {
  const b = await bodyNamed(w, COMMITTEE);
  const m = await w.database.db.selectFrom('mediation_body_member').select('id').where('body_id', '=', b.id).where('chair', '=', true).executeTakeFirstOrThrow();
  return w.api('POST', `/api/mediation/bodies/${b.id}/members/${m.id}/end`, { until });
});

// ---- cases ----
const caseBody = { receivedOn: '2025-07-01', category: 'pay', claim: '探针请求', claimedFen: 100 };
/** A case before the committee (default) or the first street body, with the fixture person as the applicant. */
const createCase = (change: Record<string, unknown>, before: 'committee' | 'street' = 'committee') => api(async (w) => {
  const b = await bodyNamed(w, before === 'committee' ? COMMITTEE : STREET_BODY);
  return w.api('POST', '/api/mediation/cases', drop({ bodyId: b.id, applicants: [{ personId: w.f.personId }], ...caseBody, ...(before === 'street' ? { employerName: '约束探针单位' } : {}), ...change }));
});
const patchCase = (change: Record<string, unknown>) => api(async (w) => {
  const c = await theCase(w);
  return w.api('PATCH', `/api/mediation/cases/${c.id}`, { version: c.version, ...change });
});
const closeCase = (body: Record<string, unknown>) => api(async (w) => {
  const c = await theCase(w);
  return w.api('POST', `/api/mediation/cases/${c.id}/close`, drop({ version: c.version, on: '2025-06-10', ...body }));
});
const agreed = { outcome: 'agreed', agreedFen: 500_000, agreementText: '用人单位于十日内支付工资五千元' };
const tenApplicants = Array.from({ length: 10 }, (_, i) => ({ name: `约束集体申请人${i + 1}` }));

export const MEDIATION_PROBES: Record<string, Probe | Probe[]> = {
  // mediation_body
  mediation_body_kind_check: createBody({ kind: 'district' }),
  'mediation_body.kind': createBody({ kind: undefined }),
  mediation_body_name_check: [createBody({ name: '' }), createBody({ name: '调'.repeat(101) }), patchBody(COMMITTEE, { name: '调'.repeat(101) })],
  'mediation_body.name': createBody({ name: undefined }),
  mediation_body_enterprise_id_fkey: committeeFor({ enterpriseId: NO_ID }),
  mediation_body_union_id_fkey: [createBody({ unionId: NO_ID }), patchBody(COMMITTEE, { unionId: NO_ID })],
  mediation_body_region_code_check: [createBody({ regionCode: '44030500100' }), createBody({ regionCode: '4403050010011' })],
  mediation_body_place_check: [committeeFor({ enterpriseId: undefined }), createBody({ regionCode: undefined })],
  mediation_body_enterprise_key: committeeFor({}),
  mediation_body_street_name_key: [createBody({ name: STREET_BODY }), patchBody(SECOND_STREET_BODY, { name: STREET_BODY })],

  // mediation_body_member
  mediation_body_member_body_id_fkey: path((w) => w.api('POST', `/api/mediation/bodies/${NO_ID}/members`, { person: { personId: w.f.otherPersonId }, ...mediator })),
  mediation_body_member_person_id_fkey: addMember({ person: { personId: NO_ID } }),
  'mediation_body_member.person_id': addMember({ person: undefined }),
  mediation_body_member_side_check: addMember({ side: 'neutral' }),
  'mediation_body_member.side': addMember({ side: undefined }),
  mediation_body_member_basis_check: addMember({ basis: 'hired' }),
  'mediation_body_member.basis': addMember({ basis: undefined }),
  mediation_body_member_chair_basis_check: addMember({ chair: true, chairBasis: 'senior' }),
  'mediation_body_member.since': addMember({ since: undefined }),
  mediation_body_member_check: [endChair('2024-01-01'), endChair('2023-12-31')],
  mediation_body_member_check1: addMember({ chair: true, chairBasis: null }),
  mediation_body_member_check2: [addMember({ side: 'employee', basis: 'appointed' }), addMember({ side: 'employer', basis: 'elected' })],
  mediation_body_member_chair_key: addMember({ chair: true, chairBasis: 'agreed' }),

  // mediation_case
  mediation_case_body_id_fkey: createCase({ bodyId: NO_ID }),
  'mediation_case.body_id': createCase({ bodyId: undefined }),
  'mediation_case.received_on': createCase({ receivedOn: undefined }),
  mediation_case_employer_enterprise_id_fkey: [createCase({ employerEnterpriseId: NO_ID }, 'street'), createCase({ employerEnterpriseId: NO_ID })],
  mediation_case_employer_name_check: [createCase({ employerName: '' }, 'street'), createCase({ employerName: '单'.repeat(201) }, 'street'), patchCase({ employerName: '单'.repeat(201) })],
  'mediation_case.employer_name': createCase({ employerName: undefined }, 'street'),
  mediation_case_category_check: [createCase({ category: 'wages' }), patchCase({ category: 'wages' })],
  'mediation_case.category': createCase({ category: undefined }),
  mediation_case_claim_check: [createCase({ claim: '' }), createCase({ claim: '请'.repeat(2001) }), patchCase({ claim: '请'.repeat(2001) })],
  'mediation_case.claim': createCase({ claim: undefined }),
  mediation_case_claimed_fen_check: [createCase({ claimedFen: -1 }), patchCase({ claimedFen: -1 })],
  mediation_case_agreed_fen_check: closeCase({ ...agreed, agreedFen: -1 }),
  mediation_case_status_check: closeCase({ outcome: 'settled' }),
  mediation_case_agreement_text_check: closeCase({ ...agreed, agreementText: '协'.repeat(4001) }),
  mediation_case_outcome_note_check: closeCase({ outcome: 'failed', note: '说'.repeat(2001) }),
  mediation_case_check1: [createCase({ knownOn: '2025-07-02' }), patchCase({ knownOn: '2025-06-03' })],
  mediation_case_closed_check: closeCase({ outcome: 'withdrawn', on: undefined }),
  mediation_case_closed_after_check: closeCase({ outcome: 'failed', on: '2025-06-01' }),
  mediation_case_agreed_check: closeCase({ ...agreed, agreedFen: undefined }),

  // mediation_case_party
  mediation_case_party_person_id_fkey: createCase({ applicants: [{ personId: NO_ID }] }),
  'mediation_case_party.person_id': createCase({ applicants: [{}] }),
  mediation_case_party_key: [
    api(async (w) => createCase({ applicants: [{ personId: w.f.personId }, { personId: w.f.personId }] }).run(w)),
    createCase({ applicants: [{ name: '约束重复甲', idNumber: OTHER_ID_NUMBER }, { name: '约束重复乙', idNumber: OTHER_ID_NUMBER }] }),
    createCase({ applicants: tenApplicants, collective: true, representatives: [0, 0] }),
  ],
};

export const MEDIATION_SKIPPED: Record<string, string> = {
  mediation_body_status_check: 'no request carries a status: a body is created active (the column default) and no route dissolves one',
  mediation_body_check: 'no request carries a status or a dissolution day: a body is created active without one and no route dissolves it',
  'mediation_body_member.body_id': 'the body is the URL\'s (a missing one is 404: mediation_body_member_body_id_fkey)',
  mediation_case_check: 'due_on is computed by the service from the day of receipt (mediationDueOn: 15 days, 30 before 2008-05-01), always later',
  'mediation_case.due_on': 'computed by the service from the day of receipt (mediationDueOn), never typed',
  mediation_case_party_case_id_fkey: 'written with the case the same transaction has just inserted',
  'mediation_case_party.case_id': 'the case the same transaction has just inserted',
  mediation_case_party_role_check: 'roles are literals of the service (applicants, then the representatives among them)',
  'mediation_case_party.role': 'a literal of the service (applicant or representative)',
  'mediation_case_party.ordinal': 'the party\'s position in the request\'s list, set by the service',
};
