import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { MeetingListFilter } from '../../contracts/life.js';
import type { Executor } from '../../db/schema.js';
import type { MeetingTable } from '../../db/tables/life.js';
import { NEXT_VERSION } from '../../db/versioned.js';
import { asColumn, ownedInScope, visibleInScope } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';

/** SQL for meetings and their attendees. Every read takes the reader's Scope (meeting.access.ts); deleted meetings are never read. */
export type MeetingRow = Selectable<MeetingTable>;
export type MeetingView = MeetingRow & { org_name: string; org_type: 'committee' | 'generalBranch' | 'branch'; owned: boolean };
export type AttendeeRow = {
  meeting_id: string; member_id: string; name: string; category: 'full' | 'probationary';
  present: boolean; absence_reason: string | null; written_opinion: boolean;
};
export type RosterRow = { member_id: string; name: string; category: 'full' | 'probationary'; status: string };

const viewOf = (db: Executor, scope: Scope) => db.selectFrom('meeting as m')
  .innerJoin('party_org as o', 'o.id', 'm.org_id')
  .selectAll('m')
  .select(['o.name as org_name', 'o.org_type'])
  .select(asColumn(ownedInScope(scope, 'org', 'o')).as('owned'))
  .where('m.deleted_at', 'is', null);

export async function findMeeting(db: Executor, scope: Scope, id: string, mode: 'owned' | 'visible' = 'visible'): Promise<MeetingView | undefined> {
  const where = mode === 'owned' ? ownedInScope(scope, 'org', 'o') : visibleInScope(scope, 'org', 'o');
  return viewOf(db, scope).where('m.id', '=', id).where(where).executeTakeFirst() as Promise<MeetingView | undefined>;
}

/** An organisation's meetings as the scope sees them, newest first (a year of one organisation is small). */
export async function listMeetings(db: Executor, scope: Scope, f: MeetingListFilter, limit = 5000): Promise<MeetingView[]> {
  let q = viewOf(db, scope).where(visibleInScope(scope, 'org', 'o')).where('m.org_id', '=', f.orgId);
  if (f.year) q = q.where('m.held_on', '>=', `${f.year}-01-01`).where('m.held_on', '<=', `${f.year}-12-31`);
  if (f.kind) q = q.where('m.kind', '=', f.kind);
  return q.orderBy('m.held_on', 'desc').orderBy('m.id', 'desc').limit(limit).execute() as Promise<MeetingView[]>;
}

export async function attendeesOf(db: Executor, meetingIds: string[]): Promise<AttendeeRow[]> {
  if (!meetingIds.length) return [];
  return db.selectFrom('meeting_attendee as a').innerJoin('party_member as pm', 'pm.id', 'a.member_id').innerJoin('person as p', 'p.id', 'pm.person_id')
    .select(['a.meeting_id', 'a.member_id', 'p.name', 'pm.category', 'a.present', 'a.absence_reason', 'a.written_opinion'])
    .where('a.meeting_id', 'in', meetingIds).orderBy('a.meeting_id').orderBy('pm.id').execute();
}

/** The organisation's members on the roster now (not gone, not suspended), by id. */
export async function rosterOf(db: Executor, orgId: string): Promise<RosterRow[]> {
  return db.selectFrom('party_member as pm').innerJoin('person as p', 'p.id', 'pm.person_id')
    .select(['pm.id as member_id', 'p.name', 'pm.category', 'pm.status'])
    .where('pm.org_id', '=', orgId).where('pm.status', 'not in', ['left', 'suspended']).orderBy('pm.id').execute();
}

export async function insertMeeting(tx: Executor, row: Insertable<MeetingTable>): Promise<MeetingRow> {
  return tx.insertInto('meeting').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function lockMeeting(tx: Executor, id: string): Promise<MeetingRow | undefined> {
  return tx.selectFrom('meeting').selectAll().where('id', '=', id).where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
}

export async function updateMeeting(tx: Executor, id: string, version: number, set: Updateable<MeetingTable>): Promise<MeetingRow | undefined> {
  return tx.updateTable('meeting').set({ ...set, ...NEXT_VERSION }).where('id', '=', id).where('version', '=', version)
    .where('deleted_at', 'is', null).returningAll().executeTakeFirst();
}

export async function deleteMeeting(tx: Executor, id: string, version: number, by: string | null): Promise<MeetingRow | undefined> {
  return tx.updateTable('meeting').set({ deleted_at: sql<Date>`now()`, deleted_by: by, ...NEXT_VERSION })
    .where('id', '=', id).where('version', '=', version).where('deleted_at', 'is', null).returningAll().executeTakeFirst();
}

export type AttendeeInsert = { member_id: string; present: boolean; absence_reason: string | null; written_opinion: boolean };
export async function replaceAttendees(tx: Executor, meetingId: string, list: AttendeeInsert[]): Promise<void> {
  await tx.deleteFrom('meeting_attendee').where('meeting_id', '=', meetingId).execute();
  if (list.length) await tx.insertInto('meeting_attendee').values(list.map((a) => ({ meeting_id: meetingId, ...a }))).execute();
}

/** The live meetings of one organisation up to a day: what the compliance calendar judges. */
export async function meetingFacts(db: Executor, orgId: string, to: string) {
  return db.selectFrom('meeting').select(['id', 'kind', 'held_on', 'voting_members', 'present', 'resolutions'])
    .where('org_id', '=', orgId).where('deleted_at', 'is', null).where('held_on', '<=', to).orderBy('held_on').execute();
}
