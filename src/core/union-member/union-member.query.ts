import type { HistoryPage, HistoryQuery } from '../../contracts/history.js';
import type { PersonUnionMemberships, UnionMemberListQuery, UnionMemberPage } from '../../contracts/union-member.js';
import { AppError, notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { holdsAction, requireAction } from '../access/require.js';
import { scopeFor } from '../access/scope.js';
import { historyPage } from '../party-org/history-page.js';
import { requireVisiblePerson } from '../person/person.access.js';
import { findUnion } from '../union/union.repository.js';
import { canManageUnion, openUnionForRead } from '../union/union.service.js';
import { unionRate } from './union-member-counts.js';
import { toUnionMember } from './union-member.mapper.js';
import * as repo from './union-member.repository.js';
import type { UnionMemberDeps } from './union-member.service.js';

/**
 * Reading members (docs/unions.md, "会员实名制", "Who sees them"): wherever the union is seen. A
 * reader who sees it whole sees every member; one who sees it only through a link sees the members
 * employed by enterprises in their own scope, and how many others there are (hiddenCount).
 */
export async function openMemberList(d: UnionMemberDeps, actor: Actor, unionId: string) {
  const { union, scope } = await openUnionForRead(d.db, actor, unionId);
  return { union, partial: union.owned ? null : scope };
}

export async function listUnionMembers(d: UnionMemberDeps, actor: Actor, unionId: string, q: UnionMemberListQuery): Promise<UnionMemberPage> {
  const { union, partial } = await openMemberList(d, actor, unionId);
  const { cursor: _c, limit: _l, ...filter } = q;
  const [rows, total, all, manageable, counts] = await Promise.all([
    repo.listMembers(d.db, unionId, q, partial), repo.countMembers(d.db, unionId, filter, partial),
    partial ? repo.countMembers(d.db, unionId, filter, null) : Promise.resolve(0),
    canManageUnion(d.db, actor, unionId), unionRate(d.db, unionId),
  ]);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => toUnionMember(d.keyring, r)), nextCursor: rows.length > q.limit ? page.at(-1)!.id : null,
    total, hiddenCount: partial ? all - total : 0, manageable, rosterSince: union.roster_since, counts,
  };
}

/** One membership as the reader may see it: its union seen, and wholly or through the member's employer. */
async function openMemberForRead(d: UnionMemberDeps, actor: Actor, id: string) {
  requireAction(actor, 'union.read');
  const row = /^\d{1,18}$/.test(id) ? await repo.findMember(d.db, id) : undefined;
  if (!row) throw notFound('会员');
  // An unseen union reads as an unknown member (the id tells nothing).
  const { union, partial } = await openMemberList(d, actor, row.union_id).catch((err: unknown) => {
    throw err instanceof AppError && err.code === 'NOT_FOUND' ? notFound('会员') : err;
  });
  if (partial && !(await repo.memberEmployedIn(d.db, id, partial))) throw notFound('会员');
  return { row, union, full: union.owned };
}

/** One membership, masked, as the reader may see it (a 409's `current`). */
export async function getUnionMember(d: UnionMemberDeps, actor: Actor, id: string) {
  await openMemberForRead(d, actor, id);
  return toUnionMember(d.keyring, (await repo.findMemberView(d.db, id))!);
}

/** `GET /api/union-members/:id/history`: events, newest first; a reader through a link gets only their count. */
export async function getUnionMemberHistory(d: UnionMemberDeps, actor: Actor, id: string, q: HistoryQuery): Promise<HistoryPage> {
  const { full } = await openMemberForRead(d, actor, id);
  return historyPage({ page: (before, limit) => repo.pageMemberEvents(d.db, id, before, limit), count: () => repo.countMemberEvents(d.db, id) }, full, q);
}

/** A person's union memberships, where the person is seen; a union the reader cannot see is not named. */
export async function personUnionMemberships(d: UnionMemberDeps, actor: Actor, personId: string): Promise<PersonUnionMemberships> {
  await requireVisiblePerson(d.db, actor, personId);
  const rows = await repo.membershipsOfPerson(d.db, personId);
  const read = holdsAction(actor, 'union.read') ? scopeFor(actor, 'union.read') : null;
  const seen = new Set<string>();
  for (const r of rows) if (read && !seen.has(r.union_id) && (await findUnion(d.db, read, r.union_id, 'visible'))) seen.add(r.union_id);
  const items = rows.map((r) => ({
    id: r.id, unionId: seen.has(r.union_id) ? r.union_id : null, unionName: seen.has(r.union_id) ? r.union_name : null,
    status: r.status, joinedOn: r.joined_on, statusSince: r.status_since, cardNumber: seen.has(r.union_id) ? r.card_number : null,
  }));
  return { items, total: items.length };
}
