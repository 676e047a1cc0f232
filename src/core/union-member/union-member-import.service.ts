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
import { failBatch, insertRowErrors, saveProgress } from '../import/import-batch.repository.js';
import { fileSha256 } from '../import/file-sha256.js';
import { RESULT_ERROR_LIMIT } from '../import/import-result.js';
import { findOrRegisterPersonIn } from '../person/person.service.js';
import { lockUnion } from '../union/union.repository.js';
import { openUnion } from '../union/union.service.js';
import { checkRoster, type PlannedRow } from './union-member-import-check.js';
import { dispatchedJoinAt } from './union-member-settings.js';
import { insertMember, insertMemberEvent, updateMember } from './union-member.repository.js';
import { readUnionMemberFile } from './read-union-member-file.js';

/**
 * `import union members`: one union's roster (docs/unions.md, "会员实名制", "Import"), all or nothing
 * like the party-member roster: the rows are checked (union-member-import-check.ts) and, only when no
 * row fails and it is not a dry run, written in ONE transaction under the union's row lock. Members
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
    return await db.transaction().execute(async (tx) => {
      await openUnion(tx, actor, unionId);
      await lockUnion(tx, unionId);
      const checked = await checkRoster(tx, read.rows, {
        unionId, keyring, today, read: holdsAction(actor, 'union.read') ? scopeFor(actor, 'union.read') : null, joinAt: await dispatchedJoinAt(tx),
      });
      await insertRowErrors(tx, importId, checked.errors);
      const rejected = new Set(checked.errors.map((e) => e.row)).size;
      const write = rejected === 0 && !opts.dryRun;
      const counts = { created: 0, updated: 0, unchanged: 0 };
      let rosterStarted = false;
      if (write) {
        progress.phase = 'applying';
        opts.onProgress?.(progress);
        for (const p of checked.planned) counts[await applyRow(tx, keyring, actor, union.region_code, unionId, p, importId, today)]++;
        rosterStarted = Number((await tx.updateTable('union_org').set({ roster_since: today }).where('id', '=', unionId).where('roster_since', 'is', null).executeTakeFirst()).numUpdatedRows) > 0;
      } else if (!rejected) {
        for (const p of checked.planned) counts[p.memberId ? 'updated' : 'created']++; // a dry run's upper bound: unchanged rows count as updated
      }
      const result: UnionMemberImportResult = {
        importId, dryRun: !!opts.dryRun, applied: write, rows: read.rows.length, ...counts, rejected, rosterStarted,
        errors: checked.errors.slice(0, RESULT_ERROR_LIMIT).map(toOut), errorsTruncated: checked.errors.length > RESULT_ERROR_LIMIT,
        warnings: checked.warnings.slice(0, RESULT_ERROR_LIMIT).map(toOut),
      };
      await finish(tx, actor, unionId, result, fileName, digest);
      return result;
    });
  } catch (err) {
    const e = err instanceof AppError ? err : null;
    await failBatch(db, importId, { code: e?.code ?? 'INTERNAL', message: e?.message ?? '导入失败' });
    throw err;
  }
}

const toOut = (e: { row: number; column: string | null; code: string; message: string }) => ({ row: e.row, column: e.column ?? null, code: e.code, message: e.message });

/** One checked row: a new person and membership, or the membership this union already had (changed fields only). */
async function applyRow(
  tx: Executor, keyring: Keyring, actor: Actor, region: string | null, unionId: string, p: PlannedRow, importId: string, today: string,
): Promise<'created' | 'updated' | 'unchanged'> {
  const f = p.facts;
  if (!p.memberId) {
    const { row: person } = await findOrRegisterPersonIn(tx, keyring, actor, { name: f.name, idNumber: f.idNumber, phone: f.phone, gender: f.gender }, region);
    const m = await insertMember(tx, {
      personId: person.id, unionId, joinedOn: f.joinedOn, cardNumber: f.cardNumber, status: f.status, statusSince: f.joinedOn ?? today,
      enterpriseId: p.enterpriseId, employerName: p.employerName, dispatched: f.dispatched, dispatchEmployerName: f.dispatchEmployer, source: 'import',
    });
    await insertMemberEvent(tx, { memberId: m.id, kind: 'joined', at: f.joinedOn ?? today, data: { source: 'import', importId }, actorId: actor.userId });
    return 'created';
  }
  const cur = await tx.selectFrom('union_member').selectAll().where('id', '=', p.memberId).forUpdate().executeTakeFirstOrThrow();
  const next = {
    joined_on: f.joinedOn ?? cur.joined_on, card_number: f.cardNumber ?? cur.card_number, enterprise_id: p.enterpriseId, employer_name: p.employerName,
    dispatched: f.dispatched, dispatch_employer_name: f.dispatchEmployer, status: f.status,
  };
  const diff = Object.fromEntries(Object.entries(next).filter(([k, v]) => (cur as Record<string, unknown>)[k] !== v).map(([k, v]) => [k, [(cur as Record<string, unknown>)[k], v]]));
  if (!Object.keys(diff).length) return 'unchanged';
  const set = { ...next, ...(next.status !== cur.status ? { status_since: today } : {}) };
  if (!(await updateMember(tx, cur.id, cur.version, set))) throw new AppError('VERSION_CONFLICT', '导入过程中会员信息被他人修改，请重新导入');
  await insertMemberEvent(tx, { memberId: cur.id, kind: 'updated', at: today, data: { source: 'import', importId, changes: diff }, actorId: actor.userId });
  return 'updated';
}

async function finish(tx: Executor, actor: Actor, unionId: string, r: UnionMemberImportResult, fileName: string, sha256: string): Promise<void> {
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
    after: { unionId, file: fileName, sha256, rows: r.rows, created: r.created, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected, rosterStarted: r.rosterStarted },
  });
}

/** An import as its starter sees it (an all-regions manager sees every one); anyone else's is "not found". */
export async function findVisibleUnionMemberImport(db: Executor, actor: Actor, id: string) {
  const scope = requireAction(actor, 'union.manage');
  const b = /^\d{1,18}$/.test(id) ? await db.selectFrom('import_batch').selectAll().where('id', '=', id).where('kind', '=', UM_BATCH_KIND).executeTakeFirst() : undefined;
  if (!b || (!scope.all && b.actor_id !== actor.userId)) throw notFound('导入记录');
  return b;
}
