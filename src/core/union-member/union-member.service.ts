import type { UnionMemberAdd, UnionMemberResult, UnionMemberStatusChange, UnionMemberUpdate } from '../../contracts/union-member.js';
import type { Db, Executor } from '../../db/schema.js';
import { constraintFault, faultToAppError } from '../../db/constraint-catalogue.js';
import { AppError, notFound } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { dispatchedWarning } from '../../domain/union-member.js';
import type { Actor } from '../access/actor.js';
import { holdsAction } from '../access/require.js';
import { scopeFor } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { blindIndex } from '../crypto/pii-cipher.js';
import { normalisePhone } from '../person/person-input.js';
import { findOrRegisterPersonIn } from '../person/person.service.js';
import { findUnion, lockUnion } from '../union/union.repository.js';
import { openUnion } from '../union/union.service.js';
import { memberAuditView, toUnionMember } from './union-member.mapper.js';
import * as repo from './union-member.repository.js';
import { dispatchedJoinAt } from './union-member-settings.js';
import { refreshTasksFor } from '../task/task-refresh-for.service.js';

/**
 * 会员实名制 changes (docs/unions.md, "会员实名制"): add, edit, 保留会籍 / 恢复 / 转出 / 退会. Each is
 * made by the union's managers by its own place (never through a link), in one transaction, at the
 * membership's version, with a history event and an audit entry. One live membership per person.
 */
export type UnionMemberDeps = { db: Db; keyring: Keyring };

const invalid = (field: string, code: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ field, code, message }]);
const versionConflict = () => new AppError('VERSION_CONFLICT', '该会员信息已被他人修改，请刷新后重试');

/** The union, managed by the caller and not dissolved; its row lock serialises adds (card numbers, live memberships). */
async function openActiveUnion(tx: Executor, actor: Actor, unionId: string) {
  const { union } = await openUnion(tx, actor, unionId);
  if (union.status !== 'active') throw new AppError('CONFLICT', `“${union.name}”已撤销，不能办理会员`);
  await lockUnion(tx, unionId);
  return union;
}

/** "Already a member": the other union is named only to a reader who can see it (no oracle). */
async function refuseSecondMembership(tx: Executor, actor: Actor, personId: string, unionId: string): Promise<void> {
  const live = await repo.findLiveMembership(tx, personId);
  if (!live) return;
  const code = 'ALREADY_MEMBER';
  if (live.union_id === unionId) throw new AppError('CONFLICT', '该人员已是本工会会员', [{ field: 'idNumber', code, message: '已是本工会会员' }]);
  const seen = holdsAction(actor, 'union.read') && !!(await findUnion(tx, scopeFor(actor, 'union.read'), live.union_id, 'visible'));
  const message = seen
    ? `该人员已是“${live.union_name}”的会员，一人只能有一个有效会籍；请由该工会办理转出`
    : '该人员已在其他工会登记会籍，一人只能有一个有效会籍；请由原工会办理转出';
  throw new AppError('CONFLICT', message, [{ field: 'idNumber', code, message }]);
}

async function refuseTakenCard(tx: Executor, unionId: string, card: string | null | undefined, exceptId: string | null): Promise<void> {
  if (card && (await repo.cardTaken(tx, unionId, card, exceptId))) {
    throw new AppError('CONFLICT', `会员证号“${card}”在本工会已被使用`, [{ field: 'cardNumber', code: 'DUPLICATE_CARD', message: '会员证号已被使用' }]);
  }
}

/** 工作单位 as a ledger enterprise must be one the union covers today; else it is written as a name. */
async function employerOf(tx: Executor, unionId: string, v: { enterpriseId?: string | null; employerName?: string | null }, day: string) {
  if (!v.enterpriseId) return { enterpriseId: null, employerName: v.employerName ?? null };
  if (!(await repo.unionCovers(tx, unionId, v.enterpriseId, day))) {
    throw invalid('enterpriseId', 'NOT_COVERED', '该企业不在本工会的覆盖范围内；不在台账覆盖范围的单位请直接填写名称');
  }
  return { enterpriseId: v.enterpriseId, employerName: null };
}

