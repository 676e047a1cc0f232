import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/schema.js';
import { addMonths, fromDay, toDay } from '../../domain/rules/dates.js';
import { createRuleContext, RULE_SET, type ParamId } from '../../domain/rules/index.js';
import { RULE_KINDS, taskDueOn } from '../../domain/task-kinds.js';
import { finding, inPages, type TaskFinder } from './task-finder-base.js';
import type { TaskFinding } from './task-findings.js';

/**
 * The dues finder (kind dues.arrears, docs/inbox.md): from the dues ledger, per organisation, the
 * members who owe the dues of `dues.arrearsTaskMonths` months or more (a month owed = its row not
 * paid in full, before the refresh's month; members who left or are suspended are not chased). The
 * ledger row belongs to the organisation that held the member that month, so the arrears are that
 * organisation's book and its task — as in docs/dues.md, only it manages those rows.
 *
 * One set-based statement per call (grouped by organisation and member, only rows owed), the
 * thresholds then read per province in memory. The due date is the rule's: the end of the month
 * in which the member owing longest completes `dues.lapseMonths` (党章第九条) counted from their
 * first month owed; already past, the kind's days from the refresh's day.
 */
const ARREARS: ParamId = 'dues.arrearsTaskMonths';
const LAPSE: ParamId = 'dues.lapseMonths';

type Owing = { org_id: string; region_code: string | null; name: string; first_month: string; n: number };

/** The lowest threshold of any province: the statement keeps only members who could count anywhere. */
function floorMonths(date: string): number {
  const national = createRuleContext(date).forRegion(null).params[ARREARS].value;
  const local = Object.values(RULE_SET.overrides).flatMap((o) => (o[ARREARS] ?? []).map((v) => v.value));
  return Math.max(1, Math.min(Number(national), ...local.map(Number)));
}

async function owing(db: Executor, orgFilter: RawBuilder<SqlBool>, date: string): Promise<Owing[]> {
  const month = date.slice(0, 7);
  const r = await sql<{ org_id: string; region_code: string | null; name: string; member_id: string; n: number; first_month: string }>`
    SELECT x.org_id::text AS org_id, o.region_code, o.name, x.member_id::text AS member_id, x.n, x.first_month
    FROM (SELECT l.org_id, l.member_id, count(*)::int AS n, min(l.month) AS first_month
          FROM dues_ledger l JOIN party_member m ON m.id = l.member_id
          WHERE l.month < ${month} AND l.paid_fen < l.due_fen AND m.status NOT IN ('left', 'suspended') AND ${orgFilter}
          GROUP BY l.org_id, l.member_id HAVING count(*) >= ${floorMonths(date)}) x
    JOIN party_org o ON o.id = x.org_id
    WHERE o.status = 'active'
    ORDER BY x.org_id, x.member_id`.execute(db);
  return r.rows.map((x) => ({ org_id: x.org_id, region_code: x.region_code, name: x.name, first_month: x.first_month, n: Number(x.n) }));
}

const lastDayOfMonth = (month: string, plus: number) => fromDay(addMonths(toDay(`${month}-01`), plus + 1) - 1);

function findings(rows: Owing[], date: string): TaskFinding[] {
  const kind = RULE_KINDS.find((k) => k.id === 'dues.arrears');
  if (!kind) return [];
  const rules = createRuleContext(date);
  const byOrg = new Map<string, { row: Owing; members: number; first: string; months: number }>();
  for (const r of rows) {
    const p = rules.forRegion(r.region_code).params;
    const months = Number(p[ARREARS].value);
    if (r.n < months) continue;
    const o = byOrg.get(r.org_id) ?? { row: r, members: 0, first: r.first_month, months };
    o.members += 1;
    if (r.first_month < o.first) o.first = r.first_month;
    byOrg.set(r.org_id, o);
  }
  const out: TaskFinding[] = [];
  for (const [id, o] of byOrg) {
    const lapse = Number(rules.forRegion(o.row.region_code).params[LAPSE].value);
    const lapseDay = lastDayOfMonth(o.first, lapse - 1);
    out.push({
      ...finding(kind, 'party_org', id, o.row.region_code, { partyOrgId: id }),
      dueOn: lapseDay >= date ? lapseDay : taskDueOn(kind, date),
      label: `${o.row.name}：${o.members}名党员欠交党费${o.months}个月以上`.slice(0, 200),
    });
  }
  return out;
}

export const DUES_FINDER: TaskFinder = {
  subjectTable: 'party_org', anchor: 'party_org', idsKey: 'partyOrgIds', feeds: (k) => k.id === 'dues.arrears',
  full: async (db, regionPrefix, date) => findings(await owing(db, regionPrefix
    ? sql<SqlBool>`l.org_id IN (SELECT id FROM party_org WHERE region_code LIKE ${`${regionPrefix}%`})`
    : sql<SqlBool>`TRUE`, date), date),
  byIds: (db, ids, date) => inPages(ids, async (part) => findings(await owing(db, sql<SqlBool>`l.org_id IN (${sql.join(part)})`, date), date)),
};
