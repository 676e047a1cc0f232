import { sql } from 'kysely';
import type { Db } from '../../src/db/schema.js';
import { COMMUNITY_A1, COUNTY, TOWN_A, TOWN_B, seedEnterprise, seedPerson, seedRegions } from './org-fixtures.js';

/**
 * A seeded coverage world for the coverage tests: enterprises spread over a county, its two
 * townships and a community, with organisations of every setup mode, instructors, unions and
 * contracts whose intervals start and end at different months, a status change and secretaries.
 * Deterministic (a small LCG), inserted directly: these tests read coverage, they do not test
 * the organisation services.
 */
export type CoverageWorld = { enterprises: string[]; changedId: string };

function rng(seed: number) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

const month = (i: number) => `2025-${String(i).padStart(2, '0')}-${i % 2 ? '01' : '15'}`;

export async function seedCoverageWorld(db: Db, n = 60, seed = 7): Promise<CoverageWorld> {
  await seedRegions(db);
  const r = rng(seed);
  const places = [COUNTY, TOWN_A, TOWN_B, COMMUNITY_A1];
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(await seedEnterprise(db, {
      regionCode: places[i % places.length]!, memberCount: Math.floor(r() * 6), employeeCount: Math.floor(r() * 120),
      foundedOn: i % 9 === 0 ? '2025-06-10' : '2015-03-01', status: i % 17 === 5 ? 'deregistered' : 'active',
    }));
  }
  await db.updateTable('enterprise').set({ size_class: 'small', industry: '软件和信息技术服务业' }).where('id', 'in', ids.filter((_, i) => i % 3 === 0)).execute();
  await db.updateTable('enterprise').set({ size_class: 'medium', above_designated_size: true }).where('id', 'in', ids.filter((_, i) => i % 3 === 1)).execute();
  const person = await seedPerson(db, '张书记');
  const modes = ['standalone', 'joint', 'attached', 'dispatched'] as const;
  const orgs: string[] = [];
  for (const [i, mode] of modes.entries()) {
    const o = await db.insertInto('party_org').values({ name: `测试党组织${i}`, org_type: 'branch', setup_mode: mode, region_code: TOWN_A, founded_on: '2020-01-01' })
      .returning('id').executeTakeFirstOrThrow();
    orgs.push(o.id);
    if (i % 2 === 0) await db.insertInto('org_position').values({ org_id: o.id, person_id: person, position: 'secretary', since: month(3 + i), until: i === 2 ? month(9) : null }).execute();
  }
  const ins = await db.insertInto('instructor').values({ person_id: person, kind: 'instructor', region_code: COUNTY }).returning('id').executeTakeFirstOrThrow();
  const uni = await db.insertInto('union_org').values({ name: '测试联合工会', kind: 'joint', region_code: TOWN_B, members: 140, founded_on: '2019-01-01' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('union_contract').values({ union_id: uni.id, kind: 'collective', signed_on: '2025-03-01', starts_on: '2025-03-01', ends_on: '2026-02-28' }).execute();
  for (const [i, id] of ids.entries()) {
    const pick = r();
    const since = month(1 + Math.floor(r() * 11));
    const until = r() < 0.2 ? month(12) : null;
    if (pick < 0.45) await db.insertInto('party_org_coverage').values({ org_id: orgs[i % 4]!, enterprise_id: id, mode: modes[i % 4]!, since, until }).execute();
    else if (pick < 0.7) await db.insertInto('instructor_assignment').values({ instructor_id: ins.id, enterprise_id: id, since, until }).execute();
    if (r() < 0.4) await db.insertInto('union_coverage').values({ union_id: uni.id, enterprise_id: id, since: month(1 + Math.floor(r() * 11)) }).execute();
  }
  // One enterprise deregistered in August: active before, closed after (from the change history).
  const changedId = ids[1]!;
  await db.updateTable('enterprise').set({ operating_status: 'deregistered' }).where('id', '=', changedId).execute();
  await db.insertInto('enterprise_change').values({ enterprise_id: changedId, kind: 'updated', changes: sql`${JSON.stringify({ operatingStatus: ['active', 'deregistered'] })}::jsonb`, changed_at: new Date('2025-08-20T04:00:00Z') }).execute();
  return { enterprises: ids, changedId };
}
