import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { getTarget, listTargets } from '../../src/core/campaign/campaign.query.js';
import { changeTarget, createTarget, withdrawTarget } from '../../src/core/campaign/campaign.service.js';
import { getFigures } from '../../src/core/coverage/coverage-figures.service.js';
import { addCoverage } from '../../src/core/party-org/org-links.service.js';
import { createOrg } from '../../src/core/party-org/party-org.service.js';
import type { Database } from '../../src/db/database.js';
import { AppError } from '../../src/domain/errors.js';
import { previousPeriod } from '../../src/domain/metrics.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { createTestDatabase } from '../helpers/db.js';
import { actorWith, COUNTY, OTHER_COUNTY, seedEnterprise, seedRegions, TOWN_A, TOWN_B } from '../helpers/org-fixtures.js';

/**
 * Campaign targets on a two-street world (西湖区: 北山街道 4 enterprises, 3 organised; 西溪街道 2, none;
 * one more placed at the district itself, uncovered). Progress is read from the statistics page's
 * own figures; one fact changed through the real writers moves it. Both engines.
 */
let database: Database;
const sys = systemActor();
const district = actorWith('org_admin', { regionPrefixes: ['330106'] }, 'district');
const streetA = actorWith('township_officer', { regionPrefixes: ['330106001'] }, 'streetA');
const streetB = actorWith('township_officer', { regionPrefixes: ['330106002'] }, 'streetB');
let streetBEnterprise = '';
let targetId = '';

async function caught(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (x: unknown) => x);
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  await seedRegions(db);
  const a = await Promise.all([0, 1, 2, 3].map(() => seedEnterprise(db, { regionCode: TOWN_A })));
  const b = await Promise.all([0, 1].map(() => seedEnterprise(db, { regionCode: TOWN_B })));
  await seedEnterprise(db, { regionCode: COUNTY });
  await seedEnterprise(db, { regionCode: OTHER_COUNTY });
  streetBEnterprise = b[0]!;
  const org = await createOrg(db, sys, { name: '北山街道联合党支部', orgType: 'branch', setupMode: 'joint', regionCode: TOWN_A, foundedOn: '2024-01-01' });
  for (const id of a.slice(0, 3)) await addCoverage(db, sys, org.id, { enterpriseId: id, since: '2024-01-01' });
});
afterAll(async () => database?.close());

const deadline = `${Number(todayInChina().slice(0, 4)) + 1}-06-30`;

