import { todayInChina } from '../../../domain/org-terms.js';
import { fromDay, toDay } from '../../../domain/rules/dates.js';
import { bandFor, COMMITTEE_SIZE_TABLES, type CommitteeRole } from '../../../domain/union-committee.js';
import { committeeTermEnd } from '../../../domain/rules/evaluate-union-committee.js';
import { recordAudit } from '../../audit/audit.service.js';
import { coveredEmployees } from '../../union-committee/committee.repository.js';
import type { DemoContext, DemoStep } from '../demo.js';

/**
 * The demo district's union committees and 职代会 (docs/unions.md): most unions with an elected
 * committee sized within the 2016 band (one in nine overdue for 换届, one in eleven a member short),
 * 专职 chairs in the larger ones; unions whose enterprises employ 100 or more hold a yearly 职代会 with
 * realistic resolutions (most this year, one in six not for over a year), smaller ones a 职工大会 now and
 * then. Only past dates; a union with an election already is skipped, so the step is safe to run twice.
 */
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = ['建国', '晓燕', '志强', '丽华', '敏', '伟', '秀英', '海涛', '春梅', '国庆', '玉兰', '俊杰', '雪梅', '永刚', '红霞', '文斌', '桂芳', '明辉', '淑珍', '振华', '静', '磊', '婷婷', '鹏飞', '慧', '立新', '凤英', '宏伟', '丹丹', '卫东'];
const RESOLUTIONS: Array<[string, string]> = [
  ['年度工资集体协商方案', 'pay'], ['劳动安全卫生管理制度（修订）', 'safety'], ['职工休息休假管理办法', 'leave'], ['综合计算工时工作制实施方案', 'hours'],
  ['员工奖惩管理规定（修订）', 'discipline'], ['补充医疗保险和职工福利方案', 'insurance'], ['职工技能培训计划', 'training'], ['劳动定额标准调整方案', 'quotas'],
  ['集体合同草案', 'collectiveContract'], ['厂务公开实施细则', 'other'],
];

const nameOf = (seed: number) => `${SURNAMES[seed % SURNAMES.length]}${GIVEN[(seed * 7) % GIVEN.length]}`;

