import type { BargainingRound, BargainingRoundCreate, BargainingStep } from '../../contracts/bargaining.js';
import type { Db, Executor } from '../../db/schema.js';
import type { UnionBargainingTable } from '../../db/tables/union-bargaining.js';
import type { Updateable } from 'kysely';
import { AppError, notFound } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { BARGAINING_STAGE_LABELS, bargainingStage, CONTRACT_KIND_LABELS, voteVerdict } from '../../domain/rules/bargaining.js';
import { fromDay, toDay } from '../../domain/rules/dates.js';
import { resolveRules } from '../../domain/rules/resolve.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { insertContract, insertUnionEvent, lockUnion } from '../union/union.repository.js';
import { openUnion } from '../union/union.service.js';
import { judge, toFacts, toRound } from './bargaining.mapper.js';
import {
  congressOfUnion, findRound, findRoundUnion, insertRound, latestRound, listUnionRounds, lockRound, setContractFiled, updateRound, type RoundRow,
} from './bargaining.repository.js';

const bad = (field: string, code: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ field, code, message }]);
const conflict = (message: string) => new AppError('CONFLICT', message);
const versionConflict = () => new AppError('VERSION_CONFLICT', '该协商记录已被他人修改，请刷新后重试');
const validId = (id: string) => /^\d{1,18}$/.test(id);

/** Steps are facts of the past: a day to come is refused (the stage is judged at today). */
function notFuture(field: string, date: string): void {
  if (date > today()) throw bad(field, 'FUTURE_DATE', `日期 ${date} 尚未到来，只能登记已发生的情况`);
}
function notBefore(field: string, date: string, earlier: string, what: string): void {
  if (date < earlier) throw bad(field, 'BEFORE_PREVIOUS_STEP', `日期 ${date} 早于${what}（${earlier}）`);
}

/** The round as its union's readers see it, judged today with its siblings (successors decide 续签中). */
export async function roundOut(db: Executor, unionId: string, id: string): Promise<BargainingRound> {
  const all = await listUnionRounds(db, unionId);
  const judged = judge(all, today()).find((j) => j.row.id === id);
  if (!judged) throw notFound('集体协商记录');
  return toRound(judged);
}

/** `POST /api/unions/:id/bargaining`: a request (要约) opens a round; one open round per union and kind. */
export async function createRound(db: Db, actor: Actor, unionId: string, input: BargainingRoundCreate): Promise<BargainingRound> {
  return db.transaction().execute(async (tx) => {
    const { union } = await openUnion(tx, actor, unionId);
    if (union.status !== 'active') throw conflict('工会已撤销，不能发起集体协商');
    notFuture('requestedOn', input.requestedOn);
    await lockUnion(tx, unionId);
    const last = await latestRound(tx, unionId, input.contractKind);
    if (last && !last.filed_on && input.restart && last.signed_on) {
      throw new AppError('CONFLICT', `上一轮${CONTRACT_KIND_LABELS[input.contractKind]}已于${last.signed_on}签订，应报送审查，不能重新要约`, [{ field: 'restart', code: 'ROUND_SIGNED', message: '上一轮已签订' }]);
    }
    if (last && !last.filed_on && !input.restart) {
      const stage = BARGAINING_STAGE_LABELS[bargainingStage(toFacts(last), today(), null)];
      throw new AppError('CONFLICT', `该工会已有进行中的${CONTRACT_KIND_LABELS[input.contractKind]}协商（${stage}，${last.requested_on}要约），报送后才能发起新一轮；如前一轮已终止，请选择“重新要约”`,
        [{ field: 'contractKind', code: 'ROUND_OPEN', message: '已有进行中的协商' }]);
    }
    if (last) notBefore('requestedOn', input.requestedOn, last.requested_on, '上一轮协商的要约日期');
    const row = await insertRound(tx, { unionId, kind: input.contractKind, requestedOn: input.requestedOn, requestedBy: input.requestedBy, notes: input.notes ?? null });
    await insertUnionEvent(tx, { unionId, kind: 'bargaining_requested', at: input.requestedOn, data: { roundId: row.id, kind: CONTRACT_KIND_LABELS[input.contractKind], requestedBy: input.requestedBy, ...(last && !last.filed_on ? { reason: '前一轮协商终止，重新要约' } : {}) }, actorId: actor.userId });
    const out = await roundOut(tx, unionId, row.id);
    await recordAudit(tx, actor, { action: 'union.bargaining.create', entity: 'union', entityId: unionId, after: out });
    return out;
  });
}

