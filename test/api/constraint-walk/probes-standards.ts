import { multipart } from '../../helpers/multipart.js';
import { api, NO_ID, path, type Probe, type Walk } from './walk.js';

/**
 * 标准化建设 and attachments (docs/standards.md, docs/attachments.md): the constraints of 0027 a
 * user's value reaches, driven through the assessment routes in the fixture organisation (a draft of
 * 六有 and a submitted 七个有, made on first use) and a meeting's upload. The rest hold values the
 * services compute or pick from a closed set (SKIPPED, with the reason).
 */
const YEAR = 2026;
const made = { draft: '', submitted: '', meeting: '' };
/** Made with the walk's fixtures (constraint-walk.test.ts), before any probe counts rows. */
export async function STANDARDS_FIXTURE(w: Omit<Walk, 'f'>, orgId: string, unionId: string): Promise<void> {
  const db = w.database.db;
  const row = (v: Record<string, unknown>) => db.insertInto('checklist_assessment').values({ template_version: '2019-01-01', year: YEAR, template_id: 'partySixHave', ...v }).returning('id').executeTakeFirstOrThrow();
  made.draft = (await row({ party_org_id: orgId })).id;
  made.submitted = (await row({ template_id: 'partySevenHave', party_org_id: orgId, status: 'submitted', stage: 'street' })).id;
  await row({ template_id: 'unionSixHave', union_id: unionId });
  const other = (await db.selectFrom('party_org').select('id').where('name', '=', '约束第二党支部').executeTakeFirstOrThrow()).id;
  await db.insertInto('org_pairing').values({ party_org_id: orgId, partner_org_id: other, since: '2025-03-01' }).execute();
  made.meeting = (await db.insertInto('meeting').values({ org_id: orgId, kind: 'themeDay', held_on: '2026-02-03', topic: '约束主题党日' }).returning('id').executeTakeFirstOrThrow()).id;
}
const ensure = async (_w: Walk) => made;
const version = async (w: Walk, id: string) => (await w.database.db.selectFrom('checklist_assessment').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

const create = (body: Record<string, unknown>) => api(async (w) => { await ensure(w); return w.api('POST', '/api/standards/assessments', { templateId: 'partySixHave', orgKind: 'partyOrg', orgId: w.f.orgId, year: YEAR, ...body }); });
const evidence = (body: Record<string, unknown>, key = 'funds') => api(async (w) => {
  const { draft } = await ensure(w);
  return w.api('PUT', `/api/standards/assessments/${draft}/items/${key}`, { version: await version(w, draft), kind: 'attestation', attestation: '说明', ...body });
});
const MARKS = { organisation: 14, members: 14, site: 14, rules: 9, activities: 18, funds: 9, effect: 14 };
const review = (body: Record<string, unknown>) => api(async (w) => {
  const { submitted } = await ensure(w);
  return w.api('POST', `/api/standards/assessments/${submitted}/reviews`, { version: await version(w, submitted), decision: 'pass', marks: MARKS, ...body });
});
const upload = (content: Buffer) => api(async (w) => {
  const { meeting } = await ensure(w);
  const m = multipart({}, { name: '空.pdf', content });
  return w.app.inject({ method: 'POST', url: `/api/meetings/${meeting}/attachments`, payload: m.payload, headers: { ...m.headers, cookie: w.sys.cookie, 'x-csrf-token': w.sys.csrf } });
});

const recognise = (body: Record<string, unknown>) => api((w) => w.api('POST', `/api/party-orgs/${w.f.orgId}/recognitions`, { kind: 'orgAward', title: '先进基层党组织', level: 'district', grantedOn: '2026-06-28', ...body }));
const pairWith = (body: Record<string, unknown>) => api(async (w) => {
  const other = (await w.database.db.selectFrom('party_org').select('id').where('name', '=', '约束第二党支部').executeTakeFirstOrThrow()).id;
  return w.api('POST', `/api/party-orgs/${w.f.orgId}/pairings`, { partnerOrgId: other, since: '2026-03-01', ...body });
});

export const STANDARDS_PROBES: Record<string, Probe | Probe[]> = {
  org_recognition_org_fk: path((w) => w.api('POST', `/api/party-orgs/${NO_ID}/recognitions`, { kind: 'orgAward', title: '先进', level: 'district', grantedOn: '2026-06-28' })),
  org_recognition_kind_check: recognise({ kind: 'picnic' }),
  org_recognition_title_check: [recognise({ title: '' }), recognise({ title: '优'.repeat(101) })],
  org_recognition_level_check: recognise({ level: 'galaxy' }),
  org_recognition_member_fk: recognise({ kind: 'personAward', title: '优秀共产党员', memberId: NO_ID }),
  org_recognition_granted_by_check: [recognise({ grantedBy: '' }), recognise({ grantedBy: '授'.repeat(101) })],
  org_recognition_document_check: [recognise({ document: '' }), recognise({ document: '文'.repeat(101) })],
  org_recognition_contact_check: [recognise({ kind: 'contactPoint', contact: '' }), recognise({ kind: 'contactPoint', contact: '联'.repeat(101) })],
  org_recognition_member_when: [recognise({ kind: 'personAward', title: '优秀共产党员' }), recognise({ memberId: '1' })],
  'org_recognition.kind': recognise({ kind: undefined }), 'org_recognition.title': recognise({ title: undefined }),
  'org_recognition.level': recognise({ level: undefined }), 'org_recognition.granted_on': recognise({ grantedOn: undefined }),
  org_pairing_org_fk: path((w) => w.api('POST', `/api/party-orgs/${NO_ID}/pairings`, { partnerOrgId: w.f.orgId, since: '2026-03-01' })),
  org_pairing_partner_fk: pairWith({ partnerOrgId: NO_ID }),
  org_pairing_content_check: [pairWith({ content: '' }), pairWith({ content: '共'.repeat(501) })],
  org_pairing_not_self: api((w) => w.api('POST', `/api/party-orgs/${w.f.orgId}/pairings`, { partnerOrgId: w.f.orgId, since: '2026-03-01' })),
  org_pairing_key: pairWith({}),
  'org_pairing.partner_org_id': pairWith({ partnerOrgId: undefined }), 'org_pairing.since': pairWith({ since: undefined }),
  attachment_size_check: upload(Buffer.alloc(0)),
  checklist_assessment_template_check: create({ templateId: 'picnic' }),
  checklist_assessment_org_fk: create({ orgId: NO_ID }),
  checklist_assessment_union_fk: create({ templateId: 'unionSixHave', orgKind: 'union', orgId: NO_ID }),
  checklist_assessment_year_check: [create({ year: 2017 }), create({ year: 2101 })],
  checklist_assessment_org_key: create({}),
  checklist_assessment_union_key: api((w) => w.api('POST', '/api/standards/assessments', { templateId: 'unionSixHave', orgKind: 'union', orgId: w.f.unionId, year: YEAR })),
  'checklist_assessment.template_id': create({ templateId: undefined }),
  'checklist_assessment.year': create({ year: undefined }),
  checklist_evidence_assessment_fk: path((w) => w.api('PUT', `/api/standards/assessments/${NO_ID}/items/funds`, { version: 1, kind: 'attestation', attestation: '说明' })),
  checklist_evidence_item_check: [evidence({}, 'x1'), evidence({}, 'picnic')],
  checklist_evidence_kind_check: evidence({ kind: 'picnic' }),
  checklist_evidence_attestation_check: [evidence({ attestation: '' }), evidence({ attestation: '说'.repeat(2001) })],
  checklist_evidence_shape: evidence({ attestation: undefined }),
  'checklist_evidence.kind': evidence({ kind: undefined }),
  checklist_review_assessment_fk: path((w) => w.api('POST', `/api/standards/assessments/${NO_ID}/reviews`, { version: 1, decision: 'pass', marks: MARKS })),
  checklist_review_decision_check: review({ decision: 'maybe' }),
  checklist_review_total_check: [review({ marks: { ...MARKS, site: 16 } }), review({ marks: { ...MARKS, site: -1 } })],
  checklist_review_comment_check: [review({ decision: 'return', comment: '' }), review({ decision: 'return', comment: '意'.repeat(2001) })],
  checklist_review_return_comment: review({ decision: 'return' }),
  'checklist_review.decision': review({ decision: undefined }),
  'checklist_review.marks': review({ marks: undefined }),
};

const SERVICE = 'set by the service from the request it has just checked, never a value typed in';
export const STANDARDS_SKIPPED: Record<string, string> = {
  attachment_owner_kind_check: 'a literal of the owner route (meeting, checklist)',
  attachment_sha256_check: 'the SHA-256 the store computed from the content',
  attachment_media_type_check: 'the type the content\'s first bytes gave (src/domain/attachment.ts); anything else is refused first (415 FILE_TYPE)',
  attachment_file_name_check: 'the upload\'s file name cut to 200 characters, 附件 when empty',
  'attachment.owner_kind': SERVICE, 'attachment.owner_id': 'the owner in the URL, found before the upload is read',
  'attachment.sha256': SERVICE, 'attachment.size': SERVICE, 'attachment.media_type': SERVICE, 'attachment.file_name': SERVICE,
  checklist_assessment_status_check: 'literal statuses of the writers (draft, submitted, returned, passed)',
  checklist_assessment_stage_check: 'a review level of the template version (street, district)',
  checklist_assessment_stars_check: 'computed from the total by the template\'s thresholds',
  checklist_assessment_one_owner: 'the owner column is chosen by orgKind, the other left null',
  checklist_assessment_stage_when: 'status and stage are set together by submit and review',
  'checklist_assessment.template_version': 'the validFrom of the catalogue version in force',
  checklist_evidence_attachment_fk: 'the attachment the same transaction has just stored',
  'checklist_evidence.assessment_id': 'the assessment in the URL, locked by the writer',
  'checklist_evidence.item_key': 'the item in the URL, checked against the template version',
  checklist_review_level_check: 'the assessment\'s stage', checklist_review_stars_check: 'computed from the total by the template\'s thresholds',
  'checklist_review.assessment_id': 'the assessment in the URL, locked by the writer', 'checklist_review.level': 'the assessment\'s stage',
  'checklist_review.total': 'the sum of marks each checked within 0..weight',
  'org_recognition.party_org_id': 'the organisation in the URL, managed by the caller', 'org_pairing.party_org_id': 'the organisation in the URL, managed by the caller',
};
