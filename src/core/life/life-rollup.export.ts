import type { Writable } from 'node:stream';
import type { LifeOrgsExportQuery, LifeRollupQuery } from '../../contracts/life.js';
import type { Db } from '../../db/schema.js';
import { ratePercent } from '../../domain/metrics.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { LIFE_STATUS_LABELS } from '../../domain/rules/life-compliance.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { regionColumns, writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import { judgementDay } from './life-rollup.js';
import { orgStatuses, rollup, type OrgLifeRow, type RollupRow } from './life-rollup.repository.js';
import { lifeOptions } from './life-settings.js';

/**
 * The district view's two lists as XLSX — the table by street or district and the organisations
 * behind a count — exactly their rows (same scope, year, region and status, same order), each
 * audited with its filter and row count before the file's last bytes go out.
 */
type Export = { title: string; write(out: Writable): Promise<number> };
const rate = (r: RollupRow) => ratePercent({ numerator: r.compliant, denominator: r.total });

const ROLLUP_COLUMNS: ListColumn<RollupRow>[] = [
  { header: '区划代码', width: 14, cell: (r) => r.region }, { header: '地区', width: 24, cell: (r) => r.name ?? '' },
  { header: '党支部', width: 10, cell: (r) => r.total }, { header: '达标', width: 10, cell: (r) => r.compliant },
  { header: '滞后', width: 10, cell: (r) => r.lagging }, { header: '不活跃', width: 10, cell: (r) => r.dormant },
  { header: '达标率（%）', width: 12, cell: (r) => rate(r) },
];

async function* once<T>(rows: T[], size = 1000): AsyncGenerator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

export async function openLifeRollupExport(db: Db, actor: Actor, q: LifeRollupQuery): Promise<Export> {
  const scope = requireAction(actor, 'org.read');
  const rows = await rollup(db, scope, { year: q.year, asOf: today(), region: q.region, digits: q.level === 'street' ? 9 : 6, ...(await lifeOptions(db)) });
  return {
    title: `组织生活达标情况-${q.year}年-${today()}`,
    write: (out) => writeListXlsx(db, out, {
      sheet: '组织生活达标情况', columns: ROLLUP_COLUMNS, pages: once(rows),
      beforeClose: (n) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'life.compliance.export', entity: 'party_org', after: { filter: q, rows: n } })),
    }),
  };
}

const ORG_COLUMNS: ListColumn<OrgLifeRow>[] = [
  { header: '党组织', width: 36, cell: (r) => r.name },
  ...regionColumns<OrgLifeRow>((r) => r.region_code),
  { header: '本年状态', width: 10, cell: (r) => LIFE_STATUS_LABELS[r.status] },
  { header: '缺开期次', width: 10, cell: (r) => r.missed },
  { header: '最近一次会议', width: 14, cell: (r) => r.last_on ?? '' },
];

export async function openLifeOrgsExport(db: Db, actor: Actor, q: LifeOrgsExportQuery): Promise<Export> {
  const scope = requireAction(actor, 'org.read');
  const rows = await orgStatuses(db, scope, { year: q.year, region: q.region, status: q.status, asOf: judgementDay(q.date), ...(await lifeOptions(db)) });
  const what = q.status ? `${LIFE_STATUS_LABELS[q.status]}党支部` : '党支部';
  return {
    title: `组织生活${what}-${q.year}年-${today()}`,
    write: (out) => writeListXlsx(db, out, {
      sheet: what, columns: ORG_COLUMNS, pages: once(rows), regionCodes: (r) => [r.region_code],
      beforeClose: (n) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'life.compliance.orgs.export', entity: 'party_org', after: { filter: q, rows: n } })),
    }),
  };
}