export const unionCommitteeStep: DemoStep = {
  title: '生成工会委员会、换届选举和职代会（职工大会）',
  async run(ctx: DemoContext) {
    const db = ctx.database.db;
    const today = todayInChina();
    const t = toDay(today);
    const unions = await db.selectFrom('union_org').select(['id', 'members', 'region_code', 'founded_on', 'roster_since']).where('status', '=', 'active')
      .where('region_code', 'like', `${ctx.district.countyCode}%`).orderBy('id').execute();
    const done = new Set((await db.selectFrom('union_election').select('union_id').distinct().execute()).map((r) => r.union_id));
    let elections = 0;
    let sessions = 0;
    for (const u of unions) {
      if (done.has(u.id)) continue;
      const id = Number(u.id);
      if (id % 10 === 7) continue; // no committee recorded yet
      await db.transaction().execute(async (tx) => {
        const founded = u.founded_on ? toDay(u.founded_on) : t - 3000;
        const overdue = id % 9 === 4;
        const years = id % 4 === 0 ? 3 : 5;
        const back = overdue ? years * 365 + 40 + (id % 200) : 30 + ((id * 53) % (years * 365 - 60));
        const heldOn = fromDay(Math.max(founded + 20, t - back));
        if (heldOn > today) return;
        const band = bandFor(COMMITTEE_SIZE_TABLES[0]!, u.members);
        const size = Math.max(1, band ? (id % 11 === 5 ? band.low - 1 : band.low + (id % (band.high - band.low + 1))) : 3);
        const roster = u.roster_since
          ? (await tx.selectFrom('union_member').select('person_id').where('union_id', '=', u.id).where('status', '=', 'active').orderBy('id').limit(size + 1).execute()).map((m) => m.person_id)
          : [];
        const people: string[] = [];
        for (let i = 0; i < size + 1; i++) {
          people.push(roster[i] ?? (await tx.insertInto('person').values({ name: nameOf(id * 13 + i), region_code: u.region_code }).returning('id').executeTakeFirstOrThrow()).id);
        }
        const employees = await coveredEmployees(tx, u.id, today);
        const roles: CommitteeRole[] = people.map((_, i) => (i === 0 ? 'chair' : i === 1 && size >= 5 ? 'viceChair' : i === size - 1 && size >= 3 ? 'womenMember' : i === size ? 'fundsAuditor' : 'member'));
        const termEndsOn = committeeTermEnd(heldOn, years);
        const election = await tx.insertInto('union_election').values({ union_id: u.id, held_on: heldOn, term_years: years, term_ends_on: termEndsOn, method: u.members > 200 ? 'delegates' : 'members' })
          .returning('id').executeTakeFirstOrThrow();
        await tx.insertInto('union_committee_seat').values(people.map((p, i) => ({
          union_id: u.id, election_id: election.id, person_id: p, role: roles[i]!, full_time: i === 0 && (employees ?? 0) >= 300 && id % 3 !== 0,
          declared_on: heldOn, since: heldOn,
        }))).execute();
        await tx.updateTable('union_org').set({ term_years: years, term_ends_on: termEndsOn, has_committee: size > 1 }).where('id', '=', u.id).execute();
        await tx.insertInto('union_event').values({ union_id: u.id, kind: 'election_held', at: heldOn, data: JSON.stringify({ termYears: years, termEndsOn, seats: people.length }) }).execute();
        elections++;
        // 职代会 yearly where the enterprises employ 100 or more; a 职工大会 every other year in the smaller ones.
        if (employees == null || employees <= 0) return;
        const big = employees >= 100;
        const missing = id % 6 === 1;
        for (let y = 0; y < 3; y++) {
          if (!big && y % 2 === 1) continue;
          const at = t - (missing ? 430 : 20 + ((id * 17) % 200)) - y * 365;
          if (at <= founded) break;
          const reps = big ? Math.min(200, 30 + Math.floor((employees - 100) / 100) * 5 + (id % 4)) : employees;
          const present = Math.max(0, id % 13 === 3 && y === 0 ? Math.floor((reps * 2) / 3) - 1 : Math.ceil(reps * (0.82 + (id % 10) / 100)));
          const picks = [RESOLUTIONS[(id + y) % RESOLUTIONS.length]!, RESOLUTIONS[(id + y + 3) % RESOLUTIONS.length]!];
          const c = await tx.insertInto('union_congress').values({
            union_id: u.id, held_on: fromDay(at), kind: big ? 'congress' : 'assembly', session: big ? `第${1 + Math.floor(y / 3)}届第${3 - y}次` : null,
            employees, representatives: reps, managers: big ? Math.floor(reps * (id % 7 === 2 ? 0.25 : 0.15)) : null, present: Math.min(reps, present),
            matters: JSON.stringify([...new Set(picks.map((p) => p[1]))]),
          }).returning('id').executeTakeFirstOrThrow();
          const year = fromDay(at).slice(0, 4);
          await tx.insertInto('union_congress_resolution').values(picks.map(([title, matter], i) => {
            const votesFor = i === 1 && id % 8 === 2 ? Math.floor(reps / 2) : Math.min(present, Math.floor(reps * 0.7));
            const rest = Math.max(0, Math.min(reps, present) - votesFor);
            return { congress_id: c.id, title: title.startsWith('年度') ? `${year}${title}` : title, matter, votes_for: votesFor, votes_against: Math.floor(rest / 2), votes_abstain: rest - Math.floor(rest / 2) };
          })).execute();
          await tx.insertInto('union_event').values({ union_id: u.id, kind: 'congress_held', at: fromDay(at), data: JSON.stringify({ kind: big ? 'congress' : 'assembly' }) }).execute();
          sessions++;
        }
      });
    }
    await db.transaction().execute((tx) => recordAudit(tx, ctx.actor, { action: 'demo.union_committee', entity: 'union', after: { elections, sessions } }));
    ctx.log(`  工会换届选举 ${elections} 次，职代会（职工大会） ${sessions} 次`);
  },
};
