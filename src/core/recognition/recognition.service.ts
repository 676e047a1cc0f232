import type { OrgRecognitions, PairingInput, RecognitionInput } from '../../contracts/recognition.js';
import type { Db } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { RECOGNITION_KIND_LABELS, RECOGNITION_LEVEL_LABELS } from '../../domain/recognition.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { insertMemberEvent } from '../member/member.repository.js';
import { canManageOrg, requireManagedOrg, requireVisibleOrg } from '../party-org/party-org.access.js';
import { insertOrgEvent } from '../party-org/party-org.repository.js';
import * as repo from './recognition.repository.js';

/**
 * 示范点, 党建联系点, awards (两优一先, 五星 etc.) and 结对共建 (docs/standards.md "Recognition"): read
 * where the organisation is read, recorded by its manager by own place (never through a link); each
 * entry audited and written on the organisation's history — a person's award also on the member's.
 * A pairing names a partner the recorder can see; the partner's name is shown only to who sees it.
 */
const field = (f: string, code: string, message: string, status: 'VALIDATION_FAILED' | 'CONFLICT' = 'VALIDATION_FAILED') =>
  new AppError(status, message, [{ field: f, code, message }]);
const orNotFound = (f: string) => (e: unknown): never => { throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound('党组织', f) : e; };

export async function listRecognitions(db: Db, actor: Actor, orgId: string): Promise<OrgRecognitions> {
  const { scope } = await requireVisibleOrg(db, actor, orgId);
  const [rows, pairings, manageable] = await Promise.all([repo.recognitionsOf(db, orgId), repo.pairingsOf(db, scope, orgId), canManageOrg(db, actor, orgId)]);
  return {
    items: rows.map((r) => ({
      id: r.id, kind: r.kind, title: r.title, level: r.level, grantedOn: r.granted_on, memberId: r.member_id, memberName: r.member_name ?? null,
      grantedBy: r.granted_by, document: r.document, contact: r.contact,
    })),
    pairings: pairings.map((p) => ({ id: p.id, since: p.since, content: p.content, partnerOrgId: p.seen ? p.other_id : null, partnerName: p.seen ? p.other_name : null, direction: p.direction })),
    total: rows.length, manageable,
  };
}

export async function addRecognition(db: Db, actor: Actor, orgId: string, input: RecognitionInput): Promise<OrgRecognitions> {
  await db.transaction().execute(async (tx) => {
    await requireManagedOrg(tx, actor, orgId).catch(orNotFound('orgId'));
    if (input.grantedOn > today()) throw field('grantedOn', 'FUTURE_DATE', '授予日期不能晚于今天');
    if (input.kind === 'personAward' && !input.memberId) throw field('memberId', 'REQUIRED', '个人表彰须选择受表彰的党员');
    if (input.kind !== 'personAward' && input.memberId) throw field('memberId', 'NOT_PERSONAL', '组织表彰、示范点和联系点不填写党员');
    if (input.memberId && !(await repo.memberOfOrg(tx, orgId, input.memberId))) throw field('memberId', 'NOT_ON_ROSTER', '该党员不在本组织党员名册中');
    const row = await repo.insertRecognition(tx, {
      party_org_id: orgId, kind: input.kind, title: input.title, level: input.level, member_id: input.memberId ?? null, granted_on: input.grantedOn,
      granted_by: input.grantedBy ?? null, document: input.document ?? null, contact: input.contact ?? null, recorded_by: actor.userId,
    });
    const data = { kind: RECOGNITION_KIND_LABELS[input.kind], title: input.title, level: RECOGNITION_LEVEL_LABELS[input.level], grantedBy: input.grantedBy ?? null, document: input.document ?? null };
    await insertOrgEvent(tx, { orgId, kind: 'recognition', at: input.grantedOn, data, actorId: actor.userId });
    if (input.memberId) await insertMemberEvent(tx, { memberId: input.memberId, kind: 'award', at: input.grantedOn, data, actorId: actor.userId });
    await recordAudit(tx, actor, { action: 'recognition.create', entity: 'party_org', entityId: orgId, after: { id: row.id, ...data, memberId: input.memberId ?? null, grantedOn: input.grantedOn } });
  });
  return listRecognitions(db, actor, orgId);
}

export async function addPairing(db: Db, actor: Actor, orgId: string, input: PairingInput): Promise<OrgRecognitions> {
  await db.transaction().execute(async (tx) => {
    await requireManagedOrg(tx, actor, orgId).catch(orNotFound('orgId'));
    if (input.partnerOrgId === orgId) throw field('partnerOrgId', 'SAME_ORG', '不能与本组织结对');
    const { org: partner } = await requireVisibleOrg(tx, actor, input.partnerOrgId).catch(orNotFound('partnerOrgId'));
    if (input.since > today()) throw field('since', 'FUTURE_DATE', '结对日期不能晚于今天');
    const row = await repo.insertPairing(tx, { party_org_id: orgId, partner_org_id: input.partnerOrgId, since: input.since, content: input.content ?? null, recorded_by: actor.userId });
    if (!row) throw field('partnerOrgId', 'ALREADY_PAIRED', '已与该党组织结对', 'CONFLICT');
    await insertOrgEvent(tx, { orgId, kind: 'pairing', at: input.since, data: { partnerName: partner.name, content: input.content ?? null }, actorId: actor.userId });
    await recordAudit(tx, actor, { action: 'pairing.create', entity: 'party_org', entityId: orgId, after: { id: row.id, partnerOrgId: input.partnerOrgId, since: input.since } });
  });
  return listRecognitions(db, actor, orgId);
}
