import type { Writable } from 'node:stream';
import type { DispatchedExportQuery, DispatchedPage, DispatchedQuery, DispatchedRow } from '../../contracts/union-dispatched.js';
import type { Db } from '../../db/schema.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { regionColumns, writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import { dispatchedPage, dispatchedSums, type DispatchedDbRow } from './dispatched.repository.js';

/**
 * The rows behind 劳务派遣工入会占比 (dashboard and bulletin): unions keeping a roster, each with its
 * active members and dispatched members; the union's name opens its page (the 会员 card filters 劳务派遣).
 * A union seen through a link is counted, as the bulletin counts it: the pair is about the area's unions.
 */
const toRow = (r: DispatchedDbRow): DispatchedRow => ({
  unionId: r.union_id, unionName: r.union_name, regionCode: r.region_code, streetName: r.street_name, members: r.members, dispatched: r.dispatched,
});

export async function listDispatched(db: Db, actor: Actor, q: DispatchedQuery): Promise<DispatchedPage> {
  const scope = requireAction(actor, 'union.read');
  const [rows, sums] = await Promise.all([dispatchedPage(db, scope, q, q.offset, q.limit), dispatchedSums(db, scope, q)]);
  return { items: rows.map(toRow), total: sums.unions, sums: { members: sums.members, dispatched: sums.dispatched }, asOf: today() };
}

const COLUMNS: ListColumn<DispatchedRow>[] = [
  { header: '工会', width: 32, cell: (r) => r.unionName }, ...regionColumns<DispatchedRow>((r) => r.regionCode),
  { header: '在会会员（实名）', width: 14, cell: (r) => r.members }, { header: '其中劳务派遣工', width: 14, cell: (r) => r.dispatched },
  { header: '占比（%）', width: 10, cell: (r) => (r.members ? (Math.round((r.dispatched / r.members) * 1000) / 10).toFixed(1) : '') },
];

/** Exactly the list's rows for the same filter, all pages; audited `union_member.dispatched.export`. */
export async function openDispatchedExport(db: Db, actor: Actor, q: DispatchedExportQuery): Promise<{ write(out: Writable): Promise<number> }> {
  const scope = requireAction(actor, 'union.read');
  async function* pages(): AsyncGenerator<DispatchedRow[]> {
    for (let offset = 0; ; offset += 500) {
      const rows = await dispatchedPage(db, scope, q, offset, 500);
      if (rows.length) yield rows.map(toRow);
      if (rows.length < 500) return;
    }
  }
  return {
    write: (out) => writeListXlsx(db, out, {
      sheet: '劳务派遣工入会', columns: COLUMNS, pages: pages(), regionCodes: (r) => [r.regionCode],
      beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'union_member.dispatched.export', entity: 'union_member', after: { filter: q, rows } })),
    }),
  };
}
