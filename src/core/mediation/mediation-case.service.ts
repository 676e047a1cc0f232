import type {
  MediationCase, MediationCaseClose, MediationCaseCreate, MediationCaseDetail, MediationCaseListQuery, MediationCasePage,
  MediationCaseStart, MediationCaseUpdate,
} from '../../contracts/mediation.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import { COLLECTIVE_MIN_WORKERS, MEDIATION_STATUS_LABEL, isClosedStatus } from '../../domain/mediation.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { arbitrationLimitOn, explainMediation, mediationDueOn } from '../../domain/rules/mediation.js';
import type { Actor } from '../access/actor.js';
import { notManaged } from '../access/managed.js';
import { enterpriseInScopeSql } from '../access/party-org-scope.js';
import { holdsAction, requireAction } from '../access/require.js';
import { scopeFor } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { constraintFault, faultToAppError } from '../../db/constraint-catalogue.js';
import { manageBody, mediationVersionConflict } from './mediation-body.service.js';
import { toCase } from './mediation.mapper.js';
import { maskedId, maskedPhone, resolvePerson } from './mediation-people.js';
import * as repo from './mediation.repository.js';

/**
 * Mediation cases (docs/unions.md, "劳动争议调解"): received by a body, mediated within the period in
 * force on the day of receipt, closed with an agreement, without one (the arbitration pointer) or
 * withdrawn. Read where the body's place or the employer is in the union.read scope; changed only by
 * the body's place under union.manage — never through the employer link. Every change is at the
 * case's version, in one transaction with its event and audit entry.
 */
const validId = (id: string) => /^\d{1,18}$/.test(id);
const bad = (field: string, code: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ field, code, message }]);
const dbConflict = (err: unknown): never => {
  const fault = constraintFault(err);
  throw fault ? faultToAppError(fault) : err;
};

export async function readCase(db: Executor, actor: Actor, id: string): Promise<repo.CaseView> {
  const scope = requireAction(actor, 'union.read');
  const c = validId(id) ? await repo.findCase(db, scope, id, 'visible') : undefined;
  if (!c) throw notFound('调解案件');
  return c;
}

/** The case for a change: its body's place in the union.manage scope; seen otherwise → 403 NOT_MANAGED. */
async function manageCase(tx: Executor, actor: Actor, id: string): Promise<repo.CaseView> {
  const scope = requireAction(actor, 'union.manage');
  const c = validId(id) ? await repo.findCase(tx, scope, id, 'owned') : undefined;
  if (c) {
    await tx.selectFrom('mediation_case').select('id').where('id', '=', id).forUpdate().execute();
    return c;
  }
  if (validId(id) && holdsAction(actor, 'union.read') && (await repo.findCase(tx, scopeFor(actor, 'union.read'), id, 'visible'))) throw notManaged('调解案件');
  if (validId(id) && (await repo.findCase(tx, scope, id, 'visible'))) throw notManaged('调解案件');
  throw notFound('调解案件');
}

const canManageCase = async (db: Executor, actor: Actor, id: string) =>
  holdsAction(actor, 'union.manage') && !!(await repo.findCase(db, scopeFor(actor, 'union.manage'), id, 'owned'));

export async function listCases(db: Db, actor: Actor, q: MediationCaseListQuery): Promise<MediationCasePage> {
  const scope = requireAction(actor, 'union.read');
  const asOf = today();
  const [rows, total] = await Promise.all([repo.listCases(db, scope, q, asOf), repo.countCases(db, scope, q, asOf)]);
  const page = rows.slice(0, q.limit);
  return { items: page.map((r) => toCase(r, asOf)), nextCursor: rows.length > q.limit ? page.at(-1)!.id : null, total };
}

export async function getCaseDetail(db: Db, keyring: Keyring, actor: Actor, id: string): Promise<MediationCaseDetail> {
  const c = await readCase(db, actor, id);
  const asOf = today();
  const [parties, events, manageable] = await Promise.all([repo.listParties(db, id), repo.listCaseEvents(db, id), canManageCase(db, actor, id)]);
  const base = toCase(c, asOf);
  const explained = explainMediation({
    id, receivedOn: c.received_on, closedOn: c.closed_on, outcome: isClosedStatus(c.status) ? c.status : null, knownOn: c.known_on,
    workers: base.applicantCount, commonClaim: c.collective, representatives: parties.filter((p) => p.role === 'representative').length,
  }, asOf);
  return {
    ...base,
    parties: parties.map((p) => ({ personId: p.person_id, name: p.name, phone: maskedPhone(keyring, p.phone_enc), idNumber: maskedId(keyring, p.id_number_enc), role: p.role })),
    agreementText: c.agreement_text, outcomeNote: c.outcome_note,
    events: events.map((e) => ({ id: e.id, kind: e.kind, at: e.at, data: e.data, recordedAt: e.recorded_at.toISOString() })),
    findings: explained.findings.map(({ ruleId, severity, title, message, source }) => ({ ruleId, severity, title, message, source })),
    manageable,
  };
}

