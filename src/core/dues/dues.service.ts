import { sql, type SqlBool } from 'kysely';
import type { DuesBasisInput, DuesCompute, DuesLedgerRow, DuesMonthReopen, DuesPaymentInput, DuesReductionInput } from '../../contracts/dues.js';
import type { Db, Executor } from '../../db/schema.js';
import { monthsLate } from '../../domain/dues.js';
import { AppError } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { DOC } from '../../domain/rules/citations.js';
import { BASED_CATEGORIES, type DuesCategory } from '../../domain/rules/member-facts.js';
import { resolveParam } from '../../domain/rules/resolve.js';
import { RULE_SET } from '../../domain/rules/rule-set.js';
import type { Actor } from '../access/actor.js';
import { duesOrgOwnedSql } from '../access/dues-scope.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { requireManagedMember } from '../member/member.access.js';
import { requireManagedOrg, versionConflict } from '../party-org/party-org.access.js';
import { computeMonthRows, recomputeMember } from './dues-compute.repository.js';
import { readDuesSettings } from './dues-settings.js';
import { requireManagedLedger } from './dues.access.js';
import { ledgerAuditView, toLedgerRow } from './dues.mapper.js';
import * as repo from './dues.repository.js';
import { refreshDuesTasks } from './dues-tasks.js';

/** Changes to the dues (docs/dues.md): each in one transaction, checked, audited. */
const thisMonth = () => today().slice(0, 7);

function assertMonthNotFuture(month: string, field = 'month') {
  if (month > thisMonth()) throw new AppError('VALIDATION_FAILED', `${month}尚未到来，不能计算或登记`, [{ field, code: 'MONTH_IN_FUTURE', message: '月份晚于本月' }]);
}

/** Computes a month for one organisation or every organisation the caller manages. */
export async function computeDuesMonth(db: Db, actor: Actor, input: DuesCompute): Promise<{ month: string; rows: number; orgs: number }> {
  assertMonthNotFuture(input.month);
  const scope = requireAction(actor, 'org.manage');
  if (input.orgId) await requireManagedOrg(db, actor, input.orgId);
  const where = input.orgId ? sql<SqlBool>`o.id = ${input.orgId}` : sql<SqlBool>`(${duesOrgOwnedSql(scope)} AND o.status = 'active')`;
  return db.transaction().execute(async (tx) => {
    const r = await computeMonthRows(tx, input.month, where, today());
    await recordAudit(tx, actor, { action: 'dues.compute', entity: 'dues_month', entityId: input.orgId ?? null, after: { month: input.month, ...r } });
    await refreshDuesTasks(tx, actor, { orgWhere: where }, 'dues.compute');
    return { month: input.month, ...r };
  });
}

export async function closeDuesMonth(db: Db, actor: Actor, orgId: string, month: string): Promise<{ status: 'closed' }> {
  await requireManagedOrg(db, actor, orgId);
  return db.transaction().execute(async (tx) => {
    if (!(await repo.closeMonth(tx, orgId, month))) {
      throw new AppError('CONFLICT', '该月党费尚未计算或已经关账', [{ field: 'month', code: 'MONTH_NOT_OPEN', message: '未计算或已关账' }]);
    }
    await recordAudit(tx, actor, { action: 'dues.close', entity: 'dues_month', entityId: orgId, after: { month } });
    return { status: 'closed' as const };
  });
}

/**
 * 重新开账: a closed month opened again by whoever may close it, with the reason (kept on the month
 * and in the audit). The next computation may change its unpaid amounts again; payments stay.
 */
export async function reopenDuesMonth(db: Db, actor: Actor, input: DuesMonthReopen): Promise<{ status: 'open' }> {
  await requireManagedOrg(db, actor, input.orgId);
  return db.transaction().execute(async (tx) => {
    if (!(await repo.reopenMonth(tx, input.orgId, input.month, input.reason))) {
      throw new AppError('CONFLICT', '该月党费尚未结账，无需重新开账', [{ field: 'month', code: 'MONTH_NOT_CLOSED', message: '未结账' }]);
    }
    await recordAudit(tx, actor, { action: 'dues.reopen', entity: 'dues_month', entityId: input.orgId, after: { month: input.month, reason: input.reason } });
    return { status: 'open' as const };
  });
}

/** 补交 beyond the limit is refused, citing where the limit comes from. */
export function assertBackPay(month: string, paidOn: string, field = 'paidOn', row?: number): void {
  const max = Number(resolveParam(RULE_SET, 'dues.backPayMaxMonths', paidOn, null).value);
  if (monthsLate(month, paidOn) > max) {
    const message = `${month}的党费至${paidOn}已超过${max}个月，不能按补交登记：依照${DOC.duesRegulation}和${DOC.centralOrgansDuesMeasures}，补交党费一般不超过${max}个月；超过的请报上级党委处理`;
    throw new AppError('VALIDATION_FAILED', message, [{ field, row, code: 'BACKPAY_TOO_LATE', message: `补交超过${max}个月` }]);
  }
}

export function assertPaidOn(paidOn: string, month: string, field = 'paidOn'): void {
  if (paidOn > today()) throw new AppError('VALIDATION_FAILED', '缴费日期不能晚于今天', [{ field, code: 'DATE_IN_FUTURE', message: '日期晚于今天' }]);
  assertBackPay(month, paidOn, field);
}

