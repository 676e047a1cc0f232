import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../../db/schema.js';
import { todayInChina } from '../../../domain/org-terms.js';
import { recordAudit } from '../../audit/audit.service.js';
import type { DemoContext, DemoStep } from '../demo.js';

/**
 * The demo district's training over the last twelve months (docs/training.md, "Demo"): the district's
 * courses — 书记示范培训班 (24 学时, twice a year at the 区委党校), 书记月度轮训 held by each street (4 学时
 * a month), 入党积极分子和发展对象培训班 (three days of 8 学时 each quarter), 工会干部业务培训, 党建指导员业务培训 —
 * and who attended: about four in five secretaries in post every session of their street and the
 * district's (≥ 56 学时 by the year's end), one in eight now and then (trained, short), the rest only
 * last year (the work list's 未参加培训). Three 入党积极分子 per street are registered (cases at the
 * 积极分子 stage) when the district has none, and attend the first batch after they were listed —
 * most all three days (24 学时), some two. Union organisers and instructors attend theirs.
 * Set-based (a handful of INSERT … SELECT); every day on or before today; deterministic by id;
 * safe to run twice (skips once the district has its courses).
 */
const arr = (xs: string[]) => sql`(ARRAY[${sql.join(xs.map((x) => sql.lit(x)))}]::text[])`;
const pick = (xs: string[], by: ReturnType<typeof sql>) => sql`${arr(xs)}[1 + ((${by}) % ${sql.lit(xs.length)})]`;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '梁'];
const GIVEN = ['晓东', '雅琴', '志强', '丽娟', '海涛', '思远', '文静', '建华', '佳怡', '振宇', '秀梅', '俊杰', '晨曦', '国栋', '婷婷', '子轩'];

export const COURSES = [
  { key: 'model', title: '非公企业党组织书记示范培训班', audience: 'secretary', hours: 24 },
  { key: 'monthly', title: '非公企业党组织书记月度轮训', audience: 'secretary', hours: 4 },
  { key: 'recruit', title: '入党积极分子和发展对象培训班', audience: 'recruit', hours: 24 },
  { key: 'union', title: '工会干部业务培训班', audience: 'unionOfficer', hours: 16 },
  { key: 'instructor', title: '党建指导员业务培训', audience: 'instructor', hours: 16 },
] as const;

