import type { Writable } from 'node:stream';
import type { UnionMember, UnionMemberListQuery } from '../../contracts/union-member.js';
import { UNION_MEMBER_STATUS_LABEL } from '../../domain/union-member.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { yesNo } from '../xlsx/list-labels.js';
import { keysetPages, writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import { toUnionMember } from './union-member.mapper.js';
import { openMemberList } from './union-member.query.js';
import { listMembers } from './union-member.repository.js';
import type { UnionMemberDeps } from './union-member.service.js';

export type UnionMemberExportQuery = Omit<UnionMemberListQuery, 'cursor' | 'limit'>;

const GENDER: Record<string, string> = { male: '男', female: '女' };
const COLUMNS: ListColumn<UnionMember>[] = [
  { header: '姓名', width: 12, cell: (r) => r.name }, { header: '性别', width: 6, cell: (r) => (r.gender ? GENDER[r.gender] : '') },
  { header: '公民身份号码', width: 22, cell: (r) => r.idNumber ?? '' }, { header: '手机号', width: 14, cell: (r) => r.phone ?? '' },
  { header: '入会日期', width: 12, cell: (r) => r.joinedOn ?? '' }, { header: '会员证号', width: 16, cell: (r) => r.cardNumber ?? '' },
  { header: '工作单位', width: 36, cell: (r) => r.employerName ?? '' }, { header: '是否劳务派遣', width: 12, cell: (r) => yesNo(r.dispatched) },
  { header: '派遣单位', width: 30, cell: (r) => r.dispatchEmployerName ?? '' }, { header: '会籍状态', width: 10, cell: (r) => UNION_MEMBER_STATUS_LABEL[r.status] },
  { header: '状态日期', width: 12, cell: (r) => r.statusSince ?? '' },
];

/**
 * A union's members as XLSX: exactly the rows of `GET /api/unions/:id/members` for the same filter and
 * reader (ID and phone masked as in the list); audited with the filter and the row count.
 */
export async function openUnionMemberExport(d: UnionMemberDeps, actor: Actor, unionId: string, q: UnionMemberExportQuery) {
  const { union, partial } = await openMemberList(d, actor, unionId);
  async function* pages(): AsyncGenerator<UnionMember[]> {
    for await (const rows of keysetPages((cursor, limit) => listMembers(d.db, unionId, { ...q, cursor, limit }, partial))) yield rows.map((r) => toUnionMember(d.keyring, r));
  }
  return {
    fileName: `${union.name}-会员名册.xlsx`,
    write: (out: Writable) => writeListXlsx(d.db, out, {
      sheet: '会员', columns: COLUMNS, pages: pages(),
      beforeClose: (rows) => d.db.transaction().execute((tx) => recordAudit(tx, actor, {
        action: 'union_member.export', entity: 'union', entityId: unionId, after: { filter: q, rows },
      })),
    }),
  };
}
