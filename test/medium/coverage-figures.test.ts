import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { DEF_LIST, drillDown, getFigures } from '../../src/core/coverage/coverage-figures.service.js';
import { coverageRowsFor } from '../../src/core/coverage/coverage.repository.js';
import { enterpriseFactsByIds } from '../../src/core/coverage-facts/assemble.js';
import { ensurePreviousMonthSnapshot, ensureSnapshot, getTrend, takeSnapshot } from '../../src/core/coverage/snapshot.service.js';
import type { Database } from '../../src/db/database.js';
import { createRuleContext, evaluateEnterprise } from '../../src/domain/rules/index.js';
import type { Actor } from '../../src/core/access/actor.js';
import { createTestDatabase } from '../helpers/db.js';
import { seedCoverageWorld, type CoverageWorld } from '../helpers/coverage-world.js';
import { actorWith, COUNTY, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';
import type { DrillQuery, FiguresQuery } from '../../src/contracts/coverage-metrics.js';

let database: Database;
let world: CoverageWorld;
const sys = systemActor();

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedCoverageWorld(database.db);
});
afterAll(async () => database?.close());

const q = (o: Partial<FiguresQuery>): FiguresQuery => ({ groupBy: 'region', ...o });

async function drillAll(actor: Actor, base: Omit<DrillQuery, 'limit' | 'cursor'>) {
  let cursor: string | undefined;
  let count = 0;
  let sum = 0;
  do {
    const page = await drillDown(database.db, actor, { ...base, limit: 25, cursor });
    count += page.items.length;
    sum += page.items.reduce((s, i) => s + i.contributes, 0);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { count, sum };
}

describe('coverage rows mirror the rule engine', () => {
  it.each(['2025-02-28', '2025-06-30', '2025-12-31', '2026-03-31'])('statuses at %s equal evaluateEnterprise', async (date) => {
    const ids = world.enterprises.filter((id) => id !== world.changedId);
    const sqlRows = await coverageRowsFor(database.db, date, ids);
    const facts = await enterpriseFactsByIds(database.db, ids, date);
    const ctx = createRuleContext(date);
    const founded = new Set(sqlRows.map((r) => r.id));
    const engine = facts.filter((f) => founded.has(f.id)).map((f) => ({ id: f.id, status: evaluateEnterprise(f, ctx).status }));
    expect(sqlRows.map((r) => ({ id: r.id, status: r.status }))).toEqual(engine);
    expect(sqlRows.length).toBeGreaterThan(40);
  });

  it('uses the operating status recorded at the date', async () => {
    const [before] = await coverageRowsFor(database.db, '2025-07-31', [world.changedId]);
    const [after] = await coverageRowsFor(database.db, '2025-08-31', [world.changedId]);
    expect(before!.active).toBe(true);
    expect(after).toMatchObject({ active: false, status: 'closed' });
  });
});

describe('figures and drill-down agree to the row', () => {
  const cases: Array<[string, Partial<FiguresQuery>]> = [
    ['today, whole scope', {}],
    ['a past month end, county', { month: '2025-09', regionPrefix: COUNTY.slice(0, 6) }],
    ['today, township, size class', { regionPrefix: TOWN_A.slice(0, 9), sizeClass: 'small' }],
    ['a past month, above designated size', { month: '2025-05', aboveDesignatedSize: true }],
  ];
  it.each(cases)('%s', async (_name, filters) => {
    const fig = await getFigures(database.db, sys, q(filters));
    for (const d of DEF_LIST) {
      const pair = fig.total.pairs[d.id]!;
      const groupSum = fig.groups.reduce((s, g) => s + g.pairs[d.id]!.numerator, 0);
      expect(groupSum, `${d.id}: groups add up`).toBe(pair.numerator);
      for (const part of ['numerator', 'denominator'] as const) {
        const listed = await drillAll(sys, { ...filters, metric: d.id, part } as DrillQuery);
        expect(listed.sum, `${d.id} ${part}`).toBe(pair[part]);
        if (d[part === 'numerator' ? 'numeratorMeasure' : 'denominatorMeasure'] === 'count') expect(listed.count).toBe(pair[part]);
      }
    }
    expect(fig.total.pairs.orgCoverage!.denominator).toBeGreaterThan(0);
  });

  it('a change today shows at once (the rows refresh when a source changes)', async () => {
    const before = await getFigures(database.db, sys, q({ groupBy: 'none' }));
    const gap = (await drillDown(database.db, sys, { metric: 'twoCoverage', part: 'denominator', limit: 1000 })).items.find((i) => i.status === 'gap');
    expect(gap).toBeDefined();
    const org = await database.db.selectFrom('party_org').select('id').where('setup_mode', '=', 'standalone').executeTakeFirstOrThrow();
    await database.db.insertInto('party_org_coverage').values({ org_id: org.id, enterprise_id: gap!.id, mode: 'standalone', since: '2025-01-01' }).execute();
    const after = await getFigures(database.db, sys, q({ groupBy: 'none' }));
    expect(after.total.pairs.orgCoverage!.numerator).toBe(before.total.pairs.orgCoverage!.numerator + 1);
  });
});

describe('scope', () => {
  it('a township officer sees exactly the township’s rows', async () => {
    const town = actorWith('township_officer', { regionPrefixes: [TOWN_B.slice(0, 9)] });
    const mine = await getFigures(database.db, town, q({ groupBy: 'none' }));
    const all = await getFigures(database.db, sys, q({ groupBy: 'none', regionPrefix: TOWN_B.slice(0, 9) }));
    expect(mine.total).toEqual(all.total);
    const listed = await drillAll(town, { metric: 'orgCoverage', part: 'denominator' } as DrillQuery);
    expect(listed.count).toBe(all.total.pairs.orgCoverage!.denominator);
    await expect(getTrend(database.db, town, { regionPrefix: COUNTY.slice(0, 6), months: 12 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a role without coverage.read is refused', async () => {
    await expect(getFigures(database.db, actorWith('member', {}), q({}))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('snapshots', () => {
  it('a month-end snapshot equals the figures recomputed from history, for every node', async () => {
    const snap = await takeSnapshot(database.db, sys, '2025-09');
    expect(snap.rows).toBeGreaterThan(0);
    const trend = await getTrend(database.db, sys, { regionPrefix: COUNTY.slice(0, 6), months: 2, until: '2025-09' });
    const live = await getFigures(database.db, sys, q({ month: '2025-09', regionPrefix: COUNTY.slice(0, 6) }));
    for (const d of DEF_LIST) expect(trend.series[d.id]![1], d.id).toEqual(live.total.pairs[d.id]);
    expect(trend.series.orgCoverage![0]).toBeNull();
    const town = await getTrend(database.db, sys, { regionPrefix: TOWN_A.slice(0, 9), months: 2, until: '2025-09' });
    const townLive = await getFigures(database.db, sys, q({ month: '2025-09', regionPrefix: TOWN_A.slice(0, 9) }));
    expect(town.series.orgCoverage![1]).toEqual(townLive.total.pairs.orgCoverage);
  });

  it('recomputing a month replaces it and is audited', async () => {
    await takeSnapshot(database.db, sys, '2025-09');
    const audits = await database.db.selectFrom('audit_event').select('action').where('entity', '=', 'metric_snapshot').execute();
    expect(audits.map((a) => a.action)).toEqual(['snapshot.take', 'snapshot.recompute']);
  });

  it('refuses a month that has not ended', async () => {
    const next = new Date(Date.now() + 40 * 86400_000).toISOString().slice(0, 7);
    await expect(takeSnapshot(database.db, sys, next)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('who may take or recompute a snapshot', () => {
  const WIDE = '月末快照涵盖全部区划、园区和协会，只有不限区划的“生成报表”权限才能生成或重算';
  const refusals: Array<[string, Actor, string]> = [
    ['a township officer (report.generate over the township)', actorWith('township_officer', { regionPrefixes: [TOWN_A.slice(0, 9)] }), WIDE],
    ['an organisation admin over one county', actorWith('org_admin', { regionPrefixes: [COUNTY.slice(0, 6)] }), WIDE],
    ['a community officer (no report.generate)', actorWith('community_officer', { regionPrefixes: [TOWN_A] }), '您没有“生成报表”的权限'],
  ];
  it.each(refusals)('%s is refused (403) and nothing is written', async (_who, actor, message) => {
    const before = await database.db.selectFrom('metric_snapshot').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const err = await takeSnapshot(database.db, actor, '2025-07').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FORBIDDEN', status: 403, message });
    if (message === WIDE) expect(err).toMatchObject({ details: [{ code: 'UNRESTRICTED_SCOPE_REQUIRED' }] });
    const after = await database.db.selectFrom('metric_snapshot').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('an organisation admin over every region may', async () => {
    const r = await takeSnapshot(database.db, actorWith('org_admin', { allRegions: true }), '2025-07');
    expect(r.rows).toBeGreaterThan(0);
  });

  it('a missing month a bulletin needs is taken as the system, with who asked; a stored month is never replaced', async () => {
    const town = actorWith('township_officer', { regionPrefixes: [TOWN_A.slice(0, 9)] }, 'town-officer');
    expect(await ensureSnapshot(database.db, '2025-05', town)).toMatchObject({ period: '2025-05' });
    expect(await ensureSnapshot(database.db, '2025-05', town)).toBeNull();
    const audit = await database.db.selectFrom('audit_event').select(['actor_name', 'action', 'after'])
      .where('entity', '=', 'metric_snapshot').where('entity_id', '=', '2025-05').execute();
    expect(audit).toEqual([{ actor_name: 'snapshot-scheduler', action: 'snapshot.take', after: expect.objectContaining({ trigger: 'auto', requestedBy: 'town-officer' }) }]);
  });

  it('the scheduler (system) takes the previous month if missing', async () => {
    const r = await ensurePreviousMonthSnapshot(database.db, '2025-04-03');
    expect(r).toMatchObject({ period: '2025-03', rows: expect.any(Number) });
    expect(await ensurePreviousMonthSnapshot(database.db, '2025-04-03')).toBeNull();
  });
});
