import type { RecruitmentCase, RecruitmentCreate, RecruitmentStepInput } from '../../contracts/recruitment.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { requireRosterOrg } from '../member/member.access.js';
import { resolvePerson } from '../member/member-person.js';
import { versionConflict } from '../party-org/party-org.access.js';
import { guardDirectWrite } from '../approval/approval-guard.js';
import { RECRUITMENT_STEP_KIND } from '../../domain/approval.js';
import { requireManagedCase } from './recruitment.access.js';
import { caseAuditView } from './recruitment.mapper.js';
import { getCaseIn } from './recruitment.query.js';
import * as repo from './recruitment.repository.js';
import { syncProbationTask } from './recruitment-tasks.js';
import { applyStep, assertDate, assertShape, assertStage } from './recruitment-steps.js';

export type RecruitmentDeps = { db: Db; keyring: Keyring };

/**
 * 发展党员 (docs/recruitment.md): a case opens with the application and moves one recorded step at
 * a time, each in one transaction — versioned (a stale version is a 409 with the case as it now
 * stands), audited, with a history event. Approval creates the 预备党员 membership and 转正 makes
 * it full, through the roster's own service in the same transaction: all or nothing.
 */
export async function openCase(d: RecruitmentDeps, actor: Actor, input: RecruitmentCreate): Promise<RecruitmentCase> {
  return d.db.transaction().execute(async (tx) => {
    await requireRosterOrg(tx, actor, input.orgId);
    assertDate(input.appliedOn, 'appliedOn', '提出入党申请日期');
    const personId = await resolvePerson(tx, d.keyring, actor, input);
    if (await repo.findOpenCaseOfPerson(tx, personId)) throw openCase409();
    const row = await repo.insertCase(tx, { person_id: personId, org_id: input.orgId, applied_on: input.appliedOn, created_by: actor.userId }).catch(raced);
    await repo.insertCaseEvent(tx, { caseId: row.id, kind: 'applied', at: input.appliedOn, data: {}, actorId: actor.userId });
    await recordAudit(tx, actor, { action: 'recruitment.create', entity: 'recruitment_case', entityId: row.id, after: caseAuditView(row) });
    return getCaseIn(tx, d.keyring, actor, row.id);
  });
}

/** One step of a case (talk, activist, … confirm, close). */
export async function recordStep(d: RecruitmentDeps, actor: Actor, id: string, input: RecruitmentStepInput): Promise<RecruitmentCase> {
  return d.db.transaction().execute(async (tx) => {
    await recordStepIn(tx, d.keyring, actor, id, input);
    return getCaseIn(tx, d.keyring, actor, id);
  });
}

export async function recordStepIn(tx: Executor, keyring: Keyring, actor: Actor, id: string, input: RecruitmentStepInput): Promise<void> {
  assertShape(input);
  await requireManagedCase(tx, actor, id);
  // A case waiting for a higher committee's decision is not changed meanwhile (docs/approvals.md).
  await guardDirectWrite(tx, 'recruitment_case', id, RECRUITMENT_STEP_KIND[input.step]);
  await applyStepIn(tx, keyring, actor, id, input);
}

/**
 * The step itself, once the caller is known to be entitled: a direct record (above) or the approval
 * engine's last level, whose decider was checked by the level's role over the case's own place.
 */
export async function applyStepIn(tx: Executor, keyring: Keyring, actor: Actor, id: string, input: RecruitmentStepInput): Promise<void> {
  assertShape(input);
  // Lock first, then compare: two writers with the same version queue here and the second sees the first's.
  const row = await repo.lockCase(tx, id);
  if (!row || row.version !== input.version) throw versionConflict();
  assertStage(row, input);
  const result = await applyStep({ tx, keyring, actor, row }, input);
  const after = await repo.updateCase(tx, id, row.version, result.set);
  if (!after) throw versionConflict();
  if (result.people) await repo.replacePeople(tx, id, result.people.role, result.people.list);
  await repo.insertCaseEvent(tx, { caseId: id, kind: input.step, at: result.at, data: result.data, actorId: actor.userId });
  await recordAudit(tx, actor, {
    action: `recruitment.${input.step}`, entity: 'recruitment_case', entityId: id, before: caseAuditView(row), after: { ...caseAuditView(after), ...result.data },
  });
  // The branch's 预备期满讨论转正 task follows the case (docs/inbox.md).
  await syncProbationTask(tx, actor, input.step, row, after);
}

const openCase409 = () => new AppError('CONFLICT', '该人员已有正在进行的发展党员记录', [{ field: 'personId', code: 'OPEN_CASE', message: '已有进行中的发展党员记录' }]);

/** Two writers opening a case for one person at once: the partial unique index decides; the loser gets a 409. */
function raced(err: unknown): never {
  if ((err as { code?: string }).code === '23505') throw openCase409();
  throw err;
}
