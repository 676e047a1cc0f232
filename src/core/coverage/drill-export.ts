import type { Writable } from 'node:stream';
import type { DrillExportQuery, DrillPage } from '../../contracts/coverage-metrics.js';
import type { Db } from '../../db/schema.js';
import { SIZE_CLASS_LABEL } from '../../domain/enterprise-facts.js';
import type { MetricId } from '../../domain/metrics.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { regionColumns, writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import { DEFS, drillItem, resolveSource, toFilters } from './coverage-figures.service.js';
import { drill } from './coverage.repository.js';

/**
 * The enterprises behind one figure as XLSX — exactly the drill-down list: the same source (today
 * or a past date), scope, filters and order, every page. Region codes travel with their names.
 */
const PAGE = 5000;
const SIZE_LABEL: Record<string, string> = SIZE_CLASS_LABEL;
type DrillItem = DrillPage['items'][number];

const COLUMNS: ListColumn<DrillItem>[] = [
  { header: '企业名称', width: 36, cell: (x) => x.name }, { header: '统一社会信用代码', width: 22, cell: (x) => x.creditCode },
  ...regionColumns<DrillItem>((x) => x.regionCode, ['属地区划代码', '属地区划名称']),
  { header: '覆盖状态', width: 14, cell: (x) => x.statusLabel }, { header: '正式党员', width: 10, cell: (x) => x.fullMembers },
  { header: '党员数来源', width: 10, cell: (x) => (x.membersFromRoster ? '党员名册' : '填报数') },
  { header: '职工人数', width: 10, cell: (x) => x.employees }, { header: '工会会员', width: 10, cell: (x) => x.unionMembers },
  { header: '会员数来源', width: 10, cell: (x) => (x.unionMembersFromRoster ? '会员名册' : '填报数') },
  { header: '规模', width: 8, cell: (x) => (x.sizeClass ? SIZE_LABEL[x.sizeClass] ?? '' : '') }, { header: '行业', width: 20, cell: (x) => x.industry ?? '' },
  { header: '计入数', width: 8, cell: (x) => x.contributes },
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
  async function* pages(): AsyncGenerator<DrillItem[]> {
    for (let afterId: string | undefined; ;) {
      const rows = await drill(db, src, scope, toFilters(q), def, q.part, { afterId, limit: PAGE });
      yield rows.map((r) => drillItem(def, q.part, r));
      if (rows.length < PAGE) return;
      afterId = String(rows[rows.length - 1]!.id);
    }
  }
  const write = (out: Writable): Promise<number> => writeListXlsx(db, out, {
    sheet: '企业清单', columns: COLUMNS, pages: pages(), regionCodes: (x) => [x.regionCode],
    beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, {
      action: 'coverage.drill_export', entity: 'enterprise', after: { filter: q, asOf, rows },
    })),
  });
  return { title, write };
}
