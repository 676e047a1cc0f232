import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { todayInChina } from '../../../domain/org-terms.js';
import { recordAudit } from '../../audit/audit.service.js';
import { computeMonthRows } from '../../dues/dues-compute.repository.js';
import type { DemoContext, DemoStep } from '../demo.js';

/**
 * The demo roster's year (docs/dues.md, docs/member-transfers.md, "Demo"): dues bases from January,
 * the months up to last month computed by the real statement and paid as a district pays — most on
 * time between the 10th and the 25th, a few members a month or two behind, about one in ninety three
 * or four months behind (the branches' 督促党员补交党费 tasks), one in two hundred behind for over half
 * a year —, months before last closed; and some members away: 流动党员 with a card,
 * the receiving organisation and place (most reported within the year), a few 失联. Deterministic
 * (by member id); every date on or before today; safe to run twice (skips once bases exist).
 */
const AWAY_PLACES: Array<[string, string]> = [
  ['广州市天河区', '广州市天河区五山街道党工委'], ['东莞市松山湖', '东莞松山湖高新区非公企业党委'], ['惠州市仲恺高新区', '仲恺高新区流动党员党支部'],
  ['上海市浦东新区', '上海市浦东新区张江镇党委'], ['杭州市余杭区', '杭州未来科技城流动党员党委'], ['长沙市岳麓区', '岳麓区流动党员服务中心党支部'],
];

const monthOf = (d: Date) => d.toISOString().slice(0, 7);
function monthsOfYear(today: string): string[] {
  const out: string[] = [];
  const [y, m] = today.split('-').map(Number);
  for (let i = 1; i < m!; i++) out.push(`${y}-${String(i).padStart(2, '0')}`);
  return out;
}

export const memberLifeStep: DemoStep = {
  title: '生成党费台账和流动党员',
  async run(ctx: DemoContext) {
    const db = ctx.database.db;
    const district = sql<SqlBool>`o.region_code LIKE ${`${ctx.district.countyCode}%`}`;
    const mine = sql<SqlBool>`m.org_id IN (SELECT o.id FROM party_org o WHERE ${district})`;
    const done = await sql`SELECT 1 FROM dues_basis b JOIN party_member m ON m.id = b.member_id WHERE ${mine} LIMIT 1`.execute(db);
    if (done.rows.length) {
      ctx.log('      已有党费台账，跳过');
      return;
    }
    const today = todayInChina();
    const year = today.slice(0, 4);
    const months = monthsOfYear(today);
    const lastMonth = months.at(-1);
    const twoBack = monthOf(new Date(Date.parse(`${today.slice(0, 7)}-01T00:00:00Z`) - 40 * 86_400_000));
    await db.transaction().execute(async (tx) => {
      // Bases: employees (税后月收入 4 000–16 000 元, a few above), some retirees, a few unemployed or students.
      await sql`INSERT INTO dues_basis (member_id, from_month, category, base_fen)
        SELECT m.id, ${`${year}-01`}, c.category,
               CASE c.category WHEN 'employed' THEN 400000 + (m.id * 7919) % 1200000 + CASE WHEN m.id % 23 = 0 THEN 800000 ELSE 0 END
                               WHEN 'retired' THEN 350000 + (m.id * 104729) % 450000 END
        FROM party_member m CROSS JOIN LATERAL (SELECT CASE WHEN m.id % 50 < 45 THEN 'employed' WHEN m.id % 50 < 48 THEN 'retired'
                                                            WHEN m.id % 50 = 48 THEN 'unemployed' ELSE 'student' END AS category) c
        WHERE ${mine} AND m.status <> 'left'`.execute(tx);
      for (const month of months) await computeMonthRows(tx, month, district, today);
      // Paid in full on a day between the 10th and the 25th of the month (never after today), except
      // one in 37 behind for the last two months, one in 89 for the last three or four (the inbox's
      // 督促党员补交党费 from three months) and one in 197 behind for the last seven months.
      const monthsBack = (days: number) => monthOf(new Date(Date.parse(`${today.slice(0, 7)}-01T00:00:00Z`) - days * 86_400_000));
      const behind = sql<SqlBool>`((m.id % 37 = 0 AND l.month >= ${twoBack}) OR (m.id % 89 = 0 AND l.month >= CASE WHEN m.id % 2 = 0 THEN ${monthsBack(80)} ELSE ${monthsBack(110)} END)
        OR (m.id % 197 = 0 AND l.month >= ${monthsBack(200)}))`;
      // One statement: the rows paid and their payments (a NOT EXISTS on the table being filled would
      // rescan it per row).
      const paid = await sql<{ id: string }>`
        WITH paid AS (
          UPDATE dues_ledger l SET paid_fen = l.due_fen, method = 'hand', version = l.version + 1,
                 paid_on = LEAST((l.month || '-10')::date + ((l.member_id * 13) % 16)::integer, ${today}::date)
          FROM party_member m WHERE m.id = l.member_id AND ${mine} AND l.due_fen > 0 AND l.paid_fen = 0 AND NOT ${behind}
          RETURNING l.id, l.paid_fen, l.paid_on)
        INSERT INTO dues_payment (ledger_id, amount_fen, paid_on, method, note)
        SELECT id, paid_fen, paid_on, 'hand', '支部收缴' FROM paid RETURNING ledger_id AS id`.execute(tx);
      // Months before last are closed (结账); last month stays open for late payers.
      await sql`UPDATE dues_month d SET status = 'closed', closed_at = now() FROM party_org o
        WHERE o.id = d.org_id AND ${district} AND d.month < ${lastMonth ?? `${year}-01`}`.execute(tx);
      const away = await markAway(tx, mine, today);
      await recordAudit(tx, ctx.actor, { action: 'dues.compute', entity: 'dues_month', after: { demo: true, months: months.length, paidRows: paid.rows.length, ...away } });
      ctx.log(`      党费 ${months.length} 个月（已交 ${paid.rows.length} 笔）；流动党员 ${away.mobile} 名，失联党员 ${away.lost} 名`);
    });
    ctx.nextSteps.push('在“党费台账”中查看各月应交、已交和欠交，在“流动党员和失联党员”中查看提醒');
  },
};

