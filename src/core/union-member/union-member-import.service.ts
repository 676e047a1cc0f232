import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { UnionMemberImportResult } from '../../contracts/union-member.js';
import type { Database } from '../../db/database.js';
import type { Executor } from '../../db/schema.js';
import type { ImportProgress } from '../../db/tables/ledger.js';
import { AppError, notFound } from '../../domain/errors.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { holdsAction, requireAction } from '../access/require.js';
import { scopeFor } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { dispatchedWarning, UM_COLUMNS, type DispatchedJoinAt } from '../../domain/union-member.js';
import { failBatch, listRowErrors, saveProgress, type RowErrorRecord } from '../import/import-batch.repository.js';
import { countRejectedRows } from '../member-import/member-batch.repository.js';
import { fileSha256 } from '../import/file-sha256.js';
import { RESULT_ERROR_LIMIT } from '../import/import-result.js';
import { dropStage } from '../import/import-stage.repository.js';
import { lockUnion } from '../union/union.repository.js';
import { openUnion } from '../union/union.service.js';
import { refreshTasksFor } from '../task/task-refresh-for.service.js';
import * as apply from './union-member-apply.repository.js';
import type { UmApplyContext } from './union-member-apply.repository.js';
import { dispatchedJoinAt } from './union-member-settings.js';
import { createUmStage, dispatchedRows, rejectRepeats, resolveUmStage, umStageCounts, type UmCheckContext } from './union-member-stage.repository.js';
import { writeUmStage } from './union-member-stage-writer.js';
import { readUnionMemberFile } from './read-union-member-file.js';

/**
 * `import union members`: one union's roster (docs/unions.md, "会员实名制", "Import"), all or nothing
 * like the party-member roster and by its method (docs/decisions/0002-bulk-import.md): each row is
 * checked on its own and COPYed into a stage (union-member-stage-writer.ts), the file is checked against
 * itself and the database by set-based statements (union-member-stage.repository.ts) and, only when
 * no row fails and it is not a dry run, written by a few INSERT … SELECT / UPDATE … FROM statements
 * (union-member-apply.repository.ts) in ONE transaction under the union's row lock. Members
 * match by ID number, so re-running a file changes nothing. The batch (kind `union_members`) keeps
 * progress, the row errors (for the error report) and the outcome; each run is audited.
 */
export const UM_BATCH_KIND = 'union_members';
export type UmImportDeps = { database: Database; keyring: () => Keyring };
export type UmImportOptions = { dryRun?: boolean; fileName?: string; storedPath?: string | null; onProgress?: (p: ImportProgress) => void; today?: string };

/** The gate an upload passes before its bytes are received. */
export const assertCanImportUnionMembers = (actor: Actor): void => { requireAction(actor, 'union.manage'); };

