import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/schema.js';
import type { WorklistQuery } from '../../contracts/coverage.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { regionPathNames } from '../region/region.repository.js';
import { worklistBatches, type WorklistKind } from './worklist.service.js';

export const MAX_WORKLIST_EXPORT_ROWS = 200_000;
export const WORKLIST_TITLE: Record<WorklistKind, string> = { gaps: '空白点清单', alerts: '预警清单', recommendations: '工作建议清单' };
const ENTITY_LABEL = { enterprise: '企业', party_org: '党组织', union: '工会' } as const;
const SEVERITY_LABEL: Record<string, string> = { info: '提示', warning: '注意', overdue: '逾期' };

/** The whole work list (from the filter, without paging) as XLSX; taking a copy is audited. */
export async function exportWorklistXlsx(db: Db, actor: Actor, list: WorklistKind, q: WorklistQuery): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => { out.on('end', resolve); out.on('error', reject); });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const ws = wb.addWorksheet(WORKLIST_TITLE[list]);
  ws.columns = [
    { header: '对象类型', width: 10 }, { header: '对象编号', width: 12 }, { header: '名称', width: 36 }, { header: '区划代码', width: 14 }, { header: '属地名称', width: 36 },
    { header: '程度', width: 8 }, { header: '事项', width: 24 }, { header: '情况及建议', width: 50 }, { header: '说明', width: 80 }, { header: '依据', width: 60 },
  ];
  let written = 0;
  for await (const b of worklistBatches(db, actor, list, { ...q, cursor: undefined })) {
    // Names beside codes, for people reading the file (one lookup per batch).
    const names = await regionPathNames(db, [...new Set(b.items.flatMap((x) => (x.regionCode ? [x.regionCode] : [])))]);
    for (const x of b.items) {
      // No rule id: people read this file; the filter that produced it is in the audit entry.
      ws.addRow([ENTITY_LABEL[x.link.entity], x.link.id, x.name, x.regionCode, x.regionCode ? names.get(x.regionCode) ?? '' : '', SEVERITY_LABEL[x.severity] ?? x.severity, x.title, x.summary, x.message, x.source]).commit();
      written++;
    }
    if (written >= MAX_WORKLIST_EXPORT_ROWS) break;
  }
  ws.commit();
  await wb.commit();
  await done;
  await db.transaction().execute((tx) => recordAudit(tx, actor, {
    action: 'worklist.export', entity: 'worklist', entityId: list, after: { filter: { ...q, cursor: undefined }, rows: written },
  }));
  return Buffer.concat(chunks);
}
