import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { previousPeriod } from '../../src/domain/metrics.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { buildTestApp, buildWorld, call, signInAs, TOWNSHIPS, type Session, type World } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

/**
 * Issue 11 (small ones), item 3: a bulletin request writes no snapshot except last month's when it
 * is missing. Any other missing month is 404 (and says so when the ledger did not exist yet).
 */
const LAST_MONTH = previousPeriod(todayInChina().slice(0, 7));

describe(`bulletin requests and month-end snapshots on ${testEngine()}`, () => {
  let database: Database;
  let world: World;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let town: Session;
  let sys: Session;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await buildWorld(database);
    ({ app, close } = await buildTestApp(database));
    town = await signInAs(app, 'townA', undefined, '10.0.4.1');
    sys = await signInAs(app, 'sys', undefined, '10.0.4.2');
  });
  afterAll(async () => {
    await close?.();
    await database?.close();
  });

  const periods = async () => (await database.db.selectFrom('metric_snapshot').select('period').distinct().orderBy('period').execute()).map((r) => r.period);
  const rows = async () => Number((await database.db.selectFrom('metric_snapshot').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const bulletin = (month: string, format = 'xlsx') => call(app, town, 'GET', `/api/reports/bulletin?region=${TOWNSHIPS[0]}&month=${month}&format=${format}`);

  async function expectMissing(month: string, detail: 'BEFORE_LEDGER' | 'SNAPSHOT_MISSING', message: RegExp) {
    const before = await rows();
    const res = await bulletin(month);
    expect(res.statusCode, res.body).toBe(404);
    const body = res.json() as { code: string; message: string; details: Array<{ code: string }> };
    expect(body).toMatchObject({ code: 'NOT_FOUND', details: [{ code: detail }] });
    expect(body.message).toMatch(message);
    expect(await rows()).toBe(before);
  }

  it('a month before the ledger existed is 404 and writes nothing (last month too, when the ledger is new)', async () => {
    await expectMissing('2001-01', 'BEFORE_LEDGER', /台账尚未建立/);
    await expectMissing(LAST_MONTH, 'BEFORE_LEDGER', /台账尚未建立/);
    expect(await periods()).toEqual([]);
  });

  it('a missing month other than last month is 404 "该月没有月末快照" and writes nothing', async () => {
    await database.db.updateTable('enterprise').set({ created_at: new Date('2020-01-15T00:00:00Z') }).where('id', '=', world.enterprises[0]!.id).execute();
    await expectMissing('2024-06', 'SNAPSHOT_MISSING', /^该月没有月末快照/);
    await expectMissing('2019-12', 'BEFORE_LEDGER', /台账尚未建立/);
    expect(await periods()).toEqual([]);
  });

  it('last month, when missing, is taken once; a stored month is read and never rewritten', async () => {
    expect((await bulletin(LAST_MONTH)).statusCode).toBe(200);
    expect(await periods()).toEqual([LAST_MONTH]);
    const afterFirst = await rows();
    const html = await bulletin(LAST_MONTH, 'html');
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('上月无月末快照，暂无法比较'); // the month before was not taken, so no "持平"
    expect(await rows()).toBe(afterFirst);

    expect((await call(app, sys, 'POST', '/api/coverage/snapshots', { month: '2024-06' })).statusCode).toBe(201);
    const stored = await rows();
    expect((await bulletin('2024-06')).statusCode).toBe(200);
    expect(await rows()).toBe(stored);
    expect(await periods()).toEqual(['2024-06', LAST_MONTH]);
  });

  it('a month not yet over is still a validation error', async () => {
    const res = await bulletin(todayInChina().slice(0, 7));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });
});
