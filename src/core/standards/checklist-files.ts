import type { Readable } from 'node:stream';
import type { Db } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { openAttachment } from '../attachment/attachment.service.js';
import type { AttachmentStore } from '../attachment/attachment.store.js';
import { loadVisible } from './assessment.view.js';
import * as repo from './assessment.repository.js';
import { requireManagedOwner, requireSomeManage } from './standards.access.js';

/** A checklist's evidence file: read by whoever may read the assessment's organisation; audited. */
export async function downloadChecklistFile(db: Db, actor: Actor, store: AttachmentStore, assessmentId: string, id: string) {
  let opened: Readable | undefined;
  try {
    return await db.transaction().execute(async (tx) => {
      await loadVisible(tx, actor, assessmentId);
      const f = await openAttachment(tx, actor, store, { kind: 'checklist', id: assessmentId }, id);
      opened = f.stream();
      return f;
    });
  } catch (e) {
    opened?.destroy(); // the content was opened but the audit did not commit: let go of the S3 connection or file handle
    throw e;
  }
}

/** Checked before the body is read: only the organisation's manager uploads evidence. */
export async function assertChecklistUpload(db: Db, actor: Actor, assessmentId: string): Promise<void> {
  requireSomeManage(actor);
  const { row } = await loadVisible(db, actor, assessmentId);
  const o = repo.ownerOf(row);
  await requireManagedOwner(db, actor, o.kind, o.id);
}
