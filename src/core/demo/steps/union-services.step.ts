import { sql } from 'kysely';
import { todayInChina } from '../../../domain/org-terms.js';
import {
  fundsDueDaySetting, fundsDueFen, fundsDueOn, HARDSHIP_REASONS, HONOUR_KIND_LABELS, HONOUR_LEVEL_LABELS, monthStart, previousMonth,
  type HardshipLevel, type HonourKind, type HonourLevel,
} from '../../../domain/union-services.js';
import { recordAudit } from '../../audit/audit.service.js';
import type { DemoContext, DemoStep } from '../demo.js';

/**
 * The demo district's union services (docs/unions.md "工会服务"): 工会经费 for the past 12 months of
 * every active union (its typed payroll, else its employees × a district-like average wage, as the
 * month's own payroll) — about nine in ten paid on time, a few late, a few partly or not paid (欠缴);
 * per street a handful of 帮扶 files on real-name members (most in care with payments, some
 * reviewed, one 脱困, one waiting), a 劳动竞赛 and a few honours on members' histories. Deterministic
 * by union id, past dates only; lines are keyed (union, month) and the rest is skipped when present,
 * so running twice changes nothing.
 */
const h = (a: number, b: number) => ((a * 2654435761 + b * 40503) >>> 0) % 100;
const ADD = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
const COMPETITIONS = ['职工职业技能竞赛', '“安康杯”安全知识竞赛', '岗位练兵技术比武', '合理化建议和技术创新竞赛'];
const HONOURS: Array<[HonourKind, HonourLevel, string]> = [
  ['techExpert', 'district', '区人力资源和社会保障局'], ['craftsman', 'district', '区总工会'], ['mayDayMedal', 'city', '市总工会'], ['modelWorker', 'city', '市人民政府'],
];
const LEVELS: HardshipLevel[] = ['relative', 'relative', 'deep', 'accident', 'relative'];

async function funds(ctx: DemoContext, today: string): Promise<number> {
  const db = ctx.database.db;
  const unions = await sql<{ id: string; region_code: string | null; payroll_fen: string | null; employees: number }>`
    SELECT u.id::text, u.region_code, (u.monthly_payroll * 100)::bigint::text AS payroll_fen,
      coalesce((SELECT sum(coalesce(e.employee_count, 0)) FROM union_coverage c JOIN enterprise e ON e.id = c.enterprise_id
        WHERE c.union_id = u.id AND c.until IS NULL), 0)::int AS employees
    FROM union_org u WHERE u.region_code LIKE ${`${ctx.district.countyCode}%`} AND u.status = 'active' ORDER BY u.id`.execute(db);
  const rows = [];
  let month = monthStart(today);
  for (let k = 0; k < 12; k++) {
    month = previousMonth(month);
    const dueOn = (region: string | null) => fundsDueOn(month, fundsDueDaySetting(region, month).day);
    for (const u of unions.rows) {
      const id = Number(u.id);
      const typed = u.payroll_fen === null ? null : Number(u.payroll_fen);
      const wage = 650_000 + (id % 9) * 70_000; // 6,500–12,100 元 a month, in fen
      const payroll = typed ?? Math.max(1, u.employees) * wage * (100 + (h(id, k) % 7) - 3) / 100;
      const payrollFen = Math.round(payroll);
      const due = fundsDueFen(payrollFen);
      const on = dueOn(u.region_code);
      if (on >= today) continue;
      const r = h(id, k + 100);
      // ~90% on time, ~4% late, ~3% partly paid, ~3% unpaid — the unpaid ones cluster on a few unions, as arrears do.
      const unpaid = r >= 97 || (id % 23 === 5 && k < 3);
      const [paidFen, paidOn] = unpaid ? [0, null] : r >= 94 ? [Math.round(due * 0.5), ADD(on, -3)] : r >= 90 ? [due, ADD(on, 5 + (r % 20))] : [due, ADD(on, -(r % 12))];
      rows.push({ union_id: u.id, month, payroll_fen: payrollFen, payroll_own: typed === null, due_fen: due, due_on: on, paid_fen: paidFen, paid_on: paidFen === 0 || !paidOn ? null : paidOn > today ? today : paidOn });
    }
  }
  let n = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    n += (await db.insertInto('union_funds_month').values(rows.slice(i, i + 1000)).onConflict((oc) => oc.columns(['union_id', 'month']).doNothing()).returning('id').execute()).length;
  }
  return n;
}

