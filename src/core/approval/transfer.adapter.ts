import { TransferIssue } from '../../contracts/member-transfer.js';
import type { Executor } from '../../db/schema.js';
import { APPROVAL_KIND_CATALOGUE } from '../../domain/approval.js';
import { AppError } from '../../domain/errors.js';
import { letterMaxDaysOf } from '../../domain/member-transfer.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { requireManagedMember } from '../member/member.access.js';
import { insertMemberEvent } from '../member/member.repository.js';
import { statusFindingsOf } from '../member-transfer/mobility.service.js';
import { lockMember, orgRegion } from '../member-transfer/transfer.repository.js';
import { leavesDistrictTo, writeTransferIn } from '../member-transfer/transfer.service.js';
import { versionConflict } from '../party-org/party-org.access.js';
import type { ApprovalAdapter, Payload } from './adapter.js';
import { blocking, dryRun, parsePayload, without } from './adapter-helpers.js';
import { orgName } from './approval.repository.js';

/**
 * 组织关系转出本区 (docs/approvals.md, "Kinds"): the request is about the member (party_member), its
 * payload the 介绍信 as the transfer form would issue it. The letter is issued by the transfer
 * module's own code when the last level agrees, dated that day; a letter within the district is
 * issued directly, as before.
 */
type Kind = 'memberTransfer.out';

/** A member whose contact is lost or whose membership is suspended is dealt with first, not sent away (the member rules). */
const BLOCKING = ['member.lostContactSuspend', 'member.suspendedLapse'] as const;

// The same ceiling the transfer routes read (a platform setting, docs/member-transfers.md).
const maxDays = () => letterMaxDaysOf(process.env.LX_TRANSFER_LETTER_MAX_DAYS);
const parse = (payload: Payload, memberId: string, issuedOn: string) =>
  parsePayload(TransferIssue, 'memberTransfer.out', { ...without(payload, 'memberId', 'issuedOn'), memberId, issuedOn });

async function prepare(tx: Executor, _k: unknown, actor: Actor, kind: Kind, id: string, payload: Payload, version?: number) {
  const m = await requireManagedMember(tx, actor, id);
  const row = await lockMember(tx, id);
  if (!row || (version !== undefined && row.version !== version)) throw versionConflict();
  const input = parse(payload, id, today());
  if (!(await leavesDistrictTo(tx, m.org_id, input))) {
    const message = '接收党组织在本区内，无需上级审批，请直接开具介绍信';
    throw new AppError('VALIDATION_FAILED', message, [{ field: 'payload.toOrgId', code: 'WITHIN_DISTRICT', message }]);
  }
  await dryRun(tx, () => writeTransferIn(tx, actor, m, input, maxDays()));
  return {
    subject: { orgId: m.org_id, regionCode: await orgRegion(tx, m.org_id), label: `${m.name}（${APPROVAL_KIND_CATALOGUE[kind].label}）` },
    payload: without(input, 'memberId', 'issuedOn'),
  };
}

async function blockers(tx: Executor, _kind: Kind, id: string) {
  return blocking(await statusFindingsOf(tx, id), BLOCKING);
}

/** The letter is issued on the decision day, by the decider. */
async function apply(tx: Executor, _k: unknown, actor: Actor, _kind: Kind, id: string, payload: Payload) {
  const m = await lockMember(tx, id);
  if (!m) throw versionConflict();
  await writeTransferIn(tx, actor, m, parse(payload, id, today()), maxDays());
}

async function note(tx: Executor, actor: Actor, id: string, data: Record<string, unknown>) {
  await insertMemberEvent(tx, { memberId: id, kind: 'approval', at: today(), data, actorId: actor.userId });
}

async function asked(db: Executor, _kind: Kind, p: Payload) {
  const s = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : '—');
  const to = typeof p.toOrgId === 'string' ? await orgName(db, p.toOrgId) : undefined;
  return [
    to ? { label: '接收党组织', value: to } : { label: '系统外接收单位', value: s('outsideOrg') },
    { label: '纸质介绍信编号', value: s('paperLetterNo') },
    { label: '介绍信有效天数', value: typeof p.validDays === 'number' ? `${p.validDays}天` : `${maxDays()}天` },
    { label: '备注', value: s('note') },
  ];
}

export const transferAdapter: ApprovalAdapter<Kind> = { subjectTable: 'party_member', prepare, blockers, apply, note, asked };
