import { sql, type SqlBool } from 'kysely';
import { todayInChina } from '../../../domain/org-terms.js';
import { recordAudit } from '../../audit/audit.service.js';
import type { DemoContext, DemoStep } from '../demo.js';

/**
 * The demo district's year of organisational life (docs/life.md, "Demo"): every active 党支部 from
 * January to last month — 支委会 and 主题党日 each month, 党小组会 where it has groups, 党员大会 and 党课
 * once a quarter, last year's 组织生活会 and 民主评议 in February, 谈心谈话 in summer, this year's
 * 组织生活会 in November for some — shaped like the seeds: most branches 达标, about one in seven 滞后
 * (a missed 支委会 now and then, a quarter without a 党课), one in twenty 不活跃 (nothing since spring).
 * Attendees are the branch's roster, one away now and then with a reason; topics and places as a
 * district writes them. One INSERT … SELECT for the meetings and their attendees (no call per
 * meeting). Deterministic (by organisation id); nothing after today, nothing before a founding day;
 * safe to run twice (skips once the district has meetings).
 */
const arr = (xs: string[]) => sql`(ARRAY[${sql.join(xs.map((x) => sql.lit(x)))}]::text[])`;
const pick = (xs: string[], by: ReturnType<typeof sql>) => sql`${arr(xs)}[1 + ((${by}) % ${sql.lit(xs.length)})]`;

const THEMES = ['学习贯彻党的二十届三中全会精神', '重温入党誓词，牢记初心使命', '开展“我为群众办实事”志愿服务', '参观红色教育基地',
  '学习《中国共产党纪律处分条例》', '开展党员先锋岗创建活动', '学习习近平总书记关于民营经济发展的重要论述', '组织党员参与社区共建共治',
  '开展安全生产主题党日', '学习新修订的《中华人民共和国公司法》中关于党组织的规定'];
const COMMITTEE = ['研究部署本月党建工作', '讨论发展党员工作', '研究党费收缴和使用情况', '研究主题党日活动安排', '研究党员教育培训计划', '研究支部年度工作计划落实情况'];
const MEMBERS = ['传达学习上级会议精神，通报支部季度工作', '学习党章和党内法规，通报党费收缴情况', '研究推进党建与企业生产经营深度融合'];
const LESSONS = ['书记讲党课：以高质量党建引领企业高质量发展', '党课：弘扬伟大建党精神', '党课：学习《中国共产党纪律处分条例》', '党课：发挥党员先锋模范作用，助力企业发展'];
const GROUPS = ['党小组集中学习讨论', '党小组交流岗位建功体会'];
const PLACES = ['党员活动室', '企业会议室', '园区党群服务中心', '街道党群服务中心', '社区党群服务中心'];
const REASONS = ['出差', '病假', '事假', '外出培训'];

