import type { Writable } from 'node:stream';
import type { SupportOrgRow, SupportOrgs, SupportOrgsQuery, SupportRollup, SupportRollupQuery } from '../../contracts/support.js';
import type { Db } from '../../db/schema.js';
import { returnedFen } from '../../domain/dues.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { readDuesSettings } from '../dues/dues-settings.js';
import { ACCESS_LABEL } from '../xlsx/list-labels.js';
import { writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import * as repo from './support.repository.js';

/**
 * The support ledger rolled up by street (9 digits) or district (6 digits) over the organisations the
 * reader sees, and the organisations behind a row (the drill-down); both as XLSX of exactly their rows.
 */
async function orgRows(db: Db, actor: Actor, year: number, region?: string): Promise<SupportOrgRow[]> {
  const scope = requireAction(actor, 'org.read');
  const [rows, settings] = await Promise.all([repo.supportSums(db, scope, year, region), readDuesSettings(db)]);
  return rows.map((r) => ({
    orgId: r.org_id, orgName: r.org_name, regionCode: r.region_code, fundingFen: r.funding_fen, sites: r.sites, siteAreaM2: r.site_area_m2,
    expenseFen: r.expense_fen, duesPaidFen: r.dues_paid_fen, duesReturnedFen: r.enterprise ? returnedFen(r.dues_paid_fen, settings.returnRatioBp) : 0,
    access: r.owned ? 'full' : 'partial',
  }));
}

/** The drill-down lists the organisations with something on their ledger this year (funding, a site, an expense or dues paid). */
export async function supportOrgs(db: Db, actor: Actor, q: SupportOrgsQuery): Promise<SupportOrgs> {
  const items = (await orgRows(db, actor, q.year, q.region)).filter((r) => r.fundingFen || r.sites || r.expenseFen || r.duesPaidFen);
  return { year: q.year, items, total: items.length };
}

const zero = () => ({ orgs: 0, fundingFen: 0, sites: 0, siteAreaM2: 0, expenseFen: 0, duesReturnedFen: 0 });
type Sums = ReturnType<typeof zero>;
const add = (s: Sums, r: SupportOrgRow) => {
  s.orgs += 1; s.fundingFen += r.fundingFen; s.sites += r.sites; s.siteAreaM2 += r.siteAreaM2; s.expenseFen += r.expenseFen; s.duesReturnedFen += r.duesReturnedFen;
};

export async function supportRollup(db: Db, actor: Actor, q: SupportRollupQuery): Promise<SupportRollup> {
  const rows = await orgRows(db, actor, q.year, q.region);
  const len = q.level === 'district' ? 6 : 9;
  const groups = new Map<string, Sums>();
  const total = zero();
  for (const r of rows) {
    add(total, r);
    const key = r.regionCode ? r.regionCode.slice(0, len) : '';
    if (!groups.has(key)) groups.set(key, zero());
    add(groups.get(key)!, r);
  }
  const names = await repo.regionNames(db, [...groups.keys()].filter(Boolean).map((k) => k.padEnd(12, '0')));
  const settings = await readDuesSettings(db);
  return {
    year: q.year, level: q.level, returnRatioBp: settings.returnRatioBp, total,
    rows: [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, s]) => ({ regionCode: k, regionName: k ? names.get(k.padEnd(12, '0')) ?? k : '未定属地', ...s })),
  };
}

const yuan = (fen: number) => fen / 100;
const ROLLUP_COLUMNS: ListColumn<SupportRollup['rows'][number]>[] = [
  { header: '区划', width: 20, cell: (r) => r.regionName }, { header: '党组织数', width: 10, cell: (r) => r.orgs },
  { header: '党建经费（元）', width: 14, cell: (r) => yuan(r.fundingFen) }, { header: '活动阵地（个）', width: 12, cell: (r) => r.sites },
  { header: '阵地面积（平方米）', width: 14, cell: (r) => r.siteAreaM2 }, { header: '企业管理费列支（元）', width: 16, cell: (r) => yuan(r.expenseFen) },
  { header: '党费返还（元）', width: 14, cell: (r) => yuan(r.duesReturnedFen) },
];
const ORG_COLUMNS: ListColumn<SupportOrgRow>[] = [
  { header: '党组织', width: 36, cell: (r) => r.orgName }, { header: '属地', width: 20, cell: (r, name) => name(r.regionCode) },
  { header: '党建经费（元）', width: 14, cell: (r) => yuan(r.fundingFen) }, { header: '活动阵地（个）', width: 12, cell: (r) => r.sites },
  { header: '阵地面积（平方米）', width: 14, cell: (r) => r.siteAreaM2 }, { header: '企业管理费列支（元）', width: 16, cell: (r) => yuan(r.expenseFen) },
  { header: '实交党费（元）', width: 14, cell: (r) => yuan(r.duesPaidFen) }, { header: '党费返还（元）', width: 14, cell: (r) => yuan(r.duesReturnedFen) },
  { header: '查看范围', width: 16, cell: (r) => ACCESS_LABEL[r.access] ?? '' },
];

type Export = { title: string; write(out: Writable): Promise<number> };
const audited = (db: Db, actor: Actor, action: string, filter: unknown) => (rows: number) =>
  db.transaction().execute((tx) => recordAudit(tx, actor, { action, entity: 'party_org', after: { filter, rows } }));

export function openRollupExport(db: Db, actor: Actor, q: SupportRollupQuery): Export {
  requireAction(actor, 'org.read');
  async function* pages() { yield (await supportRollup(db, actor, q)).rows; }
  return { title: `党建保障汇总-${q.year}-${today()}`, write: (out) => writeListXlsx(db, out, { sheet: '党建保障汇总', columns: ROLLUP_COLUMNS, pages: pages(), beforeClose: audited(db, actor, 'support.rollup_export', q) }) };
}

export function openOrgsExport(db: Db, actor: Actor, q: SupportOrgsQuery): Export {
  requireAction(actor, 'org.read');
  async function* pages() { yield (await supportOrgs(db, actor, q)).items; }
  return { title: `党建保障明细-${q.year}-${today()}`, write: (out) => writeListXlsx(db, out, { sheet: '党建保障明细', columns: ORG_COLUMNS, pages: pages(), beforeClose: audited(db, actor, 'support.orgs_export', q) }) };
}
