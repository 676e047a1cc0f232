import type { Database } from '../../db/database.js';
import { copyLine } from '../../db/copy.js';
import { validateCreditCode } from '../../domain/credit-code.js';
import { normalizeCode } from '../../domain/normalize.js';
import { checkUmRow } from '../../domain/union-member.js';
import type { Keyring } from '../crypto/keyring.js';
import { insertRowErrors, type RowErrorRecord } from '../import/import-batch.repository.js';
import { checkPersonFacts, toPersonValues } from '../person/person-input.js';
import { copyIntoUmStage } from './union-member-stage.repository.js';
import type { UmFileRow } from './read-union-member-file.js';

/**
 * Checks each roster row on its own (src/domain/union-member.ts), seals and indexes the ID number and
 * phone of the rows that pass (the person module's own functions: the values a new person row will
 * hold), and COPYs them into the stage; the rows' own errors go to import_row_error. A union's roster
 * is at most 20,000 rows (read whole), so the lines go in one COPY.
 */
export async function writeUmStage(database: Database, importId: string, rows: UmFileRow[], keyring: Keyring, today: string): Promise<number> {
  const lines: string[] = [];
  const errors: RowErrorRecord[] = [];
  for (const [i, r] of rows.entries()) {
    const checked = checkUmRow(r.values, today);
    if (!checked.ok) {
      for (const e of checked.errors) errors.push({ row: r.row, ...e });
      continue;
    }
    const f = checked.facts;
    const p = toPersonValues(keyring, checkPersonFacts({ name: f.name, idNumber: f.idNumber, phone: f.phone, gender: f.gender, birthDate: null }));
    const code = f.employer ? normalizeCode(f.employer) : '';
    lines.push(copyLine([
      i + 1, r.row, f.name, p.gender, p.birth_date, p.id_number_index, p.id_number_enc, p.phone_index, p.phone_enc, p.key_id,
      f.joinedOn, f.cardNumber, f.employer, code.length === 18 && validateCreditCode(code).ok ? code : null, f.dispatched, f.dispatchEmployer, f.status,
    ]));
  }
  await insertRowErrors(database.db, importId, errors);
  await copyIntoUmStage(database, importId, lines);
  return new Set(errors.map((e) => e.row)).size;
}
