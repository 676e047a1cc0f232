import type { Database } from '../../db/database.js';
import { copyLine } from '../../db/copy.js';
import { validateCreditCode } from '../../domain/credit-code.js';
import { parseIdNumber } from '../../domain/id-number.js';
import { checkMemberRow, type MemberRowFacts } from '../../domain/member-row.js';
import { normalizeCode, normalizeText } from '../../domain/normalize.js';
import type { Keyring } from '../crypto/keyring.js';
import { blindIndex, encryptPii } from '../crypto/pii-cipher.js';
import { insertRowErrors, type RowErrorRecord } from '../import/import-batch.repository.js';
import { copyIntoMemberStage, registeredPhones } from './member-stage.repository.js';
import type { MemberFileRow } from './read-member-file.js';

/**
 * Reads the roster's rows, checks each on its own (src/domain/member-row.ts), computes the blind
 * indexes of the ID number and phone, and COPYs the rows into the stage chunk by chunk; row errors
 * go to import_row_error. One chunk is in flight while the next is read, so the database works
 * while Node parses.
 *
 * Sealing (SM4 + MAC per value) is the costliest part of a row, so each chunk's ID numbers are first
 * looked up among the registered people (one query) and only the rows that will need ciphertexts
 * are sealed here: unregistered people, and registered ones whose phone the file changes. A
 * re-import of an unchanged roster seals nothing; a first import seals each row once, without the
 * second read of the file and the stage UPDATE it used to take. Should the roster change between
 * this lookup and the import's transaction, member-seal.ts seals what is still missing there.
 * A dry run seals nothing (it writes nothing).
 */
export type WriteStats = { rows: number; readerRejected: number };
export type SealPlan = { seal: boolean; phonePresent: boolean };

const COPY_CHUNK = 10_000;

function employerCode(employer: string | null): string | null {
  if (!employer) return null;
  const code = normalizeCode(employer);
  return code.length === 18 && validateCreditCode(code).ok ? code : null;
}

type Good = { seq: number; row: number; f: MemberRowFacts; idIndex: string; phoneIndex: string | null };

function goodLine(g: Good, sealed: { idEnc: string; phoneEnc: string | null; keyId: string } | null): string {
  const f = g.f;
  return copyLine([
    g.seq, g.row, f.name, f.gender, f.birthDate, f.ethnicity, f.education, f.category, f.joinedOn, f.confirmedOn,
    f.orgName, f.post, f.employer, employerCode(f.employer), g.idIndex, sealed?.idEnc ?? null, g.phoneIndex,
    sealed?.phoneEnc ?? null, sealed?.keyId ?? null, false,
  ]);
}

/** The chunk's good rows as COPY lines, sealed where the roster will need the values (see above). */
async function goodLines(database: Database, goods: Good[], keyring: Keyring, plan: SealPlan): Promise<string[]> {
  const registered = plan.seal ? await registeredPhones(database.db, goods.map((g) => g.idIndex)) : new Map<string, string | null>();
  const keyId = keyring.current;
  return goods.map((g) => {
    const known = registered.get(g.idIndex);
    const needed = plan.seal && (known === undefined || (plan.phonePresent && known !== g.phoneIndex));
    return goodLine(g, needed
      ? { idEnc: encryptPii(keyring, g.f.idNumber, keyId), phoneEnc: g.f.phone ? encryptPii(keyring, g.f.phone, keyId) : null, keyId }
      : null);
  });
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
  plan: SealPlan, onChunk?: (stats: WriteStats) => Promise<void>,
): Promise<WriteStats> {
  const stats: WriteStats = { rows: 0, readerRejected: 0 };
  let goods: Good[] = [];
  let bads: string[] = [];
  let errors: RowErrorRecord[] = [];
  let inFlight: Promise<void> = Promise.resolve();
  const cut = async () => {
    const chunk = { goods, bads, errors, stats: { ...stats } };
    goods = [];
    bads = [];
    errors = [];
    await inFlight;
    const lines = (await goodLines(database, chunk.goods, keyring, plan)).concat(chunk.bads);
    inFlight = (async () => {
      await copyIntoMemberStage(database, importId, lines);
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
        const f = checked.facts;
        goods.push({ seq, row: r.row, f, idIndex: blindIndex(keyring, 'id_number', f.idNumber), phoneIndex: f.phone ? blindIndex(keyring, 'phone', f.phone) : null });
      } else {
        stats.readerRejected++;
        for (const e of checked.errors) errors.push({ row: r.row, column: e.column, code: e.code, message: e.message });
        const line = badLine(seq, r, keyring);
        if (line) bads.push(line);
      }
      if (goods.length + bads.length >= COPY_CHUNK) await cut();
    }
  }
  await cut();
  await inFlight;
  return stats;
}
