import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { DrillExportQuery } from '../../contracts/coverage-metrics.js';
import type { Db } from '../../db/schema.js';
import { SIZE_CLASS_LABEL } from '../../domain/enterprise-facts.js';
import type { MetricId } from '../../domain/metrics.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { regionPathNames } from '../region/region.repository.js';
import { DEFS, drillItem, resolveSource, toFilters } from './coverage-figures.service.js';
import { drill } from './coverage.repository.js';

/**
 * The enterprises behind one figure as XLSX — exactly the drill-down list: the same source (today
 * or a past date), scope, filters and order, every page. Region codes travel with their names.
 */
const PAGE = 5000;
const SIZE_LABEL: Record<string, string> = SIZE_CLASS_LABEL;

const COLUMNS = [
  { header: '企业名称', width: 36 }, { header: '统一社会信用代码', width: 22 }, { header: '属地区划代码', width: 14 },
  { header: '属地区划名称', width: 40 }, { header: '覆盖状态', width: 14 }, { header: '正式党员', width: 10 },
  { header: '职工人数', width: 10 }, { header: '工会会员', width: 10 }, { header: '规模', width: 8 }, { header: '行业', width: 20 },
  { header: '计入数', width: 8 },
];

/**
 * Checks the right and the date now (so a refusal is an ordinary JSON error before any byte is
 * sent) and returns the writer that streams the list; taking a copy is audited like the ledger export.
 */
export async function openDrillExport(db: Db, actor: Actor, q: DrillExportQuery): Promise<{ title: string; write(out: Writable): Promise<number> }> {
  const scope = requireAction(actor, 'coverage.read');
  const { src, asOf } = await resolveSource(db, q);
  const def = DEFS[q.metric as MetricId];
  const side = q.part === 'numerator' ? def.numeratorLabel : def.denominatorLabel;
  const title = `${def.label}-${side}-${asOf}`;
  const write = async (out: Writable): Promise<number> => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet('企业清单');
    ws.columns = COLUMNS;
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    let count = 0;
    for (let afterId: string | undefined; ;) {
      const rows = await drill(db, src, scope, toFilters(q), def, q.part, { afterId, limit: PAGE });
      const names = await regionPathNames(db, [...new Set(rows.flatMap((r) => (r.region_code ? [r.region_code] : [])))]);
      for (const r of rows) {
        const x = drillItem(def, q.part, r);
        ws.addRow([x.name, x.creditCode, x.regionCode ?? '', x.regionCode ? names.get(x.regionCode) ?? '' : '', x.statusLabel,
          x.fullMembers, x.employees, x.unionMembers, x.sizeClass ? SIZE_LABEL[x.sizeClass] ?? '' : '', x.industry ?? '', x.contributes]).commit();
      }
      count += rows.length;
      if (rows.length < PAGE) break;
      afterId = String(rows[rows.length - 1]!.id);
    }
    ws.commit();
    await db.transaction().execute((tx) => recordAudit(tx, actor, {
      action: 'coverage.drill_export', entity: 'enterprise', after: { filter: q, asOf, rows: count },
    }));
    await wb.commit();
    return count;
  };
  return { title, write };
}