/** A payment recorded by hand on a month's row, at the row's version. */
export async function recordDuesPayment(db: Db, actor: Actor, ledgerId: string, input: DuesPaymentInput): Promise<DuesLedgerRow> {
  return db.transaction().execute(async (tx) => {
    const row = await requireManagedLedger(tx, actor, ledgerId);
    if (row.version !== input.version) throw versionConflict();
    assertPaidOn(input.paidOn, row.month);
    const after = await repo.addPaid(tx, ledgerId, input.version, input.amountFen, input.paidOn, 'hand');
    if (!after) throw versionConflict();
    await repo.insertPayment(tx, { ledgerId, amountFen: input.amountFen, paidOn: input.paidOn, method: 'hand', note: input.note ?? null, by: actor.userId });
    await recordAudit(tx, actor, { action: 'dues.pay', entity: 'dues_ledger', entityId: ledgerId, before: ledgerAuditView(row), after: ledgerAuditView(after) });
    // Paid in full: the organisation's 督促党员补交党费 closes in this transaction (or shows one member fewer).
    await refreshDuesTasks(tx, actor, { ledgerIds: [ledgerId] }, 'dues.pay');
    return toLedgerRow({ ...row, ...after });
  });
}

/** The member's basis from a month on: recomputes their open, unpaid months (or waits for January). */
export async function setDuesBasis(db: Db, actor: Actor, memberId: string, input: DuesBasisInput): Promise<{ recomputed: number }> {
  const category = input.category as DuesCategory;
  const based = BASED_CATEGORIES.has(category);
  if (based !== (input.baseFen !== undefined && input.baseFen !== null)) {
    const message = based ? '在职和离退休党员须填写交纳基数（税后月收入）' : '该类别按固定标准交纳，不填写交纳基数';
    throw new AppError('VALIDATION_FAILED', message, [{ field: 'baseFen', code: based ? 'REQUIRED' : 'NOT_ALLOWED', message }]);
  }
  return db.transaction().execute(async (tx) => {
    await requireManagedMember(tx, actor, memberId);
    const settings = await readDuesSettings(tx);
    if (settings.recalcMode === 'yearly' && !input.fromMonth.endsWith('-01')) {
      throw new AppError('VALIDATION_FAILED', '本地设置为每年核定一次交纳基数：新的基数自1月起执行', [{ field: 'fromMonth', code: 'YEARLY_RECALC', message: '应为某年1月' }]);
    }
    const before = await repo.basesOfMember(tx, memberId);
    await repo.upsertBasis(tx, { memberId, fromMonth: input.fromMonth, category, baseFen: input.baseFen ?? null, by: actor.userId });
    const recomputed = await recomputeMember(tx, memberId, input.fromMonth, today());
    await recordAudit(tx, actor, {
      action: 'dues.basis', entity: 'party_member', entityId: memberId,
      before: before.map((b) => ({ fromMonth: b.from_month, category: b.category, baseFen: b.base_fen })),
      after: { fromMonth: input.fromMonth, category, baseFen: input.baseFen ?? null, recomputed },
    });
    await refreshDuesTasks(tx, actor, { memberId }, 'dues.basis');
    return { recomputed };
  });
}

/** 少交或免交: recorded with or without the approval; only an approved one changes what is due. */
export async function addDuesReduction(db: Db, actor: Actor, memberId: string, input: DuesReductionInput): Promise<{ id: string; recomputed: number }> {
  const approvedOn = input.approvedOn ?? null;
  const approvalRef = input.approvalRef ?? null;
  if ((approvedOn === null) !== (approvalRef === null)) {
    throw new AppError('VALIDATION_FAILED', '批准日期和批准文号须同时填写', [{ field: approvedOn ? 'approvalRef' : 'approvedOn', code: 'REQUIRED', message: '须同时填写' }]);
  }
  if (input.toMonth && input.toMonth < input.fromMonth) {
    throw new AppError('VALIDATION_FAILED', '截止月份不能早于起始月份', [{ field: 'toMonth', code: 'BEFORE_START', message: '早于起始月份' }]);
  }
  if (approvedOn && approvedOn > today()) throw new AppError('VALIDATION_FAILED', '批准日期不能晚于今天', [{ field: 'approvedOn', code: 'DATE_IN_FUTURE', message: '日期晚于今天' }]);
  return db.transaction().execute(async (tx: Executor) => {
    await requireManagedMember(tx, actor, memberId);
    const { id } = await repo.insertReduction(tx, { memberId, fromMonth: input.fromMonth, toMonth: input.toMonth ?? null, amountFen: input.amountFen, approvedOn, approvalRef, by: actor.userId });
    const recomputed = approvedOn ? await recomputeMember(tx, memberId, input.fromMonth, today()) : 0;
    await recordAudit(tx, actor, { action: 'dues.reduction', entity: 'party_member', entityId: memberId, after: { ...input, recomputed } });
    if (recomputed) await refreshDuesTasks(tx, actor, { memberId }, 'dues.reduction');
    return { id, recomputed };
  });
}
