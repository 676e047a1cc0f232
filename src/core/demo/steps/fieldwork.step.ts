import { sql } from 'kysely';
import type { VisitFinding } from '../../../domain/fieldwork.js';
import { todayInChina } from '../../../domain/org-terms.js';
import { fromDay, toDay } from '../../../domain/rules/dates.js';
import { writeVisit } from '../../fieldwork/fieldwork.service.js';
import { createRandom } from '../../generator/random.js';
import type { DemoStep } from '../demo.js';

/**
 * 实地走访 (docs/inbox.md): the demo district's instructors visited their enterprises over the last
 * six months — most visits find nothing new, some find a problem (which opens the street's task),
 * and a later visit to some of those finds it 已整改 (which closes it). Skipped when the district
 * already has visits, so running the demo twice adds none.
 */
const NOTES = {
  none: ['与企业负责人座谈，了解生产经营和职工队伍情况', '走访企业党员，宣传党员亮身份和组织关系转接政策', '查看党建活动阵地，指导规范三会一课记录', '了解企业招工情况，摸排新入职职工中的党员'],
  branchPossible: ['企业新入职党员3名，组织关系仍在原单位，具备单独建立党支部条件'],
  secretaryVacant: ['原支部书记已离职，支部工作暂由委员代管，需尽快配齐书记'],
  unionMissing: ['企业职工已超过25人，尚未建立工会，已向负责人宣讲《工会法》'],
  resolved: ['复访核实：问题已整改到位'],
} as const;

export const fieldworkStep: DemoStep = {
  title: '生成党建指导员实地走访记录',
  async run(ctx) {
    const db = ctx.database.db;
    const prefix = `${ctx.district.countyCode}%`;
    const had = await db.selectFrom('visit_log as v').innerJoin('enterprise as e', 'e.id', 'v.enterprise_id')
      .select(sql<string>`count(*)`.as('n')).where('e.region_code', 'like', prefix).executeTakeFirstOrThrow();
    if (Number(had.n) > 0) { ctx.log('      已有走访记录，跳过'); return; }
    const assignments = await db.selectFrom('instructor_assignment as a').innerJoin('enterprise as e', 'e.id', 'a.enterprise_id')
      .innerJoin('instructor as i', 'i.id', 'a.instructor_id')
      .select(['a.id', 'a.instructor_id', 'a.since', 'e.id as enterprise_id', 'e.name', 'e.region_code'])
      .where('e.region_code', 'like', prefix).where('a.until', 'is', null).where('i.status', '=', 'active').orderBy('a.id').execute();
    const rnd = createRandom(ctx.seed + 1707);
    const today = toDay(todayInChina());
    let visits = 0;
    let open = 0;
    await db.transaction().execute(async (tx) => {
      for (const a of assignments) {
        const first = Math.max(toDay(String(a.since)), today - 180);
        if (first >= today) continue;
        let day = first + rnd.int(1, 30);
        let problem: VisitFinding | null = null;
        while (day < today) {
          const findings: VisitFinding[] = problem && rnd.chance(0.5) ? ['resolved']
            : rnd.chance(0.12) ? [rnd.weighted<VisitFinding>([['secretaryVacant', 3], ['unionMissing', 5], ['branchPossible', 2]])] : [];
          const kind: VisitFinding | 'none' = findings.length ? findings[0]! : 'none';
          await writeVisit(tx, ctx.actor, {
            instructorId: a.instructor_id, assignmentId: a.id, enterprise: { id: a.enterprise_id, name: a.name, region_code: a.region_code },
            visitedOn: fromDay(day), notes: rnd.pick(NOTES[kind]), findings, channel: 'self',
          });
          if (kind === 'resolved') problem = null;
          else if (kind !== 'none') problem = kind;
          visits++;
          day += rnd.int(25, 70);
        }
        if (problem) open++;
      }
    });
    ctx.log(`      走访 ${visits} 次，涉及企业 ${assignments.length} 家；发现问题尚待整改的企业 ${open} 家（已转街道待办）`);
    ctx.nextSteps.push('以党建指导员账号登录（在用户管理中把账号关联到指导员本人），在“实地走访”页登记走访；企业页下方可看到走访记录');
  },
};
