import path from 'node:path';
import type { DuesImportResult } from '../../contracts/dues.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { parseIdNumber } from '../../domain/id-number.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { holdsAction, requireAction } from '../access/require.js';
import { scopeFor, type Scope } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { blindIndex } from '../crypto/pii-cipher.js';
import { fileSha256 } from '../import/file-sha256.js';
import { writeDuesErrorReport } from './dues-error-report.js';
import { parseDay, parseMonth, parseYuan, readDuesFile, DUES_COLUMN_LABEL, type DuesColumn } from './dues-file.js';
import { assertBackPay } from './dues.service.js';
import * as repo from './dues.repository.js';
import { refreshDuesTasks } from './dues-tasks.js';

/**
 * A payment file imported (docs/dues.md): every row checked first — the person by the ID number's
 * blind index, the name, the month's ledger row managed by the caller, the amount, the day and the
 * back-payment limit — then all rows written in one transaction, or none. A dry run only checks.
 * A payment already imported (same month, day and amount) is left as it is: the same file twice
 * changes nothing.
 */
type RowError = DuesImportResult['errors'][number];
type Planned = { row: number; ledgerId: string; amountFen: number; paidOn: string };

const err = (row: number, column: DuesColumn | undefined, code: string, message: string): RowError =>
  ({ row, ...(column ? { column: DUES_COLUMN_LABEL[column] } : {}), code, message });

async function checkRow(db: Executor, keyring: Keyring, actor: Actor, manage: Scope, read: Scope | null, r: { row: number; values: Partial<Record<DuesColumn, string>> }): Promise<Planned | RowError> {
  const v = r.values;
  const id = parseIdNumber(v.idNumber ?? '');
  if (!id.ok) return err(r.row, 'idNumber', 'INVALID_ID_NUMBER', id.message);
  const amountFen = parseYuan(v.amount ?? '');
  if (amountFen === null || amountFen <= 0) return err(r.row, 'amount', 'INVALID_AMOUNT', '金额应为大于0的数字，最多两位小数（单位：元）');
  const paidOn = parseDay(v.paidOn ?? '');
  if (!paidOn) return err(r.row, 'paidOn', 'INVALID_DATE', '缴费日期应为日期，如2026-11-05');
  if (paidOn > today()) return err(r.row, 'paidOn', 'DATE_IN_FUTURE', '缴费日期不能晚于今天');
  const month = v.month ? parseMonth(v.month) : paidOn.slice(0, 7);
  if (!month) return err(r.row, 'month', 'INVALID_MONTH', '所属月份应为年月，如2026-11');
  const person = await db.selectFrom('person').select(['id', 'name']).where('id_number_index', '=', blindIndex(keyring, 'id_number', id.value)).executeTakeFirst();
  const member = person ? await db.selectFrom('party_member').select('id').where('person_id', '=', person.id).executeTakeFirst() : undefined;
  const ledger = member ? await repo.ledgerOfMonth(db, member.id, month) : undefined;
  const owned = ledger ? await repo.findLedger(db, manage, ledger.id, 'owned') : undefined;
  if (!owned) {
    const seen = ledger && (await repo.findLedger(db, manage, ledger.id)) || (ledger && read && (await repo.findLedger(db, read, ledger.id)));
    if (seen) return err(r.row, 'idNumber', 'NOT_MANAGED', `该党员${month}的党费由其他党组织收缴，您只能查看`);
    if (member && !ledger && person) return err(r.row, 'month', 'MONTH_NOT_COMPUTED', `${month}的党费尚未计算，请先计算该月党费`);
    return err(r.row, 'idNumber', 'MEMBER_NOT_FOUND', '未找到该身份证号码的党员（或不在您的管理范围内）');
  }
  if (v.name && person && v.name.replace(/\s/g, '') !== person.name) return err(r.row, 'name', 'NAME_MISMATCH', '姓名与身份证号码登记的姓名不一致');
  try {
    assertBackPay(month, paidOn, 'paidOn', r.row);
  } catch (e) {
    if (e instanceof AppError) return err(r.row, 'paidOn', 'BACKPAY_TOO_LATE', e.message);
    throw e;
  }
  return { row: r.row, ledgerId: owned.id, amountFen, paidOn };
}

/** The gate before the upload is read: importing payments needs org.manage. */
export const assertCanImportDues = (actor: Actor): void => void requireAction(actor, 'org.manage');

export async function importDuesPayments(
  d: { db: Db; keyring: Keyring }, actor: Actor, file: string, opts: { dryRun: boolean; fileName?: string; reportPath?: string },
): Promise<DuesImportResult> {
  const manage = requireAction(actor, 'org.manage');
  const readScope = holdsAction(actor, 'org.read') ? scopeFor(actor, 'org.read') : null;
  const read = await readDuesFile(file);
  const { rows } = read;
  const errors: RowError[] = [];
  const planned: Planned[] = [];
  const keys = new Map<string, number>();
  for (const r of rows) {
    const p = await checkRow(d.db, d.keyring, actor, manage, readScope, r);
    if ('code' in p) { errors.push(p); continue; }
    const key = `${p.ledgerId}|${p.paidOn}|${p.amountFen}`;
    const first = keys.get(key);
    if (first !== undefined) { errors.push(err(p.row, undefined, 'DUPLICATE_ROW', `与第${first}行重复（同一党员、月份、日期和金额）`)); continue; }
    keys.set(key, p.row);
    planned.push(p);
  }
  const base = { rows: rows.length, rejected: new Set(errors.map((e) => e.row)).size, errors: errors.slice(0, 1000) };
  // The report holds every rejected row, the answer the first 1 000 errors.
  if (opts.reportPath && errors.length) await writeDuesErrorReport(opts.reportPath, read, errors);
  if (errors.length || opts.dryRun) {
    if (opts.dryRun) return { dryRun: true, ...base, applied: 0, unchanged: 0, batchId: null };
    return { dryRun: false, ...base, applied: 0, unchanged: 0, batchId: null };
  }
  const sha = await fileSha256(file);
  return d.db.transaction().execute(async (tx) => {
    const batch = await tx.insertInto('dues_import_batch').values({
      file_name: (opts.fileName ?? path.basename(file)).slice(0, 255) || 'file', file_sha256: sha, rows_total: rows.length, rows_applied: 0, created_by: actor.userId,
    }).returning('id').executeTakeFirstOrThrow();
    let applied = 0;
    for (const p of planned) {
      const inserted = await repo.insertPayment(tx, { ledgerId: p.ledgerId, amountFen: p.amountFen, paidOn: p.paidOn, method: 'import', batchId: batch.id, by: actor.userId });
      if (!inserted) continue;
      await repo.addPaid(tx, p.ledgerId, null, p.amountFen, p.paidOn, 'import');
      applied++;
    }
    await tx.updateTable('dues_import_batch').set({ rows_applied: applied }).where('id', '=', batch.id).execute();
    await recordAudit(tx, actor, { action: 'dues.import', entity: 'dues_import_batch', entityId: batch.id, after: { rows: rows.length, applied, unchanged: planned.length - applied, sha256: sha } });
    // One refresh for the file: the organisations whose rows it paid.
    if (applied) await refreshDuesTasks(tx, actor, { ledgerIds: planned.map((p) => p.ledgerId) }, 'dues.import');
    return { dryRun: false, ...base, applied, unchanged: planned.length - applied, batchId: batch.id };
  });
}