/** The case as the caller reads it, for a 409's `current`. */
export const readCaseView = async (db: Db, actor: Actor, id: string): Promise<MediationCase> => toCase(await readCase(db, actor, id), today());

function checkCollective(input: MediationCaseCreate): void {
  if (input.collective && input.applicants.length < COLLECTIVE_MIN_WORKERS) {
    throw bad('collective', 'COLLECTIVE_MIN_WORKERS', `集体劳动争议的劳动者一方应在${COLLECTIVE_MIN_WORKERS}人以上（《劳动争议调解仲裁法》第七条）`);
  }
  if (input.collective && !input.representatives.length) throw bad('representatives', 'REPRESENTATIVES_REQUIRED', '劳动者一方在十人以上并有共同请求的，请填写推举的代表（《劳动争议调解仲裁法》第七条）');
  if (!input.collective && input.representatives.length) throw bad('representatives', 'NOT_COLLECTIVE', '只有集体劳动争议才推举代表');
  if (new Set(input.representatives).size !== input.representatives.length) throw bad('representatives', 'DUPLICATE', '代表重复');
}

export async function createCase(db: Db, keyring: Keyring, actor: Actor, input: MediationCaseCreate): Promise<MediationCase> {
  if (input.receivedOn > today()) throw bad('receivedOn', 'FUTURE_DATE', '收到申请日期不能晚于今天');
  checkCollective(input);
  return db.transaction().execute(async (tx) => {
    const body = await manageBody(tx, actor, input.bodyId).catch((e: unknown) => {
      throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound('调解组织', 'bodyId') : e;
    });
    let employerId: string | null = null;
    let employerName = input.employerName ?? null;
    if (body.kind === 'enterprise') {
      // An enterprise committee mediates its own enterprise's disputes.
      if (input.employerEnterpriseId && input.employerEnterpriseId !== body.enterprise_id) throw bad('employerEnterpriseId', 'NOT_THE_ENTERPRISE', '企业调解委员会只调解本企业的劳动争议');
      employerId = body.enterprise_id;
      employerName = body.enterprise_name;
    } else if (input.employerEnterpriseId) {
      const ent = enterpriseInScopeSql(scopeFor(actor, 'union.read'), 'e');
      const e = ent ? await tx.selectFrom('enterprise as e').select(['e.id', 'e.name']).where('e.id', '=', input.employerEnterpriseId).where(ent).executeTakeFirst() : undefined;
      if (!e) throw notFound('企业', 'employerEnterpriseId');
      employerId = e.id;
      employerName = e.name;
    }
    if (!employerName) throw bad('employerName', 'REQUIRED', '请选择或填写用人单位');
    const { id } = await repo.insertCase(tx, {
      body_id: body.id, received_on: input.receivedOn, due_on: mediationDueOn(input.receivedOn), employer_enterprise_id: employerId,
      employer_name: employerName, collective: input.collective, category: input.category, claim: input.claim, claimed_fen: input.claimedFen,
      known_on: input.knownOn ?? null,
    }).catch(dbConflict);
    const personIds: string[] = [];
    for (const [i, p] of input.applicants.entries()) personIds.push(await resolvePerson(tx, keyring, actor, p, body.place, `applicants.${i}`));
    if (new Set(personIds).size !== personIds.length) throw bad('applicants', 'DUPLICATE', '申请人重复');
    await tx.insertInto('mediation_case_party').values(personIds.map((pid, i) => ({ case_id: id, person_id: pid, role: 'applicant' as const, ordinal: i }))).execute();
    if (input.representatives.length) {
      await tx.insertInto('mediation_case_party').values(input.representatives.map((i, n) => ({ case_id: id, person_id: personIds[i], role: 'representative' as const, ordinal: n }))).execute();
    }
    await repo.insertCaseEvent(tx, { caseId: id, kind: 'received', at: input.receivedOn, data: { applicants: personIds.length, dueOn: mediationDueOn(input.receivedOn) }, actorId: actor.userId });
    const out = toCase((await repo.findCase(tx, scopeFor(actor, 'union.manage'), id, 'owned'))!, today());
    await recordAudit(tx, actor, { action: 'mediation.case.create', entity: 'mediation_case', entityId: id, after: { ...out, applicantNames: undefined } });
    return out;
  });
}

function assertOpen(c: repo.CaseView): void {
  if (isClosedStatus(c.status)) throw new AppError('CONFLICT', `该案件已${MEDIATION_STATUS_LABEL[c.status]}，不能再变更`, [{ field: 'status', code: 'CASE_CLOSED', message: '案件已结案' }]);
}

async function after(tx: Executor, actor: Actor, id: string): Promise<MediationCase> {
  return toCase((await repo.findCase(tx, scopeFor(actor, 'union.manage'), id, 'owned'))!, today());
}