/** One member in 60 is away (流动党员), one in 300 has lost contact; dates within the last 20 months. */
async function markAway(tx: Parameters<typeof computeMonthRows>[0], mine: RawBuilder<SqlBool>, today: string): Promise<{ mobile: number; lost: number }> {
  const places = sql.join(AWAY_PLACES.map(([p, o]) => sql`(${p}::text, ${o}::text)`));
  const mobile = await sql<{ id: string; since: string }>`
    UPDATE party_member m SET status = 'mobile', status_since = ${today}::date - ((m.id * 31) % 600 + 20)::integer,
           mobile_card_no = '粤深流' || lpad((m.id % 100000)::text, 5, '0'), mobile_place = p.place, mobile_org_name = p.org,
           mobile_reported_on = CASE WHEN m.id % 5 = 0 THEN NULL ELSE ${today}::date - ((m.id * 17) % 15)::integer END,
           version = m.version + 1
    FROM (SELECT row_number() OVER () - 1 AS i, place, org FROM (VALUES ${places}) v(place, org)) p
    WHERE ${mine} AND m.status = 'normal' AND m.category = 'full' AND m.id % 60 = 7 AND p.i = m.id % ${AWAY_PLACES.length}
    RETURNING m.id, m.status_since::text AS since`.execute(tx);
  // A report is never before leaving.
  await sql`UPDATE party_member SET mobile_reported_on = NULL WHERE status = 'mobile' AND mobile_reported_on < status_since`.execute(tx);
  const lost = await sql<{ id: string; since: string }>`
    UPDATE party_member m SET status = 'lostContact', status_since = ${today}::date - ((m.id * 29) % 300 + 60)::integer, version = m.version + 1
    WHERE ${mine} AND m.status = 'normal' AND m.category = 'full' AND m.id % 300 = 11
    RETURNING m.id, m.status_since::text AS since`.execute(tx);
  const events = [...mobile.rows.map((r) => ({ ...r, to: 'mobile' })), ...lost.rows.map((r) => ({ ...r, to: 'lostContact' }))];
  if (events.length) {
    await tx.insertInto('party_member_event').values(events.map((e) => ({
      member_id: e.id, kind: 'statusChanged', at: e.since, data: JSON.stringify({ from: 'normal', to: e.to }),
    }))).execute();
  }
  return { mobile: mobile.rows.length, lost: lost.rows.length };
}
