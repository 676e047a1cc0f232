/**
 * Where an import's time goes, for whoever tunes it: with LX_IMPORT_TRACE=1 every step's wall
 * time since the previous step (and since the start) goes to stderr. Off by default; it never
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
      process.stderr.write(`[import ${name}] ${label}: +${Math.round(now - last)} ms (${Math.round(now - t0)} ms)\n`);
      last = now;
    },
  };
}
