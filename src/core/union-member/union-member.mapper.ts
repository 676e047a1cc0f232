import type { UnionMember } from '../../contracts/union-member.js';
import type { Keyring } from '../crypto/keyring.js';
import { maskIdNumber, maskPhone } from '../crypto/mask.js';
import { decryptPii } from '../crypto/pii-cipher.js';
import type { UnionMemberView } from './union-member.repository.js';

/** Row → contract, ID and phone masked (a list never carries them in clear; the person page reveals, audited). */
export const toUnionMember = (keyring: Keyring, r: UnionMemberView): UnionMember => ({
  id: r.id, unionId: r.union_id, personId: r.person_id, name: r.name, gender: r.gender,
  idNumber: r.id_number_enc ? maskIdNumber(decryptPii(keyring, r.id_number_enc)) : null,
  phone: r.phone_enc ? maskPhone(decryptPii(keyring, r.phone_enc)) : null,
  joinedOn: r.joined_on, cardNumber: r.card_number, status: r.status, statusSince: r.status_since,
  enterpriseId: r.enterprise_id, employerName: r.enterprise_name ?? r.employer_name,
  dispatched: r.dispatched, dispatchEmployerName: r.dispatch_employer_name, source: r.source, version: r.version,
});

/** What the audit log and the history keep of a membership: no personal data beyond the person's id. */
export const memberAuditView = (r: { id: string; union_id: string; person_id: string; status: string; status_since: string | null; joined_on: string | null; card_number: string | null; enterprise_id: string | null; employer_name: string | null; dispatched: boolean; dispatch_employer_name: string | null }) => ({
  memberId: r.id, unionId: r.union_id, personId: r.person_id, status: r.status, statusSince: r.status_since, joinedOn: r.joined_on,
  cardNumber: r.card_number, enterpriseId: r.enterprise_id, employerName: r.employer_name, dispatched: r.dispatched,
  dispatchEmployerName: r.dispatch_employer_name,
});
