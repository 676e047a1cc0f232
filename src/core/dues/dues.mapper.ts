import type { DuesLedgerRow } from '../../contracts/dues.js';
import type { DuesCategory } from '../../domain/rules/member-facts.js';
import { yuan } from '../../domain/rules/member-dues.js';
import type { LedgerView } from './dues.repository.js';

/** A ledger row as the API gives it: the bracket in officials' words, a reduction named as such. */
export function toLedgerRow(r: LedgerView): DuesLedgerRow {
  const reduced = r.rule_id === 'member.duesReduced';
  return {
    id: r.id, memberId: String(r.member_id), name: r.name, month: r.month, orgId: String(r.org_id), orgName: r.org_name,
    category: r.category as DuesCategory, baseFen: r.base_fen === null ? null : Number(r.base_fen), standardFen: r.standard_fen, dueFen: r.due_fen,
    basis: basisText(r.bracket, r.rule_id, r.due_fen), reduced,
    paidFen: r.paid_fen, paidOn: r.paid_on, method: r.method, version: r.version, manageable: !!r.owned,
  };
}

export const basisText = (bracket: string, ruleId: string, dueFen: number): string =>
  (ruleId === 'member.duesReduced' ? `经批准${dueFen === 0 ? '免交' : `少交，每月${yuan(dueFen)}`}（标准：${bracket}）` : bracket);

/** The audit view of a ledger row (no name: the entity id points to it). */
export const ledgerAuditView = (r: { member_id: string | number; month: string; due_fen: number; paid_fen: number; paid_on: string | null; version: number }) =>
  ({ memberId: String(r.member_id), month: r.month, dueFen: r.due_fen, paidFen: r.paid_fen, paidOn: r.paid_on, version: r.version });
