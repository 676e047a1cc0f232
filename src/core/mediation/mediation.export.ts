import type { Writable } from 'node:stream';
import type { CommitteeGap, MediationBody, MediationBodyListQuery, MediationCase, MediationCaseFilter } from '../../contracts/mediation.js';
import type { Db } from '../../db/schema.js';
import { MEDIATION_BODY_KIND_LABEL, MEDIATION_CATEGORY_SHORT, MEDIATION_STATUS_LABEL, fenToYuan } from '../../domain/mediation.js';
import { SIZE_CLASS_LABEL } from '../../domain/enterprise-facts.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { enterpriseInScopeSql } from '../access/party-org-scope.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { keysetPages, regionColumns, writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import { gapRows } from './mediation-body.service.js';
import { toBody, toCase } from './mediation.mapper.js';
import * as repo from './mediation.repository.js';

/** Exports of exactly the rows of the mediation lists (same filter, same scope, every page); audited. */
const yn = (v: boolean | null) => (v === null ? '' : v ? '是' : '否');
const yuan = (fen: number | null) => (fen === null ? '' : Number(fenToYuan(fen)));

const CASE_COLUMNS: ListColumn<MediationCase>[] = [
  { header: '案号', width: 22, cell: (r) => r.caseNumber }, { header: '调解组织', width: 30, cell: (r) => r.bodyName },
  { header: '所在街道（乡镇）', width: 16, cell: (r) => r.streetName ?? '' }, { header: '收到申请日期', width: 12, cell: (r) => r.receivedOn },
  { header: '调解期限（日）', width: 10, cell: (r) => r.mediationDays }, { header: '期限最后一日', width: 12, cell: (r) => r.dueOn },
  { header: '申请人', width: 20, cell: (r) => r.applicantNames + (r.applicantCount > 3 ? `等${r.applicantCount}人` : '') },
  { header: '人数', width: 6, cell: (r) => r.applicantCount }, { header: '集体争议', width: 8, cell: (r) => yn(r.collective) },
  { header: '用人单位', width: 30, cell: (r) => r.employerName }, { header: '争议类别', width: 16, cell: (r) => MEDIATION_CATEGORY_SHORT[r.category] },
  { header: '请求金额（元）', width: 14, cell: (r) => yuan(r.claimedFen) }, { header: '协议金额（元）', width: 14, cell: (r) => yuan(r.agreedFen) },
  { header: '状态', width: 18, cell: (r) => MEDIATION_STATUS_LABEL[r.status] }, { header: '结案日期', width: 12, cell: (r) => r.closedOn ?? '' },
  { header: '按期办结', width: 8, cell: (r) => yn(r.closedInTime) }, { header: '剩余天数', width: 8, cell: (r) => r.daysLeft ?? '' },
  { header: '逾期', width: 6, cell: (r) => yn(r.closedOn ? null : r.overdue) }, { header: '仲裁时效届满日', width: 14, cell: (r) => r.arbitrationLimitOn ?? '' },
  { header: '仲裁审查申请截止日', width: 16, cell: (r) => r.reviewUntil ?? '' },
];

export function openCaseExport(db: Db, actor: Actor, q: MediationCaseFilter) {
  const scope = requireAction(actor, 'union.read');
  const asOf = today();
  async function* pages(): AsyncGenerator<MediationCase[]> {
    for await (const rows of keysetPages((cursor, limit) => repo.listCases(db, scope, { ...q, cursor, limit }, asOf))) yield rows.map((r) => toCase(r, asOf));
  }
  return {
    write: (out: Writable) => writeListXlsx(db, out, {
      sheet: '劳动争议调解案件', columns: CASE_COLUMNS, pages: pages(),
      beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'mediation.case.export', entity: 'mediation_case', after: { filter: q, rows } })),
    }),
  };
}

const BODY_COLUMNS: ListColumn<MediationBody>[] = [
  { header: '调解组织名称', width: 36, cell: (r) => r.name }, { header: '类别', width: 30, cell: (r) => MEDIATION_BODY_KIND_LABEL[r.kind] },
  { header: '所在企业', width: 30, cell: (r) => r.enterpriseName ?? '' }, { header: '企业工会', width: 30, cell: (r) => r.unionName ?? '' },
  ...regionColumns<MediationBody>((r) => r.regionCode), { header: '成立日期', width: 12, cell: (r) => r.foundedOn ?? '' },
  { header: '在办案件', width: 10, cell: (r) => r.openCases },
];

export function openBodyExport(db: Db, actor: Actor, q: Omit<MediationBodyListQuery, 'cursor' | 'limit'>) {
  const scope = requireAction(actor, 'union.read');
  async function* pages(): AsyncGenerator<MediationBody[]> {
    for await (const rows of keysetPages((cursor, limit) => repo.listBodies(db, scope, { ...q, cursor, limit }))) yield rows.map(toBody);
  }
  return {
    write: (out: Writable) => writeListXlsx(db, out, {
      sheet: '劳动争议调解组织', columns: BODY_COLUMNS, pages: pages(), regionCodes: (r) => [r.regionCode],
      beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'mediation.body.export', entity: 'mediation_body', after: { filter: q, rows } })),
    }),
  };
}

const GAP_COLUMNS: ListColumn<CommitteeGap>[] = [
  { header: '企业名称', width: 36, cell: (r) => r.name }, ...regionColumns<CommitteeGap>((r) => r.regionCode),
  { header: '企业规模', width: 8, cell: (r) => SIZE_CLASS_LABEL[r.sizeClass] }, { header: '从业人数', width: 10, cell: (r) => r.employeeCount ?? '' },
  { header: '企业工会', width: 30, cell: (r) => r.unionName ?? '' },
];

export function openGapExport(db: Db, actor: Actor, q: { regionPrefix?: string }) {
  const scope = requireAction(actor, 'union.read');
  const ent = enterpriseInScopeSql(scope, 'e');
  async function* pages(): AsyncGenerator<CommitteeGap[]> {
    if (!ent) return;
    for await (const rows of keysetPages((cursor, limit) => gapRows(db, scope, ent, q.regionPrefix, cursor, limit + 1))) yield rows;
  }
  return {
    write: (out: Writable) => writeListXlsx(db, out, {
      sheet: '未设调解委员会的大中型企业', columns: GAP_COLUMNS, pages: pages(), regionCodes: (r) => [r.regionCode],
      beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'mediation.gap.export', entity: 'enterprise', after: { filter: q, rows } })),
    }),
  };
}
