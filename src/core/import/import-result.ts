import type { ImportResult } from '../../contracts/enterprise.js';
import type { Executor } from '../../db/schema.js';
import { listRowErrors } from './import-batch.repository.js';
import { copyStageErrors, stageCounts, statusChangesTo, updatedFactCounts } from './import-stage-summary.repository.js';

export type RunTotals = {
  rows: number;
  readerRejected: number;
  created: number;
  updated: number;
  pending: number;
  parks: string[];
  associations: string[];
  /** Rows the reader skipped by source hash (never staged), and their identical repeats. */
  skippedUnchanged: number;
  skippedMerged: number;
};

/** At most this many row errors travel in a result; the error report (XLSX) holds them all. */
export const RESULT_ERROR_LIMIT = 1000;
const LIST_LIMIT = 1000;

/** The import's summary, read from its stage (which still exists) and its row errors. */
export async function buildResult(tx: Executor, importId: string, dryRun: boolean, t: RunTotals): Promise<ImportResult> {
  await copyStageErrors(tx, importId);
  const counts = await stageCounts(tx, importId);
  const errors = await listRowErrors(tx, importId, RESULT_ERROR_LIMIT + 1);
  return {
    importId,
    dryRun,
    rows: t.rows,
    created: t.created,
    updated: t.updated,
    unchanged: counts.staged - counts.merged - counts.rejected - t.created - t.updated + t.skippedUnchanged,
    merged: counts.merged + t.skippedMerged,
    rejected: t.readerRejected + counts.rejected,
    updatedFacts: await updatedFactCounts(tx, importId),
    deregistered: await statusChangesTo(tx, importId, 'deregistered', LIST_LIMIT),
    revoked: await statusChangesTo(tx, importId, 'revoked', LIST_LIMIT),
    pendingPlacement: t.pending,
    parksCreated: t.parks,
    associationsCreated: t.associations,
    errors: errors.slice(0, RESULT_ERROR_LIMIT),
    errorsTruncated: errors.length > RESULT_ERROR_LIMIT,
  };
}
