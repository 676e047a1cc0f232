import type { Writable } from 'node:stream';
import { INSTRUCTOR_KIND_LABEL, type Instructor, type InstructorListQuery } from '../../contracts/instructor.js';
import type { Db } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { maskPhone } from '../crypto/mask.js';
import { decryptPii } from '../crypto/pii-cipher.js';
import { ACCESS_LABEL, STATUS_LABEL } from '../xlsx/list-labels.js';
import { keysetPages, regionColumns, writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import { listInstructorRows, phonesOfPeople } from './instructor.repository.js';
import { toInstructor } from './instructor.service.js';

export type InstructorExportQuery = Omit<InstructorListQuery, 'cursor' | 'limit'>;
type Row = Instructor & { phone: string };

const COLUMNS: ListColumn<Row>[] = [
  { header: '姓名', width: 12, cell: (r) => r.personName }, { header: '类别', width: 12, cell: (r) => INSTRUCTOR_KIND_LABEL[r.kind] },
  { header: '联系电话', width: 16, cell: (r) => r.phone }, ...regionColumns<Row>((r) => r.regionCode),
  { header: '状态', width: 8, cell: (r) => STATUS_LABEL[r.status] ?? '' }, { header: '查看范围', width: 16, cell: (r) => ACCESS_LABEL[r.access] ?? '' },
];

/**
 * 党建指导员 list as XLSX: exactly the rows of `GET /api/instructors` for the same filter and scope;
 * phone numbers only masked (revealing one is a separate, audited request on the person). The
 * keyring is opened only when a row has a phone, so a server without keys still exports the rest.
 */
export function openInstructorExport(db: Db, actor: Actor, q: InstructorExportQuery, keyring: () => Keyring): { write(out: Writable): Promise<number> } {
  const scope = requireAction(actor, 'instructor.read');
  const masked = (enc: string | null | undefined) => (enc ? maskPhone(decryptPii(keyring(), enc)) : '');
  async function* pages(): AsyncGenerator<Row[]> {
    for await (const rows of keysetPages((cursor, limit) => listInstructorRows(db, scope, { ...q, cursor, limit }))) {
      const phones = await phonesOfPeople(db, [...new Set(rows.map((r) => r.person_id))]);
      yield rows.map((r) => ({ ...toInstructor(r), phone: masked(phones.get(r.person_id)) }));
    }
  }
  return {
    write: (out) => writeListXlsx(db, out, {
      sheet: '党建指导员', columns: COLUMNS, pages: pages(), regionCodes: (r) => [r.regionCode],
      beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, {
        action: 'instructor.export', entity: 'instructor', after: { filter: q, rows },
      })),
    }),
  };
}