async function dispatchWarnings(tx: Executor, unionId: string, m: { dispatched: boolean; enterpriseId: string | null; dispatchEmployerName: string | null }, day: string) {
  if (!m.dispatched) return [];
  const w = dispatchedWarning(await dispatchedJoinAt(tx), {
    dispatched: true, employerCovered: !!m.enterpriseId,
    agencyCovered: !!m.dispatchEmployerName && (await repo.unionCoversName(tx, unionId, m.dispatchEmployerName, day)),
  });
  return w ? [w] : [];
}

export async function addUnionMember(d: UnionMemberDeps, actor: Actor, unionId: string, body: UnionMemberAdd): Promise<UnionMemberResult> {
  const day = today();
  if (body.joinedOn && body.joinedOn > day) throw invalid('joinedOn', 'DATE_IN_FUTURE', '入会日期不能晚于今天');
  return d.db.transaction().execute(async (tx) => {
    const union = await openActiveUnion(tx, actor, unionId);
    const { row: person, created } = await findOrRegisterPersonIn(tx, d.keyring, actor,
      { name: body.name, idNumber: body.idNumber, phone: body.phone ?? null, gender: body.gender ?? null }, union.region_code);
    const warnings: string[] = [];
    if (!created) {
      // The same person (a party member who joins is one record): their personal data stays the person page's to change.
      if (person.name !== body.name.trim()) throw invalid('name', 'NAME_MISMATCH', '该公民身份号码已登记，登记的姓名与填写的不一致，请核对');
      if (body.phone && person.phone_index !== blindIndex(d.keyring, 'phone', normalisePhone(body.phone))) {
        warnings.push('该人员已登记，手机号与登记的不同，未修改；如需更新请在人员信息中修改');
      }
    }
    await refuseSecondMembership(tx, actor, person.id, unionId);
    await refuseTakenCard(tx, unionId, body.cardNumber, null);
    const employer = await employerOf(tx, unionId, body, day);
    const dispatched = body.dispatched ?? false;
    const row = await repo.insertMember(tx, {
      personId: person.id, unionId, joinedOn: body.joinedOn ?? null, cardNumber: body.cardNumber ?? null, status: 'active', statusSince: body.joinedOn ?? day,
      ...employer, dispatched, dispatchEmployerName: dispatched ? body.dispatchEmployerName ?? null : null, source: 'manual',
    }).catch(dbConflict);
    warnings.push(...(await dispatchWarnings(tx, unionId, { dispatched, enterpriseId: employer.enterpriseId, dispatchEmployerName: row.dispatch_employer_name }, day)));
    await repo.insertMemberEvent(tx, { memberId: row.id, kind: 'joined', at: row.joined_on ?? day, data: { source: 'manual', unionId, personCreated: created }, actorId: actor.userId });
    await recordAudit(tx, actor, { action: 'union_member.add', entity: 'union_member', entityId: row.id, after: memberAuditView(row) });
    // 会员 counts feed 配齐工会委员会 (a union keeping its roster counts by name).
    await refreshTasksFor(tx, actor, { unionOrgIds: [unionId] }, { trigger: 'union_member.add' });
    return { member: toUnionMember(d.keyring, (await repo.findMemberView(tx, row.id))!), warnings };
  });
}

/** The membership for a change: its union managed by the caller (403 NOT_MANAGED when only seen, 404 when not). */
async function openMember(tx: Executor, actor: Actor, id: string) {
  const row = /^\d{1,18}$/.test(id) ? await repo.findMember(tx, id) : undefined;
  if (!row) throw notFound('会员');
  const union = await openActiveUnion(tx, actor, row.union_id);
  return { row, union };
}

const EDITABLE = {
  joinedOn: 'joined_on', cardNumber: 'card_number', enterpriseId: 'enterprise_id', employerName: 'employer_name',
  dispatched: 'dispatched', dispatchEmployerName: 'dispatch_employer_name',
} as const;

