import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { prettyStream, requestIdOf } from '../../src/api/logger.js';
import { exposition } from '../../src/core/ops/exposition.js';
import { HttpMetrics, LATENCY_BUCKETS } from '../../src/core/ops/http-metrics.js';
import { monthEnd } from '../../src/core/ops/metrics.service.js';

const req = (id?: string) => ({ headers: id === undefined ? {} : { 'x-request-id': id } }) as unknown as IncomingMessage;

describe('observability pieces (docs/operations.md)', () => {
  it('keeps an incoming request id only when it looks like one', () => {
    expect(requestIdOf(req('lb-7f3a9c21.0001'))).toBe('lb-7f3a9c21.0001');
    for (const bad of ['short', 'x'.repeat(65), '张三 110105199003071239', 'a b c d e f g h', 'id"}{injected']) {
      expect(requestIdOf(req(bad))).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(requestIdOf(req())).not.toBe(requestIdOf(req()));
  });

  it('pretty lines: time, level, request id, message and fields; a non-JSON line passes through', () => {
    const out: string[] = [];
    const s = prettyStream({ write: (l) => out.push(l) });
    s.write(JSON.stringify({ level: 30, time: Date.UTC(2026, 11, 5, 1, 2, 3, 4), pid: 1, hostname: 'h', reqId: 'r-1', msg: 'request', route: '/api/x/:id', status: 200 }));
    s.write('plain\n');
    expect(out).toEqual(['01:02:03.004 INFO  [r-1] request route=/api/x/:id status=200\n', 'plain\n']);
  });

  it('exposition: HELP and TYPE once per family, escaped label values, NaN and Inf spelled as Prometheus does', () => {
    const text = exposition([{ name: 'lx_t', help: 'a\nb', type: 'gauge', samples: [{ labels: { route: 'a"b\\c' }, value: NaN }, { value: Infinity }] }]);
    expect(text).toBe('# HELP lx_t a\\nb\n# TYPE lx_t gauge\nlx_t{route="a\\"b\\\\c"} NaN\nlx_t +Inf\n');
  });

  it('the histogram is cumulative and its +Inf bucket equals its count', () => {
    const m = new HttpMetrics();
    for (const s of [0.001, 0.02, 0.02, 3, 100]) m.observe('GET', '/api/x', 200, s);
    m.stop();
    const h = m.families().find((f) => f.name === 'lx_http_request_duration_seconds')!.samples;
    const buckets = h.filter((s) => s.suffix === '_bucket').map((s) => s.value);
    expect(buckets).toHaveLength(LATENCY_BUCKETS.length + 1);
    expect(buckets).toEqual([1, 1, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 5]);
    expect(h.find((s) => s.suffix === '_count')!.value).toBe(5);
  });

  it('a month ends at midnight China time', () => {
    expect(monthEnd('2026-10').toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(monthEnd('2026-12').toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});
