import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { requireAction } from '../../src/core/access/require.js';
import { DEF_LIST, getFigures } from '../../src/core/coverage/coverage-figures.service.js';
import { coverageRowsAt } from '../../src/core/coverage/coverage-rows.sql.js';
import { aggregate, type AggregateRow } from '../../src/core/coverage/coverage.repository.js';
import { writeSnapshot } from '../../src/core/coverage/snapshot.repository.js';
import { takeSnapshot } from '../../src/core/coverage/snapshot.service.js';
import { getEnterprise, placeEnterprise } from '../../src/core/enterprise/enterprise.service.js';
import { applyEnterpriseItems, beginImport } from '../../src/core/import/import-enterprises.service.js';
import { addUnionCoverage, createUnion, updateUnionFacts, updateUnionIn } from '../../src/core/union/union.service.js';
import type { FiguresQuery } from '../../src/contracts/coverage-metrics.js';
import type { Database } from '../../src/db/database.js';
import type { Executor } from '../../src/db/schema.js';
import type { EnterpriseFacts } from '../../src/domain/enterprise-facts.js';
import { monthEnd, previousPeriod } from '../../src/domain/metrics.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { asAsync, code, facts, rowItem, seedRegions as seedLedgerRegions } from '../factories/enterprise.js';
import { createTestDatabase } from '../helpers/db.js';
import { seedCoverageWorld, type CoverageWorld } from '../helpers/coverage-world.js';
import { changeFact, recordChange, setFact, type FactKey } from '../helpers/history-writes.js';
import { TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';
import { perGroupingSnapshot, storedSnapshot, type SnapshotEntry } from '../helpers/snapshot-reference.js';

/**
 * A past month is recomputed from history: after an enterprise's placement or facts change (or a
 * union's members), the snapshot recomputed for the month before the change holds the figures and
 * groups of the world as it was, the month after and today those of the world as it is now.
 * Each case runs in a transaction that is rolled back, so the cases share one seeded world.
 */
let database: Database;
let world: CoverageWorld;
let onRoll: string;
let unionId: string;
const sys = systemActor();
/** After the September month end and before October's, at noon in China. */
const CHANGED_AT = new Date('2025-10-10T04:00:00Z');

class Rollback extends Error {}
async function inRollback<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
  let out: T | undefined;
  await database.db.transaction().execute(async (tx) => {
    out = await fn(tx);
    throw new Rollback();
  }).catch((e: unknown) => { if (!(e instanceof Rollback)) throw e; });
  return out!;
}

type Figures = { sep: SnapshotEntry[]; oct: SnapshotEntry[]; today: SnapshotEntry[]; aboveSize: AggregateRow[] };
/**
 * The snapshots of September and October as recomputed now, the groups of today's rows, and the
 * figures filtered to above-designated-size enterprises (a filter, not a snapshot grouping) at both.
 */
async function figures(tx: Executor): Promise<Figures> {
  const month = async (period: string) => {
    await writeSnapshot(tx, period, monthEnd(period), DEF_LIST);
    return storedSnapshot(tx, period);
  };
  const scope = requireAction(sys, 'coverage.read');
  const aboveSize = (date: string) => aggregate(tx, { kind: 'at', date }, scope, { aboveDesignatedSize: true }, DEF_LIST, 'none');
  return {
    sep: await month('2025-09'), oct: await month('2025-10'), today: await perGroupingSnapshot(tx, todayInChina()),
    aboveSize: [...await aboveSize('2025-09-30'), ...await aboveSize('2025-10-31')],
  };
}

type Row = Record<string, unknown>;
/** One enterprise's coverage row at `d` (ids as text, as the reference compares them). */
async function rowAt(tx: Executor, id: string, d: string): Promise<Row> {
  const r = await sql<Row>`SELECT r.region_code, r.park_id::text AS park_id, r.association_id::text AS association_id, r.industry,
      r.size_class, r.above_designated_size, r.employees, r.full_members, r.union_members, r.status
    FROM (${coverageRowsAt(d)}) r WHERE r.id = ${id}`.execute(tx);
  return r.rows[0]!;
}

