import type { Readable } from 'node:stream';
import type { Db } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { requireManagedMeeting, requireVisibleMeeting } from '../life/meeting.access.js';
import { toAttachment } from './attachment.mapper.js';
import { attachmentsOf } from './attachment.repository.js';
import { deleteAttachment, openAttachment, storeAttachment, type Received } from './attachment.service.js';
import type { AttachmentStore } from './attachment.store.js';

/**
 * A meeting's files — minutes, sign-in sheets, photos (docs/attachments.md): read by whoever may read
 * the meeting (its organisation seen by own place or a link), added and removed by whoever may
 * manage it (by own place, never through a link). No quota: a meeting needs no photo to count.
 */
const url = (meetingId: string, id: string) => `/api/meetings/${meetingId}/attachments/${id}`;

export async function listMeetingAttachments(db: Db, actor: Actor, meetingId: string) {
  await requireVisibleMeeting(db, actor, meetingId);
  const rows = await attachmentsOf(db, 'meeting', meetingId);
  return { items: rows.map((r) => toAttachment(r, url(meetingId, r.id))), total: rows.length };
}

/** Checked before the body is read, so a caller who may not add files never fills the disk. */
export const assertMeetingUpload = (db: Db, actor: Actor, meetingId: string) => requireManagedMeeting(db, actor, meetingId);

export async function addMeetingAttachment(db: Db, actor: Actor, store: AttachmentStore, meetingId: string, file: Received) {
  return db.transaction().execute(async (tx) => {
    await requireManagedMeeting(tx, actor, meetingId);
    const row = await storeAttachment(tx, actor, store, { kind: 'meeting', id: meetingId }, file);
    return toAttachment(row, url(meetingId, row.id));
  });
}

export async function downloadMeetingAttachment(db: Db, actor: Actor, store: AttachmentStore, meetingId: string, id: string) {
  let opened: Readable | undefined;
  try {
    return await db.transaction().execute(async (tx) => {
      await requireVisibleMeeting(tx, actor, meetingId);
      const f = await openAttachment(tx, actor, store, { kind: 'meeting', id: meetingId }, id);
      opened = f.stream();
      return f;
    });
  } catch (e) {
    opened?.destroy(); // the content was opened but the audit did not commit: let go of the file or connection
    throw e;
  }
}

export async function removeMeetingAttachment(db: Db, actor: Actor, meetingId: string, id: string, version: number) {
  await db.transaction().execute(async (tx) => {
    await requireManagedMeeting(tx, actor, meetingId);
    await deleteAttachment(tx, actor, { kind: 'meeting', id: meetingId }, id, version);
  });
}
