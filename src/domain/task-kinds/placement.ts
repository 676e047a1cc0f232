import { PLATFORM_RULE } from '../rules/citations.js';
import { PLATFORM_DEADLINE, type RuleTaskKind } from './types.js';

/**
 * 待确认归属街道 (docs/inbox.md; the 待认定属地 queue of docs/regions.md), fed by the refresh's placement
 * finder (src/core/task/task-finder-placement.ts): one task per street whose enterprises await the
 * confirmation of their placement, naming how many; the rows placed only as far as the county (no
 * street yet) make the district's task. Anchored on the street's own region code, so whoever may
 * confirm placements there (认定企业属地) sees it and acts; it closes when that queue is empty.
 */
export type PlacementRuleId = 'placement.pending';

export const PLACEMENT_SOURCE = `${PLATFORM_RULE}：企业属地经认定后方计入街道（乡镇）台账和统计`;

export const PLACEMENT_TASK_KINDS: readonly RuleTaskKind[] = [
  {
    id: 'placement.pending', label: '确认企业归属街道', subject: 'region', subjectLabel: '街道（乡镇）', anchor: 'region',
    forRoles: ['township_officer', 'org_admin'], action: 'enterprise.place', dueDays: 30, dueRule: `${PLATFORM_DEADLINE}30日内`,
    reason: '有企业的归属街道待认定',
    finding: { ruleId: 'placement.pending' },
  },
];