/** The union members of every enterprise on the shared union's roll at `d`, by id. */
async function rollShares(tx: Executor, d: string): Promise<Array<[string, number]>> {
  const r = await sql<{ id: string; n: number }>`SELECT r.id::text AS id, r.union_members AS n FROM (${coverageRowsAt(d)}) r
    WHERE r.id IN (SELECT enterprise_id FROM union_coverage WHERE union_id = ${unionId}) ORDER BY r.id`.execute(tx);
  return r.rows.map((x) => [x.id, Number(x.n)]);
}

/** The coverage row's column for a fact (a park or association by its id). */
const ROW_COLUMN: Record<FactKey, string> = {
  regionCode: 'region_code', sizeClass: 'size_class', industry: 'industry', employeeCount: 'employees', memberCount: 'full_members',
  aboveDesignatedSize: 'above_designated_size', parkName: 'park_id', associationName: 'association_id',
};
async function rowValue(tx: Executor, key: FactKey, value: unknown): Promise<unknown> {
  if (key !== 'parkName' && key !== 'associationName') return value;
  const t = key === 'parkName' ? 'park' : 'association';
  const r = value === null ? undefined : await tx.selectFrom(t).select('id').where('name', '=', value as string).executeTakeFirst();
  return r ? String(r.id) : null;
}

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedCoverageWorld(database.db, 40);
  await database.db.insertInto('park').values([{ name: '一号园区' }, { name: '二号园区' }]).execute();
  await database.db.insertInto('association').values({ name: '软件行业协会' }).execute();
  // An active enterprise on the shared union's roll since before September: its employees move
  // every other member's share of the union.
  const c = await database.db.selectFrom('union_coverage as c').innerJoin('enterprise as e', 'e.id', 'c.enterprise_id')
    .select(['c.enterprise_id', 'c.union_id']).where('c.since', '<=', '2025-09-01').where('e.operating_status', '=', 'active')
    .where('e.id', '<>', world.changedId).orderBy('c.id').executeTakeFirstOrThrow();
  onRoll = String(c.enterprise_id);
  unionId = String(c.union_id);
});
afterAll(async () => database?.close());

type Case = { name: string; key: FactKey; from: unknown; to: unknown; id?: () => string };
const CASES: Case[] = [
  { name: 'moves to another township', key: 'regionCode', from: TOWN_A, to: TOWN_B },
  { name: 'changes size class', key: 'sizeClass', from: 'small', to: 'large' },
  { name: 'changes industry', key: 'industry', from: '制造业', to: '批发和零售业' },
  { name: 'grows past 25 employees, on a shared union', key: 'employeeCount', from: 10, to: 90, id: () => onRoll },
  { name: 'gains Party members', key: 'memberCount', from: 0, to: 4 },
  { name: 'enters a park', key: 'parkName', from: null, to: '一号园区' },
  { name: 'moves to another park', key: 'parkName', from: '一号园区', to: '二号园区' },
  { name: 'joins an association', key: 'associationName', from: null, to: '软件行业协会' },
  { name: 'becomes above designated size', key: 'aboveDesignatedSize', from: false, to: true },
];

