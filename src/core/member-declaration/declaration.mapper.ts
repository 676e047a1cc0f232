import type { Declaration } from '../../contracts/member-transfer.js';
import type { Keyring } from '../crypto/keyring.js';
import { maskIdNumber, maskPhone } from '../crypto/mask.js';
import { decryptPii } from '../crypto/pii-cipher.js';
import type { DeclarationRow, DeclarationView } from './declaration.repository.js';

/** Row → contract: numbers always masked (the clear number is read only to confirm, inside the service). */
export function toDeclaration(keyring: Keyring, r: DeclarationView): Declaration {
  return {
    id: r.id, name: r.name, idNumber: maskIdNumber(decryptPii(keyring, r.id_number_enc)),
    phone: r.phone_enc ? maskPhone(decryptPii(keyring, r.phone_enc)) : null,
    enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name, post: r.post, namedOrg: r.named_org, category: r.category,
    joinedOn: r.joined_on, channel: r.channel, status: r.status, reason: r.reason, orgId: r.org_id, orgName: r.org_name,
    memberId: r.member_id, createdAt: new Date(r.created_at).toISOString(), decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    canDecide: r.status === 'pending' && r.decidable, version: r.version,
  };
}

/** The audit log keeps no personal numbers. */
export const declarationAuditView = (r: DeclarationRow) => ({
  name: r.name, enterpriseId: r.enterprise_id, namedOrg: r.named_org, category: r.category, joinedOn: r.joined_on, channel: r.channel,
  status: r.status, reason: r.reason, orgId: r.org_id, memberId: r.member_id, version: r.version,
});
