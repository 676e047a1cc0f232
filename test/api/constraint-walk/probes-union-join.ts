import { idCheckChar } from '../../../src/domain/id-number.js';
import { api, NO_ID, path, type Probe, type Walk } from './walk.js';

/**
 * 扫码入会（亮牌子）(docs/unions.md): every constraint of union_join_link and union_application, driven
 * through the public form POST /api/join/:token, the link's settings and the decisions. The fixture
 * makes the fixture union's link and one pending application (a probe must write nothing itself).
 */
const BODY = '11010519880808111';
const APPLICANT = { name: '约束申请人', phone: '13800138111', idNumber: BODY + idCheckChar(BODY), employer: '约束单位' };

export const UNION_JOIN_FIXTURE = async (w: Omit<Walk, 'f'>, unionId: string): Promise<void> => {
  const link = await w.api('GET', `/api/unions/${unionId}/join-link`);
  if (link.statusCode !== 200) throw new Error(`join link fixture: ${link.statusCode} ${link.body}`);
  const res = await w.api('POST', `/api/join/${(link.json().path as string).split('/').pop()}`, APPLICANT);
  if (res.json().outcome !== 'submitted') throw new Error(`join fixture: ${res.statusCode} ${res.body}`);
};

const tokenOf = async (w: Walk) =>
  (await w.database.db.selectFrom('union_join_link').select('token').where('union_id', '=', w.f.unionId).executeTakeFirstOrThrow()).token;
const apply = (change: Record<string, unknown>) => api(async (w) => w.api('POST', `/api/join/${await tokenOf(w)}`,
  Object.fromEntries(Object.entries({ ...APPLICANT, ...change }).filter(([, v]) => v !== undefined))));
const pending = async (w: Walk) => w.database.db.selectFrom('union_application').select(['id', 'version'])
  .where('union_id', '=', w.f.unionId).where('status', '=', 'pending').orderBy('id').executeTakeFirstOrThrow();
const decide = (kind: 'reject' | 'refer', body: Record<string, unknown>) => api(async (w) => {
  const a = await pending(w);
  return w.api('POST', `/api/union-applications/${a.id}/${kind}`, { version: a.version, ...body });
});

export const UNION_JOIN_PROBES: Record<string, Probe | Probe[]> = {
  union_join_link_union_id_fkey: path((w) => w.api('GET', `/api/unions/${NO_ID}/join-link`)),
  union_join_link_office_phone_check: [
    api(async (w) => w.api('PATCH', `/api/unions/${w.f.unionId}/join-link`, { version: 1, officePhone: '12' })),
    api(async (w) => w.api('PATCH', `/api/unions/${w.f.unionId}/join-link`, { version: 1, officePhone: '1'.repeat(31) })),
  ],
  union_application_union_id_fkey: [
    path((w) => w.api('POST', `/api/join/${'N'.repeat(32)}`, APPLICANT)),
    decide('refer', { toUnionId: NO_ID }),
  ],
  union_application_name_check: [apply({ name: '' }), apply({ name: '名'.repeat(51) })],
  'union_application.name': apply({ name: undefined }),
  union_application_employer_name_check: [apply({ employer: '' }), apply({ employer: '单'.repeat(101) })],
  'union_application.employer_name': apply({ employer: undefined }),
  'union_application.id_number_enc': [apply({ idNumber: undefined }), apply({ idNumber: '110105198808081110' })],
  'union_application.id_number_index': apply({ idNumber: undefined }),
  'union_application.phone_enc': [apply({ phone: undefined }), apply({ phone: '12345' })],
  'union_application.phone_index': apply({ phone: undefined }),
  union_application_decision_reason_check: [decide('reject', { reason: '' }), decide('reject', { reason: '理'.repeat(201) })],
  union_application_referral_note_check: decide('refer', { toUnionId: NO_ID, note: '说'.repeat(201) }),
};

export const UNION_JOIN_SKIPPED: Record<string, string> = {
  'union_join_link.union_id': 'the union is the URL\'s (a missing one is 404: union_join_link_union_id_fkey)',
  'union_join_link.token': 'made by the server (24 random bytes), never typed',
  union_join_link_token_check: 'made by the server in exactly this form (base64url of 24 bytes)',
  union_join_link_token_key: '192 random bits: a collision is not a case people can cause',
  'union_application.union_id': 'the union is the link\'s (an unknown token is 404: union_application_union_id_fkey)',
  'union_application.key_id': 'set with the sealed values by toPersonValues (the current key)',
  union_application_gender_check: 'derived from the ID number, never typed',
  union_application_status_check: 'statuses are literals of the service',
  union_application_check: 'accept writes status, person and member in one update',
  union_application_referred_from_union_id_fkey: 'the union the application sat in, read under its lock',
  union_application_decided_by_fkey: 'the signed-in account deciding',
  union_application_person_id_fkey: 'the person accept has just found or registered',
  union_application_member_id_fkey: 'the membership accept has just written',
  union_application_pending_key: 'a second submission answers already_pending (ON CONFLICT DO NOTHING, test/api/union-join.test.ts); a referral into a queue holding the same person merges; a race on refer is 409',
};