export async function updateUnionMember(d: UnionMemberDeps, actor: Actor, id: string, body: UnionMemberUpdate): Promise<UnionMemberResult> {
  const day = today();
  return d.db.transaction().execute(async (tx) => {
    const { row } = await openMember(tx, actor, id);
    if (row.version !== body.version) throw versionConflict();
    if (row.status !== 'active' && row.status !== 'retained') throw new AppError('CONFLICT', '已转出或退会的会籍不能修改');
    const c = body.changes;
    if (c.joinedOn && c.joinedOn > day) throw invalid('joinedOn', 'DATE_IN_FUTURE', '入会日期不能晚于今天');
    const next: Record<string, unknown> = {};
    for (const [key, column] of Object.entries(EDITABLE)) {
      const v = (c as Record<string, unknown>)[key];
      if (v !== undefined) next[column] = v ?? (column === 'dispatched' ? false : null);
    }
    if (c.enterpriseId !== undefined || c.employerName !== undefined) {
      const e = await employerOf(tx, row.union_id, { enterpriseId: c.enterpriseId ?? null, employerName: c.employerName ?? null }, day);
      Object.assign(next, { enterprise_id: e.enterpriseId, employer_name: e.employerName });
    }
    const dispatched = (next.dispatched as boolean | undefined) ?? row.dispatched;
    if (!dispatched) {
      if (c.dispatchEmployerName) throw invalid('dispatchEmployerName', 'NOT_DISPATCHED', '只有劳务派遣工才填写派遣单位');
      next.dispatch_employer_name = null;
    }
    if ('card_number' in next) await refuseTakenCard(tx, row.union_id, next.card_number as string | null, row.id);
    const diff: Record<string, [unknown, unknown]> = {};
    for (const [column, v] of Object.entries(next)) if ((row as Record<string, unknown>)[column] !== v) diff[column] = [(row as Record<string, unknown>)[column], v];
    if (!Object.keys(diff).length) return { member: toUnionMember(d.keyring, (await repo.findMemberView(tx, id))!), warnings: [] };
    const updated = await repo.updateMember(tx, id, body.version, Object.fromEntries(Object.keys(diff).map((k) => [k, next[k]]))).catch(dbConflict);
    if (!updated) throw versionConflict();
    await repo.insertMemberEvent(tx, { memberId: id, kind: 'updated', at: day, data: { changes: diff }, actorId: actor.userId });
    await recordAudit(tx, actor, { action: 'union_member.update', entity: 'union_member', entityId: id, before: memberAuditView(row), after: memberAuditView(updated) });
    const warnings = await dispatchWarnings(tx, row.union_id, { dispatched: updated.dispatched, enterpriseId: updated.enterprise_id, dispatchEmployerName: updated.dispatch_employer_name }, day);
    return { member: toUnionMember(d.keyring, (await repo.findMemberView(tx, id))!), warnings };
  });
}

const FROM: Record<UnionMemberStatusChange['kind'], { from: string[]; to: 'retained' | 'active' | 'transferred' | 'left'; event: string; refusal: string }> = {
  retain: { from: ['active'], to: 'retained', event: 'retained', refusal: '只有在会会员可以保留会籍' },
  reinstate: { from: ['retained'], to: 'active', event: 'reinstated', refusal: '只有保留会籍的会员可以恢复' },
  transfer: { from: ['active', 'retained'], to: 'transferred', event: 'transferred_out', refusal: '该会籍已结束，不能转出' },
  leave: { from: ['active', 'retained'], to: 'left', event: 'left', refusal: '该会籍已结束' },
};

/**
 * 保留会籍 (no vote, counted apart), 恢复会籍, 转出 (ends this membership as 'transferred' and opens one
 * in the target union, which the caller must manage too — else refused), 退会.
 */
