import { sql, type SqlBool } from 'kysely';
import { todayInChina } from '../../../domain/org-terms.js';
import { recordAudit } from '../../audit/audit.service.js';
import type { DemoContext, DemoStep } from '../demo.js';

/**
 * The demo district's 党务工作后备人才库 and 党建保障 ledger (docs/training.md, "Demo"): two or three
 * party members per street recommended by their branch (特长, 可专职/可兼职, recommended in the last
 * year); 党建经费 to about two organisations in five this year (one in five had some last year too),
 * 5,000–30,000 元 from the district, the street or the park; an activity site (阵地) for half of
 * them, with its m² (a joint branch's shared); and last year's 企业管理费列支 for about three in ten
 * enterprise branches, 0.5%–1.2% of payroll (a few above the 1% cap). Set-based; nothing after today;
 * deterministic by id; safe to run twice (skips once the district has a pool entry or a ledger row).
 */
const arr = (xs: string[]) => sql`(ARRAY[${sql.join(xs.map((x) => sql.lit(x)))}]::text[])`;
const pick = (xs: string[], by: ReturnType<typeof sql>) => sql`${arr(xs)}[1 + ((${by}) % ${sql.lit(xs.length)})]`;
const SKILLS = ['熟悉党务工作，擅长组织生活和党员教育', '企业人力资源管理，群众基础好', '宣传策划和新媒体运营', '财务管理，熟悉党费收缴和使用',
  '生产管理骨干，善于做职工思想工作', '法律事务，熟悉劳动关系协调', '曾任社区党支部委员，有基层工作经验'];
const AVAIL = ['partTime', 'partTime', 'fullTime', 'partTime', 'unavailable'];
const SOURCES = ['区委组织部非公企业党建专项经费', '街道党工委党建工作经费', '园区党委党建工作经费'];
const PURPOSES = ['党员活动阵地建设', '主题党日活动', '党员教育培训', '“两新”组织党建示范点创建', '党建宣传阵地更新'];
const AMOUNTS = ['500000', '1000000', '1000000', '2000000', '3000000'];

