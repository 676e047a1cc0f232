import type { Meeting, MeetingListFilter, MeetingPage, MeetingRoster } from '../../contracts/life.js';
import type { Db, Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { requireManagedOrg, requireVisibleOrg } from '../party-org/party-org.access.js';
import { canManageMeeting, requireVisibleMeeting } from './meeting.access.js';
import { toMeeting, toSummary } from './meeting.mapper.js';
import * as repo from './meeting.repository.js';

/** `GET /api/meetings`: one organisation's meetings as the reader sees them (404 for an organisation not seen). */
export async function listMeetingPage(db: Db, actor: Actor, f: MeetingListFilter): Promise<MeetingPage> {
  const { scope } = await requireVisibleOrg(db, actor, f.orgId);
  const rows = await repo.listMeetings(db, scope, f);
  return { items: rows.map(toSummary), total: rows.length };
}

export async function getMeetingIn(db: Executor, actor: Actor, id: string): Promise<Meeting> {
  const { m } = await requireVisibleMeeting(db, actor, id);
  const [attendees, manageable] = await Promise.all([repo.attendeesOf(db, [id]), canManageMeeting(db, actor, id)]);
  return toMeeting(m, attendees, manageable);
}

/** The roster the entry form preselects: only for an organisation the caller records meetings for. */
export async function meetingRoster(db: Db, actor: Actor, orgId: string): Promise<MeetingRoster> {
  requireAction(actor, 'org.manage');
  const { org } = await requireManagedOrg(db, actor, orgId);
  const rows = await repo.rosterOf(db, orgId);
  return {
    orgId, orgName: org.name,
    members: rows.map((r) => ({ memberId: r.member_id, name: r.name, category: r.category, voting: r.category === 'full' })),
  };
}
