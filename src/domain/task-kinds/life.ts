import { PLATFORM_DEADLINE, type RuleTaskKind } from './types.js';

/**
 * 组织生活 (docs/life.md), fed by the refresh's life finder (src/core/task/task-finder-life.ts) from
 * the life roll-up's own verdict: a 党支部 that is 不活跃 — no meeting of any kind for the months the
 * life settings name (default 6) — gets a task for its street and its secretary, closed once a
 * meeting is recorded. Its source is the life rule's (本平台工作规则, the months adjustable).
 */
export const LIFE_TASK_KINDS: readonly RuleTaskKind[] = [
  {
    id: 'life.dormant', label: '督促恢复组织生活', subject: 'party_org', subjectLabel: '党组织', anchor: 'party_org',
    forRoles: ['township_officer', 'branch_secretary'], action: 'org.manage', dueDays: 30, dueRule: `${PLATFORM_DEADLINE}30日内`,
    reason: '长期未开展组织生活（三会一课均未召开）',
    finding: { ruleId: 'life.dormant' },
  },
];
