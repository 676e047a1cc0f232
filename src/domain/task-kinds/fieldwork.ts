import { PLATFORM_RULE } from '../rules/citations.js';
import { PLATFORM_DEADLINE, type WorkflowTaskKind } from './types.js';

/**
 * Field work (实地走访, docs/inbox.md): a visit that found a problem opens the enterprise's
 * 实地走访发现问题 task for its street; a later visit that ticks 问题已整改 closes it (实地核实已整改).
 * One open task per enterprise: its label lists what the visits since the last 整改 found.
 */
export const FIELDWORK_TASK_KINDS: readonly WorkflowTaskKind[] = [
  {
    id: 'visit.finding', label: '处理实地走访发现的问题', subject: 'enterprise', subjectLabel: '企业', anchor: 'enterprise',
    forRoles: ['township_officer', 'community_officer'], action: 'enterprise.update', dueDays: 30, dueRule: `${PLATFORM_DEADLINE}30日内`,
    reason: '党建指导员实地走访发现问题', workflow: 'fieldwork.visit',
    source: `${PLATFORM_RULE}（党建指导员走访发现的问题由企业所在街道（乡镇）跟进，复访核实已整改后办结）`,
  },
];
