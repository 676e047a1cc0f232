import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { DuesLedgerTable, DuesReductionTable } from '../../db/tables/dues.js';
import type { DuesMonthQuery } from '../../contracts/dues.js';
import { asColumn } from '../access/party-org-scope.js';
import { ledgerOwnedSql, ledgerVisibleSql } from '../access/dues-scope.js';
import type { Scope } from '../access/scope.js';
import { NEXT_VERSION } from '../../db/versioned.js';

/** SQL of the dues ledger (0020_dues.sql). Every read takes the reader's Scope (access/dues-scope.ts). */
export type LedgerRow = Selectable<DuesLedgerTable>;
export type LedgerView = LedgerRow & { name: string; org_name: string; owned: boolean };

const viewOf = (db: Executor, scope: Scope) => db.selectFrom('dues_ledger as l')
  .innerJoin('party_member as m', 'm.id', 'l.member_id')
  .innerJoin('person as p', 'p.id', 'm.person_id')
  .innerJoin('party_org as o', 'o.id', 'l.org_id')
  .selectAll('l').select(['p.name', 'o.name as org_name'])
  .select(asColumn(ledgerOwnedSql(scope)).as('owned'));

export async function findLedger(db: Executor, scope: Scope, id: string, mode: 'owned' | 'visible' = 'visible'): Promise<LedgerView | undefined> {
  return viewOf(db, scope).where('l.id', '=', id).where(mode === 'owned' ? ledgerOwnedSql(scope) : ledgerVisibleSql(scope)).executeTakeFirst() as Promise<LedgerView | undefined>;
}

function filtered(db: Executor, scope: Scope, f: DuesMonthQuery) {
  let q = viewOf(db, scope).where('l.org_id', '=', f.orgId).where('l.month', '=', f.month).where(ledgerVisibleSql(scope));
  if (f.paid === 'paid') q = q.whereRef('l.paid_fen', '>=', 'l.due_fen');
  if (f.paid === 'unpaid') q = q.whereRef('l.paid_fen', '<', 'l.due_fen');
  if (f.q) q = q.where('p.name', 'like', `%${f.q.replace(/[%_\\]/g, (c) => '\\' + c)}%`);
  return q;
}

export async function listLedger(db: Executor, scope: Scope, f: DuesMonthQuery, cursor: string | undefined, limit: number): Promise<LedgerView[]> {
  let q = filtered(db, scope, f);
  if (cursor) q = q.where('l.id', '>', cursor);
  return q.orderBy('l.id').limit(limit).execute() as Promise<LedgerView[]>;
}

export type LedgerSums = { members: number; paid_members: number; due_fen: number; paid_fen: number; arrears_fen: number };
export async function sumLedger(db: Executor, scope: Scope, f: DuesMonthQuery): Promise<LedgerSums> {
  const r = await filtered(db, scope, f).clearSelect().select([
    sql<string>`count(*)`.as('members'),
    sql<string>`count(*) FILTER (WHERE l.paid_fen >= l.due_fen)`.as('paid_members'),
    sql<string>`coalesce(sum(l.due_fen), 0)`.as('due_fen'),
    sql<string>`coalesce(sum(l.paid_fen), 0)`.as('paid_fen'),
    sql<string>`coalesce(sum(greatest(l.due_fen - l.paid_fen, 0)), 0)`.as('arrears_fen'),
  ]).executeTakeFirstOrThrow();
  return { members: Number(r.members), paid_members: Number(r.paid_members), due_fen: Number(r.due_fen), paid_fen: Number(r.paid_fen), arrears_fen: Number(r.arrears_fen) };
}

export async function monthStatus(db: Executor, orgId: string, month: string): Promise<'open' | 'closed' | 'none'> {
  const r = await db.selectFrom('dues_month').select('status').where('org_id', '=', orgId).where('month', '=', month).executeTakeFirst();
  return r?.status ?? 'none';
}