export const supportStep: DemoStep = {
  title: '生成后备人才库和党建保障台账',
  async run(ctx: DemoContext) {
    const db = ctx.database.db;
    const prefix = `${ctx.district.countyCode}%`;
    const inDistrict = sql<SqlBool>`o.region_code LIKE ${prefix}`;
    const done = await sql`SELECT 1 FROM support_funding f JOIN party_org o ON o.id = f.org_id WHERE ${inDistrict}
      UNION ALL SELECT 1 FROM reserve_talent t WHERE t.region_code LIKE ${prefix} LIMIT 1`.execute(db);
    if (done.rows.length) { ctx.log('      已有后备人才或党建保障记录，跳过'); return; }
    const today = todayInChina();
    const d = sql`${today}::date`;
    const jan1 = sql`date_trunc('year', ${d})::date`;
    const year = Number(today.slice(0, 4));
    const counts = await db.transaction().execute(async (tx) => {
      const pool = await sql<{ n: number }>`WITH m AS (
          SELECT DISTINCT ON (pm.person_id) pm.person_id, o.id AS org_id, o.name AS org_name, rpad(left(o.region_code, 9), 12, '0') AS street, (pm.person_id * 31) % 97 AS h
          FROM party_member pm JOIN party_org o ON o.id = pm.org_id
          WHERE pm.category = 'full' AND pm.status = 'normal' AND o.status = 'active' AND ${inDistrict}
            AND NOT EXISTS (SELECT 1 FROM org_position op WHERE op.person_id = pm.person_id AND op.position = 'secretary' AND op.until IS NULL)
          ORDER BY pm.person_id, o.id
        ),
        r AS (SELECT m.*, row_number() OVER (PARTITION BY street ORDER BY h, person_id) AS rn FROM m JOIN region g ON g.code = m.street),
        ins AS (
          INSERT INTO reserve_talent (person_id, region_code, org_id, recommender, recommended_on, skills, availability)
          SELECT person_id, street, org_id, org_name, ${d} - (30 + (person_id * 7) % 330)::int, ${pick(SKILLS, sql`person_id`)}, ${pick(AVAIL, sql`person_id / 2`)}
          FROM r WHERE rn <= 2 + (hashtext(street) & 1) ORDER BY street, rn RETURNING 1
        )
        SELECT count(*)::int AS n FROM ins`.execute(tx);
      const funding = await sql<{ n: number }>`WITH o AS (SELECT o.id FROM party_org o WHERE o.status = 'active' AND ${inDistrict} AND o.id % 5 < 2),
        v AS (
          SELECT o.id, greatest(${jan1}, ${d} - (o.id * 11 % 200)::int) AS given_on, ${pick(AMOUNTS, sql`o.id`)}::bigint AS amount, ${pick(SOURCES, sql`o.id / 5`)} AS source, ${pick(PURPOSES, sql`o.id / 2`)} AS purpose FROM o
          UNION ALL
          SELECT o.id, make_date(${sql.lit(year - 1)}, 3 + (o.id % 9)::int, 10 + (o.id % 15)::int), ${pick(AMOUNTS, sql`o.id + 2`)}::bigint, ${pick(SOURCES, sql`o.id`)}, ${pick(PURPOSES, sql`o.id + 1`)} FROM o WHERE o.id % 5 = 0
        ),
        ins AS (INSERT INTO support_funding (org_id, given_on, amount_fen, source, purpose) SELECT id, given_on, amount, source, purpose FROM v ORDER BY id, given_on RETURNING 1)
        SELECT count(*)::int AS n FROM ins`.execute(tx);
      const sites = await sql<{ n: number }>`WITH ins AS (
          INSERT INTO activity_site (org_id, address, area_m2, shared)
          SELECT o.id, coalesce((SELECT e.address FROM party_org_coverage c JOIN enterprise e ON e.id = c.enterprise_id WHERE c.org_id = o.id AND c.until IS NULL AND e.address IS NOT NULL ORDER BY e.id LIMIT 1),
              (SELECT g.name FROM region g WHERE g.code = rpad(left(o.region_code, 9), 12, '0')) || '党群服务中心') || '（党员活动室）',
            (20 + (o.id * 17) % 180)::int, o.setup_mode = 'joint'
          FROM party_org o WHERE o.status = 'active' AND ${inDistrict} AND o.id % 5 < 2 AND o.id % 2 = 0 ORDER BY o.id RETURNING 1
        ) SELECT count(*)::int AS n FROM ins`.execute(tx);
      const expense = await sql<{ n: number }>`WITH e AS (
          SELECT DISTINCT ON (o.id) o.id, e.employee_count FROM party_org o JOIN party_org_coverage c ON c.org_id = o.id AND c.until IS NULL JOIN enterprise e ON e.id = c.enterprise_id
          WHERE o.status = 'active' AND ${inDistrict} AND o.id % 10 < 3 AND e.employee_count > 0 ORDER BY o.id, e.employee_count DESC
        ),
        p AS (SELECT id, (employee_count::bigint * (72000 + (id * 131) % 60000) * 100) AS payroll,
          -- basis points of payroll: one report in four above the 1% cap (110–119), the rest 0.5%–0.94%
          CASE WHEN row_number() OVER (ORDER BY id) % 4 = 1 THEN 110 + id % 10 ELSE 50 + (id * 13) % 45 END AS bp FROM e),
        ins AS (INSERT INTO management_expense (org_id, year, payroll_fen, amount_fen)
          SELECT id, ${sql.lit(year - 1)}, payroll, payroll * bp / 10000 FROM p ORDER BY id RETURNING 1)
        SELECT count(*)::int AS n FROM ins`.execute(tx);
      const c = { pool: pool.rows[0]!.n, funding: funding.rows[0]!.n, sites: sites.rows[0]!.n, expense: expense.rows[0]!.n };
      await recordAudit(tx, ctx.actor, { action: 'support.funding_create', entity: 'party_org', after: { demo: true, ...c } });
      return c;
    });
    ctx.log(`      后备人才 ${counts.pool} 人；党建经费 ${counts.funding} 笔，活动阵地 ${counts.sites} 处，管理费列支 ${counts.expense} 家`);
  },
};
