import type { Meeting, MeetingInput, MeetingUpdate } from '../../contracts/life.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { refreshTasksFor } from '../task/task-refresh-for.service.js';
import { requireManagedOrg, versionConflict } from '../party-org/party-org.access.js';
import { requireManagedMeeting } from './meeting.access.js';
import { meetingAuditView } from './meeting.mapper.js';
import { getMeetingIn } from './meeting.query.js';
import * as repo from './meeting.repository.js';

/**
 * Recording 三会一课 (docs/life.md): a meeting of an organisation the caller manages by its own
 * place, its attendees from that organisation's roster; each write in one transaction — versioned
 * (a stale version is a 409), audited. A joint branch is one organisation: its meeting is recorded
 * once, for every enterprise it covers.
 */
const field = (f: string, code: string, message: string, status: 'VALIDATION_FAILED' | 'CONFLICT' = 'VALIDATION_FAILED') =>
  new AppError(status, message, [{ field: f, code, message }]);

type Checked = { set: Omit<repo.MeetingRow, 'id' | 'org_id' | 'recorded_by' | 'deleted_at' | 'deleted_by' | 'version' | 'created_at' | 'updated_at'>; attendees: repo.AttendeeInsert[] | null };

/** Every rule the database would also hold, checked first so the answer names the field in Chinese. */
async function check(tx: Executor, orgId: string, input: Omit<MeetingInput, 'orgId'>): Promise<Checked> {
  if (input.heldOn > today()) throw field('heldOn', 'FUTURE_DATE', '召开日期不能晚于今天');
  let attendees: repo.AttendeeInsert[] | null = null;
  let voting = input.votingMembers ?? null;
  let present = input.present ?? null;
  if (input.attendees) {
    const roster = new Map((await repo.rosterOf(tx, orgId)).map((r) => [r.member_id, r]));
    const seen = new Set<string>();
    input.attendees.forEach((a, i) => {
      if (seen.has(a.memberId)) throw field(`attendees[${i}].memberId`, 'DUPLICATE_MEMBER', '同一党员只能登记一次');
      seen.add(a.memberId);
      if (!roster.has(a.memberId)) throw field(`attendees[${i}].memberId`, 'NOT_ON_ROSTER', '该党员不在本组织党员名册中');
      if (a.present && (a.absenceReason || a.writtenOpinion)) throw field(`attendees[${i}].absenceReason`, 'PRESENT_WITH_REASON', '到会党员不填写缺席原因和书面意见');
    });
    attendees = input.attendees.map((a) => ({ member_id: a.memberId, present: a.present, absence_reason: a.present ? null : a.absenceReason ?? null, written_opinion: !a.present && !!a.writtenOpinion }));
    // Members with a vote are the full members; 预备党员 attend without one.
    const full = input.attendees.filter((a) => roster.get(a.memberId)!.category === 'full');
    voting ??= full.length;
    present ??= full.filter((a) => a.present).length;
  }
  if (voting !== null && present !== null && present > voting) throw field('present', 'TOO_MANY', '实到人数不能多于应到会有表决权的人数');
  const resolutions = input.resolutions ?? [];
  resolutions.forEach((r, i) => {
    if (voting === null) throw field('votingMembers', 'REQUIRED', '有表决事项时须填写应到会有表决权的人数');
    if (r.yes > voting) throw field(`resolutions[${i}].yes`, 'TOO_MANY', '赞成人数不能多于应到会有表决权的人数');
  });
  return {
    set: { kind: input.kind, held_on: input.heldOn, place: input.place ?? null, topic: input.topic, voting_members: voting, present, resolutions, minutes: input.minutes || null },
    attendees,
  };
}

async function requireOrg(tx: Executor, actor: Actor, orgId: string): Promise<void> {
  const { org } = await requireManagedOrg(tx, actor, orgId).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound('党组织', 'orgId') : e;
  });
  if (org.status !== 'active') throw field('orgId', 'ORG_DISSOLVED', '该党组织已撤销，不能登记会议', 'CONFLICT');
}

export async function createMeeting(db: Db, actor: Actor, input: MeetingInput): Promise<Meeting> {
  return db.transaction().execute(async (tx) => {
    await requireOrg(tx, actor, input.orgId);
    const c = await check(tx, input.orgId, input);
    const row = await repo.insertMeeting(tx, { ...c.set, resolutions: JSON.stringify(c.set.resolutions), org_id: input.orgId, recorded_by: actor.userId });
    if (c.attendees) await repo.replaceAttendees(tx, row.id, c.attendees);
    await recordAudit(tx, actor, { action: 'meeting.create', entity: 'meeting', entityId: row.id, after: meetingAuditView(row, c.attendees?.length) });
    // A meeting ends 不活跃 at once: the organisation's 督促恢复组织生活 closes in this transaction.
    await refreshTasksFor(tx, actor, { partyOrgIds: [input.orgId] }, { trigger: 'meeting.create' });
    return getMeetingIn(tx, actor, row.id);
  });
}

export async function updateMeeting(db: Db, actor: Actor, id: string, input: MeetingUpdate): Promise<Meeting> {
  return db.transaction().execute(async (tx) => {
    const m = await requireManagedMeeting(tx, actor, id);
    const before = await repo.lockMeeting(tx, id);
    if (!before || before.version !== input.version) throw versionConflict();
    const c = await check(tx, m.org_id, input);
    const after = await repo.updateMeeting(tx, id, input.version, { ...c.set, resolutions: JSON.stringify(c.set.resolutions) });
    if (!after) throw versionConflict();
    if (c.attendees) await repo.replaceAttendees(tx, id, c.attendees);
    await recordAudit(tx, actor, { action: 'meeting.update', entity: 'meeting', entityId: id, before: meetingAuditView(before), after: meetingAuditView(after, c.attendees?.length) });
    await refreshTasksFor(tx, actor, { partyOrgIds: [m.org_id] }, { trigger: 'meeting.update' });
    return getMeetingIn(tx, actor, id);
  });
}

/** Soft: the row stays (deleted_at, deleted_by) for the audit trail; lists and the calendar no longer read it. */
export async function deleteMeeting(db: Db, actor: Actor, id: string, version: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await requireManagedMeeting(tx, actor, id);
    const gone = await repo.deleteMeeting(tx, id, version, actor.userId);
    if (!gone) throw versionConflict();
    await recordAudit(tx, actor, { action: 'meeting.delete', entity: 'meeting', entityId: id, before: meetingAuditView(gone) });
    await refreshTasksFor(tx, actor, { partyOrgIds: [gone.org_id] }, { trigger: 'meeting.delete' });
  });
}
