import type { HardshipApply, HardshipClose, HardshipDecision, HardshipPaymentAdd, HardshipReviewAdd } from '../../contracts/union-services.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { HARDSHIP_LEVEL_LABELS, HARDSHIP_PAYMENT_LABELS, REVIEW_OUTCOME_LABELS } from '../../domain/union-services.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { requireVisiblePerson } from '../person/person.access.js';
import { insertUnionEvent } from '../union/union.repository.js';
import * as repo from './hardship.repository.js';
import { fieldError, manageUnion, versionConflict } from './services.access.js';

/**
 * 困难职工帮扶 (docs/unions.md "工会服务"): a member applies (recorded by the union), the union
 * approves or rejects, pays out, reviews yearly and closes (脱困). Every step is versioned on the
 * file, audited, and written on the union's history without the household facts.
 */
const futureDate = (field: string) => fieldError(field, 'FUTURE_DATE', '日期不能晚于今天');

async function openFile(tx: Executor, actor: Actor, id: string, version: number) {
  const file = /^\d{1,18}$/.test(id) ? await repo.findHardship(tx, id) : undefined;
  if (!file) throw notFound('帮扶档案');
  await manageUnion(tx, actor, file.union_id).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound('帮扶档案') : e;
  });
  if (file.version !== version) throw versionConflict();
  return file;
}

export async function applyHardship(db: Db, actor: Actor, unionId: string, input: HardshipApply): Promise<string> {
  return db.transaction().execute(async (tx) => {
    await manageUnion(tx, actor, unionId);
    if (input.appliedOn > today()) throw futureDate('appliedOn');
    const person = await requireVisiblePerson(tx, actor, input.personId, 'personId');
    if (!(await repo.isUnionMember(tx, unionId, person.id))) throw fieldError('personId', 'NOT_A_MEMBER', '该人员不是本工会的会员（须先登记会籍）');
    if (await repo.openFileOf(tx, unionId, person.id)) throw fieldError('personId', 'FILE_OPEN', '该会员已有在档的帮扶档案', 'CONFLICT');
    const row = await tx.insertInto('union_hardship_file').values({
      union_id: unionId, person_id: person.id, level: input.level, reasons: input.reasons, reason_note: input.reasonNote ?? null,
      household_size: input.householdSize ?? null, income_per_head_fen: input.incomePerHeadFen ?? null, applied_on: input.appliedOn, created_by: actor.userId,
    }).returning('id').executeTakeFirstOrThrow();
    await insertUnionEvent(tx, { unionId, kind: 'hardship_applied', at: input.appliedOn, data: { fileId: row.id, name: person.name, level: HARDSHIP_LEVEL_LABELS[input.level] }, actorId: actor.userId });
    await recordAudit(tx, actor, { action: 'union.hardship.apply', entity: 'union_hardship_file', entityId: row.id, after: { unionId, personId: person.id, level: input.level, reasons: input.reasons, appliedOn: input.appliedOn } });
    return row.id;
  });
}

export async function decideHardship(db: Db, actor: Actor, id: string, input: HardshipDecision): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const f = await openFile(tx, actor, id, input.version);
    if (f.status !== 'applied') throw new AppError('CONFLICT', '只有待审批的申请可以审批');
    if (input.on > today()) throw futureDate('on');
    if (input.on < f.applied_on) throw fieldError('on', 'BEFORE_APPLICATION', `审批日期不能早于申请日期 ${f.applied_on}`);
    if (input.decision === 'reject' && !input.reason) throw fieldError('reason', 'REQUIRED', '不予认定时请填写理由');
    const set = input.decision === 'approve' ? { status: 'approved', approved_on: input.on } : { status: 'rejected', closed_on: input.on, close_reason: input.reason };
    if (!(await repo.updateHardship(tx, id, input.version, set))) throw versionConflict();
    await insertUnionEvent(tx, { unionId: f.union_id, kind: input.decision === 'approve' ? 'hardship_approved' : 'hardship_rejected', at: input.on, data: { fileId: id, name: f.name }, actorId: actor.userId });
    await recordAudit(tx, actor, { action: `union.hardship.${input.decision}`, entity: 'union_hardship_file', entityId: id, before: { status: f.status }, after: { ...set } });
  });
}