type Change = { set: Updateable<UnionBargainingTable>; at: string; data: Record<string, unknown> };

async function stepChange(tx: Executor, actor: Actor, r: RoundRow, step: BargainingStep, province: string | null): Promise<Change> {
  const signedGuard = () => { if (r.signed_on) throw conflict('集体合同已签订，不能再登记协商或表决'); };
  switch (step.step) {
    case 'reply':
      if (r.replied_on) throw conflict(`已登记书面答复（${r.replied_on}）`);
      notFuture('repliedOn', step.repliedOn);
      notBefore('repliedOn', step.repliedOn, r.requested_on, '要约日期');
      return { set: { replied_on: step.repliedOn }, at: step.repliedOn, data: { repliedOn: step.repliedOn } };
    case 'session': {
      signedGuard();
      notFuture('heldOn', step.heldOn);
      notBefore('heldOn', step.heldOn, r.requested_on, '要约日期');
      const sessions = [...(r.sessions ?? []), { heldOn: step.heldOn, notes: step.notes ?? null }].sort((a, b) => a.heldOn.localeCompare(b.heldOn));
      return { set: { sessions: JSON.stringify(sessions) }, at: step.heldOn, data: { on: step.heldOn, sessions: sessions.length } };
    }
    case 'vote': {
      signedGuard();
      if (r.vote_on && voteVerdict(toFacts(r).vote!).passed) throw conflict(`草案已于${r.vote_on}审议通过`);
      notFuture('heldOn', step.heldOn);
      notBefore('heldOn', step.heldOn, r.requested_on, '要约日期');
      if (step.congressId && !(await congressOfUnion(tx, r.union_id, step.congressId))) throw bad('congressId', 'NOT_OF_UNION', '所选职代会（职工大会）不是本工会的会议记录');
      const v = voteVerdict({ heldOn: step.heldOn, representatives: step.representatives, present: step.present, yes: step.yes });
      return {
        set: { vote_on: step.heldOn, vote_congress_id: step.congressId ?? null, vote_representatives: step.representatives, vote_present: step.present, vote_yes: step.yes },
        at: step.heldOn, data: { on: step.heldOn, representatives: step.representatives, present: step.present, yes: step.yes, result: v.passed ? '通过' : v.quorum ? '未获半数同意' : '出席不足三分之二' },
      };
    }
    case 'sign': {
      if (r.signed_on) throw conflict(`集体合同已于${r.signed_on}签订`);
      if (!r.vote_on || !voteVerdict(toFacts(r).vote!).passed) throw bad('signedOn', 'VOTE_NOT_PASSED', '草案尚未经职工代表大会（职工大会）审议通过，不能签订（《工会法》第二十一条）');
      notFuture('signedOn', step.signedOn);
      notBefore('signedOn', step.signedOn, r.vote_on, '草案审议通过日期');
      const contract = await insertContract(tx, { unionId: r.union_id, kind: r.contract_kind, signedOn: step.signedOn, startsOn: step.startsOn, endsOn: step.endsOn, filedOn: null });
      await insertUnionEvent(tx, { unionId: r.union_id, kind: 'contract_signed', at: step.signedOn, data: { kind: CONTRACT_KIND_LABELS[r.contract_kind], startsOn: step.startsOn, endsOn: step.endsOn, roundId: r.id }, actorId: actor.userId });
      return { set: { signed_on: step.signedOn, starts_on: step.startsOn, ends_on: step.endsOn, contract_id: contract.id }, at: step.signedOn, data: { signedOn: step.signedOn, startsOn: step.startsOn, endsOn: step.endsOn } };
    }
    case 'file':
      if (!r.signed_on) throw bad('filedOn', 'NOT_SIGNED', '集体合同尚未签订，不能登记报送');
      if (r.filed_on) throw conflict(`已于${r.filed_on}报送`);
      notFuture('filedOn', step.filedOn);
      notBefore('filedOn', step.filedOn, r.signed_on, '签订日期');
      if (r.contract_id) await setContractFiled(tx, r.contract_id, step.filedOn);
      return { set: { filed_on: step.filedOn }, at: step.filedOn, data: { filedOn: step.filedOn } };
    case 'objection': {
      if (!r.filed_on) throw bad('objectionOn', 'NOT_FILED', '集体合同尚未报送，不能登记审查异议');
      if (r.objection_on) throw conflict(`已登记审查异议（${r.objection_on}）`);
      notFuture('objectionOn', step.objectionOn);
      notBefore('objectionOn', step.objectionOn, r.filed_on, '报送日期');
      const window = Number(resolveRules(r.filed_on, province).params['union.bargainingObjectionDays'].value);
      const last = fromDay(toDay(r.filed_on) + window);
      if (step.objectionOn > last) throw bad('objectionOn', 'AFTER_REVIEW_WINDOW', `审查异议须在收到文本之日起${window}日内（${last}前）提出，合同已生效（《劳动合同法》第五十四条）`);
      return { set: { objection_on: step.objectionOn, objection_notes: step.notes }, at: step.objectionOn, data: { objectionOn: step.objectionOn, notes: step.notes } };
    }
  }
}

