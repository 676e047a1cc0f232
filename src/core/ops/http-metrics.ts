import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { Family, Sample } from './exposition.js';

/** Latency buckets in seconds: a list answers in tens of ms, an export or an import upload in seconds. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

type Series = { method: string; route: string; count: number; sum: number; buckets: number[] };

/**
 * The request counters of one running app (one per buildApp: tests build many apps in one process,
 * and each must count only its own requests). Labels are the route pattern, never the URL, so the
 * series stay few (one per route) and carry no name or number a person typed.
 */
export class HttpMetrics {
  private readonly byStatus = new Map<string, { method: string; route: string; statusClass: string; n: number }>();
  private readonly latency = new Map<string, Series>();
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  readonly startedAt = Date.now();

  constructor() {
    this.loop.enable();
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    const statusClass = `${Math.floor(status / 100)}xx`;
    const key = `${method} ${route} ${statusClass}`;
    const c = this.byStatus.get(key) ?? { method, route, statusClass, n: 0 };
    c.n++;
    this.byStatus.set(key, c);
    const lkey = `${method} ${route}`;
    const s = this.latency.get(lkey) ?? { method, route, count: 0, sum: 0, buckets: LATENCY_BUCKETS.map(() => 0) };
    s.count++;
    s.sum += seconds;
    LATENCY_BUCKETS.forEach((le, i) => { if (seconds <= le) s.buckets[i]++; });
    this.latency.set(lkey, s);
  }

  stop(): void {
    this.loop.disable();
  }

  families(): Family[] {
    const requests = [...this.byStatus.values()].map((c) => ({ labels: { method: c.method, route: c.route, status_class: c.statusClass }, value: c.n }));
    const histogram: Sample[] = [];
    for (const s of this.latency.values()) {
      const labels = { method: s.method, route: s.route };
      LATENCY_BUCKETS.forEach((le, i) => histogram.push({ suffix: '_bucket', labels: { ...labels, le: String(le) }, value: s.buckets[i] }));
      histogram.push({ suffix: '_bucket', labels: { ...labels, le: '+Inf' }, value: s.count });
      histogram.push({ suffix: '_sum', labels, value: s.sum }, { suffix: '_count', labels, value: s.count });
    }
    const mem = process.memoryUsage();
    // The loop histogram is in nanoseconds; it restarts at each scrape so the figure is "since the last one".
    const lag = { p50: this.loop.percentile(50) / 1e9, p99: this.loop.percentile(99) / 1e9, max: this.loop.max / 1e9 };
    this.loop.reset();
    return [
      { name: 'lx_http_requests_total', help: 'HTTP requests answered, by route pattern and status class', type: 'counter', samples: requests },
      { name: 'lx_http_request_duration_seconds', help: 'HTTP request latency by route pattern', type: 'histogram', samples: histogram },
      { name: 'lx_process_resident_memory_bytes', help: 'Resident set size of the server process', type: 'gauge', samples: [{ value: mem.rss }] },
      { name: 'lx_process_heap_used_bytes', help: 'V8 heap in use', type: 'gauge', samples: [{ value: mem.heapUsed }] },
      { name: 'lx_process_uptime_seconds', help: 'Seconds since this server started', type: 'gauge', samples: [{ value: (Date.now() - this.startedAt) / 1000 }] },
      {
        name: 'lx_eventloop_lag_seconds', help: 'Event-loop delay since the previous scrape', type: 'gauge',
        samples: [{ labels: { quantile: '0.5' }, value: lag.p50 }, { labels: { quantile: '0.99' }, value: lag.p99 }, { labels: { quantile: '1' }, value: lag.max }],
      },
    ];
  }
}
