import type { Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { versionConflict } from '../party-org/party-org.access.js';
import { caseAuditView } from './recruitment.mapper.js';
import { syncProbationTask } from './recruitment-tasks.js';
import { insertCaseEvent, lockOpenCaseOfMember, updateCase } from './recruitment.repository.js';

/**
 * A 预备党员's 组织关系 moved to another organisation of the system (docs/recruitment.md,
 * "Transfers"): the open case follows the membership, so the receiving organisation records the
 * 转正, the extension or the cancellation. Called by the transfer's acceptance, in its transaction
 * (the acceptance already checked that the actor manages the receiver). The sender keeps seeing the
 * case only where the scope rules let it see the receiving organisation (a link), never managing it.
 */
export async function followTransferIn(
  tx: Executor, actor: Actor, m: { memberId: string; toOrgId: string; on: string; transferId: string },
): Promise<void> {
  const row = await lockOpenCaseOfMember(tx, m.memberId);
  if (!row || row.org_id === m.toOrgId) return;
  const after = await updateCase(tx, row.id, row.version, { org_id: m.toOrgId });
  if (!after) throw versionConflict();
  const data = { fromOrgId: row.org_id, toOrgId: m.toOrgId, transferId: m.transferId };
  await insertCaseEvent(tx, { caseId: row.id, kind: 'transferred', at: m.on, data, actorId: actor.userId });
  await recordAudit(tx, actor, { action: 'recruitment.transfer', entity: 'recruitment_case', entityId: row.id, before: caseAuditView(row), after: { ...caseAuditView(after), ...data } });
  // The 预备期满讨论转正 task follows the case: anchored on the receiving organisation, placed in its street,
  // its due date and history kept (the sender no longer acts on it; it sees it only through a link).
  await syncProbationTask(tx, actor, 'transfer', row, after);
}