describe('a past month is recomputed from the history of the enterprise', () => {
  it.each(CASES)('$name: the month before gives the old figures, the month after and today the new', async (c) => {
    const id = c.id?.() ?? world.enterprises[2]!;
    const was = await inRollback(async (tx) => { await setFact(tx, id, c.key, c.from); return figures(tx); });
    const now = await inRollback(async (tx) => { await setFact(tx, id, c.key, c.to); return figures(tx); });
    const recorded = await inRollback(async (tx) => {
      await setFact(tx, id, c.key, c.from);
      await changeFact(tx, id, CHANGED_AT, c.key, c.to);
      const column = ROW_COLUMN[c.key];
      return {
        figures: await figures(tx), from: await rowValue(tx, c.key, c.from), to: await rowValue(tx, c.key, c.to),
        sep: (await rowAt(tx, id, '2025-09-30'))[column], oct: (await rowAt(tx, id, '2025-10-31'))[column],
      };
    });
    // Had it always been so, September would count differently: the case is not vacuous.
    expect({ sep: now.sep, above: now.aboveSize[0] }).not.toEqual({ sep: was.sep, above: was.aboveSize[0] });
    expect(recorded.figures.sep).toEqual(was.sep);
    expect(recorded.figures.oct).toEqual(now.oct);
    expect(recorded.figures.today).toEqual(now.today);
    expect(recorded.figures.aboveSize).toEqual([was.aboveSize[0], now.aboveSize[1]]);
    expect([recorded.sep, recorded.oct]).toEqual([recorded.from, recorded.to]);
  });

  it('an enterprise on a union: its old employees give every member of the roll the old share', async () => {
    const was = await inRollback(async (tx) => { await setFact(tx, onRoll, 'employeeCount', 10); return rollShares(tx, '2025-09-30'); });
    const now = await inRollback(async (tx) => { await setFact(tx, onRoll, 'employeeCount', 90); return rollShares(tx, '2025-10-31'); });
    const recorded = await inRollback(async (tx) => {
      await setFact(tx, onRoll, 'employeeCount', 10);
      await changeFact(tx, onRoll, CHANGED_AT, 'employeeCount', 90);
      return { sep: await rollShares(tx, '2025-09-30'), oct: await rollShares(tx, '2025-10-31') };
    });
    expect(recorded).toEqual({ sep: was, oct: now });
    expect(was.filter(([id]) => id !== onRoll)).not.toEqual(now.filter(([id]) => id !== onRoll));
  });

  it('two changes after a month end: each month sees the value it had', async () => {
    const id = world.enterprises[4]!;
    const sizes = await inRollback(async (tx) => {
      await setFact(tx, id, 'sizeClass', 'small');
      await changeFact(tx, id, CHANGED_AT, 'sizeClass', 'medium');
      await changeFact(tx, id, new Date('2025-12-05T04:00:00Z'), 'sizeClass', 'large');
      return Promise.all(['2025-09-30', '2025-10-31', '2025-11-30', '2025-12-31'].map(async (d) => (await rowAt(tx, id, d)).size_class));
    });
    expect(sizes).toEqual(['small', 'medium', 'medium', 'large']);
  });

  it.each([
    ['23:30 on the month end in China belongs to that day', '2025-09-30T15:30:00Z', TOWN_B],
    ['00:30 the next day in China belongs to the next', '2025-09-30T16:30:00Z', TOWN_A],
  ])('a change at %s', async (_name, at, expected) => {
    const id = world.enterprises[6]!;
    const region = await inRollback(async (tx) => {
      await setFact(tx, id, 'regionCode', TOWN_A);
      await changeFact(tx, id, new Date(at), 'regionCode', TOWN_B);
      return (await rowAt(tx, id, '2025-09-30')).region_code;
    });
    expect(region).toBe(expected);
  });

  it('a park recorded by a name that no longer exists is no park', async () => {
    const id = world.enterprises[8]!;
    const park = await inRollback(async (tx) => {
      await setFact(tx, id, 'parkName', '一号园区');
      await recordChange(tx, id, CHANGED_AT, { parkName: ['已撤销的园区', '一号园区'] });
      return { sep: (await rowAt(tx, id, '2025-09-30')).park_id, oct: (await rowAt(tx, id, '2025-10-31')).park_id };
    });
    expect(park.sep).toBeNull();
    expect(park.oct).not.toBeNull();
  });

  it('a fact that did not change keeps today\'s value in every month', async () => {
    const id = world.enterprises[10]!;
    const rows = await inRollback(async (tx) => {
      await setFact(tx, id, 'industry', '制造业');
      await setFact(tx, id, 'sizeClass', 'small');
      await changeFact(tx, id, CHANGED_AT, 'sizeClass', 'micro');
      return [await rowAt(tx, id, '2025-09-30'), await rowAt(tx, id, '2025-10-31')];
    });
    expect(rows.map((r) => [r.industry, r.size_class])).toEqual([['制造业', 'small'], ['制造业', 'micro']]);
  });
});

