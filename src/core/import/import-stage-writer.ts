import type { Database } from '../../db/database.js';
import { copyLine } from '../../db/copy.js';
import type { EnterpriseFacts } from '../../domain/enterprise-facts.js';
import { enterpriseInitials } from '../enterprise/name-initials.js';
import { insertRowErrors, type RowErrorRecord } from './import-batch.repository.js';
import type { ApplyItem } from './import-items.js';
import type { Placer } from './import-placer.js';
import { copyIntoStage, knownHashes, UNCHANGED_COLUMNS } from './import-stage.repository.js';

/**
 * Streams the reader's items into the stage: valid rows are placed (in memory) and COPYed in
 * chunks; rejected rows go straight to import_row_error. Rows whose facts hash equals the stored
 * one are staged with their key columns only, without placement or initials: they are unchanged
 * and never reach the ledger, so a re-import skips the costly per-row work.
 *
 * Chunks are pipelined: while one chunk is being looked up and COPYed, the reader already parses
 * the next one (at most one chunk in flight, so memory stays at two chunks). On PostgreSQL the
 * server works in parallel with Node; the order of the stage rows is unchanged (seq is assigned
 * when a chunk is cut).
 */
export type StageStats = { rows: number; staged: number; readerRejected: number };

export type StageOptions = { chunkSize: number; onChunk?: (stats: StageStats) => Promise<void> };

type RowItem = Extract<ApplyItem, { kind: 'row' }>;
type Chunk = { firstSeq: number; rows: RowItem[]; errors: RowErrorRecord[]; stats: StageStats };

export async function stageItems(
  database: Database, importId: string, items: AsyncIterable<ApplyItem>, placer: Placer, opts: StageOptions,
): Promise<StageStats> {
  const stats: StageStats = { rows: 0, staged: 0, readerRejected: 0 };
  let rows: RowItem[] = [];
  let errors: RowErrorRecord[] = [];
  let inFlight: Promise<void> = Promise.resolve();
  const cut = async () => {
    const chunk: Chunk = { firstSeq: stats.staged - rows.length + 1, rows, errors, stats: { ...stats } };
    rows = [];
    errors = [];
    // Wait for the previous chunk first: one chunk in flight, and a failure stops the read.
    await inFlight;
    inFlight = writeChunk(database, importId, chunk, placer, opts);
    // Observed later (next cut or the end); this only keeps Node from calling it unhandled meanwhile.
    inFlight.catch(() => undefined);
  };
  try {
    for await (const item of items) {
      stats.rows++;
      if (item.kind === 'rejected') {
        stats.readerRejected++;
        for (const e of item.errors) errors.push({ row: item.row, column: e.column, code: e.code, message: e.message });
      } else {
        stats.staged++;
        rows.push(item);
      }
      if (rows.length + errors.length >= opts.chunkSize) await cut();
    }
    await cut();
  } catch (err) {
    // A failed read must not leave a COPY running while the caller drops the stage.
    await inFlight.catch(() => undefined);
    throw err;
  }
  await inFlight;
  return stats;
}

async function writeChunk(database: Database, importId: string, chunk: Chunk, placer: Placer, opts: StageOptions): Promise<void> {
  if (chunk.rows.length) {
    const known = await knownHashes(database.db, chunk.rows.map((r) => r.facts.creditCode));
    const full: string[] = [];
    const unchanged: string[] = [];
    chunk.rows.forEach((r, i) => {
      const seq = chunk.firstSeq + i;
      if (known.get(r.facts.creditCode) === r.factsHash) unchanged.push(copyLine([seq, r.row, r.facts.creditCode, r.factsHash, true]));
      else full.push(stageLine(seq, r, placer));
    });
    await copyIntoStage(database, importId, full);
    await copyIntoStage(database, importId, unchanged, UNCHANGED_COLUMNS);
  }
  if (chunk.errors.length) await insertRowErrors(database.db, importId, chunk.errors);
  await opts.onChunk?.(chunk.stats);
}

function stageLine(seq: number, item: RowItem, placer: Placer): string {
  const f: EnterpriseFacts = item.facts;
  const placed = placer.place({ address: f.address, creditCode: f.creditCode, regionCode: f.regionCode });
  const explicit = f.regionCode !== null && placed.placed && placed.regionCode === f.regionCode;
  return copyLine([
    seq, item.row, f.creditCode, item.factsHash, f.name, enterpriseInitials(f.name), f.ownershipType,
    f.legalRepresentative, f.foundedOn, f.operatingStatus, f.address, f.employeeCount, f.registeredCapital, f.industry,
    // The ledger stores 规模以上 as a flag: "not stated" reads as "no".
    f.sizeClass, f.aboveDesignatedSize ?? false, f.memberCount, f.ownerProfile, placed.regionCode,
    placed.placed ? 'placed' : 'pending', explicit, f.parkName, f.associationName, false,
  ]);
}
