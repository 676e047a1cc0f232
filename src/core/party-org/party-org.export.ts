import type { Writable } from 'node:stream';
import { ORG_TYPE_LABEL, SETUP_MODE_LABEL, type PartyOrg, type PartyOrgListQuery } from '../../contracts/party-org.js';
import type { Db } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { ACCESS_LABEL, STATUS_LABEL, yesNo } from '../xlsx/list-labels.js';
import { keysetPages, regionColumns, writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import { toPartyOrg } from './party-org.mapper.js';
import { findNames, listOrgs } from './party-org.repository.js';

export type PartyOrgExportQuery = Omit<PartyOrgListQuery, 'cursor' | 'limit'>;
type Row = PartyOrg & { parentName: string };

const COLUMNS: ListColumn<Row>[] = [
  { header: '党组织名称', width: 36, cell: (r) => r.name }, { header: '组织代码', width: 16, cell: (r) => r.code ?? '' },
  { header: '组织类别', width: 10, cell: (r) => ORG_TYPE_LABEL[r.orgType] }, { header: '组建方式', width: 10, cell: (r) => SETUP_MODE_LABEL[r.setupMode] },
  { header: '临时党组织', width: 10, cell: (r) => yesNo(r.temporary) }, { header: '上级党组织', width: 30, cell: (r) => r.parentName },
  ...regionColumns<Row>((r) => r.regionCode), { header: '成立日期', width: 12, cell: (r) => r.foundedOn ?? '' },
  { header: '任期（年）', width: 10, cell: (r) => r.termYears }, { header: '任期届满日', width: 12, cell: (r) => r.termEndsOn ?? '' },
  { header: '正式党员', width: 10, cell: (r) => r.fullMembers }, { header: '预备党员', width: 10, cell: (r) => r.probationaryMembers },
  { header: '状态', width: 8, cell: (r) => STATUS_LABEL[r.status] ?? '' }, { header: '撤销日期', width: 12, cell: (r) => r.dissolvedOn ?? '' },
  { header: '查看范围', width: 16, cell: (r) => ACCESS_LABEL[r.access] ?? '' },
];

/**
 * 党组织 list as XLSX: exactly the rows of `GET /api/party-orgs` for the same filter and scope
 * (read through the list's own query, every page), in its order. The right is checked now, so a
 * refusal is an ordinary JSON error before any byte is sent; taking a copy is audited.
 */
export function openOrgExport(db: Db, actor: Actor, q: PartyOrgExportQuery): { write(out: Writable): Promise<number> } {
  const scope = requireAction(actor, 'org.read');
  async function* pages(): AsyncGenerator<Row[]> {
    for await (const rows of keysetPages((cursor, limit) => listOrgs(db, scope, { ...q, cursor, limit }))) {
      const orgs = rows.map(toPartyOrg);
      const names = await findNames(db, [...new Set(orgs.flatMap((o) => (o.parentId ? [o.parentId] : [])))]);
      yield orgs.map((o) => ({ ...o, parentName: o.parentId ? names.get(o.parentId) ?? '' : '' }));
    }
  }
  return {
    write: (out) => writeListXlsx(db, out, {
      sheet: '党组织', columns: COLUMNS, pages: pages(), regionCodes: (r) => [r.regionCode],
      beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, {
        action: 'party_org.export', entity: 'party_org', after: { filter: q, rows },
      })),
    }),
  };
}
