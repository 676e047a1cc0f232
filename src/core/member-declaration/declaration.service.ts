import type { Declaration, DeclarationConfirm, DeclarationCreate, DeclarationReject } from '../../contracts/member-transfer.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { decryptPii } from '../crypto/pii-cipher.js';
import { memberAuditView } from '../member/member.mapper.js';
import { findMembershipOfPerson, insertMemberEvent, updateMember } from '../member/member.repository.js';
import { registerApprovedMemberIn } from '../member/member-register.js';
import { addMemberIn } from '../member/member.service.js';
import { readAreas } from '../approval/approval-flows.js';
import { guardDirectWrite } from '../approval/approval-guard.js';
import { versionConflict } from '../party-org/party-org.access.js';
import { checkPersonFacts, toPersonValues } from '../person/person-input.js';
import { findPersonByIdNumberIndex } from '../person/person.repository.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { declarerOf, requireDecidableDeclaration, requireVisibleDeclaration } from './declaration.access.js';
import { declarationAuditView, toDeclaration } from './declaration.mapper.js';
import * as repo from './declaration.repository.js';

export type DeclarationDeps = { db: Db; keyring: Keyring };

/**
 * 亮身份 (docs/member-transfers.md): a member in a non-public enterprise declares themself — by
 * their own account or entered by an official — and the enterprise's street confirms (the
 * membership found or created, employed at the enterprise) or rejects with a reason.
 */
export async function declare(d: DeclarationDeps, actor: Actor, input: DeclarationCreate): Promise<Declaration> {
  return d.db.transaction().execute(async (tx) => {
    const who = declarerOf(actor);
    if (!(await repo.findEnterpriseIn(tx, who.where, input.enterpriseId))) throw notFound('企业', 'enterpriseId');
    const facts = checkPersonFacts({ name: input.name, idNumber: input.idNumber, phone: input.phone ?? null, gender: null, birthDate: null });
    if (input.joinedOn && input.joinedOn > today()) throw new AppError('VALIDATION_FAILED', '入党日期不能晚于今天', [{ field: 'joinedOn', code: 'FUTURE_DATE', message: '入党日期不能晚于今天' }]);
    const v = toPersonValues(d.keyring, facts);
    const row = await repo.insertDeclaration(tx, {
      name: facts.name, id_number_enc: v.id_number_enc!, id_number_index: v.id_number_index!, phone_enc: v.phone_enc, enterprise_id: input.enterpriseId,
      post: input.post ?? null, named_org: input.namedOrg, category: input.category, joined_on: input.joinedOn ?? null, channel: who.channel,
      declared_by: actor.userId,
    }).catch(pending);
    await recordAudit(tx, actor, { action: 'member_declaration.create', entity: 'member_declaration', entityId: row.id, after: declarationAuditView(row) });
    return toDeclaration(d.keyring, (await repo.findDeclaration(tx, { read: null, manage: null, userId: actor.userId }, row.id))
      ?? { ...row, enterprise_name: '', enterprise_region: null, org_name: null, decidable: false, approval_open: null }, await readAreas(tx));
  });
}

/**
 * The direct confirmation: by the enterprise's street, unless a request for it is under way, or the
 * area made it 必经线上审批 (docs/approvals.md) — where no flow is configured it works as before.
 */
export async function confirmDeclaration(d: DeclarationDeps, actor: Actor, id: string, input: DeclarationConfirm): Promise<Declaration> {
  return d.db.transaction().execute(async (tx) => {
    await requireDecidableDeclaration(tx, actor, id);
    await guardDirectWrite(tx, 'member_declaration', id, 'member.declaration');
    await confirmDeclarationIn(tx, d.keyring, actor, id, input, 'registrar');
    return toDeclaration(d.keyring, await requireVisibleDeclaration(tx, actor, id), await readAreas(tx));
  });
}

/**
 * The confirmation itself, in the caller's transaction. `by`: 'registrar' — the confirmer registers
 * the member with their own access checked (the direct path, and the approval request's rehearsal);
 * 'approval' — the engine's last level, whose decider was checked by the level's role over the
 * request's organisation (a 社区 level holds no 管理党组织): the member is registered without it.
 */
export async function confirmDeclarationIn(tx: Executor, keyring: Keyring, actor: Actor, id: string, input: DeclarationConfirm, by: 'registrar' | 'approval'): Promise<repo.DeclarationRow> {
  const row = await lockPending(tx, id, input.version);
  const { memberId, orgId } = await linkMembership(tx, keyring, actor, row, input, by);
  const after = await repo.updateDeclaration(tx, id, row.version, { status: 'confirmed', member_id: memberId, org_id: orgId, decided_by: actor.userId, decided_at: new Date() });
  if (!after) throw versionConflict();
  await recordAudit(tx, actor, { action: 'member_declaration.confirm', entity: 'member_declaration', entityId: id, before: declarationAuditView(row), after: declarationAuditView(after) });
  return after;
}

