import type { Keyring } from '../../src/core/crypto/keyring.js';
import { blindIndex, encryptPii } from '../../src/core/crypto/pii-cipher.js';
import { openMemberFile } from '../../src/core/member-import/read-member-file.js';
import { checkMemberRow } from '../../src/domain/member-row.js';

/**
 * The Node floor of the roster import (docs/benchmarks.md, "Node floor"): the per-row work the
 * product's rules require of any importer, done by the import's own code with no database at all.
 * The file is read by the import's reader (`openMemberFile`: detection, header, the CSV/XLSX
 * stream), every row checked (`checkMemberRow`), the ID number's and phone's blind indexes computed
 * (HMAC-SM3: the person is found and a changed phone told by them) and, for a first import, the ID
 * number and phone sealed (SM4 + MAC, `encryptPii`). Nothing is kept, staged or encoded for COPY,
 * so no importer doing that work on one core can take less time: raw COPY ÷ this is the best ratio
 * reachable. `work: 'read'` times the reader alone, to show how the floor splits.
 */
export type NodeFloorWork = 'read' | 'index' | 'seal';

export async function nodeFloorSeconds(file: string, keyring: Keyring, today: string, work: NodeFloorWork): Promise<{ seconds: number; rows: number }> {
  const t0 = performance.now();
  const opened = await openMemberFile(file);
  const keyId = keyring.current;
  let rows = 0;
  // Every result's length is summed and checked, so no call can be optimised away.
  let sink = 0;
  for await (const batch of opened.rows) {
    for (const r of batch) {
      rows++;
      if (work === 'read') {
        sink += r.raw.length;
        continue;
      }
      const checked = checkMemberRow(r.values, today);
      if (!checked.ok) throw new Error(`第${r.row}行未通过检查：${checked.errors.map((e) => e.message).join('；')}（基准名册应无错误行）`);
      const f = checked.facts;
      sink += blindIndex(keyring, 'id_number', f.idNumber).length;
      if (f.phone) sink += blindIndex(keyring, 'phone', f.phone).length;
      if (work === 'seal') {
        sink += encryptPii(keyring, f.idNumber, keyId).length;
        if (f.phone) sink += encryptPii(keyring, f.phone, keyId).length;
      }
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  if (sink <= 0) throw new Error('Node 下限未处理任何行');
  return { seconds, rows };
}
