import type { Writable } from 'node:stream';
import { UNION_KIND_LABEL, type Union, type UnionListQuery } from '../../contracts/union.js';
import type { Db } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { ACCESS_LABEL, STATUS_LABEL, yesNo } from '../xlsx/list-labels.js';
import { keysetPages, regionColumns, writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import { toUnion } from './union.mapper.js';
import { listUnions } from './union.repository.js';

export type UnionExportQuery = Omit<UnionListQuery, 'cursor' | 'limit'>;

const COLUMNS: ListColumn<Union>[] = [
  { header: '工会名称', width: 36, cell: (r) => r.name }, { header: '工会代码', width: 16, cell: (r) => r.code ?? '' },
  { header: '类别', width: 20, cell: (r) => UNION_KIND_LABEL[r.kind] }, ...regionColumns<Union>((r) => r.regionCode),
  { header: '成立日期', width: 12, cell: (r) => r.foundedOn ?? '' }, { header: '任期届满日', width: 12, cell: (r) => r.termEndsOn ?? '' },
  { header: '会员人数', width: 10, cell: (r) => r.members }, { header: '女会员', width: 10, cell: (r) => r.femaleMembers },
  { header: '工会委员会', width: 10, cell: (r) => yesNo(r.hasCommittee) }, { header: '女职工委员会', width: 12, cell: (r) => yesNo(r.hasWomenCommittee) },
  { header: '状态', width: 8, cell: (r) => STATUS_LABEL[r.status] ?? '' }, { header: '撤销日期', width: 12, cell: (r) => r.dissolvedOn ?? '' },
  { header: '查看范围', width: 16, cell: (r) => ACCESS_LABEL[r.access] ?? '' },
];

/** 工会 list as XLSX: exactly the rows of `GET /api/unions` for the same filter and scope; audited. */
export function openUnionExport(db: Db, actor: Actor, q: UnionExportQuery): { write(out: Writable): Promise<number> } {
  const scope = requireAction(actor, 'union.read');
  async function* pages(): AsyncGenerator<Union[]> {
    for await (const rows of keysetPages((cursor, limit) => listUnions(db, scope, { ...q, cursor, limit }))) yield rows.map(toUnion);
  }
  return {
    write: (out) => writeListXlsx(db, out, {
      sheet: '工会', columns: COLUMNS, pages: pages(), regionCodes: (r) => [r.regionCode],
      beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, {
        action: 'union.export', entity: 'union', after: { filter: q, rows },
      })),
    }),
  };
}
