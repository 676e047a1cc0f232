import type { Executor } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { checkMemberRow } from '../../domain/member-row.js';
import type { Keyring } from '../crypto/keyring.js';
import { blindIndex, encryptPii } from '../crypto/pii-cipher.js';
import { rowsToSeal, storeSealed, type SealedBatch } from './member-apply.repository.js';
import { stageSeqIndex } from './member-stage.repository.js';
import { openMemberFile } from './read-member-file.js';

/**
 * The reader seals the rows its per-chunk lookup says will need it (member-stage-writer.ts); this
 * seals, once the checks know for sure, the rows still without ciphertexts — new people and changed
 * phones that appeared between that lookup and the transaction (normally none: then the file is
 * not read again). The rows are read again from the file (same order, so stage seq = row order)
 * and stored in batches, each one statement; a row whose ID number no longer has its staged index
 * means the file changed under the import: FILE_CHANGED, nothing applied.
 */
const BATCH = 10_000;

export async function sealNeededRows(tx: Executor, importId: string, file: string, keyring: Keyring, today: string): Promise<number> {
  const needed = await rowsToSeal(tx, importId);
  if (!needed.length) return 0;
  await stageSeqIndex(tx, importId);
  const opened = await openMemberFile(file);
  let seq = 0;
  let next = 0;
  let stored = 0;
  let batch: SealedBatch = { seq: [], idIndex: [], idEnc: [], phoneEnc: [] };
  const flush = async () => {
    if (batch.seq.length) stored += await storeSealed(tx, importId, keyring.current, batch);
    batch = { seq: [], idIndex: [], idEnc: [], phoneEnc: [] };
  };
  for await (const rows of opened.rows) {
    for (const r of rows) {
      seq++;
      if (next >= needed.length || needed[next] !== seq) continue;
      next++;
      const checked = checkMemberRow(r.values, today);
      if (!checked.ok) throw fileChanged();
      const f = checked.facts;
      batch.seq.push(seq);
      batch.idIndex.push(blindIndex(keyring, 'id_number', f.idNumber));
      batch.idEnc.push(encryptPii(keyring, f.idNumber));
      batch.phoneEnc.push(f.phone ? encryptPii(keyring, f.phone) : null);
      if (batch.seq.length >= BATCH) await flush();
    }
    if (next >= needed.length) {
      await opened.rows.return(undefined);
      break;
    }
  }
  await flush();
  if (stored !== needed.length) throw fileChanged();
  return stored;
}

const fileChanged = () => new AppError('FILE_CHANGED', '导入过程中文件被修改，请重新导入');
