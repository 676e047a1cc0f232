/**
 * Where an import's time goes, for whoever tunes it: with LX_IMPORT_TRACE=1 every step's wall
 * time since the previous step (and since the start), and the process's resident and peak memory,
 * go to stderr. Off by default; it never
 * changes what an import does.
 */
export type ImportTrace = { step(label: string): void };

const enabled = (): boolean => process.env.LX_IMPORT_TRACE === '1';

export function startTrace(name: string): ImportTrace {
  if (!enabled()) return { step: () => undefined };
  const t0 = performance.now();
  let last = t0;
  return {
    step(label) {
      const now = performance.now();
      const mb = (n: number) => Math.round(n / 1048576);
      const memory = `rss ${mb(process.memoryUsage.rss())} MB, peak ${mb(process.resourceUsage().maxRSS * 1024)} MB`;
      process.stderr.write(`[import ${name}] ${label}: +${Math.round(now - last)} ms (${Math.round(now - t0)} ms; ${memory})\n`);
      last = now;
    },
  };
}
