import { api, NO_ID, type Walk } from './walk.js';
import type { Probe } from './walk.js';

/**
 * 组织关系转接, 流动党员 and 亮身份 (docs/member-transfers.md): the constraints of member_transfer,
 * member_declaration, the mobile columns of party_member and app_user.person_id, driven through
 * their routes. Probes never write, so those needing an existing letter or declaration use a
 * request the contract refuses first; the rest are listed with the writer's reason.
 */
const fixtureMember = async (w: Walk) => (await w.database.db.selectFrom('party_member').select(['id', 'version']).where('person_id', '=', w.f.personId).executeTakeFirstOrThrow());
const issue = (body: Record<string, unknown>) => api(async (w) => w.api('POST', '/api/member-transfers', { memberId: (await fixtureMember(w)).id, toOrgId: NO_ID, ...body }));
const declare = (body: Record<string, unknown>) => api((w) => w.api('POST', '/api/member-declarations', {
  name: '约束申报', idNumber: '110105198801011009', enterpriseId: w.f.enterpriseId, namedOrg: '某党支部', category: 'full', ...body,
}));
const mobility = (body: Record<string, unknown>) => api(async (w) => {
  const m = await fixtureMember(w);
  return w.api('POST', `/api/members/${m.id}/mobility`, { version: m.version, status: 'mobile', since: '2025-01-01', mobileCardNo: '流字1', mobileOrgName: '某流入地党委', ...body });
});

export const TRANSFER_PROBES: Record<string, Probe | Probe[]> = {
  member_transfer_member_id_fkey: issue({ memberId: NO_ID }),
  member_transfer_to_org_id_fkey: issue({}),
  member_transfer_outside_org_check: issue({ toOrgId: undefined, outsideOrg: '外' }),
  member_transfer_paper_letter_no_check: issue({ toOrgId: undefined, outsideOrg: '外省党支部', paperLetterNo: '号'.repeat(61) }),
  member_transfer_note_check: issue({ note: '注'.repeat(501) }),
  member_transfer_reason_check: api((w) => w.api('POST', `/api/member-transfers/${NO_ID}/revoke`, { version: 1, reason: '' })),
  // internal: two different organisations; outgoing: a name and no organisation; incoming: an organisation in the system.
  member_transfer_check: api(async (w) => w.api('POST', '/api/member-transfers', { memberId: (await fixtureMember(w)).id, toOrgId: w.f.orgId })),
  member_transfer_check1: issue({ outsideOrg: '外省党支部' }),
  member_transfer_check2: api((w) => w.api('POST', '/api/member-transfers/incoming', {
    toOrgId: NO_ID, outsideOrg: '外省党支部', paperLetterNo: '纸1', receiptOn: '2025-01-01', name: '约束转入', idNumber: '110105198801011009', category: 'full', joinedOn: '2010-01-01',
  })),
  member_transfer_check4: issue({ validDays: 0 }),
  member_transfer_check5: api((w) => w.api('POST', `/api/member-transfers/${NO_ID}/return`, { version: 1 })),
  'member_transfer.member_id': issue({ memberId: undefined }),
  member_declaration_enterprise_id_fkey: declare({ enterpriseId: NO_ID }),
  member_declaration_name_check: declare({ name: '' }),
  member_declaration_post_check: declare({ post: '岗'.repeat(101) }),
  member_declaration_named_org_check: declare({ namedOrg: '某' }),
  member_declaration_category_check: declare({ category: 'honorary' }),
  member_declaration_reason_check: api((w) => w.api('POST', `/api/member-declarations/${NO_ID}/reject`, { version: 1, reason: '' })),
  member_declaration_check: api((w) => w.api('POST', `/api/member-declarations/${NO_ID}/reject`, { version: 1 })),
  'member_declaration.name': declare({ name: undefined }),
  'member_declaration.id_number_enc': declare({ idNumber: undefined }),
  'member_declaration.id_number_index': declare({ idNumber: '110105198801011000' }),
  'member_declaration.enterprise_id': declare({ enterpriseId: undefined }),
  'member_declaration.named_org': declare({ namedOrg: undefined }),
  'member_declaration.category': declare({ category: undefined }),
  party_member_mobile_card_no_check: mobility({ mobileCardNo: '证'.repeat(61) }),
  party_member_mobile_org_id_fkey: mobility({ mobileOrgName: undefined, mobileOrgId: NO_ID }),
  party_member_mobile_org_name_check: mobility({ mobileOrgName: '某' }),
  party_member_mobile_place_check: mobility({ mobilePlace: '地'.repeat(201) }),
  app_user_person_id_fkey: api((w) => w.api('PUT', `/api/users/${w.f.userId}/person`, { personId: NO_ID })),
};

export const TRANSFER_SKIPPED: Record<string, string> = {
  member_transfer_from_org_id_fkey: 'the member\'s own organisation, read from the locked membership; no input carries it',
  member_transfer_direction_check: 'set by the writer from which target was given (an organisation or a name)',
  member_transfer_status_check: 'a literal of the writer (issued, accepted, returned, revoked, expired)',
  member_transfer_check3: 'letter year and sequence are set together by the writer under the organisation\'s row lock',
  member_transfer_open_uq: 'checked before the insert (409 OPEN_TRANSFER, field memberId); a race maps 23505 to the same answer (test/medium/member-transfer.test.ts)',
  member_transfer_letter_uq: 'the sequence is taken under the sending organisation\'s row lock; a race maps 23505 to 409 OPEN_TRANSFER',
  'member_transfer.direction': 'set by the writer',
  'member_transfer.issued_on': 'defaults to today in the writer',
  'member_transfer.status': 'a literal of the writer',
  member_declaration_org_id_fkey: 'set at confirmation from an organisation requireRosterOrg found (404 orgId otherwise)',
  member_declaration_member_id_fkey: 'set by the writer to the membership it found or created',
  member_declaration_channel_check: 'set by the writer from the declarer\'s capability',
  member_declaration_status_check: 'a literal of the writer',
  member_declaration_pending_uq: 'a second pending declaration for the same number maps 23505 to 409 DECLARATION_PENDING, field idNumber (test/api/member-transfer.test.ts)',
  'member_declaration.channel': 'set by the writer',
  app_user_person_id_key: 'checked before the update (409 PERSON_LINKED, field personId)',
};
