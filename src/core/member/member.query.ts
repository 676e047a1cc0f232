import type { HistoryPage, HistoryQuery } from '../../contracts/history.js';
import type { MemberDetail, MemberListQuery, MemberPage } from '../../contracts/member.js';
import type { Db, Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import type { Keyring } from '../crypto/keyring.js';
import { historyPage, type EventSource } from '../party-org/history-page.js';
import { toPersonOut } from '../person/person.mapper.js';
import { findPersonById } from '../person/person.repository.js';
import { canManageMember, requireVisibleMember } from './member.access.js';
import { toMember } from './member.mapper.js';
import { countMembers, countMemberEvents, listMembers as listRows, pageMemberEvents } from './member.repository.js';

/** `GET /api/members`: a keyset page of the members the reader sees, with the total under the same filters. */
export async function listMembers(db: Db, keyring: Keyring, actor: Actor, q: MemberListQuery): Promise<MemberPage> {
  const scope = requireAction(actor, 'org.read');
  const { cursor, limit, ...filter } = q;
  const [rows, total] = await Promise.all([listRows(db, scope, filter, cursor, limit + 1), countMembers(db, scope, filter)]);
  const page = rows.slice(0, limit);
  return { items: page.map((r) => toMember(keyring, r)), total, nextCursor: rows.length > limit ? page.at(-1)!.id : null };
}

/** One member with the person, masked (the number in clear only through the people route's audited reveal). */
export async function getMemberDetail(db: Db, keyring: Keyring, actor: Actor, id: string): Promise<MemberDetail> {
  return getMemberDetailIn(db, keyring, actor, id);
}

export async function getMemberDetailIn(db: Executor, keyring: Keyring, actor: Actor, id: string): Promise<MemberDetail> {
  const { member } = await requireVisibleMember(db, actor, id);
  const [person, manageable] = await Promise.all([findPersonById(db, member.person_id), canManageMember(db, actor, id)]);
  const away = member.owned && member.status === 'mobile'
    ? await db.selectFrom('party_member as m').leftJoin('party_org as mo', 'mo.id', 'm.mobile_org_id').where('m.id', '=', id)
      .select(['m.mobile_card_no', 'm.mobile_org_id', 'm.mobile_org_name', 'm.mobile_place', 'mo.name as mobile_org_in']).executeTakeFirst() : undefined;
  const mobility = away
    ? { cardNo: away.mobile_card_no, orgId: away.mobile_org_id, orgName: away.mobile_org_in ?? away.mobile_org_name, place: away.mobile_place } : null;
  return { ...toMember(keyring, member), person: toPersonOut(keyring, person!, false), manageable, mobility };
}

const memberEvents = (db: Db, id: string): EventSource => ({
  page: (before, limit) => pageMemberEvents(db, id, before, limit), count: () => countMemberEvents(db, id),
});

/** `GET /api/members/:id/history`: newest first; a partial reader gets the count only, as for organisations. */
export async function getMemberHistory(db: Db, actor: Actor, id: string, q: HistoryQuery): Promise<HistoryPage> {
  const { member } = await requireVisibleMember(db, actor, id);
  return historyPage(memberEvents(db, id), member.owned, q);
}
