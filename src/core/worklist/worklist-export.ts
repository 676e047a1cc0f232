import type { Db } from '../../db/schema.js';
import type { WorklistItem, WorklistQuery } from '../../contracts/coverage.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { regionColumns, writeListXlsx, xlsxBuffer, type ListColumn } from '../xlsx/list-xlsx.js';
import { worklistBatches, type WorklistKind } from './worklist.service.js';

export const MAX_WORKLIST_EXPORT_ROWS = 200_000;
export const WORKLIST_TITLE: Record<WorklistKind, string> = { gaps: '空白点清单', alerts: '预警清单', recommendations: '工作建议清单' };
const ENTITY_LABEL = { enterprise: '企业', party_org: '党组织', union: '工会', recruitment_case: '发展党员', party_org_life: '组织生活', party_org_training: '书记培训' } as const;
const SEVERITY_LABEL: Record<string, string> = { info: '提示', warning: '注意', overdue: '逾期' };

// No rule id: people read this file; the filter that produced it is in the audit entry.
const COLUMNS: ListColumn<WorklistItem>[] = [
  { header: '对象类型', width: 10, cell: (x) => ENTITY_LABEL[x.link.entity] }, { header: '对象编号', width: 12, cell: (x) => x.link.id },
  { header: '名称', width: 36, cell: (x) => x.name }, ...regionColumns<WorklistItem>((x) => x.regionCode, ['区划代码', '属地名称']),
  { header: '程度', width: 8, cell: (x) => SEVERITY_LABEL[x.severity] ?? x.severity }, { header: '事项', width: 24, cell: (x) => x.title },
  { header: '情况及建议', width: 50, cell: (x) => x.summary }, { header: '说明', width: 80, cell: (x) => x.message }, { header: '依据', width: 60, cell: (x) => x.source },
];

/** The whole work list (from the filter, without paging) as XLSX; taking a copy is audited. */
export async function exportWorklistXlsx(db: Db, actor: Actor, list: WorklistKind, q: WorklistQuery): Promise<Buffer> {
  const filter = { ...q, cursor: undefined };
  async function* pages(): AsyncGenerator<WorklistItem[]> {
    for await (const b of worklistBatches(db, actor, list, filter)) yield b.items;
  }
  return xlsxBuffer((out) => writeListXlsx(db, out, {
    sheet: WORKLIST_TITLE[list], columns: COLUMNS, pages: pages(), regionCodes: (x) => [x.regionCode], maxRows: MAX_WORKLIST_EXPORT_ROWS,
    beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, {
      action: 'worklist.export', entity: 'worklist', entityId: list, after: { filter, rows },
    })),
  }));
}
