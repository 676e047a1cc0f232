import type { Writable } from 'node:stream';
import type { SurveyTarget, SurveyTargetQuery } from '../../contracts/survey.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { keysetPages, writeListXlsx, type ListColumn } from '../xlsx/list-xlsx.js';
import { readScopes } from './survey.access.js';
import { listTargets, openCampaign, type SurveyDeps } from './survey-target.service.js';

/**
 * The targets list as XLSX — exactly the list's rows for the same filter (a street's links to hand
 * out; with 状态=未填报, the non-responders to remind), each with its link. Audited; the links
 * themselves stay out of the log.
 */
const COLUMNS: ListColumn<SurveyTarget>[] = [
  { header: '街道（乡镇）', width: 18, cell: (r) => r.streetName ?? '' },
  { header: '企业名称', width: 36, cell: (r) => r.enterpriseName },
  { header: '填报状态', width: 14, cell: (r) => r.stateLabel },
  { header: '填报时间', width: 18, cell: (r) => (r.answeredAt ? r.answeredAt.slice(0, 16).replace('T', ' ') : '') },
  { header: '填报人', width: 12, cell: (r) => r.respondent ?? '' },
  { header: '待处理变更', width: 10, cell: (r) => r.pending },
  { header: '填报链接', width: 90, cell: (r) => r.url ?? (r.revoked ? '（已停用）' : '（已结束填报）') },
];

export async function openTargetExport(d: SurveyDeps, actor: Actor, campaignId: string, q: Omit<SurveyTargetQuery, 'cursor' | 'limit'>) {
  readScopes(actor);
  const campaign = await openCampaign(d.db, campaignId);
  // Refused before the first byte (404 for a campaign the reader has nothing in).
  await listTargets(d, actor, campaignId, { ...q, limit: 1 });
  return {
    fileName: `${campaign.name}-填报链接${q.state === 'sent' ? '（未填报）' : ''}.xlsx`,
    write: async (out: Writable) => {
      async function* pages(): AsyncGenerator<SurveyTarget[]> {
        for await (const rows of keysetPages(async (after, limit) => (await listTargets(d, actor, campaignId, { ...q, cursor: after, limit: limit + 1 })).items)) yield rows;
      }
      return writeListXlsx(d.db, out, {
        sheet: '填报链接', columns: COLUMNS, pages: pages(),
        beforeClose: (rows) => d.db.transaction().execute((tx) => recordAudit(tx, actor, {
          action: 'survey.export', entity: 'survey_campaign', entityId: campaignId, after: { filter: q, rows },
        })),
      });
    },
  };
}

