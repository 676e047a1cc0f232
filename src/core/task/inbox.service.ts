import type { InboxCounts, InboxFilter, InboxPage, InboxQuery, InboxTask, OverdueByRegion } from '../../contracts/task.js';
import type { Db } from '../../db/schema.js';
import { isLevelRole, LEVEL_LABEL } from '../../domain/approval.js';
import { isRole, ROLE_LABEL } from '../../domain/permissions.js';
import { todayInChina } from '../../domain/org-terms.js';
import { ANCHOR_PATH, TASK_KINDS, TASK_REASON, TASK_STATE_LABEL, taskKind, taskKindLabel, taskKindSource, type TaskKindEntry } from '../../domain/task-kinds.js';
import { AppError } from '../../domain/errors.js';
import { isIsoDate, RULE_CATALOGUE, type RuleId } from '../../domain/rules/index.js';
import type { Actor } from '../access/actor.js';
import { holdsAction } from '../access/require.js';
import { roleScopesHolding } from '../access/role-scope.js';
import { scopeFor } from '../access/scope.js';
import { decodeCursor, encodeCursor } from '../keyset-cursor.js';
import { inboxCountRows, inboxPageRows, type inboxRows, overdueByStreetRows, streetNames, type InboxWhere, type KindScope } from './inbox.repository.js';

/**
 * The work inbox (docs/inbox.md). Which kinds a reader sees follows from the actions their roles
 * hold (each kind names the action that handles it), and where, from that action's scope — no role
 * is named here. A reader holding none of them gets empty lists, not an error.
 */
export function kindScopes(actor: Actor): KindScope[] {
  return TASK_KINDS.filter((k) => holdsAction(actor, k.action)).map((k) => kindScopeOf(actor, k));
}

/** One kind's scopes for an actor (the inbox's reader, or a candidate for 指派). */
export const kindScopeOf = (actor: Actor, k: TaskKindEntry): KindScope =>
  ({ kind: k.id, anchor: k.anchor, scope: scopeFor(actor, k.action), roleScopes: roleScopesHolding(actor, k.action) });

const whereOf = (actor: Actor, f: InboxFilter, today: string): InboxWhere => ({
  kinds: kindScopes(actor), view: f.view, userId: actor.userId, today, state: f.state, kind: f.kind, regionPrefix: f.regionPrefix,
});

type Row = Awaited<ReturnType<typeof inboxRows>>[number];
const iso = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString());

const SUBJECT_LABEL: Record<string, string> = { enterprise: '企业', party_org: '党组织', union_org: '工会', region: '街道（乡镇）' };

/** The page to open: the one the workflow gave, else its anchor's own page. */
function hrefOf(r: Row): string {
  if (r.link_path) return r.link_path;
  if (r.subject_table === 'region') return ANCHOR_PATH.region;
  if (r.party_org_id) return `${ANCHOR_PATH.party_org}/${r.party_org_id}`;
  if (r.union_org_id) return `${ANCHOR_PATH.union_org}/${r.union_org_id}`;
  return `${ANCHOR_PATH.enterprise}/${r.enterprise_id ?? r.subject_id}`;
}

/** Why a seen task is not the reader's to act on: another level's (its role), else a record seen through a link. */
function viewOnlyReason(r: Row): string | null {
  if (r.actionable) return null;
  if (r.assignee_role && !r.role_held) {
    const who = isLevelRole(r.assignee_role) ? LEVEL_LABEL[r.assignee_role] : isRole(r.assignee_role) ? ROLE_LABEL[r.assignee_role] : '其他岗位';
    return `该事项由${who}办理，本岗位仅可查看`;
  }
  return '该记录属于其他属地，经关联可见，由其属地指派和办理';
}

