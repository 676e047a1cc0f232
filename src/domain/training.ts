/**
 * Training (issue 15 item 3; docs/training.md): who a course is for, in the words an organisation
 * department uses. The database mirrors these in 0028_training.sql.
 */
export const TRAINING_AUDIENCES = ['secretary', 'instructor', 'recruit', 'unionOfficer', 'member'] as const;
export type TrainingAudience = typeof TRAINING_AUDIENCES[number];

export const TRAINING_AUDIENCE_LABELS: Record<TrainingAudience, string> = {
  secretary: '党组织书记', instructor: '党建指导员', recruit: '入党积极分子和发展对象', unionOfficer: '工会干部', member: '党员',
};
