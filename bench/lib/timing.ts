/** Timing helpers shared by the benches: one call timed, and warm percentiles beside a baseline. */
export type Timing = { p50: number; p95: number; runs: number };

export const round = (n: number) => Math.round(n * 10) / 10;

export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

/** Warm p50/p95: a few untimed calls (plans, caches), then `runs` timed ones. */
export async function warmP95(fn: () => Promise<unknown>, runs: number): Promise<Timing> {
  for (let i = 0; i < 3; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push((await timed(fn)).ms);
  ms.sort((a, b) => a - b);
  const at = (q: number) => round(ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)]!);
  return { p50: at(0.5), p95: at(0.95), runs };
}
