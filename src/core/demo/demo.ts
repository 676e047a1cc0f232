import { analyseStale } from '../../db/statistics.js';
import type { Database } from '../../db/database.js';
import type { Actor } from '../access/actor.js';
import type { Keyring } from '../crypto/keyring.js';

/**
 * `npm run demo`: a sequence of steps over one database. Each module adds its own step file under
 * src/core/demo/steps/ and one line in steps/index.ts; steps must be safe to run twice.
 */
export type DemoDistrict = { countyCode: string; cityPrefix: string; name: string };

export type DemoContext = {
  database: Database;
  actor: Actor;
  district: DemoDistrict;
  /** Where generated files go (kept, so people can look at them and re-import them). */
  workDir: string;
  count: number;
  seed: number;
  log(message: string): void;
  /** Steps leave facts for later steps and for the closing summary. */
  state: Record<string, unknown>;
  /** Seals the roster's ID numbers; absent (tests), a key file in workDir. */
  keyring?: Keyring;
  /** Lines printed at the end under “接下来可以”. */
  nextSteps: string[];
};

export type DemoStep = { title: string; run(ctx: DemoContext): Promise<void> };

export async function runDemo(ctx: DemoContext, steps: readonly DemoStep[]): Promise<void> {
  for (const [i, step] of steps.entries()) {
    const started = Date.now();
    ctx.log(`[${i + 1}/${steps.length}] ${step.title}…`);
    await step.run(ctx);
    // Each step fills tables the next one queries; PGlite never analyses them by itself.
    await analyseStale(ctx.database.db);
    ctx.log(`      完成（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
  }
}

/** 广东省深圳市南山区: 8 streets and 100+ communities, a dense mix of private enterprises. */
export const DEFAULT_DISTRICT: DemoDistrict = { countyCode: '440305', cityPrefix: '4403', name: '广东省深圳市南山区' };
