import type { Declaration } from '../../contracts/member-transfer.js';
import { resolveFlow, type AreaFlows } from '../../domain/approval.js';
import type { Keyring } from '../crypto/keyring.js';
import { maskIdNumber, maskPhone } from '../crypto/mask.js';
import { decryptPii } from '../crypto/pii-cipher.js';
import type { DeclarationRow, DeclarationView } from './declaration.repository.js';

/**
 * Row → contract: numbers always masked (the clear number is read only to confirm, inside the service).
 * `areas`: the approval flows as stored (readAreas), read once by the caller; the flow is the
 * enterprise's area's (flows are set per district or wider, where the anchor lies too).
 */
export function toDeclaration(keyring: Keyring, r: DeclarationView, areas: readonly AreaFlows[]): Declaration {
  const flow = resolveFlow('member.declaration', r.enterprise_region, areas);
  return {
    id: r.id, name: r.name, idNumber: maskIdNumber(decryptPii(keyring, r.id_number_enc)),
    phone: r.phone_enc ? maskPhone(decryptPii(keyring, r.phone_enc)) : null,
    enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name, post: r.post, namedOrg: r.named_org, category: r.category,
    joinedOn: r.joined_on, channel: r.channel, status: r.status, reason: r.reason, orgId: r.org_id, orgName: r.org_name,
    memberId: r.member_id, createdAt: new Date(r.created_at).toISOString(), decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    canDecide: r.status === 'pending' && r.decidable,
    approval: { flow: flow.required ? 'required' : flow.fromPrefix === null ? 'default' : 'configured', open: r.approval_open },
    version: r.version,
  };
}

/** The audit log keeps no personal numbers. */
export const declarationAuditView = (r: DeclarationRow) => ({
  name: r.name, enterpriseId: r.enterprise_id, namedOrg: r.named_org, category: r.category, joinedOn: r.joined_on, channel: r.channel,
  status: r.status, reason: r.reason, orgId: r.org_id, memberId: r.member_id, version: r.version,
});
