import type { Db } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { refreshTasksFor, type RefreshForResult } from './task-refresh-for.service.js';
import { importedEnterpriseIds } from './task-refresh.repository.js';

/**
 * After an enterprise registration import (docs/inbox.md, "Refresh"): the tasks of exactly the
 * enterprises it created or changed, 20,000 per transaction (the import itself commits per batch).
 * A re-import touching 1% of a million enterprises refreshes 10,000 of them, not the province.
 */
const PAGE = 20_000;

export async function refreshTasksAfterImport(db: Db, actor: Actor, importId: string): Promise<RefreshForResult> {
  const total: RefreshForResult = { opened: 0, closed: 0, reopened: 0, moved: 0, subjects: 0 };
  for (let after = '0'; ;) {
    const ids = await importedEnterpriseIds(db, importId, after, PAGE);
    if (!ids.length) return total;
    const r = await db.transaction().execute((tx) => refreshTasksFor(tx, actor, { enterpriseIds: ids }, { trigger: 'enterprise.import', audited: false }));
    for (const k of ['opened', 'closed', 'reopened', 'moved', 'subjects'] as const) total[k] += r[k];
    after = ids.at(-1)!;
  }
}
