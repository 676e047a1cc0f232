import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { validateCreditCode } from '../../domain/credit-code.js';
import { normalizeCode } from '../../domain/normalize.js';
import { checkUmRow, dispatchedWarning, UM_COLUMNS, type DispatchedJoinAt, type UmRowFacts } from '../../domain/union-member.js';
import { visibleInScope } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';
import type { Keyring } from '../crypto/keyring.js';
import { blindIndex } from '../crypto/pii-cipher.js';
import type { RowErrorRecord } from '../import/import-batch.repository.js';
import type { UmFileRow } from './read-union-member-file.js';

/**
 * The checks of a union roster import (docs/unions.md, "会员实名制", "Import"): each row on its own
 * (src/domain/union-member.ts), then the file against itself (the same ID number or 会员证号 twice)
 * and against the database, set-wise per file: the person by ID number (one person record: a party
 * member is the same person; a different 姓名 for a registered number is refused), a live membership
 * in another union (named only when the importer sees it), 会员证号 used by another member, the
 * 工作单位 as an enterprise the union covers (by credit code or exact name) else kept as written,
 * and the 劳务派遣 warning. Every problem names its row and column.
 */
export type PlannedRow = {
  row: number; facts: UmRowFacts; idIndex: string; personId: string | null; memberId: string | null;
  enterpriseId: string | null; employerName: string | null;
};
export type CheckOutcome = { planned: PlannedRow[]; errors: RowErrorRecord[]; warnings: RowErrorRecord[] };

const col = (k: keyof typeof UM_COLUMNS) => UM_COLUMNS[k].label;

export async function checkRoster(
  tx: Executor, rows: UmFileRow[], c: { unionId: string; keyring: Keyring; today: string; read: Scope | null; joinAt: DispatchedJoinAt },
): Promise<CheckOutcome> {
  const errors: RowErrorRecord[] = [];
  const warnings: RowErrorRecord[] = [];
  const good: Array<{ row: number; facts: UmRowFacts; idIndex: string }> = [];
  for (const r of rows) {
    const checked = checkUmRow(r.values, c.today);
    if (!checked.ok) for (const e of checked.errors) errors.push({ row: r.row, ...e });
    else good.push({ row: r.row, facts: checked.facts, idIndex: blindIndex(c.keyring, 'id_number', checked.facts.idNumber) });
  }
  const repeated = (key: (g: (typeof good)[number]) => string | null, column: string, what: string) => {
    const by = new Map<string, number[]>();
    for (const g of good) { const k = key(g); if (k) by.set(k, [...(by.get(k) ?? []), g.row]); }
    for (const list of by.values()) {
      if (list.length < 2) continue;
      for (const row of list) errors.push({ row, column, code: 'DUPLICATE_IN_FILE', message: `${what}在文件中重复出现（另见第 ${list.filter((x) => x !== row).join('、')} 行）` });
    }
  };
  repeated((g) => g.idIndex, col('idNumber'), '公民身份号码');
  repeated((g) => g.facts.cardNumber, col('cardNumber'), '会员证号');

  const indexes = good.map((g) => g.idIndex);
  const people = new Map((indexes.length ? await tx.selectFrom('person').select(['id', 'name', 'id_number_index']).where('id_number_index', 'in', indexes).execute() : [])
    .map((p) => [p.id_number_index!, p]));
  const personIds = [...people.values()].map((p) => p.id);
  const live = new Map((personIds.length ? await tx.selectFrom('union_member as m').innerJoin('union_org as u', 'u.id', 'm.union_id')
    .select(['m.id', 'm.person_id', 'm.union_id', 'u.name', ...(c.read ? [sql<boolean>`${visibleInScope(c.read, 'union', 'u')}`.as('seen')] : [sql<boolean>`false`.as('seen')])])
    .where('m.person_id', 'in', personIds).where('m.status', 'in', ['active', 'retained']).execute() : []).map((m) => [m.person_id, m]));
  const cards = good.map((g) => g.facts.cardNumber).filter((x): x is string => !!x);
  const takenCards = new Map((cards.length ? await tx.selectFrom('union_member').select(['card_number', 'person_id']).where('union_id', '=', c.unionId)
    .where('card_number', 'in', cards).where('status', 'in', ['active', 'retained']).execute() : []).map((x) => [x.card_number!, x.person_id]));
  const covered = await tx.selectFrom('union_coverage as cv').innerJoin('enterprise as e', 'e.id', 'cv.enterprise_id').select(['e.id', 'e.name', 'e.credit_code'])
    .where('cv.union_id', '=', c.unionId).where('cv.since', '<=', c.today).where(sql<boolean>`(cv.until IS NULL OR cv.until > ${c.today}::date)`).execute();
  const byCode = new Map(covered.map((e) => [e.credit_code, e.id]));
  const byName = new Map<string, string | null>();
  for (const e of covered) byName.set(e.name, byName.has(e.name) ? null : e.id); // a repeated name is no match

  const planned: PlannedRow[] = [];
  for (const g of good) {
    const fail = (column: string, code: string, message: string) => errors.push({ row: g.row, column, code, message });
    const person = people.get(g.idIndex);
    if (person && person.name !== g.facts.name) fail(col('name'), 'NAME_MISMATCH', '该公民身份号码已登记，登记的姓名与本行不一致，请核对');
    const m = person ? live.get(person.id) : undefined;
    if (m && m.union_id !== c.unionId) {
      fail(col('idNumber'), 'ALREADY_MEMBER', m.seen ? `该人员已是“${m.name}”的会员，一人只能有一个有效会籍；请由该工会办理转出`
        : '该人员已在其他工会登记会籍，一人只能有一个有效会籍；请由原工会办理转出');
    }
    const cardOwner = g.facts.cardNumber ? takenCards.get(g.facts.cardNumber) : undefined;
    if (cardOwner && cardOwner !== person?.id) fail(col('cardNumber'), 'DUPLICATE_CARD', `会员证号“${g.facts.cardNumber}”在本工会已被其他会员使用`);
    const code = g.facts.employer ? normalizeCode(g.facts.employer) : '';
    const enterpriseId = g.facts.employer
      ? (code.length === 18 && validateCreditCode(code).ok ? byCode.get(code) : undefined) ?? byName.get(g.facts.employer) ?? null
      : null;
    const w = dispatchedWarning(c.joinAt, { dispatched: g.facts.dispatched, employerCovered: !!enterpriseId, agencyCovered: !!g.facts.dispatchEmployer && byName.has(g.facts.dispatchEmployer) });
    if (w) warnings.push({ row: g.row, column: col('dispatched'), code: 'DISPATCHED_ELSEWHERE', message: w });
    planned.push({
      row: g.row, facts: g.facts, idIndex: g.idIndex, personId: person?.id ?? null, memberId: m && m.union_id === c.unionId ? m.id : null,
      enterpriseId, employerName: enterpriseId ? null : g.facts.employer,
    });
  }
  errors.sort((a, b) => a.row - b.row);
  return { planned, errors, warnings };
}
