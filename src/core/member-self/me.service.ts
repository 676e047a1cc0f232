import type { MyMember } from '../../contracts/member-transfer.js';
import type { Db } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import { effectiveTransferStatus } from '../../domain/member-transfer.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { requireVisiblePerson } from '../person/person.access.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { maskIdNumber, maskPhone } from '../crypto/mask.js';
import { decryptPii } from '../crypto/pii-cipher.js';
import { getUser } from '../user/user.service.js';
import { declarationsOfUser } from '../member-declaration/declaration.repository.js';
import { letterNoOf } from '../member-transfer/transfer.mapper.js';
import { findLatestTransfer } from '../member-transfer/transfer.repository.js';

/**
 * 我的 (docs/member-transfers.md): a signed-in account linked to its person sees their own
 * membership — masked as anywhere else —, their organisation and its secretary, their latest
 * transfer and their declarations. Scope is the account itself, whatever roles it holds.
 */
export async function getMyMember(db: Db, keyring: Keyring, actor: Actor): Promise<MyMember> {
  if (actor.kind !== 'user' || !actor.userId) throw notFound('党员信息');
  const user = await db.selectFrom('app_user').select('person_id').where('id', '=', actor.userId).executeTakeFirst();
  const declarations = (await declarationsOfUser(db, actor.userId, user?.person_id ? await indexOf(db, user.person_id) : null))
    .map((d) => ({ id: d.id, status: d.status, enterpriseName: d.enterprise_name, namedOrg: d.named_org, reason: d.reason, createdAt: new Date(d.created_at).toISOString() }));
  if (!user?.person_id) {
    if (declarations.length) return { name: '', idNumber: null, phone: null, member: null, transfer: null, declarations };
    throw new AppError('NOT_FOUND', '您的账号尚未关联党员信息，请联系管理员关联', [{ code: 'ACCOUNT_NOT_LINKED', message: '账号未关联人员' }]);
  }
  const p = await db.selectFrom('person').selectAll().where('id', '=', user.person_id).executeTakeFirstOrThrow();
  const m = await db.selectFrom('party_member as m').innerJoin('party_org as o', 'o.id', 'm.org_id').leftJoin('enterprise as e', 'e.id', 'm.enterprise_id')
    .select(['m.id', 'm.category', 'm.status', 'm.joined_on', 'm.confirmed_on', 'm.org_id', 'o.name as org_name', 'e.name as enterprise_name', 'm.employer_name'])
    .where('m.person_id', '=', p.id).executeTakeFirst();
  const secretary = m ? await db.selectFrom('org_position as op').innerJoin('person as sp', 'sp.id', 'op.person_id').select('sp.name')
    .where('op.org_id', '=', m.org_id).where('op.position', '=', 'secretary').where('op.until', 'is', null).executeTakeFirst() : undefined;
  const t = m ? await findLatestTransfer(db, m.id) : undefined;
  return {
    name: p.name,
    idNumber: p.id_number_enc ? maskIdNumber(decryptPii(keyring, p.id_number_enc)) : null,
    phone: p.phone_enc ? maskPhone(decryptPii(keyring, p.phone_enc)) : null,
    member: m ? {
      id: m.id, category: m.category, status: m.status, joinedOn: m.joined_on, confirmedOn: m.confirmed_on, orgId: m.org_id, orgName: m.org_name,
      secretaryName: secretary?.name ?? null, enterpriseName: m.enterprise_name ?? m.employer_name,
    } : null,
    transfer: t ? {
      id: t.id, status: effectiveTransferStatus(t.status, t.valid_until, today()), letterNo: letterNoOf(t), fromOrgName: t.from_org_name ?? t.outside_org,
      toOrgName: t.to_org_name ?? t.outside_org, issuedOn: t.issued_on, validUntil: t.valid_until,
    } : null,
    declarations,
  };
}

const indexOf = async (db: Db, personId: string) =>
  (await db.selectFrom('person').select('id_number_index').where('id', '=', personId).executeTakeFirst())?.id_number_index ?? null;

/** An administrator links an account to its person (or unlinks it): both must be theirs to see; audited. */
export async function linkAccountPerson(db: Db, actor: Actor, userId: string, personId: string | null): Promise<{ userId: string; personId: string | null }> {
  // Read before the transaction: on the embedded engine a second connection would wait on it forever.
  await getUser(db, actor, userId, 'user.manage');
  return db.transaction().execute(async (tx) => {
    if (personId) await requireVisiblePerson(tx, actor, personId, 'personId');
    const before = await tx.selectFrom('app_user').select('person_id').where('id', '=', userId).forUpdate().executeTakeFirstOrThrow();
    if (personId) {
      const taken = await tx.selectFrom('app_user').select('id').where('person_id', '=', personId).where('id', '!=', userId).executeTakeFirst();
      if (taken) throw new AppError('CONFLICT', '该人员已关联其他账号', [{ field: 'personId', code: 'PERSON_LINKED', message: '已关联其他账号' }]);
    }
    await tx.updateTable('app_user').set({ person_id: personId }).where('id', '=', userId).execute();
    await recordAudit(tx, actor, { action: 'user.link_person', entity: 'user', entityId: userId, before: { personId: before.person_id }, after: { personId } });
    return { userId, personId };
  });
}
