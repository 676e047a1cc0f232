import { analyseStale } from '../../db/statistics.js';
import path from 'node:path';
import fs from 'node:fs';
import { sql } from 'kysely';
import type { RowErrorOut } from '../../contracts/enterprise.js';
import type { Database } from '../../db/database.js';
import type { Executor } from '../../db/schema.js';
import type { ImportProgress } from '../../db/tables/ledger.js';
import { AppError } from '../../domain/errors.js';
import type { MemberColumnKey } from '../../domain/member-row.js';
import { planMemberColumns } from '../../domain/member-row.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { scopeFor, type Scope } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { refreshTasksFor, type RefreshForResult } from '../task/task-refresh-for.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { failBatch, listRowErrors, saveProgress } from '../import/import-batch.repository.js';
import { recoverStaleImports, STALE_IMPORT_MS } from '../import/import-enterprises.service.js';
import { RESULT_ERROR_LIMIT } from '../import/import-result.js';
import { dropStage } from '../import/import-stage.repository.js';
import { fileSha256 } from '../import/file-sha256.js';
import { startTrace, type ImportTrace } from '../import/import-trace.js';
import * as apply from './member-apply.repository.js';
import { countRejectedRows, finishMemberBatch, insertMemberBatch } from './member-batch.repository.js';
import * as stage from './member-stage.repository.js';
import { writeMemberStage, type SealValues } from './member-stage-writer.js';
import { sealNeededRows } from './member-seal.js';
import { openMemberFile } from './read-member-file.js';
import { openSealer } from './seal-thread.js';

/**
 * `import members`: a roster from the national member information system, all or nothing. The
 * rows are checked on their own while read, staged by COPY, then checked against the database and
 * applied in ONE transaction by set-based statements: any rejected row and nothing is written (the
 * result lists every error); a dry run checks and counts the same way and writes nothing. Members
 * match by the ID number's blind index, so re-running a file changes nothing. docs/import.md, "党员名册".
 */
export type MemberImportResult = {
  importId: string;
  dryRun: boolean;
  /** True when the roster was written (no rejected row, not a dry run). */
  applied: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  merged: number;
  rejected: number;
  /** Organisations the file loads, and those whose roster starts with this import (roster_since set). */
  organisations: number;
  rosterStarted: number;
  errors: RowErrorOut[];
  errorsTruncated: boolean;
};

export type MemberImportDeps = { database: Database; keyring: () => Keyring };
export type MemberImportOptions = {
  dryRun?: boolean;
  fileName?: string;
  /** Where the API keeps the upload, so the error report can be rebuilt later. */
  storedPath?: string | null;
  onProgress?: (p: ImportProgress) => void;
  /** The import date (roster_since, history); today in China by default. */
  today?: string;
};

const MEMBER_IMPORT_LOCK = 7100015;

/** The gate an upload passes before its bytes are received: managing organisations includes their rosters. */
export function assertCanImportMembers(actor: Actor): void {
  requireAction(actor, 'org.manage');
}

