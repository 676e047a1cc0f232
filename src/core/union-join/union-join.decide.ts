import type { ApplicationAccept, ApplicationRefer, ApplicationReject, UnionApplication } from '../../contracts/union-join.js';
import type { Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { decryptPii } from '../crypto/pii-cipher.js';
import { checkPersonFacts, toPersonValues } from '../person/person-input.js';
import { personAuditView, toPersonOut } from '../person/person.mapper.js';
import { findPersonByIdNumberIndex, insertPerson, type PersonRow } from '../person/person.repository.js';
import { openUnion, openUnionForRead } from '../union/union.service.js';
import type { JoinDeps } from './union-join.public.js';
import { applicationAuditView, toApplication } from './union-join.mapper.js';
import {
  findActiveUnionName, findApplication, findLiveMembership, findPendingInUnion, insertApplicationEvent, insertApplicationMember,
  lockApplication, updateApplication, type ApplicationRow,
} from './union-join.repository.js';

const versionConflict = () => new AppError('VERSION_CONFLICT', '该入会申请已被他人处理或修改，请刷新后重试');
const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

/**
 * The application for a decision: its union managed by the caller (own place, never a link —
 * 403 NOT_MANAGED when only seen), under the application's row lock, at the version the caller read,
 * still pending.
 */
async function openForDecision(tx: Executor, actor: Actor, id: string, version: number) {
  const seen = /^\d{1,18}$/.test(id) ? await findApplication(tx, id) : undefined;
  if (!seen) throw notFound('入会申请');
  const { union } = await openUnion(tx, actor, seen.union_id).catch((err: unknown) => {
    throw err instanceof AppError && err.code === 'NOT_FOUND' ? notFound('入会申请') : err;
  });
  const row = await lockApplication(tx, id);
  if (!row || row.version !== version) throw versionConflict();
  if (row.status !== 'pending') throw new AppError('CONFLICT', '该入会申请已处理');
  return { row, union };
}

async function finish(d: JoinDeps, tx: Executor, actor: Actor, action: string, before: ApplicationRow, extra: Record<string, unknown> = {}): Promise<UnionApplication> {
  const after = (await findApplication(tx, before.id))!;
  await recordAudit(tx, actor, {
    action, entity: 'union_application', entityId: before.id, before: applicationAuditView(before), after: { ...applicationAuditView(after), ...extra },
  });
  return toApplication(d.keyring, after);
}

/**
 * 接收: the applicant becomes a person (or is found as the same person by the ID number's blind
 * index) and an active member of this union (source 'application'). A person who already holds a
 * live membership is refused: moving them is a transfer (会籍转移), not a second membership.
 */
export async function acceptApplication(d: JoinDeps, actor: Actor, id: string, input: ApplicationAccept): Promise<UnionApplication> {
  return d.db.transaction().execute(async (tx) => {
    const { row, union } = await openForDecision(tx, actor, id, input.version);
    if (union.status !== 'active') throw new AppError('CONFLICT', '工会已撤销，不能接收入会申请');
    const joinedOn = input.joinedOn ?? todayInChina();
    if (joinedOn > todayInChina()) {
      throw new AppError('VALIDATION_FAILED', '入会日期不能晚于今天', [{ field: 'joinedOn', code: 'FUTURE_DATE', message: '入会日期不能晚于今天' }]);
    }
    const person = await personFor(d, tx, actor, row, union.region_code);
    const live = await findLiveMembership(tx, person.id);
    if (live) {
      throw new AppError('CONFLICT', live.union_id === row.union_id ? '申请人已是本工会会员' : '申请人已是其他工会的会员，请通过会籍转移办理',
        [{ field: 'id', code: 'ALREADY_MEMBER', message: '申请人已有会籍' }]);
    }
    const memberId = await insertApplicationMember(tx, {
      personId: person.id, unionId: row.union_id, joinedOn, employerName: row.employer_name, applicationId: id, actorId: actor.userId,
    }).catch((err: unknown) => {
      if (isUniqueViolation(err)) throw new AppError('CONFLICT', '申请人已有会籍（刚被他人办理），请刷新后重试');
      throw err;
    });
    const ok = await updateApplication(tx, id, row.version, {
      status: 'accepted', person_id: person.id, member_id: memberId, decided_at: new Date(), decided_by: actor.userId,
    });
    if (!ok) throw versionConflict();
    await insertApplicationEvent(tx, { applicationId: id, kind: 'accepted', unionId: row.union_id, actorId: actor.userId });
    return finish(d, tx, actor, 'union.application.accept', row, { personId: person.id, memberId, joinedOn });
  });
}

/** The person of this ID number, else a new one registered where the union is (sealed by the person module's own functions). */
async function personFor(d: JoinDeps, tx: Executor, actor: Actor, row: ApplicationRow, regionCode: string | null): Promise<PersonRow> {
  const found = await findPersonByIdNumberIndex(tx, row.id_number_index);
  if (found) return found;
  const facts = checkPersonFacts({
    name: row.name, idNumber: decryptPii(d.keyring, row.id_number_enc), phone: decryptPii(d.keyring, row.phone_enc), gender: null, birthDate: null,
  });
  const person = await insertPerson(tx, { ...toPersonValues(d.keyring, facts), region_code: regionCode }).catch((err: unknown) => {
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', '该身份证号码刚被他人登记，请重试');
    throw err;
  });
  await recordAudit(tx, actor, { action: 'person.create', entity: 'person', entityId: person.id, after: personAuditView(toPersonOut(d.keyring, person, false)) });
  return person;
}

/** 不予接收, with the reason the applicant will be told by the union. */
export async function rejectApplication(d: JoinDeps, actor: Actor, id: string, input: ApplicationReject): Promise<UnionApplication> {
  return d.db.transaction().execute(async (tx) => {
    const { row } = await openForDecision(tx, actor, id, input.version);
    const ok = await updateApplication(tx, id, row.version, { status: 'rejected', decision_reason: input.reason, decided_at: new Date(), decided_by: actor.userId });
    if (!ok) throw versionConflict();
    await insertApplicationEvent(tx, { applicationId: id, kind: 'rejected', unionId: row.union_id, note: input.reason, actorId: actor.userId });
    return finish(d, tx, actor, 'union.application.reject', row);
  });
}

/**
 * 转介: the application moves to the union the worker belongs to (their employer's), into its
 * queue. The target need only be seen by the caller, not managed. Where the target already has
 * this person waiting, this application is merged into that one instead of making a second.
 */
export async function referApplication(d: JoinDeps, actor: Actor, id: string, input: ApplicationRefer): Promise<UnionApplication> {
  return d.db.transaction().execute(async (tx) => {
    const { row } = await openForDecision(tx, actor, id, input.version);
    const toUnionId = input.toUnionId;
    if (toUnionId === row.union_id) {
      throw new AppError('VALIDATION_FAILED', '不能转给本工会', [{ field: 'toUnionId', code: 'SAME_UNION', message: '请选择其他工会' }]);
    }
    await openUnionForRead(tx, actor, toUnionId).catch((err: unknown) => {
      throw err instanceof AppError && err.code === 'NOT_FOUND' ? notFound('工会', 'toUnionId') : err;
    });
    const target = await findActiveUnionName(tx, toUnionId);
    if (!target) throw new AppError('CONFLICT', '目标工会已撤销', [{ field: 'toUnionId', code: 'DISSOLVED', message: '目标工会已撤销' }]);
    const note = input.note || null;
    if (await findPendingInUnion(tx, toUnionId, row.id_number_index)) {
      const ok = await updateApplication(tx, id, row.version, {
        status: 'merged', decision_reason: `已转至${target.name}（该工会已有同一人的待审核申请）`, referral_note: note, decided_at: new Date(), decided_by: actor.userId,
      });
      if (!ok) throw versionConflict();
      await insertApplicationEvent(tx, { applicationId: id, kind: 'merged', unionId: row.union_id, toUnionId, note, actorId: actor.userId });
      return finish(d, tx, actor, 'union.application.refer', row, { toUnionId, merged: true });
    }
    const ok = await updateApplication(tx, id, row.version, { union_id: toUnionId, referred_from_union_id: row.union_id, referral_note: note })
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw new AppError('CONFLICT', '目标工会刚收到同一人的申请，请刷新后重试');
        throw err;
      });
    if (!ok) throw versionConflict();
    await insertApplicationEvent(tx, { applicationId: id, kind: 'referred', unionId: row.union_id, toUnionId, note, actorId: actor.userId });
    return finish(d, tx, actor, 'union.application.refer', row, { toUnionId, merged: false });
  });
}
