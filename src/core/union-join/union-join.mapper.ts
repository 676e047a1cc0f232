import type { UnionApplication } from '../../contracts/union-join.js';
import type { Keyring } from '../crypto/keyring.js';
import { maskIdNumber, maskPhone } from '../crypto/mask.js';
import { decryptPii } from '../crypto/pii-cipher.js';
import type { ApplicationView } from './union-join.repository.js';

/** Row → the officer's view: ID and phone masked (the clear values stay sealed until accepted into `person`). */
export const toApplication = (keyring: Keyring, r: ApplicationView): UnionApplication => ({
  id: r.id, unionId: r.union_id, name: r.name, gender: r.gender,
  idNumber: maskIdNumber(decryptPii(keyring, r.id_number_enc)), phone: maskPhone(decryptPii(keyring, r.phone_enc)),
  employer: r.employer_name, status: r.status, submittedAt: r.submitted_at.toISOString(),
  referredFrom: r.referred_from_union_id ? { id: r.referred_from_union_id, name: r.referred_from_name ?? '' } : null,
  referralNote: r.referral_note, decisionReason: r.decision_reason, decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
  memberId: r.member_id, personId: r.person_id, version: r.version,
});

/** What the audit log keeps of an application: its place and state, no name, no numbers. */
export const applicationAuditView = (r: { id: string; union_id: string; status: string; version: number }) =>
  ({ applicationId: r.id, unionId: r.union_id, status: r.status, version: r.version });
