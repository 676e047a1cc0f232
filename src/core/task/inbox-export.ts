import type { InboxFilter, InboxTask } from '../../contracts/task.js';
import { INBOX_VIEW_LABEL } from '../../contracts/task.js';
import type { Db } from '../../db/schema.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { regionColumns, writeListXlsx, xlsxBuffer, type ListColumn } from '../xlsx/list-xlsx.js';
import { inboxPage } from './inbox.service.js';

export const MAX_INBOX_EXPORT_ROWS = 200_000;

// No kind or rule code: people read this file; the filter that produced it is in the audit entry.
const COLUMNS: ListColumn<InboxTask>[] = [
  { header: '事项', width: 20, cell: (x) => x.kindLabel }, { header: '对象类型', width: 10, cell: (x) => x.link.entityLabel },
  { header: '对象编号', width: 12, cell: (x) => x.link.id }, { header: '名称', width: 36, cell: (x) => x.subjectName },
  ...regionColumns<InboxTask>((x) => x.regionCode, ['区划代码', '属地名称']),
  { header: '状态', width: 8, cell: (x) => x.stateLabel }, { header: '办理期限', width: 12, cell: (x) => x.dueOn },
  { header: '是否逾期', width: 8, cell: (x) => (x.overdue ? '是' : '否') }, { header: '发现问题', width: 24, cell: (x) => x.reason },
  { header: '依据', width: 60, cell: (x) => x.source }, { header: '可否办理', width: 10, cell: (x) => (x.actionable ? '可办理' : '仅可查看') },
  { header: '仅可查看的原因', width: 36, cell: (x) => x.viewOnlyReason ?? '' },
  { header: '关闭原因', width: 10, cell: (x) => x.closedReason ?? '' },
];

/** Exactly the rows of the list with this filter (every page, same order) as XLSX; audited. */
export async function exportInboxXlsx(db: Db, actor: Actor, f: InboxFilter): Promise<Buffer> {
  async function* pages(): AsyncGenerator<InboxTask[]> {
    for (let cursor: string | undefined; ;) {
      const p = await inboxPage(db, actor, { ...f, cursor, limit: 200 });
      yield p.items;
      if (!p.nextCursor) return;
      cursor = p.nextCursor;
    }
  }
  return xlsxBuffer((out) => writeListXlsx(db, out, {
    sheet: `待办-${INBOX_VIEW_LABEL[f.view]}`, columns: COLUMNS, pages: pages(), regionCodes: (x) => [x.regionCode], maxRows: MAX_INBOX_EXPORT_ROWS,
    beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, {
      action: 'inbox.export', entity: 'task', entityId: null, after: { filter: { ...f, asOf: todayInChina() }, rows },
    })),
  }));
}
