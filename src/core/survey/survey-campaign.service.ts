import type { SurveyCampaign, SurveyCampaignPage, SurveyCreate, SurveyProgress } from '../../contracts/survey.js';
import type { Db } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import { todayInChina } from '../../domain/org-terms.js';
import { checkFields, type SurveyField } from '../../domain/survey.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { ensureFresh } from '../coverage/coverage-refresh.js';
import { toCampaign } from './survey.mapper.js';
import { managePrefixes, managesPrefix, manageScope, readScopes } from './survey.access.js';
import * as repo from './survey.repository.js';
import { cancelSurveyTasks, openSurveyTasks } from './survey-tasks.js';

/** Campaigns: design (with its targets fixed at once), list, read, close, progress by street. */
const invalid = (field: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ field, code: 'INVALID', message }]);

export async function createCampaign(db: Db, actor: Actor, input: SurveyCreate): Promise<SurveyCampaign> {
  const scope = manageScope(actor);
  const { filter } = input;
  if (!scope.all && !scope.regionPrefixes.some((p) => filter.regionPrefix.startsWith(p))) {
    throw new AppError('OUT_OF_SCOPE', `区划 ${filter.regionPrefix} 不在您的管辖范围内`, [{ field: 'filter.regionPrefix', code: 'OUT_OF_SCOPE', message: '不在管辖范围内' }]);
  }
  if (input.closesOn < todayInChina()) throw invalid('closesOn', '截止日期不能早于今天');
  const fields: SurveyField[] = input.fields.map((f) => ({ ...f, required: f.required ?? false, fact: f.fact ?? null }));
  const problems = checkFields(fields);
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems.map((p) => p.message).join('；'), problems.map((p) => ({ ...p, code: 'INVALID' })));
  if (filter.coverageStatus) await ensureFresh(db);
  const created = await db.transaction().execute(async (tx) => {
    const row = await repo.insertCampaign(tx, {
      name: input.name, regionPrefix: filter.regionPrefix, intro: input.intro ?? null, fields, filter, closesOn: input.closesOn, createdBy: actor.userId,
    });
    const targets = await repo.insertTargets(tx, String(row.id), scope, filter);
    if (!targets) throw invalid('filter', '没有符合条件的在营企业，请调整筛选条件');
    await openSurveyTasks(tx, actor, { id: String(row.id), name: input.name, closesOn: input.closesOn });
    await recordAudit(tx, actor, { action: 'survey.create', entity: 'survey_campaign', entityId: String(row.id), after: { name: input.name, filter, targets, fields: fields.length } });
    return row;
  });
  return getCampaign(db, actor, String(created.id));
}

export async function listCampaigns(db: Db, actor: Actor): Promise<SurveyCampaignPage> {
  const scopes = readScopes(actor);
  const rows = await repo.listCampaigns(db, scopes, managePrefixes(actor));
  // A campaign shows to those who designed it (their area) or who have an enterprise in it.
  const items = rows.filter((r) => r.manageable || r.sent > 0).map((r) => toCampaign(r, {
    sent: r.sent, answered: r.answered, reviewed: r.reviewed, accepted: r.accepted,
  }, Boolean(r.manageable)));
  return { items, total: items.length };
}

export async function getCampaign(db: Db, actor: Actor, id: string): Promise<SurveyCampaign> {
  const found = (await listCampaigns(db, actor)).items.find((c) => c.id === id);
  if (!found) throw notFound('排查摸底');
  return found;
}

/** 结束填报: every link stops working at once; answers already in stay to be decided. */
export async function closeCampaign(db: Db, actor: Actor, id: string, version: number): Promise<SurveyCampaign> {
  manageScope(actor);
  await db.transaction().execute(async (tx) => {
    const row = await repo.findCampaign(tx, id);
    if (!row || !managesPrefix(actor, row.region_prefix)) throw notFound('排查摸底');
    if (row.status === 'closed') throw new AppError('CONFLICT', '该排查摸底已结束填报');
    const next = await repo.setCampaignStatus(tx, id, version, 'closed');
    if (!next) throw new AppError('VERSION_CONFLICT', '该排查摸底已被他人修改，请重新加载');
    await cancelSurveyTasks(tx, actor, id);
    await recordAudit(tx, actor, { action: 'survey.close', entity: 'survey_campaign', entityId: id, after: { status: 'closed' } });
  });
  return getCampaign(db, actor, id);
}

/** Sent / answered / accepted per street of the enterprises the reader sees, with 合计. */
export async function campaignProgress(db: Db, actor: Actor, id: string): Promise<SurveyProgress> {
  await getCampaign(db, actor, id);
  const rows = (await repo.progressByStreet(db, id, readScopes(actor))).map((r) => ({
    streetCode: r.street_code, streetName: r.street_name ?? (r.street_code ? '（街道名称未登记）' : '未认定属地'),
    sent: r.sent, answered: r.answered, reviewed: r.reviewed, accepted: r.accepted,
  }));
  const sum = (k: 'sent' | 'answered' | 'reviewed' | 'accepted') => rows.reduce((n, r) => n + r[k], 0);
  return { rows, total: { streetCode: null, streetName: '合计', sent: sum('sent'), answered: sum('answered'), reviewed: sum('reviewed'), accepted: sum('accepted') } };
}

