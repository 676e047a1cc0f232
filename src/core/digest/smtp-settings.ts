import type { SmtpSettings, SmtpSettingsInput } from '../../contracts/digest.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { holdsAction, requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { decryptPii, encryptPii } from '../crypto/pii-cipher.js';
import type { Keyring } from '../crypto/keyring.js';
import { versionConflict } from '../party-org/party-org.access.js';
import type { SmtpSettings as ClientSettings } from './smtp-client.js';

/**
 * The SMTP settings (docs/inbox.md, "每日摘要"): one `app_setting` row, kept by the system
 * administrator (system.manage), off by default. The password is sealed with the personal-data key
 * (SM4, src/core/crypto) and never returned, logged or audited — the audit records only whether one
 * is set.
 */
const KEY = 'smtp';
type Stored = Omit<SmtpSettings, 'hasPassword' | 'canChange'> & { passwordEnc: string | null };
const DEFAULTS: Stored = { enabled: false, host: '', port: 587, tls: 'starttls', user: '', passwordEnc: null, from: '', fromName: '两新党建与工会工作平台', publicUrl: '', version: 1 };

export async function readSmtp(db: Executor, lock = false): Promise<Stored> {
  let q = db.selectFrom('app_setting').select('value').where('key', '=', KEY);
  if (lock) q = q.forUpdate();
  const v = (await q.executeTakeFirst())?.value as Partial<Stored> | undefined;
  return { ...DEFAULTS, ...(v ?? {}) };
}

const view = (s: Stored, canChange: boolean): SmtpSettings => {
  const { passwordEnc, ...rest } = s;
  return { ...rest, hasPassword: passwordEnc !== null, canChange };
};
const auditView = (s: Stored) => ({ ...view(s, true), canChange: undefined });

export async function getSmtpSettings(db: Db, actor: Actor): Promise<SmtpSettings> {
  requireAction(actor, 'system.manage');
  return view(await readSmtp(db), holdsAction(actor, 'system.manage'));
}

const field = (f: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ field: f, code: 'REQUIRED', message }]);

export async function saveSmtpSettings(db: Db, actor: Actor, keyring: () => Keyring, input: SmtpSettingsInput): Promise<SmtpSettings> {
  requireAction(actor, 'system.manage');
  if (input.enabled) {
    if (!input.host) throw field('host', '启用邮件摘要须填写邮件服务器地址');
    if (!input.from) throw field('from', '启用邮件摘要须填写发件人地址');
    if (!input.publicUrl) throw field('publicUrl', '启用邮件摘要须填写平台访问地址（摘要中的待办链接）');
  }
  return db.transaction().execute(async (tx) => {
    const before = await readSmtp(tx, true);
    if (before.version !== input.version) throw versionConflict();
    const passwordEnc = input.password === undefined ? before.passwordEnc : input.password === '' ? null : encryptPii(keyring(), input.password);
    const after: Stored = {
      enabled: input.enabled, host: input.host, port: input.port, tls: input.tls, user: input.user, passwordEnc,
      from: input.from, fromName: input.fromName, publicUrl: input.publicUrl.replace(/\/+$/, ''), version: before.version + 1,
    };
    const json = JSON.stringify(after);
    await tx.insertInto('app_setting').values({ key: KEY, value: json }).onConflict((oc) => oc.column('key').doUpdateSet({ value: json })).execute();
    await recordAudit(tx, actor, { action: 'digest.settings', entity: 'app_setting', entityId: KEY, before: auditView(before), after: { ...auditView(after), passwordChanged: input.password !== undefined } });
    return view(after, true);
  });
}

/** What the client needs, the password opened only here. */
export const clientSettings = (s: Stored, keyring: () => Keyring): ClientSettings => ({
  host: s.host, port: s.port, tls: s.tls, user: s.user || null, password: s.passwordEnc ? decryptPii(keyring(), s.passwordEnc) : null,
  from: s.from, fromName: s.fromName,
});