export async function addHardshipPayment(db: Db, actor: Actor, id: string, input: HardshipPaymentAdd): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const f = await openFile(tx, actor, id, input.version);
    if (f.status !== 'approved') throw new AppError('CONFLICT', '只有在档帮扶的档案可以登记帮扶金');
    if (input.paidOn > today()) throw futureDate('paidOn');
    if (input.paidOn < f.approved_on!) throw fieldError('paidOn', 'BEFORE_APPROVAL', `发放日期不能早于认定日期 ${f.approved_on}`);
    // The file's version moves with each payment, so two clerks paying from one screen cannot both succeed unseen.
    if (!(await repo.updateHardship(tx, id, input.version, {}))) throw versionConflict();
    const p = await tx.insertInto('union_hardship_payment').values({ file_id: id, paid_on: input.paidOn, kind: input.kind, amount_fen: input.amountFen, note: input.note ?? null, recorded_by: actor.userId })
      .returning('id').executeTakeFirstOrThrow();
    await insertUnionEvent(tx, { unionId: f.union_id, kind: 'hardship_paid', at: input.paidOn, data: { fileId: id, name: f.name, kind: HARDSHIP_PAYMENT_LABELS[input.kind], amountFen: input.amountFen }, actorId: actor.userId });
    await recordAudit(tx, actor, { action: 'union.hardship.pay', entity: 'union_hardship_file', entityId: id, after: { paymentId: p.id, paidOn: input.paidOn, kind: input.kind, amountFen: input.amountFen } });
  });
}

export async function reviewHardship(db: Db, actor: Actor, id: string, input: HardshipReviewAdd): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const f = await openFile(tx, actor, id, input.version);
    if (f.status !== 'approved') throw new AppError('CONFLICT', '只有在档帮扶的档案需要复核');
    if (input.reviewedOn > today()) throw futureDate('reviewedOn');
    if (input.reviewedOn < (f.last_reviewed_on ?? f.approved_on!)) throw fieldError('reviewedOn', 'BEFORE_LAST', `复核日期不能早于 ${f.last_reviewed_on ?? f.approved_on}`);
    if (input.outcome === 'levelChanged' && input.level === f.level) throw fieldError('level', 'SAME_LEVEL', '调整困难类别时请选择新的类别');
    if (input.outcome === 'continue' && input.level !== f.level) throw fieldError('level', 'LEVEL_CHANGED', '继续帮扶时困难类别不变；改变类别请选择“调整困难类别”');
    const set: Record<string, unknown> = { last_reviewed_on: input.reviewedOn, level: input.level };
    if (input.outcome === 'closed') Object.assign(set, { status: 'closed', closed_on: input.reviewedOn, close_reason: input.note ?? '复核脱困' });
    if (!(await repo.updateHardship(tx, id, input.version, set))) throw versionConflict();
    await tx.insertInto('union_hardship_review').values({ file_id: id, reviewed_on: input.reviewedOn, outcome: input.outcome, level: input.level, note: input.note ?? null, reviewer_id: actor.userId }).execute();
    await insertUnionEvent(tx, { unionId: f.union_id, kind: 'hardship_reviewed', at: input.reviewedOn, data: { fileId: id, name: f.name, outcome: REVIEW_OUTCOME_LABELS[input.outcome], level: HARDSHIP_LEVEL_LABELS[input.level] }, actorId: actor.userId });
    await recordAudit(tx, actor, { action: 'union.hardship.review', entity: 'union_hardship_file', entityId: id, before: { level: f.level, lastReviewedOn: f.last_reviewed_on }, after: { ...input, version: undefined } });
  });
}

export async function closeHardship(db: Db, actor: Actor, id: string, input: HardshipClose): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const f = await openFile(tx, actor, id, input.version);
    if (f.status !== 'approved') throw new AppError('CONFLICT', '只有在档帮扶的档案可以办理脱困');
    if (input.closedOn > today()) throw futureDate('closedOn');
    if (input.closedOn < f.approved_on!) throw fieldError('closedOn', 'BEFORE_APPROVAL', `脱困日期不能早于认定日期 ${f.approved_on}`);
    if (!(await repo.updateHardship(tx, id, input.version, { status: 'closed', closed_on: input.closedOn, close_reason: input.reason }))) throw versionConflict();
    await insertUnionEvent(tx, { unionId: f.union_id, kind: 'hardship_closed', at: input.closedOn, data: { fileId: id, name: f.name, reason: input.reason }, actorId: actor.userId });
    await recordAudit(tx, actor, { action: 'union.hardship.close', entity: 'union_hardship_file', entityId: id, before: { status: f.status }, after: { status: 'closed', closedOn: input.closedOn, reason: input.reason } });
  });
}
