/**
 * What the load bench's client saw, per operation and per minute since the start: latencies,
 * acknowledged 409s (a refused stale write is an expected answer) and errors (any 5xx, network
 * failure or unexpected 4xx), with the first few errors kept verbatim for the report.
 */
export type OpStats = { requests: number; errors: number; conflicts: number; p50Ms: number; p95Ms: number; p99Ms: number };
export type MinuteStats = { minute: number; requests: number; errors: number; rssMb: number | null; ops: Record<string, OpStats> };

const quantile = (sorted: number[], q: number): number =>
  sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! * 10) / 10 : 0;

type Cell = { latencies: number[]; errors: number; conflicts: number };

export class LoadStats {
  private readonly minutes: Array<Map<string, Cell>> = [];
  private readonly rss: Array<number | null> = [];
  readonly samples: string[] = [];
  private readonly started = performance.now();

  minuteNow(): number {
    return Math.floor((performance.now() - this.started) / 60_000);
  }

  private cell(op: string): Cell {
    const m = this.minuteNow();
    while (this.minutes.length <= m) this.minutes.push(new Map());
    const cells = this.minutes[m]!;
    let c = cells.get(op);
    if (!c) cells.set(op, (c = { latencies: [], errors: 0, conflicts: 0 }));
    return c;
  }

  record(op: string, ms: number, outcome: 'ok' | 'conflict' | 'error', detail?: string): void {
    const c = this.cell(op);
    c.latencies.push(ms);
    if (outcome === 'conflict') c.conflicts++;
    if (outcome === 'error') {
      c.errors++;
      if (detail && this.samples.length < 20) this.samples.push(`${op}: ${detail}`);
    }
  }

  /** Server RSS, sampled by the bench every few seconds; the minute keeps its largest sample. */
  rssSample(mb: number): void {
    const m = this.minuteNow();
    while (this.rss.length <= m) this.rss.push(null);
    this.rss[m] = Math.max(this.rss[m] ?? 0, mb);
  }

  private static summarise(cells: Cell[]): OpStats {
    const all = cells.flatMap((c) => c.latencies).sort((a, b) => a - b);
    return {
      requests: all.length, errors: cells.reduce((n, c) => n + c.errors, 0), conflicts: cells.reduce((n, c) => n + c.conflicts, 0),
      p50Ms: quantile(all, 0.5), p95Ms: quantile(all, 0.95), p99Ms: quantile(all, 0.99),
    };
  }

  byMinute(): MinuteStats[] {
    return this.minutes.map((cells, minute) => {
      const ops = Object.fromEntries([...cells].sort().map(([op, c]) => [op, LoadStats.summarise([c])]));
      const values = Object.values(ops);
      return { minute: minute + 1, requests: values.reduce((n, o) => n + o.requests, 0), errors: values.reduce((n, o) => n + o.errors, 0), rssMb: this.rss[minute] ?? null, ops };
    });
  }

  total(): Record<string, OpStats> {
    const names = [...new Set(this.minutes.flatMap((m) => [...m.keys()]))].sort();
    return Object.fromEntries(names.map((op) => [op, LoadStats.summarise(this.minutes.flatMap((m) => (m.get(op) ? [m.get(op)!] : [])))]));
  }
}
