import type { Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { todayInChina } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { loadGrants } from '../auth/session.repository.js';
import type { Keyring } from '../crypto/keyring.js';
import { listInbox } from '../notice/notice.query.js';
import { inboxCounts, inboxPage } from '../task/inbox.service.js';
import { DIGEST_MAX_LINES, digestMessage } from './digest-content.js';
import { sendMail, type SmtpSettings } from './smtp-client.js';
import { clientSettings, readSmtp } from './smtp-settings.js';
import type { MailMessage } from './mime.js';

/**
 * `liangxin digest send [--dry-run] [--date D]` (docs/inbox.md, "每日摘要"): one message to every
 * enabled user with an e-mail address and open tasks or unread notices — what their own inbox shows
 * them, read as them. A day's digest goes to a person once (digest_sent); a dry run builds the
 * messages, sends and records nothing. One audit entry per run with the counts (no addresses).
 */
export type DigestRun = { date: string; dryRun: boolean; candidates: number; sent: number; alreadySent: number; failed: number; nothingToSay: number; failures: Array<{ userId: string; error: string }>; messages: MailMessage[] };

async function actorOfUser(db: Db, u: { id: string; username: string }): Promise<Actor> {
  return { kind: 'user', userId: u.id, username: u.username, ip: null, userAgent: null, grants: await loadGrants(db, u.id) };
}

async function digestFor(db: Db, u: { id: string; username: string; display_name: string; email: string }, date: string, inboxUrl: string): Promise<MailMessage | null> {
  const actor = await actorOfUser(db, u);
  const [counts, notices] = await Promise.all([inboxCounts(db, actor, undefined), listInbox(db, actor, { unread: 'true' })]);
  if (counts.views.role === 0 && notices.unread === 0) return null;
  const overdue = counts.views.overdue ? (await inboxPage(db, actor, { view: 'overdue', state: 'open', limit: DIGEST_MAX_LINES })).items : [];
  const open = overdue.length < DIGEST_MAX_LINES ? (await inboxPage(db, actor, { view: 'role', state: 'open', limit: DIGEST_MAX_LINES })).items.filter((t) => !t.overdue) : [];
  return digestMessage(u.email, { name: u.display_name, date, counts, tasks: [...overdue, ...open], notices: notices.items.slice(0, DIGEST_MAX_LINES), unread: notices.unread, inboxUrl });
}

export async function sendDigests(db: Db, actor: Actor, keyring: () => Keyring, opts: { date?: string; dryRun?: boolean }): Promise<DigestRun> {
  requireAction(actor, 'system.manage');
  const date = opts.date ?? todayInChina();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new AppError('VALIDATION_FAILED', '日期格式应为 YYYY-MM-DD', [{ field: 'date', code: 'BAD_DATE' }]);
  const settings = await readSmtp(db);
  if (!opts.dryRun && !settings.enabled) throw new AppError('CONFLICT', '邮件摘要未启用：请系统管理员先在“系统设置 › 邮件”中填写并启用 SMTP', [{ field: 'enabled', code: 'DIGEST_DISABLED' }]);
  const inboxUrl = `${settings.publicUrl || 'http://localhost:3000'}/inbox`;
  const users = await db.selectFrom('app_user').select(['id', 'username', 'display_name', 'email']).where('email', 'is not', null).where('disabled', '=', false).orderBy('id').execute();
  const sentBefore = new Set((await db.selectFrom('digest_sent').select('user_id').where('on_date', '=', date).execute()).map((r) => r.user_id));
  const run: DigestRun = { date, dryRun: !!opts.dryRun, candidates: users.length, sent: 0, alreadySent: 0, failed: 0, nothingToSay: 0, failures: [], messages: [] };
  const outgoing: Array<{ userId: string; m: MailMessage }> = [];
  for (const u of users) {
    if (sentBefore.has(u.id)) { run.alreadySent++; continue; }
    const m = await digestFor(db, { ...u, email: u.email! }, date, inboxUrl);
    if (!m) { run.nothingToSay++; continue; }
    outgoing.push({ userId: u.id, m });
  }
  run.messages = outgoing.map((o) => o.m);
  if (!opts.dryRun && outgoing.length) {
    const client: SmtpSettings = clientSettings(settings, keyring);
    const results = await sendMail(client, outgoing.map((o) => o.m)).catch(async (e: unknown) => {
      // The server could not be reached or refused the login: nothing was sent; the run is still on record.
      const reason = e instanceof Error ? e.message : String(e);
      await db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'digest.send', entity: 'digest', entityId: date, after: { candidates: run.candidates, messages: outgoing.length, sent: 0, error: reason } }));
      throw new AppError('CONFLICT', `邮件摘要未能发送：${reason}`, [{ field: 'host', code: 'SMTP_FAILED', message: reason }]);
    });
    results.forEach((r, i) => {
      if (r.ok) run.sent++;
      else { run.failed++; run.failures.push({ userId: outgoing[i]!.userId, error: r.error ?? '' }); }
    });
    const ok = outgoing.filter((_, i) => results[i]?.ok).map((o) => ({ user_id: o.userId, on_date: date }));
    if (ok.length) await db.insertInto('digest_sent').values(ok).onConflict((oc) => oc.columns(['user_id', 'on_date']).doNothing()).execute();
  }
  await db.transaction().execute((tx) => recordAudit(tx, actor, {
    action: opts.dryRun ? 'digest.preview' : 'digest.send', entity: 'digest', entityId: date,
    after: { candidates: run.candidates, sent: run.sent, failed: run.failed, alreadySent: run.alreadySent, nothingToSay: run.nothingToSay, messages: outgoing.length, failedUserIds: run.failures.map((f) => f.userId) },
  }));
  return run;
}
