import { PLATFORM_RULE } from '../rules/citations.js';
import type { WorkflowTaskKind } from './types.js';

/**
 * 排查摸底 (docs/surveys.md): every targeted enterprise that has not answered is a task for its
 * street (subject: its survey_target row, anchored on the enterprise); the enterprise's answer closes
 * it (企业已填报), closing the campaign cancels what is left. Due: the campaign's closing day.
 */
export const SURVEY_TASK_KINDS: readonly WorkflowTaskKind[] = [
  {
    id: 'survey.reply', label: '督促企业填报排查摸底', subject: 'survey_target', subjectLabel: '排查摸底填报', anchor: 'enterprise',
    forRoles: ['township_officer', 'community_officer'], action: 'enterprise.update', dueDays: 30, dueRule: '排查摸底的填报截止日期',
    reason: '企业尚未填报排查摸底', workflow: 'survey.create',
    source: `${PLATFORM_RULE}（区两新工委组织的排查摸底，由企业所在街道（乡镇）督促企业在截止日期前填报）`,
  },
];