describe(`campaign targets on ${process.env.LX_TEST_ENGINE ?? 'pglite'}`, () => {
  it('a district office sets a target; progress, gap and the streets behind come from the page figures', async () => {
    const t = await createTarget(database.db, district, { region: '330106', metric: 'twoCoverage', targetRate: 90, deadline });
    targetId = t.id;
    expect(t).toMatchObject({ region: '330106', regionName: '西湖区', title: '“两个覆盖”率达到90%', status: 'active', version: 1, setByName: 'district' });
    const list = await listTargets(database.db, district, { region: '330106' });
    const fig = await getFigures(database.db, district, { regionPrefix: '330106', groupBy: 'region' });
    const [item] = list.items;
    expect(list).toMatchObject({ total: 1, canSet: true, regionName: '西湖区', asOf: fig.asOf });
    expect(item!.progress).toMatchObject({ numerator: fig.total.pairs.twoCoverage!.numerator, denominator: fig.total.pairs.twoCoverage!.denominator });
    // 3 of 7: ceil(0.9 × 7) − 3 = 4; the district's own enterprise is no street's.
    expect(item!.progress).toMatchObject({ numerator: 3, denominator: 7, gap: 4, unit: '户', status: 'inProgress' });
    expect(item!.progress!.behind.map((x) => [x.name, x.gap, x.region])).toEqual([['西溪街道', 2, '330106002'], ['北山街道', 1, '330106001']]);
    expect(item!.progress!.daysLeft).toBeGreaterThan(180);
    const audit = await database.db.selectFrom('audit_event').select(['action', 'entity_id', 'after']).where('action', '=', 'campaign_target.create').execute();
    expect(audit.map((a) => [a.action, a.entity_id])).toEqual([['campaign_target.create', t.id]]);
    // The audit log reads in words: the metric's name, not its code.
    expect(audit[0]!.after).toMatchObject({ title: '“两个覆盖”率达到90%', metricLabel: '“两个覆盖”率', regionName: '西湖区', status: '有效' });
    expect(JSON.stringify(audit[0]!.after)).not.toContain('twoCoverage');
  });

  it('a street official reads the district target with the street’s own progress, and cannot change it', async () => {
    const list = await listTargets(database.db, streetA, { region: '330106001' });
    expect(list.items.map((i) => [i.target.id, i.target.manageable])).toEqual([[targetId, false]]);
    expect(list.items[0]!.progress).toMatchObject({ numerator: 3, denominator: 4, gap: 1, behind: [] });
    expect((await getTarget(database.db, streetA, targetId)).title).toBe('“两个覆盖”率达到90%');
    const e = await caught(changeTarget(database.db, streetA, targetId, { version: 1, targetRate: 50 }));
    expect([e.code, e.details[0]?.code]).toEqual(['FORBIDDEN', 'NOT_MANAGED']);
    expect((await caught(withdrawTarget(database.db, streetA, targetId, { version: 1, reason: '试' }))).code).toBe('FORBIDDEN');
    expect((await caught(createTarget(database.db, streetA, { region: '330106', metric: 'orgCoverage', targetRate: 80, deadline }))).code).toBe('FORBIDDEN');
    expect((await caught(listTargets(database.db, streetA, { region: '330106' }))).code).toBe('NOT_FOUND');
  });

  it('a street’s own target is not seen from the other street', async () => {
    const own = await createTarget(database.db, streetB, { region: '330106002', metric: 'orgCoverage', targetRate: 50, deadline, note: '西溪街道自定目标' });
    expect((await listTargets(database.db, streetA, { region: '330106001' })).items.map((i) => i.target.id)).toEqual([targetId]);
    expect((await caught(getTarget(database.db, streetA, own.id))).code).toBe('NOT_FOUND');
    expect((await caught(changeTarget(database.db, streetA, own.id, { version: 1, targetRate: 10 }))).code).toBe('NOT_FOUND');
    // The district sees and manages what is set under it.
    expect((await getTarget(database.db, district, own.id)).manageable).toBe(true);
    expect((await listTargets(database.db, streetB, { region: '330106002' })).items.map((i) => i.target.id).sort()).toEqual([targetId, own.id].sort());
  });

  it('one fact changed through the real writers moves the progress; last month end keeps the old world', async () => {
    const org = await createOrg(database.db, sys, { name: '西溪街道联合党支部', orgType: 'branch', setupMode: 'joint', regionCode: TOWN_B, foundedOn: todayInChina() });
    await addCoverage(database.db, sys, org.id, { enterpriseId: streetBEnterprise, since: todayInChina() });
    const now = (await listTargets(database.db, district, { region: '330106' })).items.find((i) => i.target.id === targetId)!;
    expect(now.progress).toMatchObject({ numerator: 4, gap: 3 });
    expect(now.progress!.behind.map((x) => [x.name, x.gap])).toEqual([['北山街道', 1], ['西溪街道', 1]]);
    const month = previousPeriod(todayInChina().slice(0, 7));
    const before = await listTargets(database.db, district, { region: '330106', month });
    expect(before.asOf.slice(0, 7)).toBe(month);
    expect(before.items.find((i) => i.target.id === targetId)!.progress).toMatchObject({ numerator: 3, gap: 4 });
  });

  it('versions, duplicates and bad dates are refused with a reason; withdrawn targets leave the list', async () => {
    const stale = await caught(changeTarget(database.db, district, targetId, { version: 7, targetRate: 100 }));
    expect(stale.code).toBe('VERSION_CONFLICT');
    const changed = await changeTarget(database.db, district, targetId, { version: 1, targetRate: 100, title: '“两个覆盖”全覆盖' });
    expect(changed).toMatchObject({ version: 2, targetRate: 100, title: '“两个覆盖”全覆盖' });
    const dup = await caught(createTarget(database.db, district, { region: '330106', metric: 'twoCoverage', targetRate: 95, deadline }));
    expect([dup.code, dup.details[0]?.field]).toEqual(['CONFLICT', 'deadline']);
    const past = await caught(createTarget(database.db, district, { region: '330106', metric: 'orgCoverage', targetRate: 95, deadline: '2020-01-01' }));
    expect([past.code, past.details[0]?.field]).toEqual(['VALIDATION_FAILED', 'deadline']);
    const gone = await withdrawTarget(database.db, district, targetId, { version: 2, reason: '目标调整' });
    expect(gone).toMatchObject({ status: 'withdrawn', withdrawnReason: '目标调整', version: 3 });
    expect((await listTargets(database.db, district, { region: '330106' })).items.map((i) => i.target.id)).not.toContain(targetId);
    const all = await listTargets(database.db, district, { region: '330106', includeWithdrawn: true });
    expect(all.items.find((i) => i.target.id === targetId)!.progress).toBeNull();
    const actions = await database.db.selectFrom('audit_event').select('action').where('entity', '=', 'campaign_target').where('entity_id', '=', targetId).orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual(['campaign_target.create', 'campaign_target.update', 'campaign_target.withdraw']);
  });

  it('a passed deadline, missed, is shown as such', async () => {
    // Set last year (a deadline in the past cannot be entered now), so written directly.
    await database.db.insertInto('campaign_target').values({ region_code: COUNTY, metric: 'orgCoverage', target_rate: 100, deadline: '2025-12-31', title: '党组织应建尽建' }).execute();
    const list = await listTargets(database.db, district, { region: '330106' });
    const missed = list.items.find((i) => i.target.metric === 'orgCoverage' && i.target.deadline === '2025-12-31')!;
    expect(missed.progress).toMatchObject({ status: 'missed', statusLabel: '逾期未完成' });
    expect(missed.progress!.daysLeft).toBeLessThan(0);
  });
});

