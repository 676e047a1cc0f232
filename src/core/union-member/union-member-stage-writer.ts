import type { Database } from '../../db/database.js';
import { copyLine } from '../../db/copy.js';
import { validateCreditCode } from '../../domain/credit-code.js';
import { normalizeCode } from '../../domain/normalize.js';
import { checkUmRow, type UmRowFacts } from '../../domain/union-member.js';
import type { Keyring } from '../crypto/keyring.js';
import { insertRowErrors, type RowErrorRecord } from '../import/import-batch.repository.js';
import { checkPersonFacts, toPersonValues, type PersonFacts } from '../person/person-input.js';
import { blindIndex } from '../crypto/pii-cipher.js';
import { copyIntoUmStage, registeredIndexes } from './union-member-stage.repository.js';
import type { UmFileRow } from './read-union-member-file.js';

/**
 * Checks each roster row on its own (src/domain/union-member.ts), indexes the ID number and seals
 * the ID number and phone of the rows whose person is not registered yet (the person module's own
 * functions: the values a new person row will hold; sealing every row made a re-import slower than
 * the row-by-row writer), and COPYs them into the stage; the rows' own errors go to import_row_error.
 * A union's roster is at most 20,000 rows (read whole), so the lines go in one COPY.
 */
export async function writeUmStage(database: Database, importId: string, rows: UmFileRow[], keyring: Keyring, today: string): Promise<number> {
  const errors: RowErrorRecord[] = [];
  const good: Array<{ seq: number; row: number; f: UmRowFacts; p: PersonFacts; index: string }> = [];
  for (const [i, r] of rows.entries()) {
    const checked = checkUmRow(r.values, today);
    if (!checked.ok) {
      for (const e of checked.errors) errors.push({ row: r.row, ...e });
      continue;
    }
    const f = checked.facts;
    const p = checkPersonFacts({ name: f.name, idNumber: f.idNumber, phone: f.phone, gender: f.gender, birthDate: null });
    good.push({ seq: i + 1, row: r.row, f, p, index: blindIndex(keyring, 'id_number', p.idNumber!) });
  }
  const known = await registeredIndexes(database.db, good.map((g) => g.index));
  const lines = good.map(({ seq, row, f, p, index }) => {
    const sealed = known.has(index) ? null : toPersonValues(keyring, p);
    const code = f.employer ? normalizeCode(f.employer) : '';
    return copyLine([
      seq, row, f.name, p.gender, p.birthDate, index, sealed?.id_number_enc, sealed?.phone_index, sealed?.phone_enc, sealed?.key_id,
      f.joinedOn, f.cardNumber, f.employer, code.length === 18 && validateCreditCode(code).ok ? code : null, f.dispatched, f.dispatchEmployer, f.status,
    ]);
  });
  await insertRowErrors(database.db, importId, errors);
  await copyIntoUmStage(database, importId, lines);
  return new Set(errors.map((e) => e.row)).size;
}
