import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { EnterpriseFilter } from '../../contracts/enterprise.js';
import type { Db } from '../../db/schema.js';
import {
  ENTERPRISE_FACT_FIELDS, OPERATING_STATUS_LABEL, SIZE_CLASS_LABEL, type EnterpriseFactKey,
} from '../../domain/enterprise-facts.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import type { Scope } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { regionPathNames } from '../region/region.repository.js';
import { trimDecimal } from './enterprise.mapper.js';
import { exportPage, type ExportRow } from './enterprise.repository.js';

/**
 * The ledger as XLSX with the import's own headers (ENTERPRISE_FACT_FIELDS labels) and spellings,
 * so importing an export changes nothing. Streams page by page: memory holds one page.
 */
const PAGE = 5000;

type Cell = string | number;

/** A region is written only when it is settled: a pending county stays blank so a re-import places it again. */
function cellOf(key: EnterpriseFactKey, r: ExportRow): Cell {
  switch (key) {
    case 'creditCode': return r.credit_code;
    case 'name': return r.name;
    case 'ownershipType': return r.ownership_type ?? '';
    case 'legalRepresentative': return r.legal_representative ?? '';
    case 'foundedOn': return r.founded_on ?? '';
    case 'operatingStatus': return OPERATING_STATUS_LABEL[r.operating_status];
    case 'address': return r.address ?? '';
    case 'employeeCount': return r.employee_count ?? '';
    case 'registeredCapital': return r.registered_capital === null ? '' : trimDecimal(String(r.registered_capital));
    case 'industry': return r.industry ?? '';
    case 'sizeClass': return r.size_class ? SIZE_CLASS_LABEL[r.size_class] : '';
    case 'aboveDesignatedSize': return r.above_designated_size ? '是' : '否';
    case 'memberCount': return r.member_count ?? '';
    case 'ownerProfile': return r.owner_profile ?? '';
    case 'regionCode': return r.placement === 'pending' ? '' : r.region_code ?? '';
    case 'parkName': return r.park_name ?? '';
    case 'associationName': return r.association_name ?? '';
  }
}

const COLUMNS = ENTERPRISE_FACT_FIELDS.map((f) => ({
  header: f.label, key: f.key, width: f.key === 'name' || f.key === 'address' ? 36 : f.key === 'creditCode' ? 22 : 14,
}));

/**
 * The export adds 属地区划名称 (the full path, 广东省 › 深圳市 › 南山区 › 粤海街道) right after the code, for
 * people reading the file; the importer does not know that header and ignores the column, so a
 * re-import still changes nothing.
 */
const REGION_NAME = '属地区划名称';
const REGION_AT = ENTERPRISE_FACT_FIELDS.findIndex((f) => f.key === 'regionCode') + 1;
const EXPORT_COLUMNS = [...COLUMNS.slice(0, REGION_AT), { header: REGION_NAME, key: 'regionName', width: 36 }, ...COLUMNS.slice(REGION_AT)];

/**
 * Checks the export right now (so a refusal is an ordinary error, before any byte is sent) and
 * returns the writer that streams the scoped, filtered ledger.
 */
export function openExport(db: Db, actor: Actor, filter: EnterpriseFilter): { write(out: Writable): Promise<number> } {
  const scope = requireAction(actor, 'enterprise.export');
  return { write: (out) => writeExport(db, actor, scope, filter, out) };
}

export async function exportEnterprises(db: Db, actor: Actor, filter: EnterpriseFilter, out: Writable): Promise<number> {
  return openExport(db, actor, filter).write(out);
}

async function writeExport(db: Db, actor: Actor, scope: Scope, filter: EnterpriseFilter, out: Writable): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('企业台账');
  sheet.columns = EXPORT_COLUMNS;
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let count = 0;
  for (let after: string | null = null; ;) {
    const rows = await exportPage(db, scope, filter, after, PAGE);
    const names = await regionPathNames(db, [...new Set(rows.flatMap((r) => (r.region_code ? [r.region_code] : [])))]);
    for (const r of rows) {
      const cells = ENTERPRISE_FACT_FIELDS.map((f) => cellOf(f.key, r));
      const code = cells[REGION_AT - 1];
      cells.splice(REGION_AT, 0, code ? names.get(String(code)) ?? '' : '');
      sheet.addRow(cells).commit();
    }
    count += rows.length;
    if (rows.length < PAGE) break;
    after = String(rows[rows.length - 1].id);
  }
  sheet.commit();
  // Audited before the file's last bytes go out, so the record exists by the time the client
  // holds a complete file (and no later request can race past it).
  await db.transaction().execute((tx) =>
    recordAudit(tx, actor, { action: 'enterprise.export', entity: 'enterprise', after: { filter, rows: count } }));
  await workbook.commit();
  return count;
}

/** The empty template: the headers (required ones marked in the notes), and a 填写说明 sheet. */
export async function writeTemplate(out: Writable): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('企业台账');
  sheet.columns = COLUMNS;
  const header = sheet.getRow(1);
  header.font = { bold: true };
  ENTERPRISE_FACT_FIELDS.forEach((f, i) => {
    header.getCell(i + 1).note = `${f.required ? '必填。' : '选填。'}${f.note}`;
  });
  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [{ header: '列名', width: 20 }, { header: '是否必填', width: 10 }, { header: '说明', width: 60 }];
  notes.getRow(1).font = { bold: true };
  for (const f of ENTERPRISE_FACT_FIELDS) notes.addRow([f.label, f.required ? '必填' : '选填', f.note]);
  notes.addRow([]);
  notes.addRow(['', '', '数据从第 2 行开始填写，一行一家企业；统一社会信用代码重复的行，内容一致则合并，不一致则全部拒绝。']);
  await workbook.xlsx.write(out);
}