export const trainingStep: DemoStep = {
  title: '生成近一年的培训班次和参训学时',
  async run(ctx: DemoContext) {
    const db = ctx.database.db;
    const county = `${ctx.district.countyCode}000000`;
    const done = await db.selectFrom('training_course').select('id').where('region_code', '=', county).limit(1).executeTakeFirst();
    if (done) { ctx.log('      已有培训课程，跳过'); return; }
    const today = todayInChina();
    const d = sql`${today}::date`;
    const inDistrict = (alias: string) => sql<SqlBool>`${sql.ref(`${alias}.region_code`)} LIKE ${`${ctx.district.countyCode}%`}`;
    const counts = await db.transaction().execute(async (tx) => {
      const course: Record<string, string> = {};
      for (const c of COURSES) {
        course[c.key] = (await tx.insertInto('training_course').values({ title: c.title, audience: c.audience, hours: c.hours, region_code: county }).returning('id').executeTakeFirstOrThrow()).id;
      }
      // The district's own sessions: days back, 学时, place.
      await sql`INSERT INTO training_session (course_id, held_on, hours, place, region_code)
        SELECT v.course::bigint, ${d} - v.back, v.hours, v.place, ${county} FROM (VALUES
          (${course.model}, 20, 24, '区委党校'), (${course.model}, 200, 24, '区委党校'),
          (${course.recruit}, 27, 8, '区委党校'), (${course.recruit}, 26, 8, '区委党校'), (${course.recruit}, 25, 8, '区委党校'),
          (${course.recruit}, 117, 8, '区委党校'), (${course.recruit}, 116, 8, '区委党校'), (${course.recruit}, 115, 8, '区委党校'),
          (${course.recruit}, 207, 8, '区委党校'), (${course.recruit}, 206, 8, '区委党校'), (${course.recruit}, 205, 8, '区委党校'),
          (${course.recruit}, 297, 8, '区委党校'), (${course.recruit}, 296, 8, '区委党校'), (${course.recruit}, 295, 8, '区委党校'),
          (${course.union}, 60, 8, '区总工会职工培训中心'), (${course.union}, 59, 8, '区总工会职工培训中心'), (${course.union}, 240, 8, '区总工会职工培训中心'),
          (${course.instructor}, 150, 8, '区委组织部会议室'), (${course.instructor}, 149, 8, '区委组织部会议室')
        ) AS v(course, back, hours, place)`.execute(tx);
      // Each street's monthly half day for its secretaries.
      await sql`INSERT INTO training_session (course_id, held_on, hours, place, region_code)
        SELECT ${course.monthly}::bigint, ${d} - (5 + 30 * g.k), 4, r.name || '党群服务中心', r.code
        FROM region r CROSS JOIN generate_series(0, 11) AS g(k)
        WHERE r.parent_code = ${county} ORDER BY r.code, g.k`.execute(tx);
      const activists = await seedActivists(tx, ctx.district.countyCode, today);
      const att = await sql<{ n: number }>`WITH s AS (SELECT id, course_id, held_on, hours, region_code FROM training_session WHERE course_id IN (${sql.join(Object.values(course))})),
        sec AS (
          SELECT DISTINCT op.person_id, left(o.region_code, 9) AS street, (op.person_id * 7) % 100 AS h
          FROM org_position op JOIN party_org o ON o.id = op.org_id
          WHERE op.position = 'secretary' AND op.until IS NULL AND o.status = 'active' AND ${inDistrict('o')}
        ),
        picks AS (
          SELECT s.id AS session_id, sec.person_id, s.hours FROM sec JOIN s ON (s.course_id = ${course.monthly} AND left(s.region_code, 9) = sec.street) OR s.course_id = ${course.model}
          WHERE CASE WHEN sec.h < 78 THEN TRUE
                     WHEN sec.h < 90 THEN s.course_id = ${course.monthly} AND s.id % 3 = 0
                     ELSE s.held_on < date_trunc('year', ${d})::date END
          UNION ALL
          SELECT s.id, c.person_id, s.hours FROM recruitment_case c JOIN party_org o ON o.id = c.org_id
            JOIN LATERAL (SELECT min(held_on) AS start FROM s WHERE s.course_id = ${course.recruit} AND s.held_on >= c.activist_on) b ON b.start IS NOT NULL
            JOIN s ON s.course_id = ${course.recruit} AND s.held_on BETWEEN b.start AND b.start + 2
          WHERE c.stage IN ('activist', 'candidate') AND ${inDistrict('o')} AND (c.id % 7 <> 0 OR s.held_on < b.start + 2)
          UNION ALL
          SELECT s.id, u.organiser_person_id, s.hours FROM union_org u JOIN s ON s.course_id = ${course.union}
          WHERE u.organiser_person_id IS NOT NULL AND u.status = 'active' AND ${inDistrict('u')} AND u.id % 10 < 7
          UNION ALL
          SELECT s.id, i.person_id, s.hours FROM instructor i JOIN s ON s.course_id = ${course.instructor}
          WHERE i.status = 'active' AND ${inDistrict('i')} AND i.id % 10 <> 3
        ),
        ins AS (INSERT INTO training_attendance (session_id, person_id, hours) SELECT DISTINCT ON (session_id, person_id) session_id, person_id, hours FROM picks
          ORDER BY session_id, person_id ON CONFLICT DO NOTHING RETURNING 1)
        SELECT count(*)::int AS n FROM ins`.execute(tx);
      const sessions = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM training_session WHERE course_id IN (${sql.join(Object.values(course))})`.execute(tx)).rows[0]!.n);
      const c = { courses: COURSES.length, sessions, attendances: att.rows[0]!.n, activists };
      await recordAudit(tx, ctx.actor, { action: 'training_session.create', entity: 'training_session', after: { demo: true, ...c } });
      return c;
    });
    ctx.log(`      ${counts.courses} 门课程，${counts.sessions} 期班次，${counts.attendances} 人次参训（新登记入党积极分子 ${counts.activists} 人）`);
  },
};

/**
 * Three 入党积极分子 per street, when the district has no open recruitment case: a new person, an
 * application some months ago, the talk three weeks later (by the branch's secretary), listed as
 * 积极分子 three months after — so the 积极分子班 has its people. Returns how many were registered.
 */
async function seedActivists(tx: Executor, countyCode: string, today: string): Promise<number> {
  const d = sql`${today}::date`;
  const open = await sql<{ n: number }>`SELECT count(*)::int AS n FROM recruitment_case c JOIN party_org o ON o.id = c.org_id
    WHERE c.stage IN ('activist', 'candidate') AND o.region_code LIKE ${`${countyCode}%`}`.execute(tx);
  if (open.rows[0]!.n > 0) return 0;
  const r = await sql<{ n: number }>`WITH b AS (
      SELECT o.id AS org_id, o.region_code, (SELECT p.name FROM org_position op JOIN person p ON p.id = op.person_id
        WHERE op.org_id = o.id AND op.position = 'secretary' AND op.until IS NULL LIMIT 1) AS talker,
        row_number() OVER (PARTITION BY left(o.region_code, 9) ORDER BY (o.id * 37) % 101, o.id) AS rn
      FROM party_org o WHERE o.status = 'active' AND o.org_type = 'branch' AND o.region_code LIKE ${`${countyCode}%`}
    ),
    w AS (SELECT b.*, ((b.org_id * 13) % 280)::int AS back FROM b WHERE b.rn <= 3 AND b.talker IS NOT NULL),
    p AS (
      INSERT INTO person (name, gender, region_code)
      SELECT ${pick(SURNAMES, sql`w.org_id`)} || ${pick(GIVEN, sql`w.org_id / 3`)}, CASE WHEN w.org_id % 2 = 0 THEN 'male' ELSE 'female' END, w.region_code
      FROM w ORDER BY w.org_id RETURNING id, region_code
    ),
    pw AS (SELECT p.id AS person_id, w.* FROM (SELECT p.*, row_number() OVER (ORDER BY p.id) AS k FROM p) p JOIN (SELECT w.*, row_number() OVER (ORDER BY w.org_id) AS k FROM w) w ON w.k = p.k),
    c AS (
      INSERT INTO recruitment_case (person_id, org_id, stage, applied_on, talked_on, talker_name, activist_on)
      SELECT person_id, org_id, 'activist', ${d} - (back + 150), ${d} - (back + 130), talker, ${d} - (back + 40) FROM pw RETURNING id
    )
    SELECT count(*)::int AS n FROM c`.execute(tx);
  return r.rows[0]!.n;
}
