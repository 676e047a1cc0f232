import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { DEF_LIST, getFigures } from '../../src/core/coverage/coverage-figures.service.js';
import { writeSnapshot } from '../../src/core/coverage/snapshot.repository.js';
import { takeSnapshot } from '../../src/core/coverage/snapshot.service.js';
import type { FiguresQuery } from '../../src/contracts/coverage-metrics.js';
import type { Database } from '../../src/db/database.js';
import type { Executor } from '../../src/db/schema.js';
import { monthEnd } from '../../src/domain/metrics.js';
import { createTestDatabase } from '../helpers/db.js';
import { seedCoverageWorld, type CoverageWorld } from '../helpers/coverage-world.js';
import { changeFact, changeUnionMembers, recordChange, type FactKey } from '../helpers/history-writes.js';
import { COUNTY, seedEnterprise, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';
import {
  naiveRowFacts, naiveUnionFacts, perGroupingSnapshot, sqlRowFacts, sqlUnionFacts, storedSnapshot, type RowFacts, type SnapshotEntry, type UnionFacts,
} from '../helpers/snapshot-reference.js';

/**
 * The month snapshot aggregates the rows once (GROUPING SETS) and derives every grouping from the
 * small group table; these tests hold it to the per-grouping aggregation it replaced, to the
 * figures service's own aggregation, and the union facts of the rows to a naive computation.
 */
let database: Database;
let world: CoverageWorld;
const sys = systemActor();
const PERIODS = ['2025-02', '2025-06', '2025-09', '2025-12', '2026-03'];

/** The coverage world plus parks, associations, unknown industries, unplaced enterprises and two more unions. */
async function seedExtras(db: Database['db'], ids: string[]): Promise<void> {
  const park = await db.insertInto('park').values({ name: '测试科技园' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('park').values({ name: '第二科技园' }).execute();
  const assoc = await db.insertInto('association').values({ name: '测试商会' }).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('enterprise').set({ park_id: park.id }).where('id', 'in', ids.filter((_, i) => i % 5 === 0)).execute();
  await db.updateTable('enterprise').set({ association_id: assoc.id }).where('id', 'in', ids.filter((_, i) => i % 7 === 0)).execute();
  await db.updateTable('enterprise').set({ industry: '批发和零售业' }).where('id', 'in', ids.filter((_, i) => i % 3 === 2 && i % 2 === 0)).execute();
  // Two enterprises not placed yet: counted in 'all', in no region node.
  await db.updateTable('enterprise').set({ region_code: null, placement: 'pending' }).where('id', 'in', [ids[3]!, ids[10]!]).execute();
  // A union whose covered enterprises have no employees (members shared equally), with a contract
  // from September; a third union that also covers an enterprise of the first until November.
  const zero = [];
  for (let i = 0; i < 4; i++) zero.push(await seedEnterprise(db, { regionCode: TOWN_B, employeeCount: 0, foundedOn: '2015-01-01' }));
  const u2 = await db.insertInto('union_org').values({ name: '零职工联合工会', kind: 'joint', region_code: TOWN_B, members: 7 }).returning('id').executeTakeFirstOrThrow();
  for (const id of zero) await db.insertInto('union_coverage').values({ union_id: u2.id, enterprise_id: id, since: '2025-04-01' }).execute();
  await db.insertInto('union_contract').values({ union_id: u2.id, kind: 'collective', signed_on: '2025-09-01', starts_on: '2025-09-01', ends_on: '2027-08-31' }).execute();
  const u3 = await db.insertInto('union_org').values({ name: '第三工会', kind: 'standalone', region_code: TOWN_A, members: 33 }).returning('id').executeTakeFirstOrThrow();
  const shared = await db.selectFrom('union_coverage').select('enterprise_id').where('union_id', '<>', u2.id).orderBy('id').limit(2).execute();
  for (const s of shared) await db.insertInto('union_coverage').values({ union_id: u3.id, enterprise_id: s.enterprise_id, since: '2025-02-01', until: '2025-11-15' }).execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedCoverageWorld(database.db, 80);
  await seedExtras(database.db, world.enterprises);
  const roll = (await database.db.selectFrom('union_coverage').select('enterprise_id').orderBy('since').orderBy('id').execute()).map((c) => String(c.enterprise_id));
  dated = [...roll.slice(0, 3), ...world.enterprises.filter((id) => !roll.includes(id)).slice(0, 3)];
});
afterAll(async () => database?.close());

describe('the single-pass snapshot equals the per-grouping aggregation', () => {
  it.each(PERIODS)('every row of %s', async (period) => {
    await takeSnapshot(database.db, sys, period);
    const stored = await storedSnapshot(database.db, period);
    expect(stored).toEqual(await perGroupingSnapshot(database.db, monthEnd(period)));
    for (const kind of ['all', 'region', 'park', 'association', 'industry', 'size']) expect(stored.some((r) => r.kind === kind), kind).toBe(true);
  });

  it('a month before any enterprise was founded stores nothing, as before', async () => {
    const r = await takeSnapshot(database.db, sys, '2014-12');
    expect(r.rows).toBe(0);
    expect(await storedSnapshot(database.db, '2014-12')).toEqual(await perGroupingSnapshot(database.db, '2014-12-31'));
  });
});

const pairsOf = (rows: SnapshotEntry[], kind: string, key: string) =>
  Object.fromEntries(rows.filter((r) => r.kind === kind && r.key === key).map((r) => [r.metric, { numerator: r.numerator, denominator: r.denominator }]));
const figurePairs = (pairs: Record<string, { numerator: number; denominator: number }>) =>
  Object.fromEntries(DEF_LIST.map((d) => [d.id, { numerator: pairs[d.id]!.numerator, denominator: pairs[d.id]!.denominator }]));

describe('the snapshot equals the figures of the month, node by node', () => {
  const regionNodes: Array<[string, string | undefined, number]> = [
    ['province level', undefined, 0], ['city level', '33', 2], ['county level', '3301', 4],
    ['township level', COUNTY.slice(0, 6), 6], ['community level', TOWN_A.slice(0, 9), 9],
  ];
  it.each(regionNodes)('%s', async (_name, regionPrefix, parentLen) => {
    const stored = await storedSnapshot(database.db, '2025-09');
    const fig = await getFigures(database.db, sys, { groupBy: 'region', month: '2025-09', ...(regionPrefix ? { regionPrefix } : {}) } as FiguresQuery);
    // A group of enterprises placed AT the parent (key ends in zeros below it) is not a child node.
    const children = fig.groups.filter((g) => g.key !== null && !/^0+$/.test(g.key.slice(parentLen)));
    expect(children.length).toBeGreaterThan(0);
    for (const g of children) expect(pairsOf(stored, 'region', g.key!.padEnd(12, '0')), g.key!).toEqual(figurePairs(g.pairs));
    if (!regionPrefix) expect(pairsOf(stored, 'all', '')).toEqual(figurePairs(fig.total.pairs));
  });

  it.each(['park', 'association', 'industry', 'size'] as const)('by %s', async (groupBy) => {
    const stored = await storedSnapshot(database.db, '2025-09');
    const fig = await getFigures(database.db, sys, { groupBy, month: '2025-09' } as FiguresQuery);
    const named = groupBy === 'park' || groupBy === 'association' ? fig.groups.filter((g) => g.key !== null) : fig.groups;
    expect(named.length).toBeGreaterThan(0);
    for (const g of named) expect(pairsOf(stored, groupBy, g.key ?? ''), `${groupBy} ${g.key}`).toEqual(figurePairs(g.pairs));
    expect(stored.filter((r) => r.kind === groupBy).length).toBe(named.length * DEF_LIST.length);
  });
});

describe('union facts of the rows', () => {
  it.each(['2025-01-31', '2025-03-31', '2025-08-31', '2025-10-31', '2025-11-30', '2026-03-31'])('equal a naive computation at %s', async (d) => {
    const facts = await sqlUnionFacts(database.db, d);
    expect(facts).toEqual(await naiveUnionFacts(database.db, d));
    expect(facts.some((f) => f.has_union)).toBe(true);
  });
});

/** Random history on top of the world, applied in a transaction that is rolled back afterwards. */
const month = fc.integer({ min: 1, max: 14 }).map((m) => `${2025 + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, '0')}-${m % 2 ? '01' : '20'}`);
/**
 * Dated changes go to a few enterprises (`dated`: the three longest on a shared union's roll,
 * whose employees move the others' shares, and three not), so one fact often changes twice after
 * a month end.
 */
const few = fc.nat(5);
let dated: string[] = [];
/** Ledger facts a change may set, with the values it may take (recorded as the writers do). */
const FACT_VALUES = {
  sizeClass: ['small', 'medium', 'large', null], industry: ['制造业', '批发和零售业', null], employeeCount: [0, 8, 30, 200, null],
  memberCount: [0, 2, 5, null], aboveDesignatedSize: [true, false], parkName: ['测试科技园', '第二科技园', '已撤销的园区', null],
  associationName: ['测试商会', null],
} as const satisfies Partial<Record<FactKey, readonly unknown[]>>;
const factChange = fc.constantFrom(...(Object.keys(FACT_VALUES) as Array<keyof typeof FACT_VALUES>)).chain((key) =>
  fc.record({ op: fc.constant('fact' as const), e: few, at: month, key: fc.constant(key), value: fc.constantFrom<unknown>(...FACT_VALUES[key]) }));
const change = fc.oneof(
  fc.record({ op: fc.constant('unionCover' as const), e: fc.nat(79), since: month, until: fc.option(month) }),
  fc.record({ op: fc.constant('orgCover' as const), e: fc.nat(79), since: month, until: fc.option(month), mode: fc.constantFrom('standalone', 'joint', 'attached', 'dispatched') }),
  fc.record({ op: fc.constant('status' as const), e: few, at: month, before: fc.constantFrom('active', 'deregistered') }),
  fc.record({ op: fc.constant('place' as const), e: few, at: month, region: fc.constantFrom(COUNTY, TOWN_A, TOWN_B, null) }),
  { arbitrary: factChange, weight: 4 },
  fc.record({ op: fc.constant('unionMembers' as const), u: fc.nat(2), at: month, members: fc.nat(300) }),
  // Issue 16: a 职代会 held (has_congress), a real-name roster kept from a day (members from names).
  fc.record({ op: fc.constant('congress' as const), u: fc.nat(2), on: month }),
  fc.record({ op: fc.constant('roster' as const), u: fc.nat(2), since: month, active: fc.nat(4), retained: fc.nat(2) }),
);
type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;

const at = (day: string) => new Date(`${day}T04:00:00Z`);

async function apply(tx: Executor, c: Change): Promise<void> {
  if (c.op === 'unionMembers' || c.op === 'congress' || c.op === 'roster') {
    const unions = await tx.selectFrom('union_org').select('id').orderBy('id').execute();
    const u = unions[c.u % unions.length]!.id;
    if (c.op === 'unionMembers') return changeUnionMembers(tx, u, c.at, c.members);
    if (c.op === 'congress') return void await tx.insertInto('union_congress').values({ union_id: u, held_on: c.on, kind: 'congress' }).execute();
    await tx.updateTable('union_org').set({ roster_since: c.since }).where('id', '=', u).execute();
    for (let i = 0; i < c.active + c.retained; i++) {
      const p = await tx.insertInto('person').values({ name: `会员${i}` }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('union_member').values({ person_id: p.id, union_id: u, status: i < c.active ? 'active' : 'retained' }).execute();
    }
    return;
  }
  const id = (c.op === 'unionCover' || c.op === 'orgCover' ? world.enterprises : dated)[c.e]!;
  const until = 'until' in c && c.until && c.until > c.since ? c.until : null;
  if (c.op === 'unionCover') {
    const u = await tx.selectFrom('union_org').select('id').orderBy('id').executeTakeFirstOrThrow();
    await tx.insertInto('union_coverage').values({ union_id: u.id, enterprise_id: id, since: c.since, until }).execute();
  } else if (c.op === 'orgCover') {
    const o = await tx.selectFrom('party_org').select('id').where('setup_mode', '=', c.mode).executeTakeFirstOrThrow();
    await tx.insertInto('party_org_coverage').values({ org_id: o.id, enterprise_id: id, mode: c.mode, since: c.since, until }).execute();
  } else if (c.op === 'status') {
    await recordChange(tx, id, at(c.at), { operatingStatus: [c.before, 'revoked'] });
  } else if (c.op === 'place') {
    await changeFact(tx, id, at(c.at), 'regionCode', c.region);
  } else {
    await changeFact(tx, id, at(c.at), c.key, c.value);
  }
}

class Rollback extends Error {}
type Outcome = { stored: SnapshotEntry[]; reference: SnapshotEntry[]; rows: [RowFacts[], RowFacts[]]; unions: [UnionFacts[], UnionFacts[]] };

describe('property: any history gives the same snapshot both ways', () => {
  it('random coverage, status, placement, fact and union-member changes', async () => {
    await fc.assert(fc.asyncProperty(fc.array(change, { maxLength: 16 }), fc.constantFrom(...PERIODS), async (changes, period) => {
      let result: Outcome | undefined;
      const d = monthEnd(period);
      await database.db.transaction().execute(async (tx) => {
        for (const c of changes) await apply(tx, c);
        await writeSnapshot(tx, period, d, DEF_LIST);
        result = {
          stored: await storedSnapshot(tx, period), reference: await perGroupingSnapshot(tx, d),
          rows: [await sqlRowFacts(tx, d), await naiveRowFacts(tx, d)], unions: [await sqlUnionFacts(tx, d), await naiveUnionFacts(tx, d)],
        };
        throw new Rollback();
      }).catch((e: unknown) => { if (!(e instanceof Rollback)) throw e; });
      expect(result!.stored).toEqual(result!.reference);
      expect(result!.rows[0]).toEqual(result!.rows[1]);
      expect(result!.unions[0]).toEqual(result!.unions[1]);
    }), { numRuns: 25 });
  });
});
