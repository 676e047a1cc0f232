import type { Database } from '../../db/database.js';
import { copyLine } from '../../db/copy.js';
import { validateCreditCode } from '../../domain/credit-code.js';
import { parseIdNumber } from '../../domain/id-number.js';
import { checkMemberRow, type MemberRowFacts } from '../../domain/member-row.js';
import { normalizeCode, normalizeText } from '../../domain/normalize.js';
import type { Keyring } from '../crypto/keyring.js';
import { blindIndex } from '../crypto/pii-cipher.js';
import { insertRowErrors, type RowErrorRecord } from '../import/import-batch.repository.js';
import { copyIntoMemberStage } from './member-stage.repository.js';
import type { MemberFileRow } from './read-member-file.js';

/**
 * Reads the roster's rows, checks each on its own (src/domain/member-row.ts), computes the blind
 * indexes of the ID number and phone (the values themselves are sealed later, only where needed:
 * member-seal.ts), and COPYs the rows into the stage chunk by chunk; row errors go to import_row_error.
 * One chunk is in flight while the next is read, so the database works while Node parses.
 */
export type WriteStats = { rows: number; readerRejected: number };

const COPY_CHUNK = 10_000;

function employerCode(employer: string | null): string | null {
  if (!employer) return null;
  const code = normalizeCode(employer);
  return code.length === 18 && validateCreditCode(code).ok ? code : null;
}

function goodLine(seq: number, row: number, f: MemberRowFacts, keyring: Keyring): string {
  return copyLine([
    seq, row, f.name, f.gender, f.birthDate, f.ethnicity, f.education, f.category, f.joinedOn, f.confirmedOn,
    f.orgName, f.post, f.employer, employerCode(f.employer), blindIndex(keyring, 'id_number', f.idNumber),
    null, f.phone ? blindIndex(keyring, 'phone', f.phone) : null, null, null, false,
  ]);
}

/** A rejected row whose ID number is valid is staged by its index alone, so its repeats are found. */
function badLine(seq: number, r: MemberFileRow, keyring: Keyring): string | null {
  const id = parseIdNumber(r.values.idNumber ?? '');
  if (!id.ok) return null;
  const org = normalizeText(r.values.orgName ?? '') || null;
  return copyLine([seq, r.row, null, null, null, null, null, null, null, null, org, null, null, null,
    blindIndex(keyring, 'id_number', id.value), null, null, null, null, true]);
}

export async function writeMemberStage(
  database: Database, importId: string, rows: AsyncIterable<MemberFileRow[]>, keyring: Keyring, today: string,
  onChunk?: (stats: WriteStats) => Promise<void>,
): Promise<WriteStats> {
  const stats: WriteStats = { rows: 0, readerRejected: 0 };
  let lines: string[] = [];
  let errors: RowErrorRecord[] = [];
  let inFlight: Promise<void> = Promise.resolve();
  const cut = async () => {
    const chunk = { lines, errors, stats: { ...stats } };
    lines = [];
    errors = [];
    await inFlight;
    inFlight = (async () => {
      await copyIntoMemberStage(database, importId, chunk.lines);
      await insertRowErrors(database.db, importId, chunk.errors);
      await onChunk?.(chunk.stats);
    })();
    inFlight.catch(() => undefined);
  };
  for await (const batch of rows) {
    for (const r of batch) {
      const seq = ++stats.rows;
      const checked = checkMemberRow(r.values, today);
      if (checked.ok) {
        lines.push(goodLine(seq, r.row, checked.facts, keyring));
      } else {
        stats.readerRejected++;
        for (const e of checked.errors) errors.push({ row: r.row, column: e.column, code: e.code, message: e.message });
        const line = badLine(seq, r, keyring);
        if (line) lines.push(line);
      }
      if (lines.length >= COPY_CHUNK) await cut();
    }
  }
  await cut();
  await inFlight;
  return stats;
}

