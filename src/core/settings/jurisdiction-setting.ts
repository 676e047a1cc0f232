import type { Db, Executor } from '../../db/schema.js';
import type { Action } from '../../domain/permissions.js';
import type { Actor } from '../access/actor.js';
import { holdsAction, requireAction, requireUnrestricted } from '../access/require.js';
import { scopeFor } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { versionConflict } from '../party-org/party-org.access.js';

/**
 * A setting of the whole jurisdiction kept in one `app_setting` row (the dues ratios, 发展党员's
 * province settings, 组织生活's 党课 frequency, 述职评议's 补贴档次): read by anyone who reads
 * organisations, with `canChange`; changed only by the organisation department holding org.manage
 * over the whole jurisdiction, at the row's version (409 otherwise), audited in the change's
 * transaction. A deployment lies in one province, so the jurisdiction's setting is the province's.
 */
export type Versioned = { version: number };

export function jurisdictionSetting<T extends Versioned>(o: {
  key: string;
  /** The stored JSON (absent before the first save) with the defaults filled in. */
  normalise: (stored: Partial<T> | undefined) => T;
  /** The audit action, e.g. `dues.settings`. */
  action: string;
  /** The refusal's Chinese message for anyone else. */
  refusal: string;
  /** Who reads and who changes it: organisations by default; a union setting names the union actions. */
  actions?: { read: Action; manage: Action };
}) {
  const acts = o.actions ?? { read: 'org.read' as Action, manage: 'org.manage' as Action };
  async function read(db: Executor, lock = false): Promise<T> {
    let q = db.selectFrom('app_setting').select('value').where('key', '=', o.key);
    if (lock) q = q.forUpdate();
    return o.normalise((await q.executeTakeFirst())?.value as Partial<T> | undefined);
  }
  const canChange = (actor: Actor) => holdsAction(actor, acts.manage) && scopeFor(actor, acts.manage).all;
  async function view(db: Db, actor: Actor): Promise<T & { canChange: boolean }> {
    requireAction(actor, acts.read);
    return { ...(await read(db)), canChange: canChange(actor) };
  }
  /** `check` runs before the transaction (input errors name their field). */
  async function save(db: Db, actor: Actor, version: number, next: Omit<T, 'version'>, check?: () => void): Promise<T & { canChange: true }> {
    requireUnrestricted(actor, acts.manage, o.refusal);
    check?.();
    return db.transaction().execute(async (tx) => {
      const before = await read(tx, true);
      if (before.version !== version) throw versionConflict();
      const after = { ...next, version: before.version + 1 } as T;
      const json = JSON.stringify(after);
      await tx.insertInto('app_setting').values({ key: o.key, value: json }).onConflict((oc) => oc.column('key').doUpdateSet({ value: json })).execute();
      await recordAudit(tx, actor, { action: o.action, entity: 'app_setting', entityId: o.key, before, after });
      return { ...after, canChange: true as const };
    });
  }
  return { read, view, save };
}
