import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { MemberListFilter } from '../../contracts/member.js';
import type { Db } from '../../db/schema.js';
import { MEMBER_CATEGORY_LABELS, MEMBER_LEFT_REASON_LABELS, MEMBER_STATUS_LABELS } from '../../domain/member.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { toMember } from './member.mapper.js';
import { listMembers } from './member.repository.js';

/**
 * The member list as XLSX — exactly its rows: the same scope, filters and order, every page. ID
 * numbers masked as on screen; taking a copy is audited with the filter and the row count.
 */
const PAGE = 2000;
const GENDER: Record<string, string> = { male: '男', female: '女' };
const COLUMNS = [
  { header: '姓名', width: 10 }, { header: '性别', width: 6 }, { header: '身份证号码', width: 22 }, { header: '民族', width: 8 },
  { header: '学历', width: 10 }, { header: '所在党组织', width: 36 }, { header: '党员类别', width: 10 }, { header: '入党日期', width: 12 },
  { header: '转正日期', width: 12 }, { header: '党员状态', width: 10 }, { header: '状态日期', width: 12 }, { header: '出党原因', width: 10 },
  { header: '工作单位', width: 36 }, { header: '工作岗位', width: 14 },
];

export async function openMemberExport(db: Db, keyring: Keyring, actor: Actor, filter: MemberListFilter): Promise<{ title: string; write(out: Writable): Promise<number> }> {
  const scope = requireAction(actor, 'org.read');
  const write = async (out: Writable): Promise<number> => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet('党员名册');
    ws.columns = COLUMNS;
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    let count = 0;
    for (let cursor: string | undefined; ;) {
      const rows = await listMembers(db, scope, filter, cursor, PAGE);
      for (const r of rows) {
        const m = toMember(keyring, r);
        ws.addRow([m.name, m.gender ? GENDER[m.gender] : '', m.idNumber ?? '', m.ethnicity ?? '', m.education ?? '', m.orgName ?? '',
          MEMBER_CATEGORY_LABELS[m.category], m.joinedOn ?? '', m.confirmedOn ?? '', MEMBER_STATUS_LABELS[m.status], m.statusSince ?? '',
          m.leftReason ? MEMBER_LEFT_REASON_LABELS[m.leftReason] : '', m.enterpriseName ?? m.employerName ?? '', m.post ?? '']).commit();
      }
      count += rows.length;
      if (rows.length < PAGE) break;
      cursor = rows[rows.length - 1]!.id;
    }
    ws.commit();
    await db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'member.export', entity: 'party_member', after: { filter, rows: count } }));
    await wb.commit();
    return count;
  };
  return { title: `党员名册-${new Date().toISOString().slice(0, 10)}`, write };
}
