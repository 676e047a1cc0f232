import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Declaration, DeclarationFilter, DeclarationListQuery, DeclarationPage } from '../../contracts/member-transfer.js';
import type { Db, Executor } from '../../db/schema.js';
import { MEMBER_CATEGORY_LABELS } from '../../domain/member.js';
import { DECLARATION_CHANNEL_LABELS, DECLARATION_STATUS_LABELS } from '../../domain/member-transfer.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { readAreas } from '../approval/approval-flows.js';
import { declarerOf, declScopesOf, requireVisibleDeclaration } from './declaration.access.js';
import { toDeclaration } from './declaration.mapper.js';
import { countDeclarations, listDeclarations, searchEnterprises } from './declaration.repository.js';

export async function listDeclarationPage(db: Db, keyring: Keyring, actor: Actor, q: DeclarationListQuery): Promise<DeclarationPage> {
  const s = declScopesOf(actor);
  const { offset, limit, ...f } = q;
  const [rows, total, areas] = await Promise.all([listDeclarations(db, s, f, offset, limit), countDeclarations(db, s, f), readAreas(db)]);
  return { items: rows.map((r) => toDeclaration(keyring, r, areas)), total };
}

export async function getDeclaration(db: Executor, keyring: Keyring, actor: Actor, id: string): Promise<Declaration> {
  return toDeclaration(keyring, await requireVisibleDeclaration(db, actor, id), await readAreas(db));
}

/** Enterprises a declarer may name: their street (official) or their account's area (member). Names only. */
export async function declarableEnterprises(db: Db, actor: Actor, q: string) {
  return { items: await searchEnterprises(db, declarerOf(actor).where, q) };
}

const COLUMNS = [
  { header: '姓名', width: 10 }, { header: '身份证号码', width: 22 }, { header: '联系电话', width: 14 }, { header: '工作单位', width: 36 },
  { header: '工作岗位', width: 14 }, { header: '申报的组织关系所在党组织', width: 36 }, { header: '党员类别', width: 10 }, { header: '入党日期', width: 12 },
  { header: '申报方式', width: 14 }, { header: '状态', width: 10 }, { header: '未通过原因', width: 30 }, { header: '申报时间', width: 20 },
];

/** The review list as XLSX: exactly its rows, numbers masked; audited. */
export async function openDeclarationExport(db: Db, keyring: Keyring, actor: Actor, f: DeclarationFilter) {
  const s = declScopesOf(actor);
  const write = async (out: Writable): Promise<number> => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet('亮身份申报');
    ws.columns = COLUMNS;
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    let count = 0;
    for (let offset = 0; ; offset += 1000) {
      const rows = await listDeclarations(db, s, f, offset, 1000);
      for (const r of rows) {
        const x = toDeclaration(keyring, r, []); // the file holds no approval column
        ws.addRow([x.name, x.idNumber, x.phone ?? '', x.enterpriseName, x.post ?? '', x.namedOrg, MEMBER_CATEGORY_LABELS[x.category], x.joinedOn ?? '',
          DECLARATION_CHANNEL_LABELS[x.channel], DECLARATION_STATUS_LABELS[x.status], x.reason ?? '', x.createdAt.slice(0, 10)]).commit();
      }
      count += rows.length;
      if (rows.length < 1000) break;
    }
    ws.commit();
    await db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'member_declaration.export', entity: 'member_declaration', after: { filter: f, rows: count } }));
    await wb.commit();
    return count;
  };
  return { title: `亮身份申报-${today()}`, write };
}
