import type { Action, Role } from './permissions.js';
import { RULE_CATALOGUE, type RuleId } from './rules/catalogue.js';
import { fromDay, toDay } from './rules/dates.js';

/**
 * The task kinds (待办事项类别) of the work inbox, declared by the modules that raise them. The
 * inbox, the refresh and the exports read this table only: a module adds a kind by adding a row here
 * (and, for a rule-engine kind, naming the finding that opens it), never by editing the inbox.
 *
 * `action` is the permission that lets a person act on the subject: the inbox shows a kind to whoever
 * holds that action over the subject (本岗位), and the task is actionable only where the subject is
 * owned, never through a link (docs/inbox.md). `forRoles` is who the kind is meant for, as shown.
 */
export type TaskSubject = 'enterprise' | 'party_org';

export type TaskKindEntry = {
  id: string;
  label: string;
  subject: TaskSubject;
  forRoles: readonly Role[];
  action: Action;
  /** Calendar days allowed from opening: a platform default (工作时限), not a legal deadline. */
  dueDays: number;
  /** How the due date is set, as people read it. */
  dueRule: string;
  /** What was found, as people read it, when the rule's own title says less (the status rule's does). */
  reason?: string;
  /** The finding that opens the task; `status` narrows the enterprise status finding (空白点). */
  finding: { ruleId: RuleId; status?: string };
};

const PLATFORM_DEADLINE = '平台默认工作时限，自发现之日起';

export const TASK_KINDS: readonly TaskKindEntry[] = [
  {
    id: 'coverage.gap', label: '消除党建工作空白点', subject: 'enterprise', forRoles: ['township_officer', 'community_officer'],
    action: 'enterprise.update', dueDays: 90, dueRule: `${PLATFORM_DEADLINE}90日内`,
    reason: '尚未实现党的组织覆盖和工作覆盖（空白点）',
    finding: { ruleId: 'enterprise.status', status: 'gap' },
  },
  {
    id: 'org.secretaryVacant', label: '配齐党组织书记', subject: 'party_org', forRoles: ['township_officer', 'branch_secretary'],
    action: 'org.manage', dueDays: 30, dueRule: `${PLATFORM_DEADLINE}30日内`,
    finding: { ruleId: 'org.secretaryVacant' },
  },
  {
    id: 'org.reelectionOverdue', label: '督促党组织按期换届', subject: 'party_org', forRoles: ['township_officer', 'branch_secretary'],
    action: 'org.manage', dueDays: 60, dueRule: `${PLATFORM_DEADLINE}60日内`,
    finding: { ruleId: 'org.reelectionOverdue' },
  },
  {
    id: 'org.committeeMissing', label: '选举产生支部委员会', subject: 'party_org', forRoles: ['township_officer', 'branch_secretary'],
    action: 'org.manage', dueDays: 90, dueRule: `${PLATFORM_DEADLINE}90日内`,
    finding: { ruleId: 'org.committeeMissing' },
  },
];

const BY_ID = new Map(TASK_KINDS.map((k) => [k.id, k]));

export const taskKind = (id: string): TaskKindEntry | undefined => BY_ID.get(id);

/** The Chinese label of a kind; an undeclared kind (a retired module's rows) shows as such, never its code. */
export const taskKindLabel = (id: string): string => BY_ID.get(id)?.label ?? '其他待办';

/** What the task cites, in Chinese: the rule's own source (laws and documents, never a rule id). */
export const taskKindSource = (k: TaskKindEntry): string => RULE_CATALOGUE[k.finding.ruleId].source;

/** The kind a finding opens, if any. */
export function kindForFinding(subject: TaskSubject, ruleId: string, status?: unknown): TaskKindEntry | undefined {
  return TASK_KINDS.find((k) => k.subject === subject && k.finding.ruleId === ruleId && (k.finding.status === undefined || k.finding.status === status));
}

/** The due date of a task opened on `openedOn` (YYYY-MM-DD). */
export const taskDueOn = (k: TaskKindEntry, openedOn: string): string => fromDay(toDay(openedOn) + k.dueDays);

export const TASK_STATE_LABEL = { open: '待办', done: '已完成', cancelled: '已撤销' } as const;
export type TaskStateCode = keyof typeof TASK_STATE_LABEL;

/** The reason a closing or reopening shows in the history. */
export const TASK_REASON = { opened: '规则发现问题', factChanged: '已整改', reopened: '问题再次出现' } as const;
