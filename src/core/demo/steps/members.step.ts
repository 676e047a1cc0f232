import { sql } from 'kysely';
import type { Executor } from '../../../db/schema.js';
import { todayInChina } from '../../../domain/org-terms.js';
import { recordAudit } from '../../audit/audit.service.js';
import { loadKeyring, type Keyring } from '../../crypto/keyring.js';
import { generateMembers, type GeneratedMember } from '../../generator/members.js';
import { checkPersonFacts, toPersonValues } from '../../person/person-input.js';
import type { DemoContext, DemoStep } from '../demo.js';

/**
 * The demo roster (docs/members.md, "Demo"): every active organisation of the district keeps its
 * roster here from today, with exactly its counts — its full members, then its probationary ones.
 * A covered enterprise gets as many full members working there as the ledger's 党员数量 (the first
 * organisation covering it), so the figures counted from the roster are the district's own; the
 * rest work elsewhere (a name as written). People come from the roster generator (real-looking
 * names, valid ID numbers); every date lies on or before today. Written in batches, one audit entry.
 */
type Org = { id: string; region_code: string | null; full_members: number; probationary_members: number };
type Cover = { org_id: string; enterprise_id: string; member_count: number | null };
type Planned = { orgId: string; region: string | null; category: 'full' | 'probationary'; enterpriseId: string | null; g: GeneratedMember };

const DAY = 86_400_000;
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const BATCH = 500;

function plan(orgs: Org[], covers: Cover[], people: GeneratedMember[]): Planned[] {
  const byOrg = new Map<string, Cover[]>();
  for (const c of covers) byOrg.set(c.org_id, [...(byOrg.get(c.org_id) ?? []), c]);
  const staffed = new Set<string>();
  const out: Planned[] = [];
  let next = 0;
  for (const o of orgs) {
    const quota: string[] = [];
    for (const c of byOrg.get(o.id) ?? []) {
      if (staffed.has(c.enterprise_id)) continue;
      staffed.add(c.enterprise_id);
      for (let i = 0; i < (c.member_count ?? 0); i++) quota.push(c.enterprise_id);
    }
    const first = byOrg.get(o.id)?.[0]?.enterprise_id ?? null;
    for (let i = 0; i < o.full_members; i++) out.push({ orgId: o.id, region: o.region_code, category: 'full', enterpriseId: quota[i] ?? null, g: people[next++]! });
    for (let i = 0; i < o.probationary_members; i++) out.push({ orgId: o.id, region: o.region_code, category: 'probationary', enterpriseId: first, g: people[next++]! });
  }
  return out;
}

/** 入党 / 转正 dates from the generated row: full members confirmed a year after joining, probationary ones joined within the year. */
function datesOf(p: Planned, today: string, index: number): { joined: string; confirmed: string | null } {
  const c = p.g.cells;
  if (p.category === 'probationary') return { joined: addDays(today, -(30 + (index * 37) % 300)), confirmed: null };
  if (c.confirmedOn) return { joined: c.joinedOn, confirmed: c.confirmedOn };
  const joined = addDays(today, -(800 + (index * 53) % 2000));
  return { joined, confirmed: addDays(joined, 366) };
}

async function writeBatch(tx: Executor, keyring: Keyring, rows: Planned[], offset: number, today: string): Promise<void> {
  const persons = await tx.insertInto('person').values(rows.map((p) => {
    const facts = checkPersonFacts({ name: p.g.cells.name, idNumber: p.g.cells.idNumber, phone: null, gender: null, birthDate: null });
    return { ...toPersonValues(keyring, facts), region_code: p.region, ethnicity: p.g.cells.ethnicity || null, education: p.g.cells.education || null };
  })).returning('id').execute();
  const members = await tx.insertInto('party_member').values(rows.map((p, i) => {
    const d = datesOf(p, today, offset + i);
    return {
      person_id: persons[i]!.id, org_id: p.orgId, category: p.category, joined_on: d.joined, confirmed_on: d.confirmed,
      enterprise_id: p.enterpriseId, employer_name: p.enterpriseId ? null : p.g.cells.employer || null, post: p.g.cells.post || null, source: 'manual' as const,
    };
  })).returning(['id', 'joined_on', 'confirmed_on', 'category']).execute();
  const events = members.flatMap((m) => [
    { member_id: m.id, kind: 'created', at: m.joined_on!, data: JSON.stringify({ member: { category: 'probationary', joinedOn: m.joined_on } }) },
    ...(m.confirmed_on ? [{ member_id: m.id, kind: 'confirmed', at: m.confirmed_on, data: JSON.stringify({ confirmedOn: m.confirmed_on }) }] : []),
  ]);
  await tx.insertInto('party_member_event').values(events).execute();
}

export const membersStep: DemoStep = {
  title: '生成党员名册',
  async run(ctx: DemoContext) {
    const db = ctx.database.db;
    const prefix = ctx.district.countyCode;
    const district = sql<boolean>`o.region_code LIKE ${`${prefix}%`}`;
    const kept = await db.selectFrom('party_org as o').select('o.id').where(district).where('o.roster_since', 'is not', null).limit(1).execute();
    if (kept.length) {
      ctx.log('      已有党员名册，跳过');
      return;
    }
    const orgs = await db.selectFrom('party_org as o').select(['o.id', 'o.region_code', 'o.full_members', 'o.probationary_members'])
      .where(district).where('o.status', '=', 'active').orderBy('o.id').execute();
    const covers = await db.selectFrom('party_org_coverage as c').innerJoin('enterprise as e', 'e.id', 'c.enterprise_id').innerJoin('party_org as o', 'o.id', 'c.org_id')
      .select(['c.org_id', 'c.enterprise_id', 'e.member_count']).where(district).where('c.until', 'is', null).orderBy('c.org_id').orderBy('c.id').execute();
    const total = orgs.reduce((n, o) => n + o.full_members + o.probationary_members, 0);
    const today = todayInChina();
    const people = [...generateMembers({ count: total, seed: ctx.seed, orgs: ['-'], year: Number(today.slice(0, 4)) })];
    const rows = plan(orgs, covers, people);
    const keyring = ctx.keyring ?? loadKeyring({ dataDir: ctx.workDir, engine: 'pglite' }, () => {});
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < rows.length; i += BATCH) await writeBatch(tx, keyring, rows.slice(i, i + BATCH), i, today);
      if (orgs.length) await tx.updateTable('party_org').set({ roster_since: today }).where('id', 'in', orgs.map((o) => o.id)).execute();
      await recordAudit(tx, ctx.actor, { action: 'member.create', entity: 'party_member', after: { demo: true, rows: rows.length, orgs: orgs.length } });
    });
    ctx.log(`      党员 ${rows.length} 名（${orgs.length} 个党组织按名册统计）`);
    ctx.nextSteps.push('在“党员名册”中查看党员，在党组织页面查看其党员名册和人数');
  },
};
