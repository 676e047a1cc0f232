import type { SurveyBulkResult, SurveyDecide, SurveyTargetDetail } from '../../contracts/survey.js';
import type { Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import type { CorrectableFact, FactValue } from '../../domain/ledger-corrections.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { decryptPii } from '../crypto/pii-cipher.js';
import { correctFactsIn } from '../enterprise/enterprise-correct.service.js';
import { decideScope } from './survey.access.js';
import * as repo from './survey.repository.js';
import { getTarget, type SurveyDeps } from './survey-target.service.js';

/**
 * An officer of the enterprise's street (or the district) accepts or rejects proposed changes, per
 * field or all at once. Accepting writes the ledger through the one correction path (history with
 * source 'survey' and who accepted, audit, version checked) in the same transaction as the decision.
 */
type Decision = { accept: string[]; reject: string[]; note: string | null; enterpriseVersion: number | null; version: number | null };

async function decideIn(tx: Executor, d: SurveyDeps, actor: Actor, campaignId: string, targetId: string, x: Decision): Promise<number> {
  const t = await repo.findTarget(tx, targetId, [decideScope(actor)], true);
  if (!t || String(t.campaign_id) !== campaignId) throw notFound('填报企业');
  if (x.version !== null && t.version !== x.version) throw new AppError('VERSION_CONFLICT', '该企业的填报已被他人处理，请重新加载');
  const answers = await repo.listAnswers(tx, targetId);
  const proposed = new Map(answers.filter((a) => a.state === 'proposed').map((a) => [String(a.id), a]));
  const unknown = [...x.accept, ...x.reject].filter((id) => !proposed.has(id));
  if (unknown.length) {
    throw new AppError('CONFLICT', '所选的变更已处理或不属于该企业，请重新加载', unknown.map((id) => ({ field: 'accept', code: 'NOT_PROPOSED', message: `变更 ${id} 不是待处理状态` })));
  }
  const both = x.accept.filter((id) => x.reject.includes(id));
  if (both.length) throw new AppError('VALIDATION_FAILED', '同一项不能既采纳又不采纳', [{ field: 'reject', code: 'BOTH', message: '同一项不能既采纳又不采纳' }]);
  const values: Partial<Record<CorrectableFact, FactValue>> = {};
  for (const id of x.accept) {
    const a = proposed.get(id)!;
    values[a.fact as CorrectableFact] = a.value_enc ? decryptPii(d.keyring(), a.value_enc) : (a.new_value as FactValue);
  }
  if (x.accept.length) {
    await correctFactsIn(tx, d.keyring, actor, {
      enterpriseId: String(t.enterprise_id), version: x.enterpriseVersion ?? t.enterprise_version, values, source: 'survey',
      reason: x.note, campaignId: String(t.campaign_id),
    });
  }
  await repo.decideAnswers(tx, x.accept, 'accepted', actor.userId, x.note);
  await repo.decideAnswers(tx, x.reject, 'rejected', actor.userId, x.note);
  const left = proposed.size - x.accept.length - x.reject.length;
  await repo.updateTarget(tx, targetId, left === 0 ? { state: 'reviewed' } : {});
  await recordAudit(tx, actor, {
    action: 'survey.decide', entity: 'survey_target', entityId: targetId,
    after: { enterpriseId: String(t.enterprise_id), accepted: x.accept.length, rejected: x.reject.length, pending: left },
  });
  return x.accept.length;
}

export async function decideTarget(d: SurveyDeps, actor: Actor, campaignId: string, targetId: string, input: SurveyDecide): Promise<SurveyTargetDetail> {
  decideScope(actor);
  await d.db.transaction().execute((tx) => decideIn(tx, d, actor, campaignId, targetId, {
    accept: input.accept, reject: input.reject, note: input.note ?? null, enterpriseVersion: input.enterpriseVersion, version: input.version,
  }));
  return getTarget(d, actor, campaignId, targetId);
}

/**
 * 批量采纳: every proposed change of each chosen enterprise, each enterprise in its own transaction
 * at the version it has now (the officer chose them from the list); one that fails is named, not hidden.
 */
export async function acceptMany(d: SurveyDeps, actor: Actor, campaignId: string, targetIds: string[]): Promise<SurveyBulkResult> {
  const scope = decideScope(actor);
  const result: SurveyBulkResult = { accepted: 0, skipped: [] };
  for (const targetId of [...new Set(targetIds)]) {
    const t = await repo.findTarget(d.db, targetId, [scope]);
    if (!t || String(t.campaign_id) !== campaignId) {
      result.skipped.push({ targetId, enterpriseName: '', reason: '不在本次排查摸底或不在您的管辖范围内' });
      continue;
    }
    try {
      await d.db.transaction().execute(async (tx) => {
        const ids = (await repo.listAnswers(tx, targetId)).filter((a) => a.state === 'proposed').map((a) => String(a.id));
        if (!ids.length) throw new AppError('CONFLICT', '没有待处理的变更');
        result.accepted += await decideIn(tx, d, actor, campaignId, targetId, { accept: ids, reject: [], note: null, enterpriseVersion: null, version: null });
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      result.skipped.push({ targetId, enterpriseName: t.enterprise_name, reason: err.message });
    }
  }
  return result;
}