export async function updateCase(db: Db, actor: Actor, id: string, input: MediationCaseUpdate): Promise<MediationCase> {
  return db.transaction().execute(async (tx) => {
    const c = await manageCase(tx, actor, id);
    if (c.version !== input.version) throw mediationVersionConflict();
    assertOpen(c);
    if (input.knownOn && input.knownOn > c.received_on) throw bad('knownOn', 'AFTER_RECEIPT', '知道权利被侵害之日不能晚于收到申请之日');
    if (input.employerName !== undefined && c.employer_enterprise_id) throw bad('employerName', 'LEDGER_EMPLOYER', '用人单位为台账企业，名称随台账');
    const set: Record<string, unknown> = {};
    const diff: Record<string, [unknown, unknown]> = {};
    const fields = { category: 'category', claim: 'claim', claimedFen: 'claimed_fen', knownOn: 'known_on', employerName: 'employer_name' } as const;
    for (const [k, col] of Object.entries(fields)) {
      const next = (input as Record<string, unknown>)[k];
      if (next === undefined) continue;
      const prev = col === 'claimed_fen' ? Number(c.claimed_fen) : (c as Record<string, unknown>)[col];
      if (prev === next) continue;
      set[col] = next;
      diff[k] = [prev, next];
    }
    if (!Object.keys(set).length) return toCase(c, today());
    if (!(await repo.updateCase(tx, id, input.version, set).catch(dbConflict))) throw mediationVersionConflict();
    await repo.insertCaseEvent(tx, { caseId: id, kind: 'edited', at: today(), data: { changes: diff }, actorId: actor.userId });
    const out = await after(tx, actor, id);
    await recordAudit(tx, actor, { action: 'mediation.case.update', entity: 'mediation_case', entityId: id, before: toCase(c, today()), after: out });
    return out;
  });
}

function checkDay(c: repo.CaseView, on: string): void {
  if (on < c.received_on) throw bad('on', 'BEFORE_RECEIPT', `日期不能早于收到申请之日 ${c.received_on}`);
  if (on > today()) throw bad('on', 'FUTURE_DATE', '日期不能晚于今天');
}

export async function startCase(db: Db, actor: Actor, id: string, input: MediationCaseStart): Promise<MediationCase> {
  return db.transaction().execute(async (tx) => {
    const c = await manageCase(tx, actor, id);
    if (c.version !== input.version) throw mediationVersionConflict();
    assertOpen(c);
    if (c.status !== 'accepted') throw new AppError('CONFLICT', '该案件已在调解中', [{ field: 'status', code: 'ALREADY_STARTED', message: '已在调解中' }]);
    checkDay(c, input.on);
    if (!(await repo.updateCase(tx, id, input.version, { status: 'mediating' }))) throw mediationVersionConflict();
    await repo.insertCaseEvent(tx, { caseId: id, kind: 'started', at: input.on, data: {}, actorId: actor.userId });
    const out = await after(tx, actor, id);
    await recordAudit(tx, actor, { action: 'mediation.case.start', entity: 'mediation_case', entityId: id, before: { status: c.status }, after: { status: out.status, on: input.on } });
    return out;
  });
}

/** 达成协议 / 未达成协议（可申请仲裁，附时效期间）/ 撤回. */
export async function closeCase(db: Db, actor: Actor, id: string, input: MediationCaseClose): Promise<MediationCase> {
  return db.transaction().execute(async (tx) => {
    const c = await manageCase(tx, actor, id);
    if (c.version !== input.version) throw mediationVersionConflict();
    assertOpen(c);
    checkDay(c, input.on);
    const agreed = input.outcome === 'agreed';
    if (!agreed && input.agreedFen != null) throw bad('agreedFen', 'NOT_AGREED', '未达成协议或撤回的案件没有协议金额');
    const set = {
      status: input.outcome, closed_on: input.on, agreed_fen: agreed ? input.agreedFen! : null,
      agreement_text: agreed ? input.agreementText ?? null : null, outcome_note: input.note ?? null,
    };
    if (!(await repo.updateCase(tx, id, input.version, set).catch(dbConflict))) throw mediationVersionConflict();
    const limit = input.outcome === 'failed' && c.known_on ? arbitrationLimitOn(c.known_on) : null;
    await repo.insertCaseEvent(tx, {
      caseId: id, kind: input.outcome, at: input.on,
      data: { agreedFen: set.agreed_fen, arbitrationLimitOn: limit, inTime: input.on <= c.due_on, note: input.note ?? null }, actorId: actor.userId,
    });
    const out = await after(tx, actor, id);
    await recordAudit(tx, actor, { action: `mediation.case.${input.outcome}`, entity: 'mediation_case', entityId: id, before: { status: c.status }, after: { status: out.status, closedOn: input.on, agreedFen: out.agreedFen } });
    return out;
  });
}
