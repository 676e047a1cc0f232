import type { Writable } from 'node:stream';
import type { HardshipDetail, HardshipExportQuery, HardshipItem, HardshipListQuery, HardshipPage } from '../../contracts/union-services.js';
import type { Db } from '../../db/schema.js';
import { notFound } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import {
  HARDSHIP_LEVEL_LABELS, HARDSHIP_LEVELS, HARDSHIP_SOURCE, HARDSHIP_STATUS_LABELS, hardshipReviewDueOn, hardshipReviewOverdue, yuan,
} from '../../domain/union-services.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { keysetPages, regionColumns, writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import * as repo from './hardship.repository.js';
import { maskedId, mayManageUnion, readUnion } from './services.access.js';

/** 帮扶 lists (per union, per street or district) and a file's detail; read where the union is read. */
function toItem(keyring: Keyring, r: repo.HardshipListRow, on: string): HardshipItem {
  const reviewDueOn = hardshipReviewDueOn({ status: r.status, approvedOn: r.approved_on, lastReviewedOn: r.last_reviewed_on });
  return {
    id: r.id, unionId: r.union_id, unionName: r.union_name, regionCode: r.region_code, streetName: r.street_name,
    personId: r.person_id, name: r.name, idNumber: maskedId(keyring, r.id_number_enc), level: r.level, status: r.status,
    appliedOn: r.applied_on, approvedOn: r.approved_on, reviewDueOn, reviewOverdue: hardshipReviewOverdue(reviewDueOn, on),
    paidFen: Number(r.paid_fen), version: r.version,
  };
}

export async function listHardship(db: Db, keyring: Keyring, actor: Actor, q: HardshipListQuery): Promise<HardshipPage> {
  const scope = requireAction(actor, 'union.read');
  if (q.unionId) await readUnion(db, actor, q.unionId);
  const on = today();
  const [rows, s] = await Promise.all([repo.listHardship(db, scope, q, on), repo.sumHardship(db, scope, q, on)]);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => toItem(keyring, r, on)), total: s.total, nextCursor: rows.length > q.limit ? page.at(-1)!.id : null,
    sums: { approved: s.approved, overdue: s.overdue, paidFen: Number(s.paid_fen), paidFenInYear: q.paidYear ? Number(s.paid_year_fen) : null },
    byLevel: HARDSHIP_LEVELS.map((level) => ({ level, n: s[level] })),
  };
}

export async function getHardship(db: Db, keyring: Keyring, actor: Actor, id: string): Promise<HardshipDetail> {
  requireAction(actor, 'union.read');
  const f = /^\d{1,18}$/.test(id) ? await repo.findHardship(db, id) : undefined;
  if (!f) throw notFound('帮扶档案');
  const { union } = await readUnion(db, actor, f.union_id).catch(() => { throw notFound('帮扶档案'); });
  const [payments, reviews, manageable] = await Promise.all([repo.paymentsOf(db, id), repo.reviewsOf(db, id), mayManageUnion(db, actor, f.union_id)]);
  const on = today();
  const reviewDueOn = hardshipReviewDueOn({ status: f.status, approvedOn: f.approved_on, lastReviewedOn: f.last_reviewed_on });
  const paidFen = payments.reduce((s, p) => s + Number(p.amount_fen), 0);
  // Household facts go only to a reader of the union by its own place; a reader through a link sees the case, not the family.
  const own = union.owned;
  return {
    id: f.id, unionId: f.union_id, unionName: f.union_name, regionCode: f.region_code, streetName: null, personId: f.person_id, name: f.name,
    idNumber: maskedId(keyring, f.id_number_enc), level: f.level, status: f.status, appliedOn: f.applied_on, approvedOn: f.approved_on,
    reviewDueOn, reviewOverdue: hardshipReviewOverdue(reviewDueOn, on), paidFen, version: f.version,
    reasons: f.reasons as HardshipDetail['reasons'], reasonNote: own ? f.reason_note : null,
    householdSize: own ? f.household_size : null, incomePerHeadFen: own && f.income_per_head_fen !== null ? Number(f.income_per_head_fen) : null,
    lastReviewedOn: f.last_reviewed_on, closedOn: f.closed_on, closeReason: f.close_reason,
    payments: payments.map((p) => ({ id: p.id, paidOn: p.paid_on, kind: p.kind as HardshipDetail['payments'][number]['kind'], amountFen: Number(p.amount_fen), note: p.note })),
    reviews: reviews.map((r) => ({ id: r.id, reviewedOn: r.reviewed_on, outcome: r.outcome, level: r.level, note: r.note })),
    manageable, levelSource: HARDSHIP_SOURCE,
  };
}

const COLUMNS: ListColumn<HardshipItem>[] = [
  { header: '姓名', width: 12, cell: (r) => r.name }, { header: '公民身份号码（脱敏）', width: 22, cell: (r) => r.idNumber ?? '' },
  { header: '工会', width: 30, cell: (r) => r.unionName }, ...regionColumns<HardshipItem>((r) => r.regionCode),
  { header: '困难类别', width: 10, cell: (r) => HARDSHIP_LEVEL_LABELS[r.level] }, { header: '状态', width: 10, cell: (r) => HARDSHIP_STATUS_LABELS[r.status] },
  { header: '申请日期', width: 12, cell: (r) => r.appliedOn }, { header: '认定日期', width: 12, cell: (r) => r.approvedOn ?? '' },
  { header: '复核到期日', width: 12, cell: (r) => r.reviewDueOn ?? '' }, { header: '复核逾期', width: 8, cell: (r) => (r.reviewOverdue ? '是' : '否') },
  { header: '累计帮扶金（元）', width: 14, cell: (r) => yuan(r.paidFen) },
];

/** 帮扶 list as XLSX: exactly the rows of `GET /api/hardship` for the same filter and scope; audited. */
export async function openHardshipExport(db: Db, keyring: Keyring, actor: Actor, q: HardshipExportQuery): Promise<{ write(out: Writable): Promise<number> }> {
  const scope = requireAction(actor, 'union.read');
  if (q.unionId) await readUnion(db, actor, q.unionId);
  const on = today();
  async function* pages(): AsyncGenerator<HardshipItem[]> {
    for await (const rows of keysetPages((cursor, limit) => repo.listHardship(db, scope, { ...q, cursor, limit }, on))) yield rows.map((r) => toItem(keyring, r, on));
  }
  return {
    write: (out) => writeListXlsx(db, out, {
      sheet: '困难职工帮扶', columns: COLUMNS, pages: pages(), regionCodes: (r) => [r.regionCode],
      beforeClose: (rows) => db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'union.hardship.export', entity: 'union_hardship_file', after: { filter: q, rows } })),
    }),
  };
}