export async function importUnionMembers(deps: UmImportDeps, actor: Actor, unionId: string, file: string, opts: UmImportOptions = {}): Promise<UnionMemberImportResult> {
  requireAction(actor, 'union.manage');
  const db = deps.database.db;
  // The union is checked before the file is read: an unmanaged union refuses alike for every file.
  const { union } = await openUnion(db, actor, unionId);
  if (union.status !== 'active') throw new AppError('CONFLICT', `“${union.name}”已撤销，不能导入会员`);
  const keyring = deps.keyring();
  const today = opts.today ?? todayInChina();
  const fileName = opts.fileName ?? path.basename(file);
  const progress: ImportProgress = { phase: 'reading', totalBytes: fs.statSync(file).size, rows: 0, applied: 0 };
  const { id: importId } = await db.insertInto('import_batch').values({
    kind: UM_BATCH_KIND, file_name: fileName, file_sha256: '', source: `union:${unionId}`, actor_id: actor.userId, dry_run: !!opts.dryRun, stored_path: opts.storedPath ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  const report = async (phase: string) => {
    progress.phase = phase;
    await saveProgress(db, importId, progress);
    opts.onProgress?.(progress);
  };
  try {
    const [read, digest] = await Promise.all([readUnionMemberFile(file), fileSha256(file)]);
    progress.rows = read.rows.length;
    await report('checking');
    // Staged before the transaction: COPY needs the connection, which on PGlite the transaction would hold.
    await createUmStage(db, importId);
    await writeUmStage(deps.database, importId, read.rows, keyring, today);
    return await db.transaction().execute(async (tx) => {
      await openUnion(tx, actor, unionId);
      await lockUnion(tx, unionId);
      const c: UmCheckContext = {
        importId, unionId, today, read: holdsAction(actor, 'union.read') ? scopeFor(actor, 'union.read') : null,
        columns: { name: UM_COLUMNS.name.label, idNumber: UM_COLUMNS.idNumber.label, cardNumber: UM_COLUMNS.cardNumber.label },
      };
      await rejectRepeats(tx, importId, 'id_index', c.columns.idNumber, '公民身份号码');
      await rejectRepeats(tx, importId, 'card_number', c.columns.cardNumber, '会员证号');
      await resolveUmStage(tx, c);
      const warnings = await dispatchedWarnings(tx, c, await dispatchedJoinAt(tx));
      const rejected = await countRejectedRows(tx, importId);
      const write = rejected === 0 && !opts.dryRun;
      const counts = { created: 0, updated: 0, unchanged: 0 };
      let rosterStarted = false;
      let peopleCreated = 0;
      if (write) {
        progress.phase = 'applying';
        opts.onProgress?.(progress);
        const a: UmApplyContext = { importId, unionId, regionCode: union.region_code, actorId: actor.userId, today };
        peopleCreated = await apply.insertUmPeople(tx, a).catch((err: unknown) => {
          // Another import or clerk registered one of these people since the check: nothing of this file is written.
          if ((err as { code?: string }).code === '23505') throw new AppError('CONFLICT', '导入过程中有人员刚被他人登记，整个文件未导入，请重新导入');
          throw err;
        });
        counts.created = await apply.insertUmMembers(tx, a);
        await apply.computeUmChanges(tx, importId);
        counts.updated = await apply.updateUmMembers(tx, a);
        counts.unchanged = await apply.unchangedUmMembers(tx, importId);
        rosterStarted = Number((await tx.updateTable('union_org').set({ roster_since: today }).where('id', '=', unionId).where('roster_since', 'is', null).executeTakeFirst()).numUpdatedRows) > 0;
        // 会员 counts feed 配齐工会委员会: the union's tasks follow its roster in this transaction (the import's audit is the run's one).
        await refreshTasksFor(tx, actor, { unionOrgIds: [unionId] }, { date: today, trigger: 'union_member.import', audited: false });
      } else if (!rejected) {
        const n = await umStageCounts(tx, importId);
        Object.assign(counts, { created: n.created, updated: n.existing }); // a dry run's upper bound: unchanged rows count as updated
      }
      const errors = await listRowErrors(tx, importId, RESULT_ERROR_LIMIT + 1);
      const result: UnionMemberImportResult = {
        importId, dryRun: !!opts.dryRun, applied: write, rows: read.rows.length, ...counts, rejected, rosterStarted,
        errors: errors.slice(0, RESULT_ERROR_LIMIT).map(toOut), errorsTruncated: errors.length > RESULT_ERROR_LIMIT,
        warnings: warnings.slice(0, RESULT_ERROR_LIMIT).map(toOut),
      };
      await finish(tx, actor, unionId, result, { fileName, sha256: digest, peopleCreated });
      return result;
    });
  } catch (err) {
    const e = err instanceof AppError ? err : null;
    await failBatch(db, importId, { code: e?.code ?? 'INTERNAL', message: e?.message ?? '导入失败' });
    throw err;
  } finally {
    await dropStage(db, importId);
  }
}

const toOut = (e: { row: number; column: string | null; code: string; message: string }) => ({ row: e.row, column: e.column ?? null, code: e.code, message: e.message });

/** The 劳务派遣 setting's warnings (never refusals: an agreement may say otherwise). */
async function dispatchedWarnings(tx: Executor, c: UmCheckContext, joinAt: DispatchedJoinAt): Promise<RowErrorRecord[]> {
  const out: RowErrorRecord[] = [];
  for (const r of await dispatchedRows(tx, c)) {
    const w = dispatchedWarning(joinAt, { dispatched: true, employerCovered: r.employer_covered, agencyCovered: r.agency_covered });
    if (w) out.push({ row: r.row_no, column: UM_COLUMNS.dispatched.label, code: 'DISPATCHED_ELSEWHERE', message: w });
  }
  return out;
}

/**
 * The batch's outcome and ONE audit event for the file, as the party-member roster import writes: the
 * people it registered are counted there (`peopleCreated`), not audited one by one.
 */
async function finish(tx: Executor, actor: Actor, unionId: string, r: UnionMemberImportResult, f: { fileName: string; sha256: string; peopleCreated: number }): Promise<void> {
  const { fileName, sha256, peopleCreated } = f;
  const outcome = r.rejected ? 'rejected' : r.dryRun ? 'dry_run' : 'completed';
  await tx.updateTable('import_batch').set({
    status: outcome === 'rejected' ? 'failed' : outcome, file_sha256: sha256,
    error: outcome === 'rejected' ? JSON.stringify({ code: 'IMPORT_REJECTED', message: `有 ${r.rejected} 行未通过校验，整个文件未导入` }) : null,
    rows_total: r.rows, created: r.created, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected,
    summary: sql`${JSON.stringify({ unionId, rosterStarted: r.rosterStarted, warnings: r.warnings.length })}::jsonb`, finished_at: new Date(),
  }).where('id', '=', r.importId).execute();
  const action = outcome === 'completed' ? 'union_member.import' : outcome === 'dry_run' ? 'union_member.import_dry_run' : 'union_member.import_rejected';
  await recordAudit(tx, actor, {
    action, entity: 'import_batch', entityId: r.importId,
    after: { unionId, file: fileName, sha256, rows: r.rows, created: r.created, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected, rosterStarted: r.rosterStarted, peopleCreated },
  });
}

/** An import as its starter sees it (an all-regions manager sees every one); anyone else's is "not found". */
export async function findVisibleUnionMemberImport(db: Executor, actor: Actor, id: string) {
  const scope = requireAction(actor, 'union.manage');
  const b = /^\d{1,18}$/.test(id) ? await db.selectFrom('import_batch').selectAll().where('id', '=', id).where('kind', '=', UM_BATCH_KIND).executeTakeFirst() : undefined;
  if (!b || (!scope.all && b.actor_id !== actor.userId)) throw notFound('导入记录');
  return b;
}