export async function closeMonth(tx: Executor, orgId: string, month: string): Promise<boolean> {
  const r = await tx.updateTable('dues_month').set({ status: 'closed', closed_at: sql<Date>`now()`, version: sql<number>`version + 1` })
    .where('org_id', '=', orgId).where('month', '=', month).where('status', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Adds a payment to a ledger row at its version: undefined when the version moved on. */
export async function addPaid(tx: Executor, id: string, version: number | null, amountFen: number, paidOn: string, method: 'hand' | 'import'): Promise<LedgerRow | undefined> {
  let q = tx.updateTable('dues_ledger').set({
    paid_fen: sql<number>`paid_fen + ${amountFen}`, paid_on: sql<string>`greatest(coalesce(paid_on, ${paidOn}::date), ${paidOn}::date)`,
    method, ...NEXT_VERSION,
  }).where('id', '=', id);
  if (version !== null) q = q.where('version', '=', version);
  return q.returningAll().executeTakeFirst();
}

export async function insertPayment(tx: Executor, p: { ledgerId: string; amountFen: number; paidOn: string; method: 'hand' | 'import'; batchId?: string | null; note?: string | null; by: string | null }): Promise<string | null> {
  const r = await tx.insertInto('dues_payment').values({
    ledger_id: p.ledgerId, amount_fen: p.amountFen, paid_on: p.paidOn, method: p.method, batch_id: p.batchId ?? null, note: p.note ?? null, created_by: p.by,
  }).onConflict((oc) => oc.columns(['ledger_id', 'paid_on', 'amount_fen']).where('method', '=', 'import').doNothing()).returning('id').executeTakeFirst();
  return r?.id ?? null;
}

/** Every ledger row of a member (all organisations), oldest first: the statement and the findings. */
export async function ledgerOfMember(db: Executor, memberId: string) {
  return db.selectFrom('dues_ledger as l').innerJoin('party_org as o', 'o.id', 'l.org_id')
    .select(['l.id', 'l.month', 'l.org_id', 'o.name as org_name', 'l.due_fen', 'l.paid_fen', 'l.paid_on', 'l.bracket', 'l.rule_id', 'l.version'])
    .where('l.member_id', '=', memberId).orderBy('l.month').execute();
}

export async function basesOfMember(db: Executor, memberId: string) {
  return db.selectFrom('dues_basis').selectAll().where('member_id', '=', memberId).orderBy('from_month').execute();
}
export async function reductionsOfMember(db: Executor, memberId: string) {
  return db.selectFrom('dues_reduction').selectAll().where('member_id', '=', memberId).orderBy('from_month').execute();
}

export async function upsertBasis(tx: Executor, v: { memberId: string; fromMonth: string; category: string; baseFen: number | null; by: string | null }) {
  await tx.insertInto('dues_basis').values({ member_id: v.memberId, from_month: v.fromMonth, category: v.category, base_fen: v.baseFen, created_by: v.by })
    .onConflict((oc) => oc.columns(['member_id', 'from_month']).doUpdateSet({ category: v.category, base_fen: v.baseFen, created_by: v.by })).execute();
}

export async function insertReduction(tx: Executor, v: { memberId: string; fromMonth: string; toMonth: string | null; amountFen: number; approvedOn: string | null; approvalRef: string | null; by: string | null }) {
  return tx.insertInto('dues_reduction').values({
    member_id: v.memberId, from_month: v.fromMonth, to_month: v.toMonth, amount_fen: v.amountFen, approved_on: v.approvedOn, approval_ref: v.approvalRef, created_by: v.by,
  }).returning('id').executeTakeFirstOrThrow();
}

/** The ledger row of a member's month (for an import row). */
export async function ledgerOfMonth(db: Executor, memberId: string, month: string): Promise<LedgerRow | undefined> {
  return db.selectFrom('dues_ledger').selectAll().where('member_id', '=', memberId).where('month', '=', month).executeTakeFirst();
}

export type ReductionRow = Selectable<DuesReductionTable>;
export async function findReduction(db: Executor, id: string, lock = false): Promise<ReductionRow | undefined> {
  let q = db.selectFrom('dues_reduction').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Withdraws a reduction not yet withdrawn: false when it was withdrawn meanwhile. */
export async function withdrawReduction(tx: Executor, id: string, on: string, reason: string): Promise<boolean> {
  const r = await tx.updateTable('dues_reduction').set({ withdrawn_on: on, withdrawn_reason: reason })
    .where('id', '=', id).where('withdrawn_on', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Opens a closed month again: false when it is not closed. */
export async function reopenMonth(tx: Executor, orgId: string, month: string, reason: string): Promise<boolean> {
  const r = await tx.updateTable('dues_month').set({ status: 'open', closed_at: null, reopened_at: sql<Date>`now()`, reopen_reason: reason, version: sql<number>`version + 1` })
    .where('org_id', '=', orgId).where('month', '=', month).where('status', '=', 'closed').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Approves a pending reduction: false when it was approved meanwhile. */
export async function approveReduction(tx: Executor, id: string, approvedOn: string, approvalRef: string): Promise<boolean> {
  const r = await tx.updateTable('dues_reduction').set({ approved_on: approvedOn, approval_ref: approvalRef })
    .where('id', '=', id).where('approved_on', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
