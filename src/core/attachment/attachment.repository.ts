import { sql, type Insertable, type Selectable } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { AttachmentTable } from '../../db/tables/standards.js';
import type { AttachmentOwnerKind } from '../../domain/attachment.js';
import { NEXT_VERSION } from '../../db/versioned.js';

/** SQL for attachment rows (0027). Callers have passed the owner's access check: no scope here. */
export type AttachmentRow = Selectable<AttachmentTable>;

export async function insertAttachment(tx: Executor, row: Insertable<AttachmentTable>): Promise<AttachmentRow> {
  return tx.insertInto('attachment').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function attachmentsOf(db: Executor, kind: AttachmentOwnerKind, ownerId: string): Promise<AttachmentRow[]> {
  return db.selectFrom('attachment').selectAll().where('owner_kind', '=', kind).where('owner_id', '=', ownerId)
    .where('deleted_at', 'is', null).orderBy('id').execute();
}

export async function attachmentsByIds(db: Executor, ids: string[]): Promise<AttachmentRow[]> {
  if (!ids.length) return [];
  return db.selectFrom('attachment').selectAll().where('id', 'in', ids).where('deleted_at', 'is', null).execute();
}

/** One live file of one owner: an id of another record's file is not found here. */
export async function findOwnedAttachment(db: Executor, kind: AttachmentOwnerKind, ownerId: string, id: string): Promise<AttachmentRow | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  return db.selectFrom('attachment').selectAll().where('id', '=', id).where('owner_kind', '=', kind).where('owner_id', '=', ownerId)
    .where('deleted_at', 'is', null).executeTakeFirst();
}

export async function softDeleteAttachment(tx: Executor, id: string, version: number, by: string | null): Promise<AttachmentRow | undefined> {
  return tx.updateTable('attachment').set({ deleted_at: sql<Date>`now()`, deleted_by: by, ...NEXT_VERSION })
    .where('id', '=', id).where('version', '=', version).where('deleted_at', 'is', null).returningAll().executeTakeFirst();
}