describe('a past month is recomputed from the history of a union', () => {
  const unionMembership = (rows: SnapshotEntry[]) => rows.find((r) => r.kind === 'all' && r.metric === 'unionMembership')!;

  it('members changed by union.service from a date: the month before has the old members', async () => {
    const was = await inRollback(async (tx) => figures(tx));
    const now = await inRollback(async (tx) => {
      await tx.updateTable('union_org').set({ members: 60 }).where('id', '=', unionId).execute();
      return figures(tx);
    });
    const recorded = await inRollback(async (tx) => {
      const u = await tx.selectFrom('union_org').select(['version', 'members']).where('id', '=', unionId).executeTakeFirstOrThrow();
      expect(u.members).toBe(140);
      await updateUnionIn(tx, sys, unionId, { version: u.version, at: '2025-10-10', changes: { members: 60 } });
      return figures(tx);
    });
    expect(unionMembership(now.sep).numerator).toBeLessThan(unionMembership(was.sep).numerator);
    expect(recorded.sep).toEqual(was.sep);
    expect(recorded.oct).toEqual(now.oct);
    expect(recorded.today).toEqual(now.today);
  });

  it('two member changes: each month has the members it had', async () => {
    const withMembers = (m: number, d: string) => inRollback(async (tx) => {
      await tx.updateTable('union_org').set({ members: m }).where('id', '=', unionId).execute();
      return rollShares(tx, d);
    });
    const recorded = await inRollback(async (tx) => {
      for (const [at, m] of [['2025-10-10', 100], ['2025-12-05', 60]] as const) {
        const u = await tx.selectFrom('union_org').select('version').where('id', '=', unionId).executeTakeFirstOrThrow();
        await updateUnionIn(tx, sys, unionId, { version: u.version, at, changes: { members: m } });
      }
      return [await rollShares(tx, '2025-09-30'), await rollShares(tx, '2025-11-30'), await rollShares(tx, '2025-12-31')];
    });
    expect(recorded).toEqual([await withMembers(140, '2025-09-30'), await withMembers(100, '2025-11-30'), await withMembers(60, '2025-12-31')]);
    expect(recorded[0]).not.toEqual(recorded[1]);
  });
});

