import ExcelJS from 'exceljs';
import { call } from '../factories/world.js';
import { roleAllows } from '../../src/domain/permissions.js';
import { TASK_KINDS } from '../../src/domain/task-kinds.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { entIn, Oracle, same, scopeOf, type CheckResult } from './scope-oracle.js';

/**
 * The work inbox in the scope property test, against docs/inbox.md ("Who sees which task"): a task
 * is in a reader's 本岗位 list when the reader holds the action its kind needs (the kind registry is
 * the definition, as the role table is) and its record is visible under that action's scope — an
 * organisation by own place or a current link, an enterprise by the enterprise rules; it is
 * actionable only when the organisation is owned by its own place. Tasks come from one refresh by
 * sys on first use (and approval requests the other ops submit), read in pages of 7; a task assigned
 * to a role is actionable only through a grant of that role.
 */
type Task = {
  id: string; kind: string; enterprise_id: string | null; party_org_id: string | null; union_org_id: string | null; region_code: string | null;
  assignee_role: string | null;
};
type Item = { id: string; actionable: boolean };
let seeded = false;

async function tasks(c: Ctx): Promise<Task[]> {
  if (!seeded) {
    const res = await call(c.app, c.sessions.sys, 'POST', '/api/tasks/refresh', {});
    if (res.statusCode !== 200) throw new Error(`task refresh: ${res.statusCode} ${res.body}`);
    seeded = true;
  }
  return c.database.db.selectFrom('task').select(['id', 'kind', 'enterprise_id', 'party_org_id', 'union_org_id', 'region_code', 'assignee_role']).where('state', '=', 'open').orderBy('id').execute();
}

function expected(c: Ctx, user: string, all: Task[]): Map<string, boolean> {
  const o = new Oracle(c.model);
  const out = new Map<string, boolean>();
  for (const t of all) {
    const kind = TASK_KINDS.find((k) => k.id === t.kind);
    if (!kind) continue;
    const s = scopeOf(c.world.users[user].grants, kind.action);
    if (!s.held) continue;
    // The kind's anchor decides, under that record's own rules (docs/inbox.md, "Anchors").
    if (kind.anchor === 'region') {
      // A street's own task (待确认归属街道): under the grant's regions, nothing links to it.
      if (s.all || (t.region_code !== null && s.prefixes.some((p) => t.region_code!.startsWith(p)))) out.set(t.id, true);
    } else if (kind.anchor === 'enterprise') {
      if (t.enterprise_id && entIn(s, c.model.ents.get(t.enterprise_id))) out.set(t.id, true);
    } else {
      const [k, id, known] = kind.anchor === 'party_org' ? ['org', t.party_org_id, c.model.orgs] as const : ['union', t.union_org_id, c.model.unions] as const;
      // A task assigned to a role (an approval level's 社区/街道/区) is the reader's to act on only
      // through a grant of that role, inside that role's own grants (docs/inbox.md, "Assignee");
      // seeing it does not depend on it.
      const grants = c.world.users[user].grants;
      const owner = t.assignee_role === null ? s : scopeOf(grants.filter((g) => g.role === t.assignee_role && roleAllows(g.role, kind.action)), kind.action);
      if (id && known.has(id) && o.visible(s, k, id)) out.set(t.id, owner.held && o.own(owner, k, id));
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
  // The count and the export say the same list: exactly its rows.
  const counts = await call(c.app, c.sessions[user], 'GET', '/api/inbox/counts');
  same(problems, 'counts status', 200, counts.statusCode);
  if (counts.statusCode === 200) same(problems, 'counts.role', want.size, (counts.json() as { views: { role: number } }).views.role);
  const xlsx = await call(c.app, c.sessions[user], 'GET', '/api/inbox.xlsx?view=role');
  same(problems, 'export status', 200, xlsx.statusCode);
  if (xlsx.statusCode === 200) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    let rows = 0;
    wb.worksheets[0].eachRow((_r, n) => { if (n > 1) rows++; });
    same(problems, 'export rows', want.size, rows);
  }
  return { op: 'inboxScope', user, target: 'role', problems } satisfies CheckResult;
};

/** The refresh is a write of the district's (task.refresh): anyone else is refused and nothing changes. */
export const inboxRefresh: Op = async (c, user) => {
  const problems: string[] = [];
  await tasks(c);
  const held = scopeOf(c.world.users[user].grants, 'task.refresh').held;
  if (!held) {
    const before = await c.database.db.selectFrom('task_event').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const res = await call(c.app, c.sessions[user], 'POST', '/api/tasks/refresh', {});
    same(problems, 'status', 403, res.statusCode);
    const after = await c.database.db.selectFrom('task_event').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    same(problems, 'nothing written', before.n, after.n);
  }
  return { op: 'inboxRefresh', user, target: '-', problems } satisfies CheckResult;
};

/**
 * 指派 and 撤销 (docs/inbox.md, "Assigning and cancelling") on the a-th open task: someone who does not
 * see it gets 404; someone who sees it only through a link gets 403 NOT_MANAGED; someone who may act
 * gets past the gate — to 409 with a version from the future, to 400 at `userId` when assigning to a
 * member (who holds no action over any record). Nothing is ever written: the task and its history
 * stay as they were.
 */
const taskAct = (what: 'assign' | 'cancel'): Op => async (c, user, a) => {
  const problems: string[] = [];
  const all = await tasks(c);
  const t = all[a % all.length]!;
  const want = expected(c, user, all);
  const db = c.database.db;
  const snapshot = async () => JSON.stringify([
    await db.selectFrom('task').select(['state', 'version', 'assignee_user_id']).where('id', '=', t.id).executeTakeFirst(),
    (await db.selectFrom('task_event').select((e) => e.fn.countAll<string>().as('n')).where('task_id', '=', t.id).executeTakeFirstOrThrow()).n,
  ]);
  const before = await snapshot();
  const { version } = await db.selectFrom('task').select('version').where('id', '=', t.id).executeTakeFirstOrThrow();
  const body = (v: number) => (what === 'assign' ? { userId: c.world.users.member.id, version: v } : { reason: '范围检查撤销', version: v });
  const url = `/api/tasks/${t.id}/${what}`;
  const res = await call(c.app, c.sessions[user], 'POST', url, body(version + 1));
  const expectedStatus = !want.has(t.id) ? 404 : want.get(t.id) ? 409 : 403;
  same(problems, 'status', expectedStatus, res.statusCode);
  if (expectedStatus === 403 && res.statusCode === 403) same(problems, 'code', 'NOT_MANAGED', (res.json() as { details?: Array<{ code?: string }> }).details?.[0]?.code);
  if (expectedStatus === 409 && what === 'assign') {
    const wrong = await call(c.app, c.sessions[user], 'POST', url, body(version));
    same(problems, 'ineligible assignee', [400, 'userId'], [wrong.statusCode, (wrong.json() as { details?: Array<{ field?: string }> }).details?.[0]?.field]);
  }
  same(problems, 'nothing written', before, await snapshot());
  return { op: `task${what === 'assign' ? 'Assign' : 'Cancel'}`, user, target: t.id, problems, expected: String(expectedStatus) } satisfies CheckResult;
};
export const taskAssign = taskAct('assign');
export const taskCancel = taskAct('cancel');
/** How many open tasks the sweep walks (after the first refresh). */
export const openTaskCount = async (c: Ctx): Promise<number> => (await tasks(c)).length;
