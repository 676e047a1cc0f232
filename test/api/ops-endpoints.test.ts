import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { buildTestApp } from '../factories/world.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

const TOKEN = 'metrics-token-for-the-test-0123456789';
// `# HELP`/`# TYPE` comments, or `name{label="v",…} value` (Prometheus text format 0.0.4).
const SAMPLE = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$/;

type Metric = { name: string; labels: Record<string, string>; value: number };
function parse(text: string): Metric[] {
  return text.trimEnd().split('\n').filter((l) => !l.startsWith('#')).map((l) => {
    const m = /^([^{ ]+)(?:\{(.*)\})? (.+)$/.exec(l)!;
    const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    return { name: m[1], labels, value: Number(m[3]) };
  });
}
const pick = (ms: Metric[], name: string, labels: Record<string, string> = {}) =>
  ms.filter((m) => m.name === name && Object.entries(labels).every(([k, v]) => m.labels[k] === v));

/** docs/operations.md "Health, readiness" and "Metrics". */
describe(`ops endpoints on ${testEngine()}`, () => {
  let database: Database;
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let app: FastifyInstance;
  const scrape = async () => {
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await buildTestApp(database, { LX_METRICS_TOKEN: TOKEN });
    app = t.app;
  });
  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it('/metrics is Prometheus text: every line a comment or a sample, every family typed once', async () => {
    const res = await scrape();
    expect(res.headers['content-type']).toContain('text/plain; version=0.0.4');
    const lines = res.body.trimEnd().split('\n');
    for (const line of lines) expect(line.startsWith('# HELP ') || line.startsWith('# TYPE ') || SAMPLE.test(line), line).toBe(true);
    const typed = lines.filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2]);
    expect(new Set(typed).size).toBe(typed.length);
    const names = new Set(typed);
    for (const n of ['lx_db_pool_connections', 'lx_db_up', 'lx_import_batches', 'lx_coverage_snapshot_age_seconds', 'lx_audit_chain_head_seq',
      'lx_audit_chain_head_age_seconds', 'lx_process_resident_memory_bytes', 'lx_eventloop_lag_seconds']) expect(names, n).toContain(n);
    expect(pick(parse(res.body), 'lx_db_up')[0].value).toBe(1);
    // The sample dashboard asks only for metrics the server writes.
    const dashboard = fs.readFileSync(path.resolve('docs/grafana/liangxin.json'), 'utf8');
    const asked = new Set([...dashboard.matchAll(/\b(lx_[a-z_]+)/g)].map((m) => m[1].replace(/_(bucket|sum|count)$/, '')));
    expect(asked.size).toBeGreaterThan(10);
    for (const n of asked) expect(names, `docs/grafana/liangxin.json asks for ${n}`).toContain(n);
  });

  it('counters and the latency histogram move with requests, by route pattern and status class — never the URL', async () => {
    const before = parse((await scrape()).body);
    const health = { method: 'GET', route: '/api/health', status_class: '2xx' };
    const n0 = pick(before, 'lx_http_requests_total', health)[0]?.value ?? 0;
    for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url: `/api/health?q=${i}` });
    await app.inject({ method: 'GET', url: '/api/people/12345' }); // no session: 401 under the pattern
    const after = parse((await scrape()).body);
    expect(pick(after, 'lx_http_requests_total', health)[0].value).toBe(n0 + 3);
    expect(pick(after, 'lx_http_requests_total', { route: '/api/people/:id', status_class: '4xx' })[0].value).toBe(1);
    const count = pick(after, 'lx_http_request_duration_seconds_count', { method: 'GET', route: '/api/health' })[0].value;
    expect(pick(after, 'lx_http_request_duration_seconds_bucket', { route: '/api/health', le: '+Inf' })[0].value).toBe(count);
    const buckets = pick(after, 'lx_http_request_duration_seconds_bucket', { route: '/api/health' }).map((m) => m.value);
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b)); // cumulative
    expect(after.some((m) => Object.values(m.labels).some((v) => v.includes('?') || v.includes('12345')))).toBe(false);
  });

  it('imports, the audit head and the snapshot age come from the database', async () => {
    await database.db.insertInto('import_batch').values({ kind: 'enterprises', file_name: 'a.csv', file_sha256: 'x', status: 'completed', rows_total: 7, created: 5, rejected: 2 }).execute();
    await database.db.insertInto('metric_snapshot').values({ period: '2026-10', scope_kind: 'all', scope_key: '', metric: 'orgCoverage', numerator: 1, denominator: 2 }).execute();
    const before = Date.now();
    const ms = parse((await scrape()).body);
    const after = Date.now();
    expect(pick(ms, 'lx_import_batches', { kind: 'enterprises', state: 'completed' })[0].value).toBe(1);
    expect(pick(ms, 'lx_import_rows', { kind: 'enterprises', state: 'completed', outcome: 'rejected' })[0].value).toBe(2);
    const head = await database.db.selectFrom('audit_event').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow();
    expect(pick(ms, 'lx_audit_chain_head_seq')[0].value).toBe(Number(head.seq ?? 0));
    // October 2026 ended at 2026-10-31T16:00Z (UTC+8): more than a month ago on any day after 2026-12-01.
    const age = pick(ms, 'lx_coverage_snapshot_age_seconds')[0].value;
    // Taken between the two clock readings around the scrape (however long a loaded machine makes it).
    const end = Date.parse('2026-10-31T16:00:00Z');
    expect(age).toBeGreaterThanOrEqual(Math.floor((before - end) / 1000) - 1);
    expect(age).toBeLessThanOrEqual(Math.ceil((after - end) / 1000) + 1);
  });

  it('/metrics: loopback yes; another host, or loopback through a proxy, only with the bearer token', async () => {
    const remote = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' });
    expect(remote.statusCode).toBe(403);
    expect(remote.json()).toMatchObject({ code: 'FORBIDDEN', details: [{ code: 'METRICS_NOT_ALLOWED' }] });
    expect(remote.json().message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: { 'x-forwarded-for': '10.1.2.3' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(403);
    const withToken = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(withToken.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200);
  });

  it('/healthz answers without the database; /readyz checks database, migrations and shutdown', async () => {
    const health = await app.inject({ method: 'GET', url: '/healthz', remoteAddress: '10.1.2.3' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ alive: true, code: 'ALIVE' });
    const ready = await app.inject({ method: 'GET', url: '/readyz', remoteAddress: '10.1.2.3' });
    expect(ready.statusCode, ready.body).toBe(200);
    expect(ready.json()).toMatchObject({ ready: true, code: 'READY', details: [{ code: 'DB_OK' }, { code: 'MIGRATIONS_CURRENT' }, { code: 'RUNNING' }] });

    // schema_migration is the migrator's own table, outside the typed schema.
    const last = (await sql<{ name: string }>`SELECT name FROM schema_migration ORDER BY name DESC LIMIT 1`.execute(database.db)).rows[0];
    await sql`DELETE FROM schema_migration WHERE name = ${last.name}`.execute(database.db);
    const behind = await app.inject({ method: 'GET', url: '/readyz' });
    await sql`INSERT INTO schema_migration (name) VALUES (${last.name})`.execute(database.db);
    expect(behind.statusCode).toBe(503);
    expect(behind.json()).toMatchObject({ ready: false, code: 'NOT_READY', details: [{ ok: true }, { code: 'MIGRATIONS_PENDING' }, { ok: true }] });
    expect(behind.json().message).toContain(last.name);

    app.ops.shuttingDown = true;
    const closing = await app.inject({ method: 'GET', url: '/readyz' });
    app.ops.shuttingDown = false;
    expect(closing.statusCode).toBe(503);
    expect(closing.json().details[2]).toMatchObject({ code: 'SHUTTING_DOWN' });
  });

  // Last: it closes this file's database.
  it('readiness turns 503 when the database is closed; liveness and the rest of /metrics still answer', async () => {
    await database.close();
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ ready: false, details: [{ code: 'DB_UNREACHABLE' }, { code: 'MIGRATIONS_UNKNOWN' }, { code: 'RUNNING' }] });
    expect(res.json().message).toMatch(/^服务未就绪：数据库/);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const metrics = await scrape();
    const ms = parse(metrics.body);
    expect(pick(ms, 'lx_db_up')[0].value).toBe(0);
    expect(pick(ms, 'lx_audit_chain_head_seq')).toEqual([]); // left out, not reported as zero
    expect(pick(ms, 'lx_http_requests_total', { route: '/readyz', status_class: '5xx' })[0].value).toBe(3); // the two 503s above and this one
  });
});
