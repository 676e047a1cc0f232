import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MyEmail, MyEmailInput, SmtpSettings, SmtpSettingsInput } from '../../contracts/digest.js';
import { keyringFor, keyringSettings } from '../../core/crypto/keyring.js';
import { getMyEmail, setMyEmail } from '../../core/digest/my-email.js';
import { getSmtpSettings, saveSmtpSettings } from '../../core/digest/smtp-settings.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../plugins/auth.js';
import { conflictResponse, withCurrent } from '../version-conflict.js';

/** The daily digest (docs/inbox.md, "每日摘要"): SMTP settings for the system administrator; each user's own address. */
export const digestRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const db = () => ctx.database.db;
  // The keyring loads on first use, so a server without keys still starts and only saving a password fails.
  const keyring = () => keyringFor(keyringSettings(ctx.config, ctx.database.engine));
  const tags = ['digest'];

  app.get('/api/settings/smtp', { schema: { tags, summary: '邮件摘要的 SMTP 设置（系统管理员；不返回密码）', response: { 200: SmtpSettings } } },
    async (request) => getSmtpSettings(db(), actorOf(request)));
  app.put('/api/settings/smtp', { schema: { tags, summary: '修改 SMTP 设置（密码加密保存；不填密码则保留原密码；乐观锁 version）', body: SmtpSettingsInput, response: { 200: SmtpSettings, ...conflictResponse(SmtpSettings) } } },
    async (request) => withCurrent(() => saveSmtpSettings(db(), actorOf(request), keyring, request.body), () => getSmtpSettings(db(), actorOf(request))));
  app.get('/api/me/email', { schema: { tags, summary: '我的电子邮箱（接收每日待办摘要）', response: { 200: MyEmail } } },
    async (request) => getMyEmail(db(), actorOf(request)));
  app.put('/api/me/email', { schema: { tags, summary: '设置我的电子邮箱（留空则不再接收摘要；乐观锁 version）', body: MyEmailInput, response: { 200: MyEmail, ...conflictResponse(MyEmail) } } },
    async (request) => withCurrent(() => setMyEmail(db(), actorOf(request), request.body), () => getMyEmail(db(), actorOf(request))));
};