const STEP_EVENT = { reply: 'bargaining_replied', session: 'bargaining_session', vote: 'bargaining_vote', sign: 'bargaining_signed', file: 'bargaining_filed', objection: 'bargaining_objection' } as const;

/**
 * `POST /api/bargaining/rounds/:id/steps`: one step at the version the caller read. The union is
 * opened for a change (own place only: a reader through a link gets 403 NOT_MANAGED), the round's row
 * is locked, then the version compared before anything else.
 */
export async function recordStep(db: Db, actor: Actor, id: string, step: BargainingStep): Promise<BargainingRound> {
  return db.transaction().execute(async (tx) => {
    const owner = validId(id) ? await findRoundUnion(tx, id) : undefined;
    if (!owner) throw notFound('集体协商记录');
    const { union } = await openUnion(tx, actor, owner.union_id);
    if (union.status !== 'active') throw conflict('工会已撤销，不能登记');
    const r = await lockRound(tx, id);
    if (!r) throw notFound('集体协商记录');
    if (r.version !== step.version) throw versionConflict();
    const last = await latestRound(tx, r.union_id, r.contract_kind);
    if (last && last.id !== r.id && !r.filed_on) throw conflict('该轮协商已终止（已重新要约），请在新一轮中登记');
    const before = await roundOut(tx, r.union_id, id);
    const province = union.region_code ? union.region_code.slice(0, 2) : null;
    const change = await stepChange(tx, actor, r, step, province);
    const row = await updateRound(tx, id, step.version, change.set);
    if (!row) throw versionConflict();
    await insertUnionEvent(tx, { unionId: r.union_id, kind: STEP_EVENT[step.step], at: change.at, data: { roundId: id, kind: CONTRACT_KIND_LABELS[r.contract_kind], ...change.data }, actorId: actor.userId });
    const after = await roundOut(tx, r.union_id, id);
    await recordAudit(tx, actor, { action: `union.bargaining.${step.step}`, entity: 'union', entityId: r.union_id, before, after });
    return after;
  });
}

/** The round for a 409's `current` and `GET /api/bargaining/rounds/:id`: read as its union is. */
export async function findRoundForRead(db: Executor, id: string) {
  return validId(id) ? findRound(db, id) : undefined;
}
