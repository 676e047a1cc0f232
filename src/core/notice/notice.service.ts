import type { Notice, NoticeInput, NoticeTarget, NoticeWithdrawInput } from '../../contracts/notice.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import { checkReplyForm } from '../../domain/notice.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { regionInScope, type Scope } from '../access/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { versionConflict } from '../party-org/party-org.access.js';
import { requirePublisherNotice } from './notice.access.js';
import { getNoticeIn } from './notice.query.js';
import * as repo from './notice.repository.js';
import { closeReplyTasks, openReplyTasks } from './notice-tasks.js';

/**
 * Writing, publishing and withdrawing notices (docs/notices.md). A notice starts as a draft (its
 * files are added then); publishing fixes the recipients — one row per organisation, from the target
 * as it stands that moment — and opens a reply task for each when the notice has a reply form.
 * Every write in one transaction, versioned, audited.
 */
const field = (f: string, code: string, message: string, status: 'VALIDATION_FAILED' | 'CONFLICT' | 'FORBIDDEN' = 'VALIDATION_FAILED') =>
  new AppError(status, message, [{ field: f, code, message }]);

/** The sending office: a region in the caller's notice.publish scope. */
async function office(tx: Executor, scope: Scope, code: string) {
  const region = await repo.regionOf(tx, code);
  if (!region) throw notFound('发文单位所在区划', 'publisherRegionCode');
  if (!regionInScope(scope, code)) throw field('publisherRegionCode', 'OUT_OF_SCOPE', '只能以本单位（您管辖的区县或街道）的名义发通知', 'FORBIDDEN');
  return region;
}

/** The organisations the target names, checked against the office: a picked one outside it is refused by row. */
async function addressees(tx: Executor, scope: Scope, publisherCode: string, target: NoticeTarget): Promise<repo.Addressee[]> {
  const pub = await repo.regionOf(tx, publisherCode);
  const prefix = pub!.prefix;
  if (target.mode === 'region') {
    let under = prefix;
    if (target.regionCode) {
      const r = await repo.regionOf(tx, target.regionCode);
      if (!r) throw notFound('区划', 'target.regionCode');
      if (!r.prefix.startsWith(prefix)) throw field('target.regionCode', 'OUTSIDE_OFFICE', '只能发给本单位辖区内的组织', 'FORBIDDEN');
      under = r.prefix;
    }
    return repo.addresseesUnder(tx, scope, target.kinds, under);
  }
  const ids = { party_org: [] as string[], union_org: [] as string[] };
  for (const o of target.orgs) ids[o.kind].push(o.id);
  const found = await repo.addresseesPicked(tx, scope, ids, prefix);
  const ok = new Set(found.map((a) => `${a.kind}:${a.id}`));
  target.orgs.forEach((o, i) => {
    if (!ok.has(`${o.kind}:${o.id}`)) throw field(`target.orgs[${i}].id`, 'NOT_ADDRESSABLE', '该组织不存在、已撤销或不在本单位辖区内（联建组织以其自身属地为准）');
  });
  return found;
}

const noRecipients = () => field('target', 'NO_RECIPIENTS', '按所选范围没有可接收的组织，请调整发送范围');
const auditOf = (r: repo.NoticeRow) => ({ title: r.title, publisherRegionCode: r.publisher_region_code, publisherName: r.publisher_name, deadline: r.deadline, askReceipt: r.ask_receipt, state: r.state, version: r.version });

export async function createNotice(db: Db, actor: Actor, input: NoticeInput): Promise<Notice> {
  const scope = requireAction(actor, 'notice.publish');
  const problems = checkReplyForm(input.replyForm);
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems[0].message, problems);
  if (input.deadline && input.deadline < today()) throw field('deadline', 'PAST_DEADLINE', '截止日期不能早于今天');
  return db.transaction().execute(async (tx) => {
    const region = await office(tx, scope, input.publisherRegionCode);
    if (!(await addressees(tx, scope, input.publisherRegionCode, input.target)).length) throw noRecipients();
    const row = await repo.insertNotice(tx, {
      title: input.title, body: input.body, publisher_region_code: input.publisherRegionCode, publisher_name: input.publisherName ?? region.name,
      deadline: input.deadline ?? null, ask_receipt: input.askReceipt, reply_form: JSON.stringify(input.replyForm), target: JSON.stringify(input.target), created_by: actor.userId,
    });
    await recordAudit(tx, actor, { action: 'notice.create', entity: 'notice', entityId: row.id, after: { ...auditOf(row), target: input.target, fields: input.replyForm.length } });
    return getNoticeIn(tx, actor, row.id);
  });
}

export async function publishNotice(db: Db, actor: Actor, id: string, version: number): Promise<Notice> {
  return db.transaction().execute(async (tx) => {
    const { scope } = await requirePublisherNotice(tx, actor, id);
    const before = await repo.lockNotice(tx, id);
    if (!before || before.version !== version) throw versionConflict();
    if (before.state !== 'draft') throw field('version', 'NOT_DRAFT', '该通知已发布或已撤回，不能再次发布', 'CONFLICT');
    if (before.deadline && before.deadline < today()) throw field('deadline', 'PAST_DEADLINE', '截止日期已过，请重新拟写通知');
    await office(tx, scope, before.publisher_region_code);
    const list = await addressees(tx, scope, before.publisher_region_code, before.target as NoticeTarget);
    if (!list.length) throw noRecipients();
    const after = await repo.setNotice(tx, id, version, { state: 'published', published_at: new Date(), published_by: actor.userId });
    if (!after) throw versionConflict();
    const recipients = await repo.insertRecipients(tx, id, list);
    if ((before.reply_form as unknown[]).length) await openReplyTasks(tx, actor, after, recipients);
    await recordAudit(tx, actor, { action: 'notice.publish', entity: 'notice', entityId: id, before: auditOf(before), after: { ...auditOf(after), recipients: recipients.length } });
    return getNoticeIn(tx, actor, id);
  });
}

/** Withdrawing keeps every copy and reply (the record stays); recipients no longer see it, its tasks close. */
export async function withdrawNotice(db: Db, actor: Actor, id: string, input: NoticeWithdrawInput): Promise<Notice> {
  return db.transaction().execute(async (tx) => {
    await requirePublisherNotice(tx, actor, id);
    const before = await repo.lockNotice(tx, id);
    if (!before || before.version !== input.version) throw versionConflict();
    if (before.state === 'withdrawn') throw field('version', 'ALREADY_WITHDRAWN', '该通知已撤回', 'CONFLICT');
    const after = await repo.setNotice(tx, id, input.version, { state: 'withdrawn', withdrawn_at: new Date(), withdrawn_by: actor.userId, withdraw_reason: input.reason });
    if (!after) throw versionConflict();
    await closeReplyTasks(tx, actor, await repo.recipientsOf(tx, id), 'withdrawn');
    await recordAudit(tx, actor, { action: 'notice.withdraw', entity: 'notice', entityId: id, before: auditOf(before), after: { ...auditOf(after), reason: input.reason } });
    return getNoticeIn(tx, actor, id);
  });
}
