import type { Executor } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { closeTask, openTask } from '../task/task-writer.js';

/**
 * The inbox side of 排查摸底 (kind survey.reply, src/domain/task-kinds/survey.ts): a task per
 * enterprise that has not answered, for its street; the answer closes it; closing the campaign
 * cancels the rest. Written in the transaction of the action that raises or resolves it.
 */
export async function openSurveyTasks(tx: Executor, actor: Actor, campaign: { id: string; name: string; closesOn: string }): Promise<number> {
  const targets = await tx.selectFrom('survey_target as t').innerJoin('enterprise as e', 'e.id', 't.enterprise_id')
    .select(['t.id', 't.enterprise_id', 'e.name', 'e.region_code']).where('t.campaign_id', '=', campaign.id).where('t.state', '=', 'sent').execute();
  for (const t of targets) {
    await openTask(tx, actor, {
      kind: 'survey.reply', subjectTable: 'survey_target', subjectId: String(t.id), subjectLabel: `${t.name}（${campaign.name}）`,
      linkPath: `/surveys/${campaign.id}/targets/${t.id}`, anchor: { enterpriseId: String(t.enterprise_id) }, regionCode: t.region_code,
      dueOn: campaign.closesOn,
    });
  }
  return targets.length;
}

export const closeSurveyTask = (tx: Executor, actor: Actor, targetId: string, closedBy: string, reason = '企业已填报') =>
  closeTask(tx, actor, { kind: 'survey.reply', subjectTable: 'survey_target', subjectId: targetId, closedBy, reason });

/** 结束填报: the reminders that are left go away (已撤销), they were not done. */
export async function cancelSurveyTasks(tx: Executor, actor: Actor, campaignId: string): Promise<void> {
  const open = await tx.selectFrom('survey_target').select('id').where('campaign_id', '=', campaignId).where('state', '=', 'sent').execute();
  for (const t of open) {
    await closeTask(tx, actor, { kind: 'survey.reply', subjectTable: 'survey_target', subjectId: String(t.id), closedBy: 'survey.close', reason: '排查摸底已结束填报', state: 'cancelled' });
  }
}
