import { RULE_CATALOGUE, type RuleId } from './rules/catalogue.js';
import { LIFE_RULE_CATALOGUE, type LifeRuleId } from './rules/life-catalogue.js';
import { MEMBER_RULE_CATALOGUE, type MemberRuleId } from './rules/member-catalogue.js';
import { fromDay, toDay } from './rules/dates.js';
import { APPROVAL_TASK_KINDS } from './task-kinds/approval.js';
import { DUES_TASK_KINDS } from './task-kinds/dues.js';
import { PLACEMENT_SOURCE, PLACEMENT_TASK_KINDS, type PlacementRuleId } from './task-kinds/placement.js';
import { FIELDWORK_TASK_KINDS } from './task-kinds/fieldwork.js';
import { LIFE_TASK_KINDS } from './task-kinds/life.js';
import { TRANSFER_TASK_KINDS } from './task-kinds/member-transfer.js';
import { UNION_TASK_KINDS } from './task-kinds/union.js';
import { RECRUITMENT_TASK_KINDS } from './task-kinds/recruitment.js';
import { RULE_TASK_KINDS } from './task-kinds/rules.js';
import { NOTICE_TASK_KINDS } from './task-kinds/notice.js';
import { SURVEY_TASK_KINDS } from './task-kinds/survey.js';
import type { RuleTaskKind, TaskKindEntry } from './task-kinds/types.js';

export type { RuleTaskKind, TaskAnchor, TaskKindEntry, WorkflowTaskKind } from './task-kinds/types.js';
export { PLATFORM_DEADLINE } from './task-kinds/types.js';

/**
 * The registry of task kinds (待办事项类别). Each module declares its kinds in its own file under
 * ./task-kinds/ and adds one line here; the inbox, the refresh and the exports read this list only.
 */
export const TASK_KINDS: readonly TaskKindEntry[] = [
  ...RULE_TASK_KINDS,
  ...APPROVAL_TASK_KINDS,
  ...FIELDWORK_TASK_KINDS,
  ...TRANSFER_TASK_KINDS,
  ...RECRUITMENT_TASK_KINDS,
  ...NOTICE_TASK_KINDS,
  ...SURVEY_TASK_KINDS,
  ...UNION_TASK_KINDS,
  ...LIFE_TASK_KINDS,
  ...DUES_TASK_KINDS,
  ...PLACEMENT_TASK_KINDS,
];

/** The subjects the rule engine's refresh reads (enterprises, organisations, unions: src/core/task/task-finders.ts). */
export type TaskSubject = 'enterprise' | 'party_org' | 'union_org' | 'region';

const BY_ID = new Map(TASK_KINDS.map((k) => [k.id, k]));
if (BY_ID.size !== TASK_KINDS.length) throw new Error('task kind declared twice');

export const taskKind = (id: string): TaskKindEntry | undefined => BY_ID.get(id);

/** The kinds the rule engine's refresh opens and closes; workflow kinds are never touched by it. */
export const RULE_KINDS: readonly RuleTaskKind[] = TASK_KINDS.filter((k): k is RuleTaskKind => k.finding !== undefined);

/** The Chinese label of a kind; an undeclared kind (a retired module's rows) shows as such, never its code. */
export const taskKindLabel = (id: string): string => BY_ID.get(id)?.label ?? '其他待办';

/** What the task cites, in Chinese: the rule's own source (laws and documents, never a rule id), or the workflow's. */
export const taskKindSource = (k: TaskKindEntry): string => (k.finding ? ruleSource(k.finding.ruleId) : k.source);

/** A rule's source in Chinese: the rule catalogue's, the organisational-life catalogue's (life-catalogue.ts) or the member rules' (member-catalogue.ts). */
export const ruleSource = (id: RuleId | LifeRuleId | MemberRuleId | PlacementRuleId): string =>
  (id in RULE_CATALOGUE ? RULE_CATALOGUE[id as RuleId].source
    : id === 'placement.pending' ? PLACEMENT_SOURCE
    : id in MEMBER_RULE_CATALOGUE ? MEMBER_RULE_CATALOGUE[id as MemberRuleId].source : LIFE_RULE_CATALOGUE[id as LifeRuleId].source);

/** The kind a finding opens, if any. */
export function kindForFinding(subject: TaskSubject, ruleId: string, status?: unknown): RuleTaskKind | undefined {
  return RULE_KINDS.find((k) => k.subject === subject && k.finding.ruleId === ruleId && (k.finding.status === undefined || k.finding.status === status));
}

/** The due date of a task opened on `openedOn` (YYYY-MM-DD). */
export const taskDueOn = (k: TaskKindEntry, openedOn: string): string => fromDay(toDay(openedOn) + k.dueDays);

export const TASK_STATE_LABEL = { open: '待办', done: '已完成', cancelled: '已撤销' } as const;
export type TaskStateCode = keyof typeof TASK_STATE_LABEL;

/** The reason a closing or reopening shows in the history. */
export const TASK_REASON = {
  opened: '规则发现问题', factChanged: '已整改', reopened: '问题再次出现', moved: '对象属地变更，待办随之转至新属地', cancelled: '已撤销',
} as const;

/** The page of a task's subject when the writer gave none: the anchor's own page. */
export const ANCHOR_PATH: Record<TaskKindEntry['anchor'], string> = { enterprise: '/enterprises', party_org: '/orgs', union_org: '/unions', region: '/placement-queue' };
