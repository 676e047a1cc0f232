import type { Writable } from 'node:stream';
import type { PlacementQueueItem, PlacementQueueQuery } from '../../contracts/placement-queue.js';
import type { Db } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import { idsMatching, queuePage, readQueue } from './placement-queue.service.js';

/** The 待认定属地 queue as XLSX: exactly the rows listed (filters, suggested street and scope applied), in the list's order. */
const BASIS = { address: '按住所认定', road: '按道路名推测，请核实' } as const;

const COLUMNS: ListColumn<PlacementQueueItem>[] = [
  { header: '企业名称', width: 36, cell: (r) => r.name },
  { header: '统一社会信用代码', width: 22, cell: (r) => r.creditCode },
  { header: '住所', width: 40, cell: (r) => r.address },
  { header: '当前属地', width: 30, cell: (r, name) => name(r.regionCode) || '未认定' },
  { header: '建议属地', width: 30, cell: (r, name) => (r.suggestion ? name(r.suggestion.regionCode) : '无建议') },
  { header: '建议依据', width: 22, cell: (r) => (r.suggestion ? BASIS[r.suggestion.basis] : '') },
  { header: '未自动认定的原因', width: 50, cell: (r) => r.reason },
];

export function openQueueExport(db: Db, actor: Actor, query: Omit<PlacementQueueQuery, 'cursor' | 'limit'>): { write(out: Writable): Promise<number> } {
  requireAction(actor, 'enterprise.export');
  const scope = requireAction(actor, 'enterprise.read');
  return {
    write: async (out) => {
      const { suggested, sort, order, ...rest } = query;
      const view = await readQueue(db, scope, rest);
      const ids = suggested ? idsMatching(view, suggested) : undefined;
      async function* pages() {
        for (let cursor: string | undefined; ;) {
          const page = await queuePage(db, scope, view, { ...query, sort, order, cursor, limit: 200 }, ids);
          if (page.items.length) yield page.items;
          if (!page.nextCursor) return;
          cursor = page.nextCursor;
        }
      }
      return writeListXlsx(db, out, {
        sheet: '待认定属地', columns: COLUMNS, pages: pages(),
        regionCodes: (r) => [r.regionCode, r.suggestion?.regionCode],
        beforeClose: (rows) => db.transaction().execute((tx) =>
          recordAudit(tx, actor, { action: 'enterprise.export', entity: 'enterprise', after: { filter: { ...rest, region: suggested, placement: 'pending' }, rows } })),
      });
    },
  };
}