export function toInboxTask(r: Row, today: string): InboxTask {
  const k = taskKind(r.kind);
  const rule = r.source_rule_id ? RULE_CATALOGUE[r.source_rule_id as RuleId] : undefined;
  return {
    id: r.id, kind: r.kind, kindLabel: taskKindLabel(r.kind),
    link: { entity: r.subject_table, entityLabel: k?.subjectLabel ?? SUBJECT_LABEL[r.subject_table] ?? '记录', id: r.subject_id, href: hrefOf(r) },
    subjectName: r.subject_name, regionCode: r.region_code, state: r.state, stateLabel: TASK_STATE_LABEL[r.state],
    dueOn: r.due_on, overdue: r.state === 'open' && r.due_on < today, openedAt: iso(r.opened_at)!, closedAt: iso(r.closed_at),
    closedReason: r.state === 'cancelled' ? TASK_REASON.cancelled : r.closed_by === 'fact_changed' ? TASK_REASON.factChanged : r.closed_by ? '已处理' : null,
    reason: k?.reason ?? rule?.title ?? taskKindLabel(r.kind), source: k ? taskKindSource(k) : rule?.source ?? '',
    dueRule: k?.dueRule ?? '', forRoles: k ? k.forRoles.map((x) => ROLE_LABEL[x]).join('、') : '',
    actionable: r.actionable, viewOnlyReason: viewOnlyReason(r), assignee: r.assignee ?? null, version: r.version,
  };
}

export async function inboxPage(db: Db, actor: Actor, q: InboxQuery): Promise<InboxPage> {
  const today = todayInChina();
  const w = whereOf(actor, q, today);
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  // The key is a due date that goes into SQL as one: a forged cursor is the caller's error, not a 500.
  if (after && !isIsoDate(after.key)) throw new AppError('VALIDATION_FAILED', '分页游标无效，请从第一页重新查询', [{ field: 'cursor', code: 'CURSOR_INVALID' }]);
  const { rows, total } = await inboxPageRows(db, w, after, q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toInboxTask(r, today)), total,
    nextCursor: rows.length > q.limit && last ? encodeCursor({ key: last.due_on, id: last.id }) : null,
  };
}

export async function inboxCounts(db: Db, actor: Actor, regionPrefix: string | undefined): Promise<InboxCounts> {
  const today = todayInChina();
  const w = whereOf(actor, { view: 'role', state: 'open', regionPrefix }, today);
  const rows = await inboxCountRows(db, w);
  let mine = 0;
  const byState = { open: 0, done: 0, cancelled: 0 };
  const byKind = new Map(w.kinds.map((k) => [k.kind, { kind: k.kind, label: taskKindLabel(k.kind), open: 0, overdue: 0 }]));
  for (const r of rows) {
    byState[r.state] += Number(r.n);
    mine += Number(r.mine);
    const k = byKind.get(r.kind);
    if (k && r.state === 'open') { k.open += Number(r.n); k.overdue += Number(r.overdue); }
  }
  const overdue = [...byKind.values()].reduce((s, k) => s + k.overdue, 0);
  return { views: { mine, role: byState.open, overdue }, byState, byKind: [...byKind.values()] };
}

export async function overdueByRegion(db: Db, actor: Actor, regionPrefix: string | undefined): Promise<OverdueByRegion> {
  const today = todayInChina();
  const w = whereOf(actor, { view: 'overdue', state: 'open', regionPrefix }, today);
  const rows = await overdueByStreetRows(db, w);
  const names = await streetNames(db, [...new Set(rows.map((r) => r.street).filter((s) => s.length === 9))]);
  const streets = new Map<string, OverdueByRegion['streets'][number]>();
  for (const r of rows) {
    const s = streets.get(r.street) ?? { street: r.street, streetName: names.get(r.street) ?? '未落区划', total: 0, byKind: {} };
    s.byKind[r.kind] = (s.byKind[r.kind] ?? 0) + Number(r.n);
    s.total += Number(r.n);
    streets.set(r.street, s);
  }
  const list = [...streets.values()].sort((a, b) => a.street.localeCompare(b.street));
  return {
    asOf: today, kinds: w.kinds.map((k) => ({ kind: k.kind, label: taskKindLabel(k.kind) })), streets: list, total: list.reduce((s, x) => s + x.total, 0),
  };
}
