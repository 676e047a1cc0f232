import type { ApprovalFilter, ApprovalSummary } from '../../contracts/approval.js';
import { APPROVAL_VIEW_LABEL } from '../../contracts/approval.js';
import type { Db } from '../../db/schema.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { writeListXlsx, xlsxBuffer, type ListColumn } from '../xlsx/list-xlsx.js';
import { approvalPage } from './approval.query.js';

export const MAX_APPROVAL_EXPORT_ROWS = 200_000;

const at = (iso: string | null) => (iso ? iso.slice(0, 10) : '');
const COLUMNS: ListColumn<ApprovalSummary>[] = [
  { header: '审批编号', width: 10, cell: (x) => x.id }, { header: '事项', width: 16, cell: (x) => `${x.kindLabel}${x.mode}` },
  { header: '对象', width: 30, cell: (x) => x.subjectLabel }, { header: '所在党组织', width: 28, cell: (x) => x.orgName },
  { header: '审批流程', width: 30, cell: (x) => x.levels.map((l) => l.label).join(' → ') }, { header: '状态', width: 8, cell: (x) => x.stateLabel },
  { header: '当前环节', width: 28, cell: (x) => x.waitingFor }, { header: '申请人', width: 12, cell: (x) => x.requester },
  { header: '提交日期', width: 12, cell: (x) => at(x.submittedAt) }, { header: '办结日期', width: 12, cell: (x) => at(x.decidedAt) },
];

/** Exactly the rows of the list with this filter (every page, same order) as XLSX; audited. */
export async function exportApprovalsXlsx(db: Db, actor: Actor, f: ApprovalFilter): Promise<Buffer> {
  async function* pages(): AsyncGenerator<ApprovalSummary[]> {
    for (let cursor: string | undefined; ;) {
      const p = await approvalPage(db, actor, { ...f, cursor, limit: 200 });
      yield p.items;
      if (!p.nextCursor) return;
      cursor = p.nextCursor;
    }
  }
  return xlsxBuffer((out) => writeListXlsx(db, out, {
    sheet: `审批-${APPROVAL_VIEW_LABEL[f.view]}`, columns: COLUMNS, pages: pages(), maxRows: MAX_APPROVAL_EXPORT_ROWS,
    beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, {
      action: 'approval.export', entity: 'approval_request', entityId: null, after: { filter: { ...f, asOf: todayInChina() }, rows },
    })),
  }));
}