describe('recorded by the real writers today: last month recomputed is last month as it was', () => {
  let db2: Database;
  const sys2 = systemActor('test');
  const lastMonth = previousPeriod(todayInChina().slice(0, 7));
  const TOWN_1 = '110101001000';
  const TOWN_2 = '110101002000';
  const importRows = async (rows: EnterpriseFacts[]) => {
    const id = await beginImport(db2, sys2, { fileName: 'ledger.xlsx', fileSha256: 'e'.repeat(64), source: 'test', dryRun: false });
    await applyEnterpriseItems(db2, sys2, id, asAsync(rows.map((f, i) => rowItem(i + 2, f))));
  };
  const idOf = async (n: number) => (await db2.db.selectFrom('enterprise').select('id').where('credit_code', '=', code(n)).executeTakeFirstOrThrow()).id;
  const pair = (rows: SnapshotEntry[], kind: string, key: string, metric: string) => {
    const r = rows.find((x) => x.kind === kind && x.key === key && x.metric === metric);
    return r ? [r.numerator, r.denominator] : null;
  };
  let taken: SnapshotEntry[];

  beforeAll(async () => {
    db2 = await createTestDatabase();
    await seedLedgerRegions(db2.db);
    await db2.db.insertInto('park').values({ name: '东华门园区' }).execute();
    // Three enterprises in one township, two on a joint union of 20 members (employees 11 and 12).
    await importRows([facts(1), facts(2), facts(3)]);
    const u = await createUnion(db2.db, sys2, { name: '东华门联合工会', kind: 'joint', regionCode: TOWN_1, foundedOn: '2020-01-01', members: 20 });
    for (const n of [1, 2]) await addUnionCoverage(db2.db, sys2, u.id, { enterpriseId: await idOf(n), since: '2020-01-01' });
    await takeSnapshot(db2.db, sys2, lastMonth);
    taken = await storedSnapshot(db2.db, lastMonth);
    // Today: an import moves and grows enterprise 1 into a park, an officer places enterprise 3 in
    // the other township, and the union's members are updated.
    await importRows([facts(1, { regionCode: TOWN_2, sizeClass: 'medium', industry: '制造业', employeeCount: 80, memberCount: 4, parkName: '东华门园区', aboveDesignatedSize: true }), facts(2), facts(3)]);
    const third = await getEnterprise(db2.db, sys2, await idOf(3));
    await placeEnterprise(db2.db, sys2, third.id, { regionCode: TOWN_2, version: third.version });
    await updateUnionFacts(db2.db, sys2, u.id, { version: u.version, changes: { members: 30 } });
  });
  afterAll(async () => db2?.close());

  it('the month before today\'s changes, recomputed now, equals the snapshot taken before them', async () => {
    await takeSnapshot(db2.db, sys2, lastMonth);
    const recomputed = await storedSnapshot(db2.db, lastMonth);
    expect(recomputed).toEqual(taken);
    expect(pair(recomputed, 'region', TOWN_1, 'orgCoverage')).toEqual([0, 3]);
    expect(pair(recomputed, 'region', TOWN_2, 'orgCoverage')).toBeNull();
    expect(pair(recomputed, 'size', 'small', 'orgCoverage')).toEqual([0, 3]);
    expect(recomputed.filter((r) => r.kind === 'park')).toEqual([]);
    // floor(20·11/23) + floor(20·12/23) members of 23 employees; nobody has 25 employees or 3 members.
    expect(pair(recomputed, 'all', '', 'unionMembership')).toEqual([19, 23]);
    expect(pair(recomputed, 'all', '', 'unionSetup')).toEqual([0, 0]);
    expect(pair(recomputed, 'all', '', 'standaloneRate')).toEqual([0, 0]);
  });

  it('today\'s figures have the new placement, sizes, park, employees and members', async () => {
    const q = (o: Partial<FiguresQuery>) => getFigures(db2.db, sys2, { groupBy: 'none', ...o } as FiguresQuery);
    const byRegion = await q({ groupBy: 'region', regionPrefix: '110101' });
    expect(byRegion.groups.map((g) => [g.key, g.enterprises])).toEqual([['110101001', 1], ['110101002', 2]]);
    expect((await q({ groupBy: 'size' })).groups.map((g) => [g.key, g.enterprises])).toEqual([['medium', 1], ['small', 2]]);
    expect((await q({ groupBy: 'park' })).groups.filter((g) => g.key !== null).map((g) => [g.label, g.enterprises])).toEqual([['东华门园区', 1]]);
    const pairs = byRegion.total.pairs;
    // floor(30·80/92) + floor(30·12/92) members of 92 employees.
    expect([pairs.unionMembership!.numerator, pairs.unionMembership!.denominator]).toEqual([29, 92]);
    expect(pairs.unionSetup!.denominator).toBe(1);
    expect(pairs.standaloneRate!.denominator).toBe(1);
    expect((await q({ aboveDesignatedSize: true })).total.enterprises).toBe(1);
  });
});
