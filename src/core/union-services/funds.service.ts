import type { FundsGenerated, FundsLine, FundsMonthAdd, FundsPayment, FundsPayroll } from '../../contracts/union-services.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { fundsDueDaySetting, fundsDueFen, fundsDueOn, fundsStatus, fundsArrearsFen, nextMonth } from '../../domain/union-services.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { insertUnionEvent } from '../union/union.repository.js';
import * as repo from './funds.repository.js';
import { fieldError, manageUnion, versionConflict } from './services.access.js';

/**
 * 工会经费 months (docs/unions.md "工会服务"): a line per union and month with the previous month's
 * payroll, 2% of it due (《工会法》第四十三条) by the province's day (上海市工会条例第四十一条: the
 * 15th), and what was paid. Lines are generated for a month (idempotent) or added one by one; the
 * payroll and the payment are changed at the line's version and audited.
 */
export function toFundsLine(r: Omit<repo.FundsRow, 'union_name' | 'street_name'> & { union_name?: string; street_name?: string | null }, on: string): FundsLine {
  const line = { dueFen: Number(r.due_fen), paidFen: Number(r.paid_fen), dueOn: r.due_on, paidOn: r.paid_on };
  return {
    id: r.id, unionId: r.union_id, unionName: r.union_name ?? '', regionCode: r.region_code, streetName: r.street_name ?? null, month: r.month.slice(0, 7),
    payrollFen: Number(r.payroll_fen), payrollOwn: r.payroll_own, ...line, status: fundsStatus(line, on), arrearsFen: fundsStatus(line, on) === 'arrears' ? fundsArrearsFen(line) : 0,
    version: r.version,
  };
}

const monthOf = (ym: string) => `${ym}-01`;
function assertPastMonth(month: string): void {
  if (month > monthOf(today().slice(0, 7))) throw fieldError('month', 'FUTURE_MONTH', '不能生成今后月份的经费');
}
const monthEnd = (month: string) => { const n = nextMonth(month); const d = new Date(`${n}T00:00:00Z`); d.setUTCDate(0); return d.toISOString().slice(0, 10); };

const lineFor = (unionId: string, regionCode: string | null, month: string, payrollFen: number, own: boolean) => ({
  union_id: unionId, month, payroll_fen: payrollFen, payroll_own: own, due_fen: fundsDueFen(payrollFen),
  due_on: fundsDueOn(month, fundsDueDaySetting(regionCode, month).day),
});

/** "Generate the month's dues lines" for every active union the caller manages by own place; lines already there stay. */
export async function generateFundsMonth(db: Db, actor: Actor, ym: string): Promise<FundsGenerated> {
  const scope = requireAction(actor, 'union.manage');
  const month = monthOf(ym);
  assertPastMonth(month);
  return db.transaction().execute(async (tx) => {
    const unions = await repo.unionsToBill(tx, scope, monthEnd(month));
    const billable = unions.filter((u) => u.payroll_fen !== null);
    const created = await repo.insertFundsLines(tx, billable.map((u) => lineFor(u.id, u.region_code, month, Number(u.payroll_fen), false)));
    const out = { month: ym, created, existing: billable.length - created, withoutPayroll: unions.length - billable.length };
    if (created) await recordAudit(tx, actor, { action: 'union.funds.generate', entity: 'union_funds_month', after: out });
    return out;
  });
}

/** One union's month, with its own payroll when given (else the union's monthly payroll). */
export async function addFundsMonth(db: Db, actor: Actor, unionId: string, input: FundsMonthAdd): Promise<FundsLine> {
  const month = monthOf(input.month);
  assertPastMonth(month);
  return db.transaction().execute(async (tx) => {
    const { union } = await manageUnion(tx, actor, unionId);
    const typed = union.monthly_payroll === null ? null : Math.round(Number(union.monthly_payroll) * 100);
    const payroll = input.payrollFen ?? typed;
    if (payroll === null) throw fieldError('payrollFen', 'REQUIRED', '该工会未登记月工资总额，请填写上月工资总额');
    const n = await repo.insertFundsLines(tx, [lineFor(unionId, union.region_code, month, payroll, input.payrollFen != null)]);
    if (!n) throw fieldError('month', 'DUPLICATE', `该工会 ${input.month} 的经费已登记`, 'CONFLICT');
    const row = (await tx.selectFrom('union_funds_month').selectAll().where('union_id', '=', unionId).where('month', '=', month).executeTakeFirstOrThrow());
    const out = toFundsLine({ ...row, union_name: union.name, region_code: union.region_code }, today());
    await recordAudit(tx, actor, { action: 'union.funds.add', entity: 'union_funds_month', entityId: row.id, after: out });
    return out;
  });
}

async function openLine(tx: Executor, actor: Actor, id: string, version: number) {
  const line = /^\d{1,18}$/.test(id) ? await repo.findFundsLine(tx, id) : undefined;
  if (!line) throw notFound('经费记录');
  const { union } = await manageUnion(tx, actor, line.union_id).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound('经费记录') : e;
  });
  if (line.version !== version) throw versionConflict();
  return { line, union };
}

export async function recordFundsPayment(db: Db, actor: Actor, id: string, input: FundsPayment): Promise<FundsLine> {
  return db.transaction().execute(async (tx) => {
    const { line, union } = await openLine(tx, actor, id, input.version);
    if (input.paidOn && input.paidOn > today()) throw fieldError('paidOn', 'FUTURE_DATE', '拨缴日期不能晚于今天');
    if (input.paidOn && input.paidOn < line.month) throw fieldError('paidOn', 'BEFORE_MONTH', `拨缴日期不能早于所属月份 ${line.month.slice(0, 7)}`);
    if (input.paidFen > Number(line.due_fen)) throw fieldError('paidFen', 'OVER_DUE', '已拨缴金额不能大于应拨缴金额');
    const row = await repo.updateFundsLine(tx, id, input.version, { paid_fen: input.paidFen, paid_on: input.paidOn ?? null });
    if (!row) throw versionConflict();
    const out = toFundsLine({ ...row, union_name: union.name, region_code: union.region_code }, today());
    await insertUnionEvent(tx, { unionId: line.union_id, kind: 'funds_paid', at: input.paidOn ?? today(), data: { month: out.month, paidFen: input.paidFen, dueFen: out.dueFen }, actorId: actor.userId });
    await recordAudit(tx, actor, { action: 'union.funds.pay', entity: 'union_funds_month', entityId: id, before: { paidFen: Number(line.paid_fen), paidOn: line.paid_on }, after: { paidFen: input.paidFen, paidOn: input.paidOn ?? null } });
    return out;
  });
}

export async function setFundsPayroll(db: Db, actor: Actor, id: string, input: FundsPayroll): Promise<FundsLine> {
  return db.transaction().execute(async (tx) => {
    const { line, union } = await openLine(tx, actor, id, input.version);
    const due = fundsDueFen(input.payrollFen);
    if (Number(line.paid_fen) > due) throw fieldError('payrollFen', 'BELOW_PAID', '按该工资总额计算的应拨缴金额小于已拨缴金额');
    const row = await repo.updateFundsLine(tx, id, input.version, { payroll_fen: input.payrollFen, payroll_own: true, due_fen: due });
    if (!row) throw versionConflict();
    const out = toFundsLine({ ...row, union_name: union.name, region_code: union.region_code }, today());
    await recordAudit(tx, actor, { action: 'union.funds.payroll', entity: 'union_funds_month', entityId: id, before: { payrollFen: Number(line.payroll_fen), dueFen: Number(line.due_fen) }, after: { payrollFen: input.payrollFen, dueFen: due } });
    return out;
  });
}
