import type { Member } from '../../contracts/member.js';
import type { Keyring } from '../crypto/keyring.js';
import { maskIdNumber } from '../crypto/mask.js';
import { decryptPii } from '../crypto/pii-cipher.js';
import type { MemberRow, MemberView } from './member.repository.js';

/**
 * Row → contract, always masked. The organisation is named only to a reader who can see it; a
 * reader who sees the member through their employer alone gets null there (docs/members.md).
 */
export function toMember(keyring: Keyring, r: MemberView): Member {
  const id = r.id_number_enc ? decryptPii(keyring, r.id_number_enc) : null;
  return {
    id: r.id,
    personId: r.person_id,
    name: r.name,
    gender: r.gender,
    idNumber: id === null ? null : maskIdNumber(id),
    ethnicity: r.ethnicity,
    education: r.education,
    orgId: r.org_visible ? r.org_id : null,
    orgName: r.org_visible ? r.org_name : null,
    category: r.category,
    joinedOn: r.joined_on,
    confirmedOn: r.confirmed_on,
    status: r.status,
    statusSince: r.status_since,
    leftReason: r.left_reason,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    employerName: r.employer_name,
    post: r.post,
    source: r.source,
    access: r.owned ? 'full' : 'partial',
    version: r.version,
  };
}

/** What the audit log and a `created` event keep of a membership: no personal numbers at all. */
export const memberAuditView = (r: MemberRow) => ({
  personId: r.person_id, orgId: r.org_id, category: r.category, joinedOn: r.joined_on, confirmedOn: r.confirmed_on,
  status: r.status, statusSince: r.status_since, leftReason: r.left_reason, enterpriseId: r.enterprise_id,
  employerName: r.employer_name, post: r.post, version: r.version,
});

/** Columns an edit may change, contract name → column name (ethnicity / education live on person). */
export const MEMBER_COLUMNS = {
  joinedOn: 'joined_on', confirmedOn: 'confirmed_on', enterpriseId: 'enterprise_id', employerName: 'employer_name', post: 'post',
} as const;
