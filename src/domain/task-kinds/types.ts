import type { Action, Role } from '../permissions.js';
import type { RuleId } from '../rules/catalogue.js';
import type { LifeRuleId } from '../rules/life-catalogue.js';
import type { MemberRuleId } from '../rules/member-catalogue.js';
import type { PlacementRuleId } from './placement.js';

/**
 * One task kind (待办事项类别), declared by the module that raises it in its own file of this folder
 * and listed once in src/domain/task-kinds.ts. The inbox, the refresh and the exports read the
 * registry only: a module adds a kind by declaring it, never by editing the inbox.
 *
 * `anchor` is the record the task belongs to — the enterprise, party organisation or union — and
 * decides who sees the task and who may act, under that record's own scope rules (seen through a
 * link, acted on only where owned). `action` is the permission that lets a person act on it: the
 * inbox shows a kind to whoever holds that action over the anchor (本岗位). `forRoles` is who the kind
 * is meant for, as shown.
 */
// `region`: a street (or the district) itself — a count over its records, e.g. 待确认归属街道 (migration 0060).
export type TaskAnchor = 'enterprise' | 'party_org' | 'union_org' | 'region';

type KindBase = {
  id: string;
  label: string;
  /** The table of the record the task is about (dedup is per kind + subject). */
  subject: string;
  /** What the subject is, as people read it: 企业, 党组织, 组织关系转接 … */
  subjectLabel: string;
  anchor: TaskAnchor;
  forRoles: readonly Role[];
  action: Action;
  /** Calendar days allowed from opening (a workflow may set its own due date instead). */
  dueDays: number;
  /** How the due date is set, as people read it. */
  dueRule: string;
  /** What was found or asked, as people read it, when the rule's own title says less. */
  reason?: string;
};

/** A kind the rule engine opens and closes (the refresh): `finding` names the rule. */
export type RuleTaskKind = KindBase & { finding: { ruleId: RuleId | LifeRuleId | MemberRuleId | PlacementRuleId; status?: string }; workflow?: undefined; source?: undefined };

/**
 * A kind a workflow opens and closes itself (src/core/task/task-writer.ts), in the transaction of the
 * action that raises or resolves it. `source` is what it cites, in Chinese (a law or document, or
 * 本平台工作规则 for a platform default). `workflow` is the raising workflow's code in lower-case
 * letters and dots (`fieldwork.visit`, `transfer.receive`), stored on each task — never shown.
 */
export type WorkflowTaskKind = KindBase & { workflow: string; source: string; finding?: undefined };

export type TaskKindEntry = RuleTaskKind | WorkflowTaskKind;

export const PLATFORM_DEADLINE = '平台默认工作时限，自发现之日起';
