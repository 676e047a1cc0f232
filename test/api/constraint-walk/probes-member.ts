import { idCheckChar } from '../../../src/domain/id-number.js';
import { api, NO_ID, type Probe, type Walk } from './walk.js';

/**
 * The member roster (docs/members.md): every constraint of party_member, and 民族 / 学历 on person,
 * driven through POST /api/members, PATCH /api/members/:id and POST /api/members/:id/status. The
 * walk's fixture member (MEMBER_FIXTURE) is the fixture person as a probationary member of the
 * fixture organisation; a new member is a new ID number in the same organisation.
 */
export const MEMBER_FIXTURE = (orgId: string, personId: string) => ({ orgId, personId, category: 'probationary', joinedOn: '2024-01-01' });

const fresh = (() => {
  let n = 0;
  return () => {
    const body = `1101051988010${String(100 + ++n).slice(-3)}1`;
    return body + idCheckChar(body);
  };
})();
const create = (body: Record<string, unknown>) => api((w) => w.api('POST', '/api/members', {
  orgId: w.f.orgId, name: '约束党员', idNumber: fresh(), category: 'full', joinedOn: '2010-01-01', ...body,
}));
const member = async (w: Walk) => w.database.db.selectFrom('party_member').select(['id', 'version']).where('person_id', '=', w.f.personId).executeTakeFirstOrThrow();
const patch = (changes: Record<string, unknown>) => api(async (w) => {
  const m = await member(w);
  return w.api('PATCH', `/api/members/${m.id}`, { version: m.version, changes });
});
const status = (body: Record<string, unknown>) => api(async (w) => {
  const m = await member(w);
  return w.api('POST', `/api/members/${m.id}/status`, { version: m.version, since: '2025-01-01', ...body });
});

export const MEMBER_PROBES: Record<string, Probe | Probe[]> = {
  party_member_person_id_key: api((w) => w.api('POST', '/api/members', { ...MEMBER_FIXTURE(w.f.orgId, w.f.personId), category: 'full' })),
  party_member_person_id_fkey: create({ personId: NO_ID, idNumber: undefined }),
  party_member_org_id_fkey: create({ orgId: NO_ID }),
  party_member_enterprise_id_fkey: [create({ enterpriseId: NO_ID }), patch({ enterpriseId: NO_ID })],
  party_member_category_check: create({ category: 'honorary' }),
  party_member_status_check: status({ status: 'retired' }),
  party_member_left_reason_check: status({ status: 'left', leftReason: 'vanished' }),
  // category = 'full' OR confirmed_on IS NULL: a probationary member has no 转正日期.
  party_member_check: [create({ category: 'probationary', confirmedOn: '2011-01-02' }), patch({ confirmedOn: '2025-01-02' })],
  // confirmed_on > joined_on
  party_member_check1: [create({ confirmedOn: '2009-12-31' }), create({ confirmedOn: '2010-01-01' })],
  // (status = 'left') = (left_reason IS NOT NULL)
  party_member_check2: [status({ status: 'left' }), status({ status: 'mobile', leftReason: 'death' })],
  'party_member.person_id': create({ idNumber: undefined }),
  'party_member.org_id': create({ orgId: undefined }),
  'party_member.category': create({ category: undefined }),
  person_ethnicity_check: [create({ ethnicity: '族'.repeat(21) }), patch({ ethnicity: '' })],
  person_education_check: [create({ education: '学'.repeat(31) }), patch({ education: '学'.repeat(31) })],
};

export const MEMBER_SKIPPED: Record<string, string> = {
  party_member_source_check: 'source is set by the writer to a literal (manual, import, declaration, transfer); no input carries it',
};
