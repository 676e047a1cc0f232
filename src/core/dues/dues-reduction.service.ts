import type { DuesReductionApprove, DuesReductionList, DuesReductionRow, DuesReductionWithdraw } from '../../contracts/dues.js';
import type { Db } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { canManageMember, requireManagedMember, requireVisibleMember } from '../member/member.access.js';
import { recomputeMember } from './dues-compute.repository.js';
import * as repo from './dues.repository.js';
import { refreshDuesTasks } from './dues-tasks.js';

/**
 * 少交或免交 (docs/dues.md): a member's reductions as recorded (待批准 / 已批准), and the approval
 * recorded afterwards — 批准日期 and 批准文号 together, when the 上一级党委 has approved. Only an
 * approved reduction changes what is due: approving recomputes the member's open, unpaid months.
 */
const validId = (id: string) => /^\d{1,18}$/.test(id);

export const toReductionRow = (r: repo.ReductionRow): DuesReductionRow => ({
  id: String(r.id), fromMonth: r.from_month, toMonth: r.to_month, amountFen: r.amount_fen,
  approvedOn: r.approved_on, approvalRef: r.approval_ref, status: r.withdrawn_on ? 'withdrawn' : r.approved_on ? 'approved' : 'pending',
  withdrawnOn: r.withdrawn_on, withdrawnReason: r.withdrawn_reason,
});

/** The reduction, locked, once the caller manages its member (404 as if absent otherwise). */
async function requireManagedReduction(tx: Db | Parameters<typeof repo.findReduction>[0], actor: Actor, id: string): Promise<repo.ReductionRow> {
  const found = validId(id) ? await repo.findReduction(tx, id) : undefined;
  if (!found) throw notFound('少交或免交记录');
  await requireManagedMember(tx, actor, String(found.member_id)).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound('少交或免交记录') : e;
  });
  return (await repo.findReduction(tx, id, true))!;
}

const withdrawnError = () => new AppError('CONFLICT', '该少交或免交已经撤销', [{ field: 'id', code: 'ALREADY_WITHDRAWN', message: '已经撤销' }]);

/** Seen with the member (org.read); `manageable` as the member is managed. */
export async function listDuesReductions(db: Db, actor: Actor, memberId: string): Promise<DuesReductionList> {
  await requireVisibleMember(db, actor, memberId);
  const rows = await repo.reductionsOfMember(db, memberId);
  return { items: rows.map(toReductionRow), manageable: await canManageMember(db, actor, memberId) };
}

export async function approveDuesReduction(db: Db, actor: Actor, id: string, input: DuesReductionApprove): Promise<{ reduction: DuesReductionRow; recomputed: number }> {
  if (input.approvedOn > today()) throw new AppError('VALIDATION_FAILED', '批准日期不能晚于今天', [{ field: 'approvedOn', code: 'DATE_IN_FUTURE', message: '日期晚于今天' }]);
  return db.transaction().execute(async (tx) => {
    const row = await requireManagedReduction(tx, actor, id);
    if (row.withdrawn_on) throw withdrawnError();
    if (row.approved_on || !(await repo.approveReduction(tx, id, input.approvedOn, input.approvalRef))) {
      throw new AppError('CONFLICT', '该少交或免交已经批准', [{ field: 'approvedOn', code: 'ALREADY_APPROVED', message: '已经批准' }]);
    }
    const recomputed = await recomputeMember(tx, String(row.member_id), row.from_month, today());
    await recordAudit(tx, actor, {
      action: 'dues.reduction_approve', entity: 'party_member', entityId: String(row.member_id),
      before: toReductionRow(row), after: { id, approvedOn: input.approvedOn, approvalRef: input.approvalRef, recomputed },
    });
    await refreshDuesTasks(tx, actor, { memberId: String(row.member_id) }, 'dues.reduction_approve');
    return { reduction: toReductionRow({ ...row, approved_on: input.approvedOn, approval_ref: input.approvalRef }), recomputed };
  });
}

/**
 * 撤销 a reduction (recorded by mistake, or its approval revoked): it counts no more from today. One
 * that was approved changed what is due, so the member's open, unpaid months are computed again
 * (closed and paid months keep their amounts, as for an approval).
 */
export async function withdrawDuesReduction(db: Db, actor: Actor, id: string, input: DuesReductionWithdraw): Promise<{ reduction: DuesReductionRow; recomputed: number }> {
  return db.transaction().execute(async (tx) => {
    const row = await requireManagedReduction(tx, actor, id);
    if (row.withdrawn_on || !(await repo.withdrawReduction(tx, id, today(), input.reason))) throw withdrawnError();
    const recomputed = row.approved_on ? await recomputeMember(tx, String(row.member_id), row.from_month, today()) : 0;
    const after = { ...row, withdrawn_on: today(), withdrawn_reason: input.reason };
    await recordAudit(tx, actor, {
      action: 'dues.reduction_withdraw', entity: 'party_member', entityId: String(row.member_id),
      before: toReductionRow(row), after: { ...toReductionRow(after), recomputed },
    });
    if (recomputed) await refreshDuesTasks(tx, actor, { memberId: String(row.member_id) }, 'dues.reduction_withdraw');
    return { reduction: toReductionRow(after), recomputed };
  });
}
