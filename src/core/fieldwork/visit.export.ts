import type { Writable } from 'node:stream';
import type { FieldVisit } from '../../contracts/fieldwork.js';
import type { Db } from '../../db/schema.js';
import { VISIT_CHANNEL_LABEL } from '../../domain/fieldwork.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { keysetPages, regionColumns, writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import { requireFieldInstructor } from './fieldwork.access.js';
import { toFieldVisit } from './fieldwork.mapper.js';
import { visitPage } from './fieldwork.repository.js';

const COLUMNS: ListColumn<FieldVisit>[] = [
  { header: '走访日期', width: 12, cell: (r) => r.visitedOn }, { header: '企业', width: 32, cell: (r) => r.enterpriseName },
  ...regionColumns<FieldVisit>((r) => r.regionCode), { header: '发现情况', width: 36, cell: (r) => r.findingLabels.join('、') },
  { header: '走访记录', width: 48, cell: (r) => r.notes }, { header: '指导员', width: 12, cell: (r) => r.instructorName },
  { header: '登记方式', width: 12, cell: (r) => VISIT_CHANNEL_LABEL[r.channel] },
];

/**
 * 我的走访 as XLSX: exactly the rows of `GET /api/fieldwork/visits`, newest first, audited. The
 * caller is checked before the first byte, so a refusal is a proper 403, not a broken download.
 */
export async function openMyVisitExport(db: Db, actor: Actor): Promise<{ write(out: Writable): Promise<number> }> {
  const who = await requireFieldInstructor(db, actor);
  const w = { instructorIds: who.instructors.map((i) => i.id) };
  async function* pages(): AsyncGenerator<FieldVisit[]> {
    for await (const rows of keysetPages((after, limit) => visitPage(db, w, after, limit))) yield rows.map((r) => toFieldVisit(r));
  }
  return {
    write: (out) => writeListXlsx(db, out, {
      sheet: '我的走访', columns: COLUMNS, pages: pages(), regionCodes: (r) => [r.regionCode],
      beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'fieldwork.visit.export', entity: 'visit_log', after: { rows } })),
    }),
  };
}
