import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PhaseArgs, PhaseOutput } from './phase.js';

const PHASE_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'phase.ts');

/** Runs one phase in a fresh Node process (tsx loader) and returns what it printed. */
export function runPhase(args: PhaseArgs): Promise<PhaseOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', PHASE_SCRIPT, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      // LX_IMPORT_TRACE=1 (src/core/import/import-trace.ts): show the phase's step times as they come.
      if (process.env.LX_IMPORT_TRACE === '1') process.stderr.write(d);
    });
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('PHASE '));
      if (code === 0 && line) resolve(JSON.parse(line.slice(6)) as PhaseOutput);
      else reject(new Error(`phase ${args.phase} failed (exit ${code}):\n${err.slice(-4000)}`));
    });
  });
}