export async function rejectDeclaration(d: DeclarationDeps, actor: Actor, id: string, input: DeclarationReject): Promise<Declaration> {
  return d.db.transaction().execute(async (tx) => {
    await requireDecidableDeclaration(tx, actor, id);
    // Not while a request waits for a decision (a returned one may end in a rejection instead).
    await guardDirectWrite(tx, 'member_declaration', id, undefined);
    const row = await lockPending(tx, id, input.version);
    const after = await repo.updateDeclaration(tx, id, row.version, { status: 'rejected', reason: input.reason, decided_by: actor.userId, decided_at: new Date() });
    if (!after) throw versionConflict();
    await recordAudit(tx, actor, { action: 'member_declaration.reject', entity: 'member_declaration', entityId: id, before: declarationAuditView(row), after: declarationAuditView(after) });
    return toDeclaration(d.keyring, await requireVisibleDeclaration(tx, actor, id), await readAreas(tx));
  });
}

async function lockPending(tx: Executor, id: string, version: number): Promise<repo.DeclarationRow> {
  const row = await repo.lockDeclaration(tx, id);
  if (!row || row.version !== version) throw versionConflict();
  if (row.status !== 'pending') throw new AppError('CONFLICT', '该申报已办理，不能再确认或退回', [{ field: 'status', code: 'DECIDED', message: '申报已办理' }]);
  return row;
}

/**
 * The person already on a roll: they are now employed at the declared enterprise (an `updated`
 * event on the membership). Nobody on a roll: with `orgId` (an organisation the confirmer manages,
 * e.g. the street's 综合党委) a membership is created; without it the declaration is recorded
 * against the organisation the member named, and no roster changes.
 */
async function linkMembership(tx: Executor, keyring: Keyring, actor: Actor, row: repo.DeclarationRow, input: DeclarationConfirm, by: 'registrar' | 'approval') {
  const person = await findPersonByIdNumberIndex(tx, row.id_number_index);
  const existing = person ? await findMembershipOfPerson(tx, person.id) : undefined;
  if (existing && existing.status !== 'left') {
    if (input.orgId) throw new AppError('VALIDATION_FAILED', '该党员已在党员名册中，无需选择党组织', [{ field: 'orgId', code: 'ALREADY_MEMBER', message: '已是党员' }]);
    if (existing.enterprise_id !== row.enterprise_id) {
      const moved = await updateMember(tx, existing.id, existing.version, { enterprise_id: row.enterprise_id, employer_name: null, post: row.post ?? existing.post });
      if (!moved) throw versionConflict();
      await insertMemberEvent(tx, {
        memberId: existing.id, kind: 'updated', at: today(),
        data: { changes: { enterpriseId: [existing.enterprise_id, row.enterprise_id] }, declarationId: row.id }, actorId: actor.userId,
      });
      await recordAudit(tx, actor, { action: 'member.update', entity: 'party_member', entityId: existing.id, before: memberAuditView(existing), after: memberAuditView(moved) });
    }
    return { memberId: existing.id, orgId: existing.org_id };
  }
  if (!input.orgId) return { memberId: null, orgId: null };
  const joinedOn = input.joinedOn ?? row.joined_on;
  if (!joinedOn) throw new AppError('VALIDATION_FAILED', '登记入名册须填写入党日期', [{ field: 'joinedOn', code: 'REQUIRED', message: '请填写入党日期' }]);
  const member = {
    name: row.name, idNumber: decryptPii(keyring, row.id_number_enc), ...(row.phone_enc ? { phone: decryptPii(keyring, row.phone_enc) } : {}),
    orgId: input.orgId, category: row.category, joinedOn, enterpriseId: row.enterprise_id, ...(row.post ? { post: row.post } : {}),
  };
  if (by === 'approval') return { memberId: (await registerApprovedMemberIn(tx, keyring, actor, member, 'declaration')).id, orgId: input.orgId };
  return { memberId: (await addMemberIn(tx, keyring, actor, member, 'declaration')).id, orgId: input.orgId };
}

function pending(err: unknown): never {
  if ((err as { code?: string }).code === '23505') {
    throw new AppError('CONFLICT', '该身份证号码已有一份待确认的亮身份申报，请等待街道确认', [{ field: 'idNumber', code: 'DECLARATION_PENDING', message: '已有待确认的申报' }]);
  }
  throw err;
}
