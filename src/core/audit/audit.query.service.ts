import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { maskPersonalFields } from '../crypto/mask.js';
import { listAuditRows, type AuditFilter, type AuditRow } from './audit.repository.js';
import { recordAudit } from './audit.service.js';
import { auditChanges, describeAction, describeEntity, recordNames, type AuditChange } from './audit-describe.js';

export type AuditEntry = {
  seq: string;
  at: string;
  actorId: string | null;
  actorName: string;
  ip: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  actionLabel: string;
  entityLabel: string;
  recordName: string | null;
  changes: AuditChange[];
};

export type AuditPage = { items: AuditEntry[]; nextCursor: string | null };

export const MAX_PAGE = 500;
export const MAX_EXPORT_ROWS = 1_000_000;

/**
 * The audit log is not tied to enterprises, so `audit.read` is all-or-nothing: an actor holding it
 * in any grant sees every entry (docs/security.md). Values are masked again on the way out, in case
 * an entry predates masking at write time.
 */
const toEntry = (r: AuditRow): AuditEntry => described({
  seq: r.seq,
  at: r.at.toISOString(),
  actorId: r.actor_id,
  actorName: r.actor_name,
  ip: r.ip,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  before: r.before === null ? null : maskPersonalFields(r.before),
  after: r.after === null ? null : maskPersonalFields(r.after),
});

type Raw = Omit<AuditEntry, 'actionLabel' | 'entityLabel' | 'recordName' | 'changes'>;
const described = (e: Raw): AuditEntry => ({
  ...e, actionLabel: describeAction(e.action), entityLabel: describeEntity(e.entity), recordName: null, changes: auditChanges(e.before, e.after),
});

/** Fills in the records' names for a page of entries (one lookup per kind of record). */
async function named(db: Db, entries: AuditEntry[]): Promise<AuditEntry[]> {
  const names = await recordNames(db, entries);
  return entries.map((e) => ({ ...e, recordName: e.entityId ? names.get(`${e.entity}:${e.entityId}`) ?? null : null }));
}

export async function listAudit(db: Db, actor: Actor, filter: AuditFilter, cursor: string | null, limit = 100): Promise<AuditPage> {
  requireAction(actor, 'audit.read');
  checkFilter(filter, cursor);
  const size = Math.min(Math.max(1, limit), MAX_PAGE);
  const rows = await listAuditRows(db, filter, cursor, size + 1);
  const items = await named(db, rows.slice(0, size).map(toEntry));
  return { items, nextCursor: rows.length > size ? items[items.length - 1].seq : null };
}

function checkFilter(f: AuditFilter, cursor: string | null): void {
  if (cursor !== null && !/^\d{1,19}$/.test(cursor)) {
    throw new AppError('VALIDATION_FAILED', '分页游标不正确', [{ field: 'cursor', code: 'format', message: '应为数字' }]);
  }
  if (f.from && f.to && f.from > f.to) {
    throw new AppError('VALIDATION_FAILED', '开始时间不能晚于结束时间', [{ field: 'from', code: 'range', message: '开始时间晚于结束时间' }]);
  }
}

// The same Chinese reading as the viewer: no action codes, no raw JSON (field names) in the file.
const ACTION_HEADERS = ['序号', '时间', '操作人', '操作人编号', 'IP', '操作', '对象类型', '对象', '对象编号', '变更内容'];
const WIDTHS = [10, 22, 14, 10, 16, 20, 12, 30, 12, 80];

/**
 * Exports the filtered log (newest first) as XLSX, streamed row by row. The export itself is an
 * audited event: who took a copy of the log, with which filter.
 */
export async function exportAuditXlsx(db: Db, actor: Actor, filter: AuditFilter): Promise<Buffer> {
  requireAction(actor, 'audit.read');
  checkFilter(filter, null);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => { out.on('end', resolve); out.on('error', reject); });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const ws = wb.addWorksheet('审计日志');
  ws.columns = ACTION_HEADERS.map((header, i) => ({ header, width: WIDTHS[i] }));
  let cursor: string | null = null;
  let written = 0;
  do {
    const rows = await listAuditRows(db, filter, cursor, 5000);
    for (const r of await named(db, rows.map(toEntry))) {
      ws.addRow([Number(r.seq), r.at, r.actorName, r.actorId, r.ip, r.actionLabel, r.entityLabel, r.recordName, r.entityId, changesCell(r.changes)]).commit();
      if (++written >= MAX_EXPORT_ROWS) break;
    }
    cursor = rows.length === 5000 && written < MAX_EXPORT_ROWS ? rows[rows.length - 1].seq : null;
  } while (cursor);
  ws.commit();
  await wb.commit();
  await done;
  await db.transaction().execute((tx) => recordAudit(tx, actor, {
    action: 'audit.export', entity: 'audit_event', after: { filter: describeFilter(filter), rows: written },
  }));
  return Buffer.concat(chunks);
}

// Excel cells hold at most 32,767 characters.
const changesCell = (changes: AuditChange[]): string | null =>
  changes.length ? changes.map((c) => `${c.label}：${c.before} → ${c.after}`).join('\n').slice(0, 32_000) : null;

const describeFilter = (f: AuditFilter): Record<string, string> =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : String(v)]));