async function servicesByStreet(ctx: DemoContext, today: string): Promise<{ files: number; honours: number }> {
  const db = ctx.database.db;
  if (await db.selectFrom('union_competition as c').innerJoin('union_org as u', 'u.id', 'c.union_id').select('c.id').where('u.region_code', 'like', `${ctx.district.countyCode}%`).limit(1).executeTakeFirst()) {
    return { files: 0, honours: 0 };
  }
  const members = await sql<{ street: string; union_id: string; person_id: string; member_id: string; joined_on: string | null; name: string }>`
    SELECT * FROM (
      SELECT left(u.region_code, 9) AS street, m.union_id::text, m.person_id::text, m.id::text AS member_id, m.joined_on, p.name,
        row_number() OVER (PARTITION BY left(u.region_code, 9) ORDER BY (m.id * 7919) % 1009, m.id) AS k
      FROM union_member m JOIN union_org u ON u.id = m.union_id JOIN person p ON p.id = m.person_id
      WHERE u.region_code LIKE ${`${ctx.district.countyCode}%`} AND u.status = 'active' AND m.status = 'active') s
    WHERE k <= 9 ORDER BY street, k`.execute(db);
  const byStreet = new Map<string, typeof members.rows>();
  for (const m of members.rows) byStreet.set(m.street, [...(byStreet.get(m.street) ?? []), m]);
  const year = Number(today.slice(0, 4));
  let files = 0;
  let honours = 0;
  await db.transaction().execute(async (tx) => {
    let s = 0;
    for (const [, list] of byStreet) {
      s++;
      for (const [i, m] of list.slice(0, 5).entries()) {
        const applied = ADD(today, -(400 + ((s * 53 + i * 97) % 300)));
        const approved = ADD(applied, 12 + i);
        const status = i === 4 ? 'applied' : i === 3 ? 'closed' : 'approved';
        const reviewed = i === 0 ? ADD(approved, 365 - (s % 20)) : null;
        const f = await tx.insertInto('union_hardship_file').values({
          union_id: m.union_id, person_id: m.person_id, level: LEVELS[i]!, reasons: [HARDSHIP_REASONS[(s + i) % 6]!, 'lowIncome'].filter((x, j, a) => a.indexOf(x) === j),
          household_size: 2 + ((s + i) % 4), income_per_head_fen: 120_000 + ((s * 7 + i) % 10) * 15_000,
          status, applied_on: status === 'applied' ? ADD(today, -20 - s) : applied, approved_on: status === 'applied' ? null : approved,
          last_reviewed_on: reviewed, closed_on: status === 'closed' ? ADD(approved, 300) : null, close_reason: status === 'closed' ? '本人再就业，家庭收入恢复' : null,
        }).returning('id').executeTakeFirstOrThrow();
        files++;
        if (status === 'applied') continue;
        const pays = [{ paid_on: ADD(approved, 10), kind: i === 2 ? 'medical' : 'living', amount_fen: 200_000 + i * 50_000 }, { paid_on: ADD(approved, 150), kind: i === 1 ? 'education' : 'festival', amount_fen: 100_000 }];
        await tx.insertInto('union_hardship_payment').values(pays.filter((p) => p.paid_on <= today).map((p) => ({ file_id: f.id, ...p }))).execute();
        if (reviewed) await tx.insertInto('union_hardship_review').values({ file_id: f.id, reviewed_on: reviewed, outcome: 'continue', level: LEVELS[i]!, note: '家庭情况未明显改善，继续帮扶' }).execute();
      }
      const organiser = list[0];
      if (!organiser) continue;
      const starts = `${year - 1}-${String(4 + (s % 5)).padStart(2, '0')}-01`;
      const c = await tx.insertInto('union_competition').values({ union_id: organiser.union_id, name: `${year - 1}年${COMPETITIONS[s % COMPETITIONS.length]}`, starts_on: starts, ends_on: ADD(starts, 60), participants: 40 + (s * 37) % 160 })
        .returning('id').executeTakeFirstOrThrow();
      for (const [i, m] of list.slice(5, 8).entries()) {
        const [kind, level, by] = HONOURS[(s + i) % HONOURS.length]!;
        const y = year - 1 - (i % 2);
        await tx.insertInto('person_honour').values({ person_id: m.person_id, union_id: m.union_id, kind, level, year: y, awarded_by: by, competition_id: i === 0 ? c.id : null }).onConflict((oc) => oc.doNothing()).execute();
        await tx.insertInto('union_member_event').values({ member_id: m.member_id, kind: 'award', at: `${y}-12-31`, data: JSON.stringify({ kind: HONOUR_KIND_LABELS[kind], title: `${HONOUR_LEVEL_LABELS[level]}${HONOUR_KIND_LABELS[kind]}`, level: HONOUR_LEVEL_LABELS[level], grantedBy: by, year: y }) }).execute();
        honours++;
      }
    }
    await recordAudit(tx, ctx.actor, { action: 'union.services.demo', entity: 'union_org', after: { demo: true, files, honours } });
  });
  return { files, honours };
}

export const unionServicesStep: DemoStep = {
  title: '生成工会服务（经费、困难职工帮扶、劳动竞赛和荣誉）',
  async run(ctx: DemoContext) {
    const today = todayInChina();
    const lines = await funds(ctx, today);
    const { files, honours } = await servicesByStreet(ctx, today);
    ctx.log(`      工会经费 ${lines} 条（近12个月），帮扶档案 ${files} 份，荣誉 ${honours} 项`);
    ctx.nextSteps.push('在工会页面的“工会服务”中查看帮扶档案和经费，在“工会经费汇总”按街道下钻到欠缴工会');
  },
};
