import type { Database } from '../../db/database.js';
import { copyLine } from '../../db/copy.js';
import type { EnterpriseFacts } from '../../domain/enterprise-facts.js';
import { enterpriseInitials } from '../enterprise/name-initials.js';
import { insertRowErrors, type RowErrorRecord } from './import-batch.repository.js';
import type { ApplyItem } from './import-items.js';
import type { KnownRows } from './known-rows.js';
import type { Placer } from './import-placer.js';
import { rowHashFromBytes, rowHashHex, type RowHash } from './row-hash.js';
import type { Scope } from '../access/scope.js';
import { copyIntoStage, knownHashes, UNCHANGED_COLUMNS } from './import-stage.repository.js';

/**
 * Streams the reader's items into the stage: valid rows are placed (in memory) and COPYed in
 * chunks; rejected rows go straight to import_row_error. Rows the reader skipped (their source
 * hash is the ledger's) are only counted. Rows whose facts hash equals the stored one are staged
 * with their key columns only, without placement or initials: they never reach the ledger.
 *
 * Chunks are pipelined: while one chunk is being looked up and COPYed, the reader already parses
 * the next one (at most one chunk in flight, so memory stays at two chunks). On PostgreSQL the
 * server works in parallel with Node; the order of the stage rows is unchanged (seq is assigned
 * when a chunk is cut).
 */
export type StageStats = { rows: number; staged: number; readerRejected: number; skipped: number };

/** `scope`: the importer's, so only enterprises they may see count as known (unchanged) rows. */
export type StageOptions = { chunkSize: number; scope: Scope; onChunk?: (stats: StageStats) => Promise<void> };

type RowItem = Extract<ApplyItem, { kind: 'row' }>;

const SKIPPED_PER_PROGRESS = 100_000;
type Chunk = { firstSeq: number; rows: RowItem[]; errors: RowErrorRecord[]; stats: StageStats };

/**
 * A staged row of an enterprise whose previous line may also be in the file: if the reader skipped
 * that line, the file repeats the credit code, and the skipped line joins the stage so the usual
 * repeat rules (merge identical facts, reject conflicts naming both rows) decide.
 */
type RepeatCandidate = { creditCode: string; previous: RowHash; storedFactsHash: string };

export type StageResult = StageStats & { repeats: RepeatCandidate[] };

export async function stageItems(
  database: Database, importId: string, items: AsyncIterable<ApplyItem>, placer: Placer, opts: StageOptions,
): Promise<StageResult> {
  const stats: StageStats = { rows: 0, staged: 0, readerRejected: 0, skipped: 0 };
  const repeats: RepeatCandidate[] = [];
  let rows: RowItem[] = [];
  let errors: RowErrorRecord[] = [];
  let skippedSinceCut = 0;
  let inFlight: Promise<void> = Promise.resolve();
  // Skipped rows cost nothing to write: every so many, only the progress is saved (in order, after
  // the chunk in flight), and the reader goes on without waiting.
  const progressOnly = () => {
    const snapshot = { ...stats };
    skippedSinceCut = 0;
    inFlight = inFlight.then(() => opts.onChunk?.(snapshot));
    inFlight.catch(() => undefined);
  };
  const cut = async () => {
    const chunk: Chunk = { firstSeq: stats.staged - rows.length + 1, rows, errors, stats: { ...stats } };
    skippedSinceCut = 0;
    rows = [];
    errors = [];
    // Wait for the previous chunk first: one chunk in flight, and a failure stops the read.
    await inFlight;
    inFlight = writeChunk(database, importId, chunk, placer, repeats, opts);
    // Observed later (next cut or the end); this only keeps Node from calling it unhandled meanwhile.
    inFlight.catch(() => undefined);
  };
  try {
    for await (const item of items) {
      if (item.kind === 'skipped') {
        stats.rows += item.rows;
        stats.skipped += item.rows;
        skippedSinceCut += item.rows;
      } else if (item.kind === 'rejected') {
        stats.rows++;
        stats.readerRejected++;
        for (const e of item.errors) errors.push({ row: item.row, column: e.column, code: e.code, message: e.message });
      } else {
        stats.rows++;
        stats.staged++;
        // Only what the stage needs: a reader's item also carries the raw cells, which would
        // otherwise stay in memory for two chunks.
        rows.push({ kind: 'row', row: item.row, facts: item.facts, factsHash: item.factsHash, sourceHash: item.sourceHash });
      }
      if (rows.length + errors.length >= opts.chunkSize) await cut();
      else if (skippedSinceCut >= SKIPPED_PER_PROGRESS) progressOnly();
    }
    await cut();
  } catch (err) {
    // A failed read must not leave a COPY running while the caller drops the stage.
    await inFlight.catch(() => undefined);
    throw err;
  }
  await inFlight;
  return { ...stats, repeats };
}

const hashHex = (h: RowHash | undefined): string | null => (h ? `\\x${rowHashHex(h)}` : null);

async function writeChunk(
  database: Database, importId: string, chunk: Chunk, placer: Placer, repeats: RepeatCandidate[], opts: StageOptions,
): Promise<void> {
  if (chunk.rows.length) {
    const known = await knownHashes(database.db, chunk.rows.map((r) => r.facts.creditCode), opts.scope);
    const full: string[] = [];
    const unchanged: string[] = [];
    await placer.prepare(chunk.rows.map((r) => ({ address: r.facts.address, creditCode: r.facts.creditCode, regionCode: r.facts.regionCode })));
    chunk.rows.forEach((r, i) => {
      const seq = chunk.firstSeq + i;
      const stored = known.get(r.facts.creditCode);
      if (stored?.sourceHash?.length === 8) {
        repeats.push({ creditCode: r.facts.creditCode, previous: rowHashFromBytes(stored.sourceHash, 0), storedFactsHash: stored.factsHash });
      }
      if (stored?.factsHash === r.factsHash) unchanged.push(copyLine([seq, r.row, r.facts.creditCode, r.factsHash, true, hashHex(r.sourceHash)]));
      else full.push(stageLine(seq, r, placer));
    });
    await copyIntoStage(database, importId, full);
    await copyIntoStage(database, importId, unchanged, UNCHANGED_COLUMNS);
  }
  if (chunk.errors.length) await insertRowErrors(database.db, importId, chunk.errors);
  await opts.onChunk?.(chunk.stats);
}

/**
 * After the read: every skipped line whose credit code was also staged joins the stage (key
 * columns, the stored facts hash) so markDuplicates sees the repeat. Returns how many joined.
 */
export async function stageSkippedRepeats(
  database: Database, importId: string, staged: StageResult, known: KnownRows,
): Promise<number> {
  const lines: string[] = [];
  const joined = new Set<string>();
  for (const c of staged.repeats) {
    const seen = known.seen(c.previous);
    if (seen.count === 0 || joined.has(c.creditCode)) continue;
    joined.add(c.creditCode);
    const seq = staged.staged + lines.length + 1;
    lines.push(copyLine([seq, seen.row, c.creditCode, c.storedFactsHash, true, hashHex(c.previous)]));
  }
  await copyIntoStage(database, importId, lines, UNCHANGED_COLUMNS);
  return lines.length;
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
    placed.placed ? 'placed' : 'pending', explicit, f.parkName, f.associationName, false, hashHex(item.sourceHash),
  ]);
}