export async function changeUnionMemberStatus(d: UnionMemberDeps, actor: Actor, id: string, body: UnionMemberStatusChange): Promise<UnionMemberResult> {
  const day = today();
  if (body.on > day) throw invalid('on', 'DATE_IN_FUTURE', '办理日期不能晚于今天');
  return d.db.transaction().execute(async (tx) => {
    const { row } = await openMember(tx, actor, id);
    if (row.version !== body.version) throw versionConflict();
    const step = FROM[body.kind];
    if (!step.from.includes(row.status)) throw new AppError('CONFLICT', step.refusal);
    if (row.status_since && body.on < row.status_since) throw invalid('on', 'BEFORE_STATUS_SINCE', `办理日期不能早于上次变更日期 ${row.status_since}`);
    let target: { id: string; name: string } | null = null;
    if (body.kind === 'transfer') {
      if (body.targetUnionId === row.union_id) throw invalid('targetUnionId', 'SAME_UNION', '转入的工会不能是本工会');
      target = await openActiveUnion(tx, actor, body.targetUnionId!).catch((err: unknown) => {
        // Seen but not managed: say why, at the field; unseen stays "not found" (no oracle).
        if (err instanceof AppError && err.code === 'FORBIDDEN') {
          throw new AppError('FORBIDDEN', '转入的工会不由您管理，不能转入；请由该工会登记入会', [{ field: 'targetUnionId', code: 'NOT_MANAGED', message: '转入的工会不在您的管理范围内' }]);
        }
        if (err instanceof AppError && err.code === 'NOT_FOUND') throw notFound('转入的工会', 'targetUnionId');
        throw err;
      });
    }
    const updated = await repo.updateMember(tx, id, body.version, { status: step.to, status_since: body.on });
    if (!updated) throw versionConflict();
    await repo.insertMemberEvent(tx, {
      memberId: id, kind: step.event, at: body.on, data: { reason: body.reason, from: row.status, ...(target ? { toUnionId: target.id, toUnionName: target.name } : {}) }, actorId: actor.userId,
    });
    const warnings: string[] = [];
    if (target) {
      // The 工作单位 follows only as a ledger enterprise the target covers; otherwise its name is kept as written.
      const covered = row.enterprise_id && (await repo.unionCovers(tx, target.id, row.enterprise_id, body.on));
      const name = row.enterprise_id && !covered ? (await repo.enterpriseName(tx, row.enterprise_id)) ?? null : row.employer_name;
      const opened = await repo.insertMember(tx, {
        personId: row.person_id, unionId: target.id, joinedOn: row.joined_on, cardNumber: null, status: 'active', statusSince: body.on,
        enterpriseId: covered ? row.enterprise_id : null, employerName: covered ? null : name, dispatched: row.dispatched,
        dispatchEmployerName: row.dispatch_employer_name, source: 'manual',
      }).catch(dbConflict);
      await repo.insertMemberEvent(tx, { memberId: opened.id, kind: 'transferred_in', at: body.on, data: { reason: body.reason, fromUnionId: row.union_id, fromMemberId: id }, actorId: actor.userId });
      await recordAudit(tx, actor, { action: 'union_member.add', entity: 'union_member', entityId: opened.id, after: { ...memberAuditView(opened), fromMemberId: id } });
      warnings.push(`已转入“${target.name}”，会员证号请在该工会重新登记`);
    }
    await recordAudit(tx, actor, { action: `union_member.${body.kind}`, entity: 'union_member', entityId: id, before: memberAuditView(row), after: { ...memberAuditView(updated), reason: body.reason } });
    await refreshTasksFor(tx, actor, { unionOrgIds: target ? [row.union_id, target.id] : [row.union_id] }, { trigger: `union_member.${body.kind}` });
    return { member: toUnionMember(d.keyring, (await repo.findMemberView(tx, id))!), warnings };
  });
}

/** A unique index raced past the checks (a concurrent add of the same person or card): the catalogue names the field. */
function dbConflict(err: unknown): never {
  const fault = constraintFault(err);
  throw fault ? faultToAppError(fault) : err;
}
