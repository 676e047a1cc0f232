import type { Database } from '../../db/database.js';
import { copyLine } from '../../db/copy.js';
import type { EnterpriseFacts } from '../../domain/enterprise-facts.js';
import { enterpriseInitials } from '../enterprise/name-initials.js';
import { insertRowErrors, type RowErrorRecord } from './import-batch.repository.js';
import type { ApplyItem } from './import-items.js';
import type { Placer } from './import-placer.js';
import { copyIntoStage, knownHashes } from './import-stage.repository.js';

/**
 * Streams the reader's items into the stage: valid rows are placed (in memory) and COPYed in
 * chunks; rejected rows go straight to import_row_error. Memory stays at one chunk. Rows whose
 * facts hash equals the stored one are staged without placement or initials: they are unchanged
 * and never reach the ledger, so a re-import skips the costly per-row work.
 */
export type StageStats = { rows: number; staged: number; readerRejected: number };

export type StageOptions = { chunkSize: number; onChunk?: (stats: StageStats) => Promise<void> };

type RowItem = Extract<ApplyItem, { kind: 'row' }>;

export async function stageItems(
  database: Database, importId: string, items: AsyncIterable<ApplyItem>, placer: Placer, opts: StageOptions,
): Promise<StageStats> {
  const stats: StageStats = { rows: 0, staged: 0, readerRejected: 0 };
  let rows: RowItem[] = [];
  let errors: RowErrorRecord[] = [];
  const flush = async () => {
    if (rows.length) {
      const known = await knownHashes(database.db, rows.map((r) => r.facts.creditCode));
      const lines = rows.map((r, i) => stageLine(stats.staged - rows.length + i + 1, r, known.get(r.facts.creditCode) === r.factsHash, placer));
      await copyIntoStage(database, importId, lines);
    }
    if (errors.length) await insertRowErrors(database.db, importId, errors);
    rows = [];
    errors = [];
    await opts.onChunk?.(stats);
  };
  for await (const item of items) {
    stats.rows++;
    if (item.kind === 'rejected') {
      stats.readerRejected++;
      for (const e of item.errors) errors.push({ row: item.row, column: e.column, code: e.code, message: e.message });
    } else {
      stats.staged++;
      rows.push(item);
    }
    if (rows.length + errors.length >= opts.chunkSize) await flush();
  }
  await flush();
  return stats;
}

function stageLine(seq: number, item: RowItem, sameHash: boolean, placer: Placer): string {
  const f: EnterpriseFacts = item.facts;
  const placed = sameHash
    ? { regionCode: null, placed: false }
    : placer.place({ address: f.address, creditCode: f.creditCode, regionCode: f.regionCode });
  const explicit = f.regionCode !== null && placed.placed && placed.regionCode === f.regionCode;
  return copyLine([
    seq, item.row, f.creditCode, item.factsHash, f.name, sameHash ? '' : enterpriseInitials(f.name), f.ownershipType,
    f.legalRepresentative, f.foundedOn, f.operatingStatus, f.address, f.employeeCount, f.registeredCapital, f.industry,
    // The ledger stores 规模以上 as a flag: "not stated" reads as "no".
    f.sizeClass, f.aboveDesignatedSize ?? false, f.memberCount, f.ownerProfile, placed.regionCode,
    placed.placed ? 'placed' : 'pending', explicit, f.parkName, f.associationName, sameHash,
  ]);
}