export const orgLifeStep: DemoStep = {
  title: '生成一年的组织生活（三会一课）',
  async run(ctx: DemoContext) {
    const db = ctx.database.db;
    const district = sql<SqlBool>`o.region_code LIKE ${`${ctx.district.countyCode}%`}`;
    const done = await sql`SELECT 1 FROM meeting mt JOIN party_org o ON o.id = mt.org_id WHERE ${district} LIMIT 1`.execute(db);
    if (done.rows.length) { ctx.log('      已有会议记录，跳过'); return; }
    const today = todayInChina();
    const year = Number(today.slice(0, 4));
    const last = Number(today.slice(5, 7)) - 1;
    if (last < 1) { ctx.log('      本年尚无已结束的月份，跳过'); return; }
    // kind, months it falls in (as a test on m and the branch id i), the day, the topic.
    const kinds = sql`(VALUES
      ('committeeMeeting', TRUE, 3 + i % 5, ${pick(COMMITTEE, sql`i + m`)}),
      ('themeDay', TRUE, 8 + (i * 3 + m) % 15, CASE m WHEN 7 THEN ${sql.lit(`庆祝中国共产党成立${year - 1921}周年“七一”主题党日`)} WHEN 4 THEN '全民国家安全教育日主题党日' ELSE ${pick(THEMES, sql`i + m`)} END),
      ('groupMeeting', i % 3 = 0, 18 + i % 5, ${pick(GROUPS, sql`m`)}),
      ('memberMeeting', (m - 1) % 3 = i % 3, 20 + i % 6, ${pick(MEMBERS, sql`i + m`)}),
      ('partyLesson', (m - 1) % 3 = (i + 1) % 3 AND NOT (lagging AND i % 2 = 0 AND m BETWEEN 4 AND 6), 12 + i % 8, ${pick(LESSONS, sql`i + m`)}),
      ('lifeMeeting', m = 2, 24, ${sql.lit(`${year - 1}年度组织生活会`)}),
      ('memberAppraisal', m = 2, 24, ${sql.lit(`${year - 1}年度民主评议党员`)}),
      ('heartTalk', m = 7 + i % 3, 6 + i % 10, '支部书记与党员谈心谈话'),
      ('lifeMeeting', m = 11 AND i % 3 = 0, 26, ${sql.lit(`${year}年度专题组织生活会`)})
    ) AS k(kind, due, day, topic)`;
    const counts = await db.transaction().execute(async (tx) => {
      const r = await sql<{ meetings: number; attendees: number; orgs: number }>`
        WITH o AS (
          SELECT o.id, o.id % 1000 AS i, o.founded_on,
                 o.id % 20 = 0 AS dormant, o.id % 20 BETWEEN 1 AND 3 AS lagging,
                 (SELECT count(*) FROM party_member pm WHERE pm.org_id = o.id AND pm.category = 'full' AND pm.status IN ('normal', 'mobile'))::int AS voting
          FROM party_org o WHERE o.status = 'active' AND o.org_type = 'branch' AND ${district}
        ),
        planned AS (
          SELECT o.id AS org_id, k.kind, make_date(${sql.lit(year)}, m, k.day::int) AS held_on, k.topic, o.voting,
                 ${pick(PLACES, sql`o.i`)} AS place, (o.voting >= 3 AND (o.i + m + length(k.kind)) % 5 = 0) AS one_away
          FROM o CROSS JOIN generate_series(1, ${last}) AS g(m) CROSS JOIN LATERAL ${kinds}
          WHERE k.due AND (NOT o.dormant OR m <= ${last} - 6)
            AND NOT (o.lagging AND k.kind = 'committeeMeeting' AND (o.i + m) % 4 = 0)
            AND (o.founded_on IS NULL OR make_date(${sql.lit(year)}, m, k.day::int) >= o.founded_on)
        ),
        ins AS (
          INSERT INTO meeting (org_id, kind, held_on, place, topic, voting_members, present)
          SELECT org_id, kind, held_on, place, topic, voting, voting - one_away::int FROM planned ORDER BY org_id, held_on
          RETURNING id, org_id, held_on, present, voting_members
        ),
        att AS (
          INSERT INTO meeting_attendee (meeting_id, member_id, present, absence_reason)
          SELECT ins.id, pm.id, NOT away, CASE WHEN away THEN ${pick(REASONS, sql`ins.id`)} END
          FROM ins JOIN LATERAL (
            SELECT pm.id, (ins.present < ins.voting_members AND pm.category = 'full'
                   AND pm.id = (SELECT max(f.id) FROM party_member f WHERE f.org_id = ins.org_id AND f.category = 'full' AND f.status IN ('normal', 'mobile'))) AS away
            FROM party_member pm WHERE pm.org_id = ins.org_id AND pm.status IN ('normal', 'mobile')
          ) pm ON TRUE
          RETURNING meeting_id
        )
        SELECT (SELECT count(*) FROM ins)::int AS meetings, (SELECT count(*) FROM att)::int AS attendees, (SELECT count(DISTINCT org_id) FROM ins)::int AS orgs`.execute(tx);
      const c = r.rows[0]!;
      await recordAudit(tx, ctx.actor, { action: 'meeting.create', entity: 'meeting', after: { demo: true, ...c } });
      return c;
    });
    ctx.log(`      ${counts.orgs} 个党支部的 ${counts.meetings} 次会议，${counts.attendees} 人次参会`);
  },
};
