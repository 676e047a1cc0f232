import { call } from '../factories/world.js';
import { TASK_KINDS } from '../../src/domain/task-kinds.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { entIn, Oracle, same, scopeOf, type CheckResult } from './scope-oracle.js';

/**
 * The work inbox in the scope property test, against docs/inbox.md ("Who sees which task"): a task
 * is in a reader's 本岗位 list when the reader holds the action its kind needs (the kind registry is
 * the definition, as the role table is) and its record is visible under that action's scope — an
 * organisation by own place or a current link, an enterprise by the enterprise rules; it is
 * actionable only when the organisation is owned by its own place. Tasks come from one refresh by
 * sys on first use, read in pages of 7.
 */
type Task = { id: string; kind: string; subject_table: string; subject_id: string };
type Item = { id: string; actionable: boolean };
let seeded = false;

async function tasks(c: Ctx): Promise<Task[]> {
  if (!seeded) {
    const res = await call(c.app, c.sessions.sys, 'POST', '/api/tasks/refresh', {});
    if (res.statusCode !== 200) throw new Error(`task refresh: ${res.statusCode} ${res.body}`);
    seeded = true;
  }
  return c.database.db.selectFrom('task').select(['id', 'kind', 'subject_table', 'subject_id']).where('state', '=', 'open').orderBy('id').execute();
}

function expected(c: Ctx, user: string, all: Task[]): Map<string, boolean> {
  const o = new Oracle(c.model);
  const out = new Map<string, boolean>();
  for (const t of all) {
    const kind = TASK_KINDS.find((k) => k.id === t.kind);
    if (!kind) continue;
    const s = scopeOf(c.world.users[user].grants, kind.action);
    if (!s.held) continue;
    if (t.subject_table === 'enterprise') {
      if (entIn(s, c.model.ents.get(t.subject_id))) out.set(t.id, true);
    } else if (c.model.orgs.has(t.subject_id) && o.visible(s, 'org', t.subject_id)) {
      out.set(t.id, o.own(s, 'org', t.subject_id));
    }
  }
  return out;
}

export const inboxScope: Op = async (c, user) => {
  const want = expected(c, user, await tasks(c));
  const problems: string[] = [];
  const got = new Map<string, boolean>();
  let total = -1;
  for (let cursor = '', guard = 0; guard < 200; guard++) {
    const res = await call(c.app, c.sessions[user], 'GET', `/api/inbox?view=role&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    same(problems, 'status', 200, res.statusCode);
    if (res.statusCode !== 200) break;
    const body = res.json() as { items: Item[]; total: number; nextCursor: string | null };
    total = body.total;
    for (const i of body.items) got.set(i.id, i.actionable);
    if (!body.nextCursor) break;
    cursor = body.nextCursor;
  }
  same(problems, 'rows', [...want.keys()].sort(), [...got.keys()].sort());
  same(problems, 'actionable', [...want].filter(([, a]) => a).map(([id]) => id).sort(), [...got].filter(([, a]) => a).map(([id]) => id).sort());
  if (total >= 0) same(problems, 'total', want.size, total);
  return { op: 'inboxScope', user, target: 'role', problems } satisfies CheckResult;
};
