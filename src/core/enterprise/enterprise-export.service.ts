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
import { writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
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
const EXPORT_COLUMNS: ListColumn<ExportRow>[] = ENTERPRISE_FACT_FIELDS.flatMap((f, i) => {
  const column: ListColumn<ExportRow> = { header: f.label, width: COLUMNS[i]!.width, cell: (r) => cellOf(f.key, r) };
  if (f.key !== 'regionCode') return [column];
  return [column, { header: '属地区划名称', width: 36, cell: (r, name) => name(String(cellOf('regionCode', r))) }];
});

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

async function* exportPages(db: Db, scope: Scope, filter: EnterpriseFilter): AsyncGenerator<ExportRow[]> {
  for (let after: string | null = null; ;) {
    const rows = await exportPage(db, scope, filter, after, PAGE);
    yield rows;
    if (rows.length < PAGE) return;
    after = String(rows[rows.length - 1]!.id);
  }
}

function writeExport(db: Db, actor: Actor, scope: Scope, filter: EnterpriseFilter, out: Writable): Promise<number> {
  return writeListXlsx(db, out, {
    sheet: '企业台账', columns: EXPORT_COLUMNS, pages: exportPages(db, scope, filter),
    regionCodes: (r) => [r.placement === 'pending' ? null : r.region_code],
    beforeClose: (rows) => db.transaction().execute((tx) =>
      recordAudit(tx, actor, { action: 'enterprise.export', entity: 'enterprise', after: { filter, rows } })),
  });
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
