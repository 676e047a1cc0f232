import type { SurveyLink, SurveyTarget, SurveyTargetDetail, SurveyTargetPage, SurveyTargetQuery } from '../../contracts/survey.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import { factValueText, type FactValue } from '../../domain/ledger-corrections.js';
import { SURVEY_ANSWER_STATE_LABEL, type SurveyField } from '../../domain/survey.js';
import type { Actor } from '../access/actor.js';
import { holdsAction } from '../access/require.js';
import { enterpriseInScope, scopeFor } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { maskPhone } from '../crypto/mask.js';
import { decryptPii } from '../crypto/pii-cipher.js';
import { toTarget } from './survey.mapper.js';
import { decideScope, readScopes } from './survey.access.js';
import * as repo from './survey.repository.js';
import { expiryOf, linkPath, newNonce, signLink } from './survey-link.js';
import { currentFactValue } from './survey-facts.js';

/** A campaign's targets as an officer sees them: links, answers, per-field decisions. */
export type SurveyDeps = { db: Db; keyring: () => Keyring; baseUrl: string };

/** Whether the reader may decide this enterprise's answers (修改企业台账 over its own place). */
async function actionableIds(db: Executor, actor: Actor, enterpriseIds: string[]): Promise<Set<string>> {
  if (!enterpriseIds.length || !holdsAction(actor, 'enterprise.update')) return new Set();
  const rows = await db.selectFrom('enterprise as e').select('e.id').where('e.id', 'in', enterpriseIds)
    .where(enterpriseInScope(scopeFor(actor, 'enterprise.update'))).execute();
  return new Set(rows.map((r) => String(r.id)));
}

export function urlOf(d: Pick<SurveyDeps, 'keyring' | 'baseUrl'>, campaign: { status: string; closes_on: string }, t: repo.TargetRow): string | null {
  if (t.revoked_at || campaign.status !== 'open') return null;
  const token = signLink(d.keyring(), { targetId: String(t.id), campaignId: String(t.campaign_id), expiresAt: expiryOf(String(campaign.closes_on).slice(0, 10)), nonce: t.link_nonce });
  return `${d.baseUrl}${linkPath(token)}`;
}

export async function openCampaign(db: Executor, id: string) {
  const c = await repo.findCampaign(db, id);
  if (!c) throw notFound('排查摸底');
  return c;
}

export async function listTargets(d: SurveyDeps, actor: Actor, campaignId: string, q: SurveyTargetQuery): Promise<SurveyTargetPage> {
  const scopes = readScopes(actor);
  const campaign = await openCampaign(d.db, campaignId);
  const [rows, total] = await Promise.all([
    repo.listTargets(d.db, campaignId, scopes, { street: q.street, state: q.state, after: q.cursor, limit: q.limit + 1 }),
    repo.countTargets(d.db, campaignId, scopes, q),
  ]);
  if (!rows.length && !total && !(await visibleCampaign(d.db, campaignId, scopes))) throw notFound('排查摸底');
  const page = rows.slice(0, q.limit);
  const act = await actionableIds(d.db, actor, page.map((r) => String(r.enterprise_id)));
  return {
    items: page.map((r) => toTarget(r, urlOf(d, campaign, r), act.has(String(r.enterprise_id)))),
    total, nextCursor: rows.length > q.limit ? String(page.at(-1)!.id) : null,
  };
}

const visibleCampaign = async (db: Executor, id: string, scopes: ReturnType<typeof readScopes>) =>
  (await repo.countTargets(db, id, scopes, {})) > 0;

/** Shown as people read it; a phone masked. */
export function shownValue(keyring: () => Keyring, fact: string | null, json: unknown, enc: string | null): string | null {
  if (enc) return maskPhone(decryptPii(keyring(), enc));
  if (json === null || json === undefined) return null;
  return fact ? factValueText(fact as never, json as FactValue) : typeof json === 'boolean' ? (json ? '是' : '否') : String(json);
}

export async function getTarget(d: SurveyDeps, actor: Actor, campaignId: string, targetId: string): Promise<SurveyTargetDetail> {
  const scopes = readScopes(actor);
  const t = await repo.findTarget(d.db, targetId, scopes);
  if (!t || String(t.campaign_id) !== campaignId) throw notFound('填报企业');
  const campaign = await openCampaign(d.db, String(t.campaign_id));
  const fields = campaign.fields as SurveyField[];
  const facts = await repo.enterpriseFacts(d.db, String(t.enterprise_id));
  const answers = await repo.listAnswers(d.db, targetId);
  const act = await actionableIds(d.db, actor, [String(t.enterprise_id)]);
  const [listed] = await repo.listTargets(d.db, String(t.campaign_id), scopes, { ids: [targetId], limit: 1 });
  return {
    ...toTarget(listed ?? t, urlOf(d, campaign, t), act.has(String(t.enterprise_id))),
    campaignName: campaign.name,
    enterpriseVersion: facts.version,
    answers: answers.map((a) => {
      const field = fields.find((f) => f.key === a.field_key);
      // The ledger's value now (not when answered): a change made meanwhile is never hidden.
      const now = a.fact ? currentFactValue(d.keyring, facts, a.fact) : null;
      return {
        id: String(a.id), fieldKey: a.field_key, label: field?.label ?? a.field_key, fact: a.fact,
        oldValue: a.fact ? now : null, newValue: shownValue(d.keyring, a.fact, a.new_value, a.value_enc),
        state: a.state, stateLabel: SURVEY_ANSWER_STATE_LABEL[a.state], decidedBy: a.decided_by_name ?? null,
        decidedAt: a.decided_at ? new Date(a.decided_at).toISOString() : null,
      };
    }),
  };
}

/** 停用 / 重新生成 a link: either way the old link stops working at once. */
export async function changeLink(d: SurveyDeps, actor: Actor, campaignId: string, targetId: string, version: number, how: 'revoke' | 'renew'): Promise<SurveyLink> {
  const scope = decideScope(actor);
  const r = await d.db.transaction().execute(async (tx) => {
    const t = await repo.findTarget(tx, targetId, [scope], true);
    if (!t || String(t.campaign_id) !== campaignId) throw notFound('填报企业');
    if (t.version !== version) throw new AppError('VERSION_CONFLICT', '该企业的填报链接已被他人修改，请重新加载');
    const next = await repo.updateTarget(tx, targetId, how === 'revoke' ? { revoked_at: new Date() } : { revoked_at: null, link_nonce: newNonce() });
    // The link itself stays out of the log: it is the page's only key.
    await recordAudit(tx, actor, { action: how === 'revoke' ? 'survey.link_revoke' : 'survey.link_renew', entity: 'survey_target', entityId: targetId, after: { enterpriseId: String(t.enterprise_id) } });
    return next;
  });
  const t = await repo.findTarget(d.db, targetId, [scope]);
  const campaign = await openCampaign(d.db, String(t!.campaign_id));
  return { targetId, url: urlOf(d, campaign, t!), revoked: how === 'revoke', version: r.version };
}

export type { SurveyTarget };
