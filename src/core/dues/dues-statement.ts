import type { Writable } from 'node:stream';
import type { DuesStatement } from '../../contracts/dues.js';
import type { Db, Executor } from '../../db/schema.js';
import { monthsBetween } from '../../domain/dues.js';
import { notFound } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { duesFindings } from '../../domain/rules/member-dues.js';
import { memberContext } from '../../domain/rules/member-context.js';
import { DUES_CATEGORY_LABELS, type DuesCategory, type MemberRuleFacts } from '../../domain/rules/member-facts.js';
import { RULE_SET } from '../../domain/rules/rule-set.js';
import type { MemberStatus } from '../../domain/member.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { requireVisibleMember } from '../member/member.access.js';
import { writeListXlsx } from '../xlsx/list-xlsx.js';
import { basisText } from './dues.mapper.js';
import * as repo from './dues.repository.js';

/**
 * A member's dues over a year (年度党费交纳情况): every month with what was due, paid and where, the
 * basis in force, and the findings of the pure rules (arrears, the six-month rule, late back pay,
 * unapproved reductions) as of today. Months paid in another organisation (before a transfer) are
 * part of the member's statement: they are the member's.
 */
export async function buildStatement(db: Executor, memberId: string, year: number): Promise<DuesStatement> {
  const m = await db.selectFrom('party_member as m').innerJoin('person as p', 'p.id', 'm.person_id').innerJoin('party_org as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.status', 'p.name', 'o.name as org_name', 'o.region_code']).where('m.id', '=', memberId).executeTakeFirst();
  if (!m) throw notFound('党员');
  const [ledger, bases, reductions] = await Promise.all([repo.ledgerOfMember(db, memberId), repo.basesOfMember(db, memberId), repo.reductionsOfMember(db, memberId)]);
  const asOf = today();
  const facts: MemberRuleFacts = {
    id: memberId, status: m.status as MemberStatus, provinceCode: m.region_code,
    dues: {
      bases: bases.map((b) => ({ fromMonth: b.from_month, category: b.category as DuesCategory, baseFen: b.base_fen === null ? null : Number(b.base_fen) })),
      reductions: reductions.map((r) => ({ fromMonth: r.from_month, toMonth: r.to_month, amountFen: r.amount_fen, approvedOn: r.approved_on })),
      payments: ledger.filter((l) => l.paid_on && l.paid_fen >= l.due_fen).map((l) => ({ month: l.month, paidOn: l.paid_on!, amountFen: l.paid_fen })),
    },
  };
  const findings = duesFindings(facts, memberContext(facts, asOf, RULE_SET));
  const byMonth = new Map(ledger.map((l) => [l.month, l]));
  const months = monthsBetween(`${year}-01`, `${year}-12`).map((month) => {
    const l = byMonth.get(month);
    return {
      month, orgName: l?.org_name ?? null, dueFen: l?.due_fen ?? null, paidFen: l?.paid_fen ?? 0, paidOn: l?.paid_on ?? null,
      basis: l ? basisText(l.bracket, l.rule_id, l.due_fen) : null, ledgerId: l?.id ?? null,
    };
  });
  const current = [...bases].reverse().find((b) => b.from_month <= `${year}-12`) ?? null;
  const dueFen = months.reduce((s, x) => s + (x.dueFen ?? 0), 0);
  const paidFen = months.reduce((s, x) => s + x.paidFen, 0);
  const arrearsFen = months.reduce((s, x) => s + Math.max(0, (x.dueFen ?? 0) - x.paidFen), 0);
  return {
    memberId, name: m.name, year, orgName: m.org_name,
    basis: current ? { fromMonth: current.from_month, category: current.category as DuesCategory, categoryLabel: DUES_CATEGORY_LABELS[current.category as DuesCategory], baseFen: current.base_fen === null ? null : Number(current.base_fen) } : null,
    months, totals: { dueFen, paidFen, arrearsFen },
    findings: findings.map((f) => ({ title: f.title, message: f.message, severity: f.severity, source: f.source, dueOn: f.dueOn ?? null })),
  };
}

export async function getDuesStatement(db: Db, actor: Actor, memberId: string, year: number): Promise<DuesStatement> {
  await requireVisibleMember(db, actor, memberId);
  return buildStatement(db, memberId, year);
}

/** 我的党费: the signed-in member's own statement, whatever roles the account holds. */
export async function getMyDues(db: Db, actor: Actor, year: number): Promise<DuesStatement> {
  if (actor.kind !== 'user' || !actor.userId) throw notFound('党员信息');
  const m = await db.selectFrom('app_user as u').innerJoin('party_member as m', 'm.person_id', 'u.person_id').select('m.id')
    .where('u.id', '=', actor.userId).executeTakeFirst();
  if (!m) throw notFound('党员信息');
  return buildStatement(db, m.id, year);
}

const yuanCell = (fen: number | null) => (fen === null ? '' : fen / 100);

export async function openStatementExport(db: Db, actor: Actor, memberId: string, year: number) {
  const s = await getDuesStatement(db, actor, memberId, year);
  type Row = DuesStatement['months'][number];
  return {
    title: `${year}年度党费交纳情况-${s.name}`,
    write: (out: Writable) => writeListXlsx(db, out, {
      sheet: `${year}年度党费`,
      columns: [
        { header: '月份', width: 10, cell: (r: Row) => r.month },
        { header: '党组织', width: 30, cell: (r) => r.orgName ?? '' },
        { header: '计算标准', width: 40, cell: (r) => r.basis ?? '未计算' },
        { header: '应交（元）', width: 12, cell: (r) => yuanCell(r.dueFen) },
        { header: '实交（元）', width: 12, cell: (r) => yuanCell(r.paidFen) },
        { header: '缴费日期', width: 12, cell: (r) => r.paidOn ?? '' },
      ],
      pages: (async function* () { yield s.months; })(),
      beforeClose: () => recordAudit(db, actor, { action: 'dues.statement_export', entity: 'party_member', entityId: memberId, after: { year } }),
    }),
  };
}
