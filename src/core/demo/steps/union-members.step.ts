import { sql } from 'kysely';
import type { Executor } from '../../../db/schema.js';
import { todayInChina } from '../../../domain/org-terms.js';
import { recordAudit } from '../../audit/audit.service.js';
import { loadKeyring, type Keyring } from '../../crypto/keyring.js';
import { generateMembers, type GeneratedMember } from '../../generator/members.js';
import { checkPersonFacts, toPersonValues } from '../../person/person-input.js';
import type { DemoContext, DemoStep } from '../demo.js';

/**
 * The demo's union rosters (docs/unions.md, "会员实名制", "Demo"): most active unions of the district
 * (four in five, small and middling ones: the largest keep their typed counts, so both kinds show)
 * get real-name members — about nine in ten employees of the enterprises they cover, ~5% 保留会籍,
 * ~4% 劳务派遣 — and keep their roster from today. People come from the roster generator
 * (real-looking names, valid ID numbers); someone already registered (a party member) is the same
 * person. Written in batches, one audit entry; a district that already has a roster is left alone.
 */
type Planned = { unionId: string; region: string | null; enterpriseId: string; status: 'active' | 'retained'; dispatched: boolean; g: GeneratedMember };

const BATCH = 500;
const MAX_MEMBERS = 12_000;
const MAX_UNION_EMPLOYEES = 1_500;
const AGENCIES = ['深圳市南粤人力资源派遣有限公司', '广东众合劳务派遣服务有限公司', '深圳市鹏城人才服务有限公司', '深圳市安达劳务派遣有限公司'];

async function plan(db: Executor, prefix: string, today: string) {
  const covers = await sql<{ union_id: string; region_code: string | null; enterprise_id: string; employees: number }>`
    SELECT u.id AS union_id, u.region_code, e.id AS enterprise_id, coalesce(e.employee_count, 0)::int AS employees
    FROM union_org u JOIN union_coverage c ON c.union_id = u.id JOIN enterprise e ON e.id = c.enterprise_id
    WHERE u.region_code LIKE ${`${prefix}%`} AND u.status = 'active' AND c.since <= ${today}::date AND (c.until IS NULL OR c.until > ${today}::date)
    ORDER BY u.id, e.id`.execute(db);
  const byUnion = new Map<string, typeof covers.rows>();
  for (const c of covers.rows) byUnion.set(c.union_id, [...(byUnion.get(c.union_id) ?? []), c]);
  const chosen: Array<{ id: string; region: string | null; seats: Array<{ enterpriseId: string; n: number }> }> = [];
  let total = 0;
  let i = 0;
  for (const [id, list] of byUnion) {
    if (i++ % 5 === 4) continue; // one in five keeps its typed counts
    const employees = list.reduce((n, c) => n + c.employees, 0);
    if (employees < 1 || employees > MAX_UNION_EMPLOYEES) continue;
    // 85–95% of each enterprise's employees, varied by union so rates differ.
    const share = 0.85 + ((Number(id) * 37) % 11) / 100;
    const seats = list.map((c) => ({ enterpriseId: c.enterprise_id, n: Math.round(c.employees * share) })).filter((s) => s.n > 0);
    const n = seats.reduce((s, x) => s + x.n, 0);
    if (total + n > MAX_MEMBERS) break;
    total += n;
    chosen.push({ id, region: list[0]!.region_code, seats });
  }
  return { chosen, total };
}

async function writeBatch(tx: Executor, keyring: Keyring, rows: Planned[], today: string, offset: number): Promise<void> {
  const values = rows.map((p) => ({
    ...toPersonValues(keyring, checkPersonFacts({ name: p.g.cells.name, idNumber: p.g.cells.idNumber, phone: p.g.cells.phone, gender: null, birthDate: null })),
    region_code: p.region,
  }));
  // The same person when already registered (a party member who joined the union).
  const known = new Map((await tx.selectFrom('person').select(['id', 'id_number_index']).where('id_number_index', 'in', values.map((v) => v.id_number_index!)).execute())
    .map((p) => [p.id_number_index!, p.id]));
  const fresh = values.filter((v) => !known.has(v.id_number_index!));
  if (fresh.length) for (const p of await tx.insertInto('person').values(fresh).returning(['id', 'id_number_index']).execute()) known.set(p.id_number_index!, p.id);
  const busy = new Set((await tx.selectFrom('union_member').select('person_id').where('person_id', 'in', [...known.values()]).where('status', 'in', ['active', 'retained']).execute()).map((m) => m.person_id));
  const members = rows.flatMap((p, i) => {
    const personId = known.get(values[i]!.id_number_index!)!;
    if (busy.has(personId)) return [];
    busy.add(personId);
    const joined = p.g.cells.joinedOn && p.g.cells.joinedOn < today ? p.g.cells.joinedOn : today;
    return [{
      person_id: personId, union_id: p.unionId, joined_on: joined, card_number: `GH${String(offset + i + 1).padStart(8, '0')}`, status: p.status,
      status_since: p.status === 'retained' ? today : joined, enterprise_id: p.enterpriseId, dispatched: p.dispatched,
      dispatch_employer_name: p.dispatched ? AGENCIES[(offset + i) % AGENCIES.length]! : null, source: 'import' as const,
    }];
  });
  if (!members.length) return;
  const ins = await tx.insertInto('union_member').values(members).returning(['id', 'joined_on']).execute();
  await tx.insertInto('union_member_event').values(ins.map((m) => ({ member_id: m.id, kind: 'joined', at: m.joined_on!, data: JSON.stringify({ source: 'demo' }) }))).execute();
}

export const unionMembersStep: DemoStep = {
  title: '生成工会会员名册',
  async run(ctx: DemoContext) {
    const db = ctx.database.db;
    const prefix = ctx.district.countyCode;
    const kept = await db.selectFrom('union_org').select('id').where('region_code', 'like', `${prefix}%`).where('roster_since', 'is not', null).limit(1).execute();
    if (kept.length) {
      ctx.log('      已有工会会员名册，跳过');
      return;
    }
    const today = todayInChina();
    const { chosen, total } = await plan(db, prefix, today);
    const people = generateMembers({ count: total, seed: ctx.seed + 16, orgs: ['-'], year: Number(today.slice(0, 4)) });
    const rows: Planned[] = [];
    let k = 0;
    for (const u of chosen) {
      for (const s of u.seats) {
        for (let j = 0; j < s.n; j++, k++) {
          rows.push({ unionId: u.id, region: u.region, enterpriseId: s.enterpriseId, status: k % 20 === 7 ? 'retained' : 'active', dispatched: k % 25 === 3, g: people.next().value as GeneratedMember });
        }
      }
    }
    const keyring = ctx.keyring ?? loadKeyring({ dataDir: ctx.workDir, engine: 'pglite' }, () => {});
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < rows.length; i += BATCH) await writeBatch(tx, keyring, rows.slice(i, i + BATCH), today, i);
      if (chosen.length) await tx.updateTable('union_org').set({ roster_since: today }).where('id', 'in', chosen.map((u) => u.id)).execute();
      await recordAudit(tx, ctx.actor, { action: 'union_member.import', entity: 'union_member', after: { demo: true, rows: rows.length, unions: chosen.length } });
    });
    ctx.log(`      工会会员 ${rows.length} 名（${chosen.length} 个工会按名册统计）`);
    ctx.nextSteps.push('在工会页面的“会员”中查看会员名册、入会率，试试导入会员名册');
  },
};
