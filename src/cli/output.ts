import { AppError } from '../domain/errors.js';
import { constraintFault, faultToAppError } from '../db/constraint-catalogue.js';

/** Prints an error for people (Chinese, with its code) or as JSON, and sets a non-zero exit code. */
export function reportCliError(err: unknown, json: boolean): void {
  // A database rule a command did not check first is still the operator's input: the same Chinese
  // message and field as the API gives, never the database's text (it quotes the row).
  const fault = err instanceof AppError ? null : constraintFault(err);
  const e = err instanceof AppError ? err : fault ? faultToAppError(fault) : null;
  if (json) {
    console.log(JSON.stringify({ error: { code: e?.code ?? 'INTERNAL', message: e?.message ?? String(err), details: e?.details ?? [] } }));
  } else if (e) {
    console.error(`错误 [${e.code}]：${e.message}`);
    for (const d of e.details.slice(0, 20)) {
      const at = [d.row ? `第 ${d.row} 行` : '', d.column ?? d.field ?? ''].filter(Boolean).join(' ');
      console.error(`  - ${at ? at + '：' : ''}${d.message ?? d.code ?? ''}`);
    }
  } else {
    console.error(err);
  }
  process.exitCode = e?.code === 'INTERNAL' || !e ? 1 : 2;
}

/** A one-line progress bar on stderr (only when stderr is a terminal). */
export function progressBar(label: string): { update(done: number, total?: number): void; done(): void } {
  const tty = process.stderr.isTTY;
  let last = 0;
  return {
    update(done, total) {
      if (!tty || Date.now() - last < 100) return;
      last = Date.now();
      const pct = total ? Math.min(1, done / total) : 0;
      const bar = total ? '█'.repeat(Math.round(pct * 30)).padEnd(30, '░') : '';
      process.stderr.write(`\r${label} ${bar} ${done}${total ? '/' + total : ''}   `);
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}