export async function importMembers(deps: MemberImportDeps, actor: Actor, file: string, opts: MemberImportOptions = {}): Promise<MemberImportResult> {
  // The organisations one manages: the roster's 所在党支部 must be one of them (read and transaction alike).
  const manage = requireAction(actor, 'org.manage');
  const { database } = deps;
  const keyring = deps.keyring();
  const today = opts.today ?? todayInChina();
  const progress: ImportProgress = { phase: 'reading', bytesRead: 0, totalBytes: fs.statSync(file).size, rows: 0, applied: 0 };
  const opened = await openMemberFile(file, (bytes) => { progress.bytesRead = bytes; });
  const sha256 = fileSha256(file);
  sha256.catch(() => undefined);
  await recoverStaleImports(database.db, STALE_IMPORT_MS);
  const importId = await insertMemberBatch(database.db, {
    fileName: opts.fileName ?? path.basename(file), fileSha256: '', actorId: actor.userId, dryRun: !!opts.dryRun, storedPath: opts.storedPath ?? null,
  });
  const report = async (phase: string) => {
    progress.phase = phase;
    await saveProgress(database.db, importId, progress);
    opts.onProgress?.(progress);
  };
  const trace = startTrace(`members ${importId}`);
  try {
    await stage.createMemberStage(database.db, importId);
    const present = presentColumns(opened.header.headers);
    const plan = { seal: !opts.dryRun, phonePresent: present.phone };
    const stats = await withSealer(keyring, progress.totalBytes ?? 0, (sealValues) => writeMemberStage(
      { database, keyring, sealValues, resolveOrgs: (names) => stage.managedOrgsByName(database.db, names, manage) },
      importId, opened.rows, today, plan, async (s) => {
        progress.rows = s.rows;
        await report('reading');
      }));
    progress.rows = stats.rows;
    trace.step(`read, checked and staged (${stats.rows} rows)`);
    await report('checking');
    await stage.analyseMemberStage(database.db, importId);
    trace.step('stage analysed');
    const digest = await sha256;
    const done = await database.db.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(${MEMBER_IMPORT_LOCK})`.execute(tx);
      await sql`SET LOCAL random_page_cost = 1.1`.execute(tx);
      // The checks group and hash-join the whole stage, and the writes sort it by row: with the
      // default 4 MB each spilled a million rows to disk. For this transaction only.
      await sql`SET LOCAL work_mem = '64MB'`.execute(tx);
      await checkAgainstDatabase(tx, actor, manage, importId, present, trace);
      const counts = await stage.stageCounts(tx, importId);
      const rejected = await countRejectedRows(tx, importId);
      const ctx: apply.ApplyContext = { importId, actorId: actor.userId, today, present };
      const write = rejected === 0 && !opts.dryRun;
      let started: string[] = [];
      let tasks: RefreshForResult | null = null;
      if (write) {
        // Only the caller hears this one: the batch row is not written from outside the transaction
        // (PGlite has one connection, which the transaction holds).
        progress.phase = 'applying';
        opts.onProgress?.(progress);
        const sealed = await sealNeededRows(tx, importId, file, keyring, today);
        trace.step(`sealed (${sealed} rows)`);
        started = await applyStage(tx, ctx, trace);
        // The import's own audit entry is the one of the run; each task's history says what changed.
        tasks = await refreshTasksFor(tx, actor, await apply.touchedSubjects(tx, importId, started), { date: today, trigger: 'member.import', audited: false });
        trace.step(`tasks refreshed (${tasks.subjects} organisations and enterprises)`);
      }
      const errors = await listRowErrors(tx, importId, RESULT_ERROR_LIMIT + 1);
      const result: MemberImportResult = {
        importId, dryRun: !!opts.dryRun, applied: write, rows: stats.rows,
        created: rejected ? 0 : counts.created, updated: rejected ? 0 : counts.updated, unchanged: rejected ? 0 : counts.unchanged,
        merged: 0, rejected, organisations: counts.orgs, rosterStarted: started.length,
        errors: errors.slice(0, RESULT_ERROR_LIMIT), errorsTruncated: errors.length > RESULT_ERROR_LIMIT,
      };
      await finish(tx, actor, result, { fileName: opts.fileName ?? path.basename(file), sha256: digest, wouldCreate: counts.created, wouldUpdate: counts.updated, tasks });
      return result;
    });
    // PGlite runs no autovacuum: a first roster would be planned as empty (src/db/statistics.ts).
    if (done.applied) await analyseStale(database.db);
    return done;
  } catch (err) {
    const e = err instanceof AppError ? err : null;
    await failBatch(database.db, importId, { code: e?.code ?? 'INTERNAL', message: e?.message ?? '导入失败' });
    throw err;
  } finally {
    await dropStage(database.db, importId);
  }
}

/**
 * The reader's sealer (seal-thread.ts: on a worker thread for a large roster), closed whatever
 * happens. Its size is judged by bytes: a roster's row is ≈ 120–200 bytes, counted generously.
 */
async function withSealer<T>(keyring: Keyring, fileBytes: number, run: (seal: SealValues) => Promise<T>): Promise<T> {
  const sealer = openSealer(keyring, { rows: Math.floor(fileBytes / 120) });
  try {
    return await run((values, keyId) => sealer.seal(values, keyId));
  } finally {
    await sealer.close();
  }
}

function presentColumns(headers: readonly string[]): stage.PresentColumns {
  const keys = new Set(planMemberColumns(headers).filter((k): k is MemberColumnKey => k !== null));
  return {
    post: keys.has('post'), employer: keys.has('employer'), joinedOn: keys.has('joinedOn'), confirmedOn: keys.has('confirmedOn'),
    ethnicity: keys.has('ethnicity'), education: keys.has('education'), phone: keys.has('phone'),
  };
}

/** Organisation in the manage scope, repeats, membership elsewhere, 工作单位, then what would change. */
async function checkAgainstDatabase(tx: Executor, actor: Actor, manage: Scope, importId: string, present: stage.PresentColumns, trace: ImportTrace): Promise<void> {
  await stage.resolveOrgs(tx, importId, manage);
  trace.step('organisations');
  await stage.rejectRepeats(tx, importId);
  trace.step('repeats');
  await stage.resolvePeople(tx, importId, scopeFor(actor, 'org.read'));
  trace.step('people');
  await stage.resolveEmployers(tx, importId, scopeFor(actor, 'enterprise.read'));
  trace.step('employers');
  await stage.computeChanges(tx, importId, present);
  trace.step('changes');
}

async function applyStage(tx: Executor, ctx: apply.ApplyContext, trace: ImportTrace): Promise<string[]> {
  await apply.insertPeopleAndMembers(tx, ctx);
  trace.step('applied: new people and members');
  await apply.updatePeople(tx, ctx);
  await apply.updateMembers(tx, ctx);
  trace.step('applied: changed people and members');
  const started = await apply.markRosterSince(tx, ctx);
  trace.step('applied: rosters started');
  return started;
}

async function finish(
  tx: Executor, actor: Actor, r: MemberImportResult,
  f: { fileName: string; sha256: string; wouldCreate: number; wouldUpdate: number; tasks: RefreshForResult | null },
): Promise<void> {
  const outcome = r.rejected ? 'rejected' : r.dryRun ? 'dry_run' : 'completed';
  const { errors: _errors, ...summary } = r;
  await tx.updateTable('import_batch').set({ file_sha256: f.sha256 }).where('id', '=', r.importId).execute();
  await finishMemberBatch(tx, r.importId, outcome, { rows: r.rows, created: r.created, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected }, summary);
  const action = outcome === 'completed' ? 'member.import' : outcome === 'dry_run' ? 'member.import_dry_run' : 'member.import_rejected';
  await recordAudit(tx, actor, {
    action, entity: 'import_batch', entityId: r.importId,
    after: {
      file: f.fileName, sha256: f.sha256, rows: r.rows, created: r.created, updated: r.updated, unchanged: r.unchanged,
      rejected: r.rejected, organisations: r.organisations, rosterStarted: r.rosterStarted,
      ...(outcome === 'completed' ? {} : { wouldCreate: f.wouldCreate, wouldUpdate: f.wouldUpdate }),
      ...(f.tasks ? { opened: f.tasks.opened, closed: f.tasks.closed, reopened: f.tasks.reopened, moved: f.tasks.moved } : {}),
    },
  });
}
