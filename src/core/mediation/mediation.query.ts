import type { MediationCaseFilter, MediationStats, MediationStatsQuery } from '../../contracts/mediation.js';
import type { Db, Executor } from '../../db/schema.js';
import { MEDIATION_CATEGORIES, MEDIATION_STATUSES } from '../../domain/mediation.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import { addYears, fromDay, toDay } from '../../domain/rules/dates.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import type { Scope } from '../access/scope.js';
import { toCase } from './mediation.mapper.js';
import * as repo from './mediation.repository.js';

/**
 * Mediation statistics (docs/unions.md, "劳动争议调解 — 统计与倒计时"): every number is a count under
 * the same filter `GET /api/mediation/cases` takes, and carries that filter, so its drill-down lists
 * exactly the rows counted.
 */
type Filter = Record<string, string>;
const asFilter = (f: MediationCaseFilter): Filter =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));

/** Period: [from, to], default the twelve months up to today. */
export function statsPeriod(q: { from?: string; to?: string }): { from: string; to: string } {
  const to = q.to ?? today();
  const from = q.from ?? fromDay(addYears(toDay(to), -1) + 1);
  if (from > to) throw new AppError('VALIDATION_FAILED', '开始日期不能晚于结束日期', [{ field: 'from', code: 'FROM_AFTER_TO', message: '开始日期不能晚于结束日期' }]);
  return { from, to };
}

/**
 * The coordinator's metric (issue 16 item 10): cases concluded (agreed or failed; withdrawn left out)
 * with a closing day in [from, to] under `regionPrefix`, and how many of them within the mediation
 * period. The drill-down is `GET /api/mediation/cases?regionPrefix=&closedFrom=&closedTo=&concluded=true`
 * (add `inTime=true` for the numerator).
 */
export async function mediationInTime(db: Executor, scope: Scope, regionPrefix: string | undefined, from: string, to: string): Promise<{ closedInTime: number; closed: number }> {
  const base: MediationCaseFilter = { regionPrefix, closedFrom: from, closedTo: to };
  const asOf = today();
  const [closedInTime, closed] = await Promise.all([
    repo.countCases(db, scope, { ...base, inTime: true }, asOf), repo.countCases(db, scope, { ...base, concluded: true }, asOf),
  ]);
  return { closedInTime, closed };
}

export async function mediationStats(db: Db, actor: Actor, q: MediationStatsQuery): Promise<MediationStats> {
  const scope = requireAction(actor, 'union.read');
  const asOf = today();
  const { from, to } = statsPeriod(q);
  const base: MediationCaseFilter = { regionPrefix: q.regionPrefix, receivedFrom: from, receivedTo: to };
  const closedBase: MediationCaseFilter = { regionPrefix: q.regionPrefix, closedFrom: from, closedTo: to };
  const openBase: MediationCaseFilter = { regionPrefix: q.regionPrefix, open: true };
  const [counts, inTime, closed, openRows, openTotal, overdue] = await Promise.all([
    repo.caseCounts(db, scope, base, asOf),
    repo.countCases(db, scope, { ...closedBase, inTime: true }, asOf),
    repo.countCases(db, scope, { ...closedBase, concluded: true }, asOf),
    repo.openCases(db, scope, openBase, asOf, 200),
    repo.countCases(db, scope, openBase, asOf),
    repo.countCases(db, scope, { ...openBase, overdue: true }, asOf),
  ]);
  const streetCodes = [...new Set(counts.map((c) => c.street).filter((s): s is string => !!s && s.length === 9))].sort();
  const names = streetCodes.length
    ? new Map((await db.selectFrom('region').select(['code', 'name']).where('code', 'in', streetCodes.map((s) => s.padEnd(12, '0'))).execute()).map((r) => [r.code.slice(0, 9), r.name]))
    : new Map<string, string>();
  const sum = (pred: (c: (typeof counts)[number]) => boolean) => counts.filter(pred).reduce((n, c) => n + Number(c.n), 0);
  const cell = (pred: (c: (typeof counts)[number]) => boolean, f: MediationCaseFilter) => ({ n: sum(pred), filter: asFilter(f) });
  const breakdown = (extra: MediationCaseFilter, where: (c: (typeof counts)[number]) => boolean) => ({
    byCategory: Object.fromEntries(MEDIATION_CATEGORIES.map((k) => [k, cell((c) => where(c) && c.category === k, { ...base, ...extra, category: k })])),
    byStatus: Object.fromEntries(MEDIATION_STATUSES.map((k) => [k, cell((c) => where(c) && c.status === k, { ...base, ...extra, status: k })])),
  });
  return {
    from, to, asOf,
    streets: streetCodes.map((s) => ({
      street: s, streetName: names.get(s) ?? '未知街道', total: cell((c) => c.street === s, { ...base, street: s }), ...breakdown({ street: s }, (c) => c.street === s),
    })),
    totals: { received: cell(() => true, base), ...breakdown({}, () => true) },
    inTime: {
      closedInTime: { n: inTime, filter: asFilter({ ...closedBase, inTime: true }) }, closed: { n: closed, filter: asFilter({ ...closedBase, concluded: true }) },
      rate: closed ? Math.round((inTime / closed) * 1000) / 10 : null,
    },
    open: openRows.map((r) => toCase(r, asOf)),
    openTotal: { n: openTotal, filter: asFilter(openBase) },
    overdue: { n: overdue, filter: asFilter({ ...openBase, overdue: true }) },
  };
}
