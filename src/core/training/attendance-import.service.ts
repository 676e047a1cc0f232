import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { AttendanceImportResult } from '../../contracts/training.js';
import type { Database } from '../../db/database.js';
import type { Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { failBatch, insertRowErrors } from '../import/import-batch.repository.js';
import { fileSha256 } from '../import/file-sha256.js';
import { RESULT_ERROR_LIMIT } from '../import/import-result.js';
import { versionConflict } from '../party-org/party-org.access.js';
import { checkAttendanceRows, type PlannedAttendance } from './attendance-import-check.js';
import { readAttendanceFile } from './read-attendance-file.js';
import { requireManagedSession } from './training.access.js';
import * as repo from './training.repository.js';

/**
 * `import training attendance`: a session's 签到表 (docs/training.md, "Attendance import"), all or
 * nothing, at the session's version: the rows are checked (attendance-import-check.ts) and, only when
 * none fails and it is not a dry run, MERGED into the recorded attendance in one transaction — people
 * in the file are added or get the file's 学时, people already recorded and not in the file stay. The
 * session's version moves on like a hand-entered attendance. The batch (kind `training_attendance`)
 * keeps the row errors for the error report; each run is audited with its counts.
 */
export const TA_BATCH_KIND = 'training_attendance';
export type TaImportDeps = { database: Database; keyring: () => Keyring };
export type TaImportOptions = { dryRun?: boolean; version: number; fileName?: string; storedPath?: string | null; today?: string };

/** The gate an upload passes before its bytes are received. */
export const assertCanImportAttendance = (actor: Actor): void => { requireAction(actor, 'org.manage'); };

export async function importAttendance(deps: TaImportDeps, actor: Actor, sessionId: string, file: string, opts: TaImportOptions): Promise<AttendanceImportResult> {
  const db = deps.database.db;
  // The session is checked before the file is read: an unmanaged session refuses alike for every file.
  await requireManagedSession(db, actor, sessionId);
  const fileName = opts.fileName ?? path.basename(file);
  const { id: importId } = await db.insertInto('import_batch').values({
    kind: TA_BATCH_KIND, file_name: fileName, file_sha256: '', source: `training_session:${sessionId}`, actor_id: actor.userId, dry_run: !!opts.dryRun, stored_path: opts.storedPath ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  try {
    const [read, digest] = await Promise.all([readAttendanceFile(file), fileSha256(file)]);
    return await db.transaction().execute(async (tx) => {
      await requireManagedSession(tx, actor, sessionId);
      const before = await repo.lockSession(tx, sessionId);
      if (!before || before.version !== opts.version) throw versionConflict();
      const checked = await checkAttendanceRows(tx, actor, read.rows, { keyring: deps.keyring(), sessionHours: before.hours, today: opts.today ?? todayInChina() });
      await insertRowErrors(tx, importId, checked.errors);
      const rejected = new Set(checked.errors.map((e) => e.row)).size;
      const previous = await repo.attendanceOf(tx, sessionId);
      const merged = merge(previous, rejected ? [] : checked.planned);
      const write = rejected === 0 && !opts.dryRun;
      let version = before.version;
      if (write && (merged.counts.created || merged.counts.updated)) {
        await repo.replaceAttendance(tx, sessionId, merged.list);
        const after = await repo.updateSession(tx, sessionId, before.version, {});
        if (!after) throw versionConflict();
        version = after.version;
      }
      const result: AttendanceImportResult = {
        importId, sessionId, dryRun: !!opts.dryRun, applied: write, rows: read.rows.length, ...(rejected ? { created: 0, updated: 0, unchanged: 0 } : merged.counts), rejected,
        errors: checked.errors.slice(0, RESULT_ERROR_LIMIT).map((e) => ({ row: e.row, column: e.column ?? null, code: e.code, message: e.message })),
        errorsTruncated: checked.errors.length > RESULT_ERROR_LIMIT,
        attendees: merged.list.length, hoursCredited: merged.list.reduce((s, a) => s + a.hours, 0), version,
      };
      await finish(tx, actor, result, { fileName, sha256: digest, before: { attendees: previous.length, hours: previous.reduce((s, a) => s + a.hours, 0), version: before.version } });
      return result;
    });
  } catch (err) {
    const e = err instanceof AppError ? err : null;
    await failBatch(db, importId, { code: e?.code ?? 'INTERNAL', message: e?.message ?? '导入失败' });
    throw err;
  }
}

/** The recorded attendance with the file's rows laid over it: added, changed 学时, or the same. */
function merge(previous: Array<{ person_id: string; hours: number }>, planned: PlannedAttendance[]) {
  const map = new Map(previous.map((a) => [a.person_id, a.hours]));
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const p of planned) {
    const had = map.get(p.personId);
    counts[had === undefined ? 'created' : had === p.hours ? 'unchanged' : 'updated']++;
    map.set(p.personId, p.hours);
  }
  return { counts, list: [...map].map(([person_id, hours]) => ({ person_id, hours })) };
}

type Before = { attendees: number; hours: number; version: number };
async function finish(tx: Executor, actor: Actor, r: AttendanceImportResult, f: { fileName: string; sha256: string; before: Before }): Promise<void> {
  const outcome = r.rejected ? 'rejected' : r.dryRun ? 'dry_run' : 'completed';
  await tx.updateTable('import_batch').set({
    status: outcome === 'rejected' ? 'failed' : outcome, file_sha256: f.sha256,
    error: outcome === 'rejected' ? JSON.stringify({ code: 'IMPORT_REJECTED', message: `有 ${r.rejected} 行未通过校验，整个文件未导入` }) : null,
    rows_total: r.rows, created: r.created, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected,
    summary: sql`${JSON.stringify({ sessionId: r.sessionId })}::jsonb`, finished_at: new Date(),
  }).where('id', '=', r.importId).execute();
  const action = outcome === 'completed' ? 'training_session.attendance_import' : outcome === 'dry_run' ? 'training_session.attendance_import_dry_run' : 'training_session.attendance_import_rejected';
  await recordAudit(tx, actor, {
    action, entity: 'training_session', entityId: r.sessionId, before: f.before,
    after: { importId: r.importId, file: f.fileName, sha256: f.sha256, rows: r.rows, created: r.created, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected, attendees: r.attendees, hours: r.hoursCredited, version: r.version },
  });
}

/** An import as its starter sees it (an all-regions manager sees every one); anyone else's is "not found". */
export async function findVisibleAttendanceImport(db: Executor, actor: Actor, id: string) {
  const scope = requireAction(actor, 'org.manage');
  const b = /^\d{1,18}$/.test(id) ? await db.selectFrom('import_batch').selectAll().where('id', '=', id).where('kind', '=', TA_BATCH_KIND).executeTakeFirst() : undefined;
  if (!b || (!scope.all && b.actor_id !== actor.userId)) throw notFound('导入记录');
  return b;
}
