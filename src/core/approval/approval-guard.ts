import type { Executor } from '../../db/schema.js';
import { APPROVAL_KIND_CATALOGUE, isApprovalKind, resolveFlow, type ApprovalKind } from '../../domain/approval.js';
import { AppError } from '../../domain/errors.js';
import type { SubjectTable } from './adapter.js';
import { readAreas } from './approval-flows.js';
import { openRequestOf, subjectOrgRegion } from './approval.repository.js';

/**
 * What a workflow checks before recording an action directly (docs/approvals.md, "While a request is
 * under way"): a record whose request waits for a decision (审批中) is not changed that way meanwhile;
 * an action whose request was returned is resubmitted, not recorded beside it; and where the area's
 * flow is marked 必经线上审批 the action is recorded only by the engine's last level. Elsewhere — and
 * wherever a district has configured nothing — the direct write works as before (补录 of a paper approval).
 * `kind` is the approval kind of the action, or undefined for an action no flow covers.
 */
export async function guardDirectWrite(tx: Executor, subjectTable: SubjectTable, subjectId: string, kind: ApprovalKind | undefined): Promise<void> {
  const open = await openRequestOf(tx, subjectTable, subjectId);
  const label = (k: string) => (isApprovalKind(k) ? APPROVAL_KIND_CATALOGUE[k].label : '该事项');
  if (open?.state === 'pending') {
    throw conflict('AWAITING_APPROVAL', `“${label(open.kind)}”正在审批中，审批结束前不能办理${subjectTable === 'recruitment_case' ? '其他步骤' : '此项'}`);
  }
  if (!kind) return;
  if (open?.kind === kind) throw conflict('APPROVAL_RETURNED', `“${label(kind)}”的审批已退回，请修改后重新提交审批`);
  const flow = resolveFlow(kind, await subjectOrgRegion(tx, subjectTable, subjectId), await readAreas(tx));
  if (flow.required) throw conflict('APPROVAL_REQUIRED', `本辖区规定“${label(kind)}”须经线上${APPROVAL_KIND_CATALOGUE[kind].mode}，请提交审批`);
}

const conflict = (code: string, message: string) => new AppError('CONFLICT', message, [{ field: 'step', code, message }]);
