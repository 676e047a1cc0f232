import type { Database } from '../../db/database.js';
import { copyLine } from '../../db/copy.js';
import type { EnterpriseFacts } from '../../domain/enterprise-facts.js';
import { nameInitials } from '../region/initials.js';
import { insertRowErrors, type RowErrorRecord } from './import-batch.repository.js';
import type { ApplyItem } from './import-items.js';
import type { Placer } from './import-placer.js';
import { copyIntoStage } from './import-stage.repository.js';

/**
 * Streams the reader's items into the stage: valid rows are placed (in memory) and COPYed in
 * chunks; rejected rows go straight to import_row_error. Memory stays at one chunk.
 */
export type StageStats = { rows: number; staged: number; readerRejected: number };

export type StageOptions = { chunkSize: number; onChunk?: (stats: StageStats) => Promise<void> };

export async function stageItems(
  database: Database, importId: string, items: AsyncIterable<ApplyItem>, placer: Placer, opts: StageOptions,
): Promise<StageStats> {
  const stats: StageStats = { rows: 0, staged: 0, readerRejected: 0 };
  let lines: string[] = [];
  let errors: RowErrorRecord[] = [];
  const flush = async () => {
    if (lines.length) await copyIntoStage(database, importId, lines);
    if (errors.length) await insertRowErrors(database.db, importId, errors);
    lines = [];
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
      lines.push(stageLine(stats.staged, item.row, item.facts, item.factsHash, placer));
    }
    if (lines.length + errors.length >= opts.chunkSize) await flush();
  }
  await flush();
  return stats;
}

function stageLine(seq: number, row: number, f: EnterpriseFacts, factsHash: string, placer: Placer): string {
  const placed = placer.place({ address: f.address, creditCode: f.creditCode, regionCode: f.regionCode });
  const explicit = f.regionCode !== null && placed.placed && placed.regionCode === f.regionCode;
  return copyLine([
    seq, row, f.creditCode, factsHash, f.name, nameInitials(f.name), f.ownershipType, f.legalRepresentative,
    f.foundedOn, f.operatingStatus, f.address, f.employeeCount, f.registeredCapital, f.industry, f.sizeClass,
    // The ledger stores 规模以上 as a flag: "not stated" reads as "no".
    f.aboveDesignatedSize ?? false, f.memberCount, f.ownerProfile, placed.regionCode,
    placed.placed ? 'placed' : 'pending', explicit, f.parkName, f.associationName,
  ]);
}
