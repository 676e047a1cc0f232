import type { Writable } from 'node:stream';
import type { TalentListFilter, TalentSummary } from '../../contracts/reserve-pool.js';
import type { Db } from '../../db/schema.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { AVAILABILITY_LABELS, PLACEMENT_POSITION_LABELS, TALENT_STATUS_LABELS } from '../../domain/support.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { ACCESS_LABEL } from '../xlsx/list-labels.js';
import { writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import { toTalentSummary } from './pool.mapper.js';
import * as repo from './pool.repository.js';

/** The pool list as XLSX — exactly its rows; audited with the filter and the row count. */
const COLUMNS: ListColumn<TalentSummary>[] = [
  { header: '姓名', width: 10, cell: (r) => r.name }, { header: '特长', width: 36, cell: (r) => r.skills },
  { header: '可任职情况', width: 12, cell: (r) => AVAILABILITY_LABELS[r.availability] }, { header: '状态', width: 10, cell: (r) => TALENT_STATUS_LABELS[r.status] },
  { header: '推荐人（单位）', width: 20, cell: (r) => r.recommender }, { header: '推荐日期', width: 12, cell: (r) => r.recommendedOn },
  { header: '入库区划', width: 16, cell: (r) => r.regionName ?? '' }, { header: '推荐党组织', width: 28, cell: (r) => r.orgName ?? '' },
  { header: '最近使用', width: 36, cell: (r) => (r.lastPlacement ? `${r.lastPlacement.placedOn} ${r.lastPlacement.orgName}${PLACEMENT_POSITION_LABELS[r.lastPlacement.position]}` : '') },
  { header: '查看范围', width: 16, cell: (r) => ACCESS_LABEL[r.access] ?? '' },
];

export function openTalentExport(db: Db, actor: Actor, filter: TalentListFilter): { title: string; write(out: Writable): Promise<number> } {
  const scope = requireAction(actor, 'org.read');
  async function* pages(): AsyncGenerator<TalentSummary[]> {
    const rows = await repo.listTalents(db, scope, filter);
    const placements = await repo.placementsOf(db, rows.map((r) => r.id));
    yield rows.map((r) => toTalentSummary(r, placements));
  }
  return {
    title: `党务工作后备人才库-${today()}`,
    write: (out) => writeListXlsx(db, out, {
      sheet: '后备人才', columns: COLUMNS, pages: pages(),
      beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'reserve_talent.export', entity: 'reserve_talent', after: { filter, rows } })),
    }),
  };
}
