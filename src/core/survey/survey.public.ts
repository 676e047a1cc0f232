import type { PublicSurvey, PublicSurveyAnswer, PublicSurveyResult } from '../../contracts/survey.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { todayInChina } from '../../domain/org-terms.js';
import { checkAnswer, SURVEY_LIMITS, type SurveyField } from '../../domain/survey.js';
import { throttleWindow } from '../../domain/union-join.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { encryptPii, hmacSm3Hex } from '../crypto/pii-cipher.js';
import * as repo from './survey.repository.js';
import { linkInvalid, linkRevoked, readLink } from './survey-link.js';
import { currentFactValue, rawFactValue } from './survey-facts.js';
import { closeSurveyTask } from './survey-tasks.js';
import { shownValue } from './survey-target.service.js';

/**
 * The public answer page (/s/:token): no account, one enterprise per link. The link's signature and
 * expiry are checked first, then the database (the target, its campaign, the nonce, revocation, the
 * campaign still open). Answers are taken once; a new submission replaces them until an officer has
 * acted, then the form is locked. Every attempt counts against its address and its link.
 */
export type PublicDeps = { db: Db; keyring: () => Keyring };
export type Client = { ip: string | null; userAgent: string | null };

const publicActor = (c: Client): Actor => ({ kind: 'system', userId: null, username: '排查摸底填报', ip: c.ip, userAgent: c.userAgent, grants: [] });

async function openLink(db: Executor, keyring: () => Keyring, token: string) {
  const claims = readLink(keyring(), token);
  const t = await db.selectFrom('survey_target as t').innerJoin('survey_campaign as c', 'c.id', 't.campaign_id')
    .select(['t.id', 't.campaign_id', 't.enterprise_id', 't.link_nonce', 't.revoked_at', 't.state', 'c.name', 'c.intro', 'c.fields', 'c.closes_on', 'c.status'])
    .where('t.id', '=', claims.targetId).executeTakeFirst();
  // Another campaign's target under this campaign's id, or an old nonce: a link that was never issued as such.
  if (!t || String(t.campaign_id) !== claims.campaignId) throw linkInvalid();
  if (t.link_nonce !== claims.nonce || t.revoked_at) throw linkRevoked();
  if (t.status !== 'open') throw new AppError('NOT_FOUND', '本次排查摸底已结束填报', [{ code: 'LINK_CLOSED', message: '已结束填报' }]);
  return t;
}

export async function getPublicSurvey(d: PublicDeps, token: string): Promise<PublicSurvey> {
  const t = await openLink(d.db, d.keyring, token);
  const facts = await repo.enterpriseFacts(d.db, String(t.enterprise_id));
  const answers = await repo.listAnswers(d.db, String(t.id));
  const locked = answers.some((a) => a.state === 'accepted' || a.state === 'rejected');
  return {
    campaignName: t.name, intro: t.intro, enterpriseName: facts.name, closesOn: String(t.closes_on).slice(0, 10),
    fields: (t.fields as SurveyField[]).map((f) => {
      const a = answers.find((x) => x.field_key === f.key);
      return {
        key: f.key, label: f.label, type: f.type, required: f.required, options: f.options,
        current: f.fact ? currentFactValue(d.keyring, facts, f.fact) : null,
        answer: a ? shownValue(d.keyring, a.fact, a.new_value, a.value_enc) : null,
      };
    }),
    answered: t.state !== 'sent', locked,
  };
}

async function throttle(db: Db, actor: Actor, bucket: string, window: Date, limit: number, message: string): Promise<void> {
  const hits = await repo.bumpThrottle(db, bucket, window);
  if (hits === 1) await repo.pruneThrottle(db, new Date(window.getTime() - 2 * 86_400_000));
  if (hits <= limit) return;
  if (hits === limit + 1) await db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'survey.answer_throttled', entity: 'survey_target', after: { limit } }));
  throw new AppError('RATE_LIMITED', message, [{ code: 'RATE_LIMITED', message }]);
}

export async function answerSurvey(d: PublicDeps, token: string, body: PublicSurveyAnswer, client: Client, now = new Date()): Promise<PublicSurveyResult> {
  const actor = publicActor(client);
  const ip = hmacSm3Hex(d.keyring().indexKey, `survey-ip:${client.ip ?? ''}`);
  await throttle(d.db, actor, `ip:${ip}`, throttleWindow(now, 'hour'), SURVEY_LIMITS.perIpPerHour, '提交过于频繁，请一小时后再试');
  const first = await openLink(d.db, d.keyring, token);
  await throttle(d.db, actor, `t:${first.id}`, throttleWindow(now, 'day'), SURVEY_LIMITS.perLinkPerDay, '该链接今日提交次数已达上限，请明天再试');
  const fields = first.fields as SurveyField[];
  const today = todayInChina(now);
  const errors: { field: string; code: string; message: string }[] = [];
  for (const k of Object.keys(body.values)) if (!fields.some((f) => f.key === k)) errors.push({ field: `values.${k}`, code: 'UNKNOWN_FIELD', message: '表单中没有这一项' });
  const checked = fields.map((f) => ({ f, r: checkAnswer(f, body.values[f.key], today) }));
  for (const { f, r } of checked) if (!r.ok) errors.push({ field: `values.${f.key}`, code: 'INVALID', message: r.message });
  if (errors.length) throw new AppError('VALIDATION_FAILED', errors.map((e) => e.message).join('；'), errors);
  return d.db.transaction().execute(async (tx) => {
    const t = await openLink(tx, d.keyring, token);
    await tx.selectFrom('survey_target').select('id').where('id', '=', String(t.id)).forUpdate().execute();
    const previous = await repo.listAnswers(tx, String(t.id));
    if (previous.some((a) => a.state === 'accepted' || a.state === 'rejected')) {
      throw new AppError('CONFLICT', '街道（乡镇）已处理您单位的填报，如需更改请与街道（乡镇）工作人员联系');
    }
    const facts = await repo.enterpriseFacts(tx, String(t.enterprise_id));
    const k = d.keyring();
    const rows = checked.filter(({ r }) => r.ok && r.value !== null).map(({ f, r }) => {
      const value = (r as { value: string | number | boolean }).value;
      if (!f.fact) return { field_key: f.key, fact: null, old_value: null, new_value: value, old_enc: null, value_enc: null, key_id: null, state: 'info' as const };
      const old = rawFactValue(d.keyring, facts, f.fact);
      const personal = f.fact === 'contactPhone';
      return {
        field_key: f.key, fact: f.fact, old_value: personal ? null : old, new_value: personal ? null : value,
        old_enc: personal && old !== null ? encryptPii(k, String(old)) : null, value_enc: personal ? encryptPii(k, String(value)) : null,
        key_id: personal ? k.current : null, state: old === value ? 'same' as const : 'proposed' as const,
      };
    });
    const replaced = await repo.replaceAnswers(tx, String(t.id), rows);
    await repo.updateTarget(tx, String(t.id), { state: 'answered', answered_at: now, respondent: body.respondent?.trim() || null });
    await closeSurveyTask(tx, actor, String(t.id), 'survey.answer');
    await recordAudit(tx, actor, {
      action: 'survey.answer', entity: 'survey_target', entityId: String(t.id),
      after: { enterpriseId: String(t.enterprise_id), fields: rows.length, proposed: rows.filter((r) => r.state === 'proposed').length, replaced },
    });
    return {
      replaced,
      message: replaced ? '已更新填报内容。街道（乡镇）处理前，您仍可修改。' : '提交成功，感谢配合！街道（乡镇）核实后将更新企业信息；处理前您仍可通过本链接修改。',
    };
  });
}

