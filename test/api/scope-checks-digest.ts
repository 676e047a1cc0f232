import { call } from '../factories/world.js';
import type { Ctx, Op } from './scope-checks-read.js';
import { holds, same, type CheckResult } from './scope-oracle.js';

/**
 * 每日摘要 checks of the scope property test (docs/inbox.md, "每日摘要"): the SMTP settings are read
 * and changed only under 系统管理 (403 for everyone else, nothing written); 我的电子邮箱 is always the
 * caller's own — it shows their own address, a body naming another account is refused (400), and a
 * change touches their own account's row and no other (every account's address and version before
 * and after).
 */
const accounts = async (c: Ctx) =>
  (await c.database.db.selectFrom('app_user').select(['id', 'email', 'version']).orderBy('id').execute()).map((u) => `${u.id}:${u.email}:${u.version}`);
const smtpRow = async (c: Ctx) => (await c.database.db.selectFrom('app_setting').select('value').where('key', '=', 'smtp').executeTakeFirst())?.value ?? null;

export const digestScope: Op = async (c, user, a) => {
  const problems: string[] = [];
  const s = c.sessions[user];
  const admin = holds(c.world.users[user].grants, 'system.manage');
  const read = await call(c.app, s, 'GET', '/api/settings/smtp');
  same(problems, 'smtp read status', admin ? 200 : 403, read.statusCode);
  const smtpBefore = await smtpRow(c);
  // A stale version: an administrator gets past the gate (409), anyone else is refused before it.
  const version = read.statusCode === 200 ? (read.json() as { version: number }).version + 100 : 1;
  const write = await call(c.app, s, 'PUT', '/api/settings/smtp', { enabled: false, host: '', port: 587, tls: 'starttls', user: '', from: '', fromName: '范围', publicUrl: '', version });
  same(problems, 'smtp write status', admin ? 409 : 403, write.statusCode);
  same(problems, 'smtp nothing written', smtpBefore, await smtpRow(c));

  const me = c.world.users[user].id;
  const own = await c.database.db.selectFrom('app_user').select(['email', 'version']).where('id', '=', me).executeTakeFirstOrThrow();
  const got = await call(c.app, s, 'GET', '/api/me/email');
  same(problems, 'my email status', 200, got.statusCode);
  if (got.statusCode === 200) same(problems, 'my email', { email: own.email, version: own.version }, got.json());
  const others = Object.keys(c.world.users).filter((u) => u !== user);
  const other = c.world.users[others[a % others.length]!]!.id;
  const before = await accounts(c);
  const naming = await call(c.app, s, 'PUT', '/api/me/email', { email: `other${a}@example.cn`, version: own.version, userId: other });
  same(problems, 'another account refused', 400, naming.statusCode);
  same(problems, 'nothing written', before, await accounts(c));
  const email = `${user}.${a % 7}@example.cn`;
  const set = await call(c.app, s, 'PUT', '/api/me/email', { email, version: own.version });
  same(problems, 'my email write status', 200, set.statusCode);
  const changed = (await accounts(c)).filter((row) => !before.includes(row)).map((row) => row.split(':')[0]);
  same(problems, 'only my account written', set.statusCode === 200 ? [String(me)] : [], changed);
  return { op: 'digestScope', user, target: 'digest settings', problems } satisfies CheckResult;
};
