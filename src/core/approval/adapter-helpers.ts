import { sql } from 'kysely';
import type { ZodType } from 'zod';
import type { Executor } from '../../db/schema.js';
import { APPROVAL_KIND_CATALOGUE, type ApprovalKind } from '../../domain/approval.js';
import { AppError } from '../../domain/errors.js';
import type { Blocker, Payload } from './adapter.js';

/** The shapes every adapter repeats: the payload read by the module's own schema, a rehearsal, the last level's refusal. */

/** The payload as the module's own form would send it; each fault named `payload.<field>`. */
export function parsePayload<T>(schema: ZodType<T>, kind: ApprovalKind, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => ({ field: `payload.${i.path.join('.')}`, code: 'INVALID', message: i.message }));
  throw new AppError('VALIDATION_FAILED', `提交的${APPROVAL_KIND_CATALOGUE[kind].label}信息不完整或有误`, details);
}

/** Runs the action and undoes it: every check the action makes, nothing kept. */
export async function dryRun(tx: Executor, run: () => Promise<unknown>): Promise<void> {
  await sql`SAVEPOINT approval_dry_run`.execute(tx);
  try {
    await run();
  } finally {
    await sql`ROLLBACK TO SAVEPOINT approval_dry_run`.execute(tx);
    await sql`RELEASE SAVEPOINT approval_dry_run`.execute(tx);
  }
}

/**
 * Findings of the rule engine kept when their rule is one that forbids the step (not a deadline
 * coming). `withInfo`: a rule that is only a hint on a standing record but a condition of the step.
 */
export function blocking<F extends Blocker & { ruleId: string; severity: string }>(found: readonly F[], rules: readonly string[], withInfo = false): Blocker[] {
  return found.filter((f) => (withInfo || f.severity !== 'info') && rules.includes(f.ruleId)).map((f) => ({ title: f.title, message: f.message, source: f.source }));
}

/** Strips what the engine supplies itself (the record's version, the decision day). */
export function without(p: Payload, ...keys: string[]): Payload {
  const out = { ...p };
  for (const k of keys) delete out[k];
  return out;
}
