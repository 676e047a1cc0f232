import type { Command } from 'commander';
import { GrantInput, type UserView } from '../../contracts/user.js';
import { systemActor } from '../../core/access/actor.js';
import { generatePassword } from '../../core/auth/password.js';
// Loaded when a command runs, not at start (src/cli/context.ts).
const users = () => import('../../core/user/user.service.js');
import { AppError } from '../../domain/errors.js';
import { ROLES } from '../../domain/permissions.js';
import { withDatabase } from '../context.js';

type ScopeOpts = { role: string; allRegions?: boolean; region?: string[]; park?: string[]; association?: string[]; enterprise?: string[]; partyOrg?: string[] };

const actor = () => systemActor('cli');
const many = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

/** CLI options → the same GrantInput contract the API validates. */
function grantOf(o: ScopeOpts): GrantInput {
  const parsed = GrantInput.safeParse({
    role: o.role, allRegions: Boolean(o.allRegions), regionPrefixes: o.region ?? [], parkIds: o.park ?? [],
    associationIds: o.association ?? [], enterpriseIds: o.enterprise ?? [], partyOrgIds: o.partyOrg ?? [],
  });
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', '角色或范围不正确', parsed.error.issues.map((i) => ({ field: i.path.join('.'), code: i.code, message: i.message })));
  }
  return parsed.data;
}

function withScopeOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--role <role>', `角色：${ROLES.join(' | ')}`)
    .option('--all-regions', '全部区划（仅系统管理员可授予）')
    .option('--region <prefix>', '区划代码前缀，可重复或用逗号分隔', many)
    .option('--park <id>', '园区编号，可重复', many)
    .option('--association <id>', '行业协会（商会）编号，可重复', many)
    .option('--enterprise <id>', '企业编号，可重复', many)
    .option('--party-org <id>', '党组织编号（含下级），可重复', many);
}

function scopeText(r: UserView['roles'][number]): string {
  const parts = [
    r.allRegions ? '全部区划' : '', r.regionPrefixes.length ? `区划 ${r.regionPrefixes.map((p, i) => `${r.regionNames[i] ?? p}（${p}）`).join('，')}` : '',
    r.parkIds.length ? `园区 ${r.parkIds.join(',')}` : '', r.associationIds.length ? `协会 ${r.associationIds.join(',')}` : '',
    r.partyOrgIds.length ? `党组织 ${r.partyOrgIds.join(',')}` : '', r.enterpriseIds.length ? `企业 ${r.enterpriseIds.join(',')}` : '',
  ].filter(Boolean);
  return parts.join('；') || '本人';
}

function printUser(u: UserView, json: boolean): void {
  if (json) return console.log(JSON.stringify(u));
  const flags = [u.disabled ? '已停用' : '', u.mustChangePassword ? '须改密码' : '', u.totpEnabled ? '已绑定动态验证码' : '', u.lockedUntil ? '已锁定' : ''].filter(Boolean);
  console.log(`#${u.id} ${u.username}（${u.displayName}）${flags.length ? ' [' + flags.join('，') + ']' : ''}`);
  for (const r of u.roles) console.log(`    角色 #${r.id} ${r.roleLabel}：${scopeText(r)}`);
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('用户和角色管理（以系统身份执行，均记入审计）');

  user.command('list').description('列出用户').option('--q <text>', '按用户名或姓名筛选').option('--json', '输出 JSON')
    .action(async (o: { q?: string; json?: boolean }) => withDatabase(async ({ db }) => {
      const all: UserView[] = [];
      let cursor: string | undefined;
      do {
        const page = await (await users()).listUsers(db, actor(), { q: o.q, cursor, limit: 200 });
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      if (o.json) console.log(JSON.stringify(all));
      else for (const u of all) printUser(u, false);
    }));

  withScopeOptions(user.command('create <username>').description('新建用户（首次登录须修改密码）'))
    .requiredOption('--name <displayName>', '姓名').option('--password <password>', '初始密码（省略则随机生成并显示一次）').option('--json', '输出 JSON')
    .action(async (username: string, o: ScopeOpts & { name: string; password?: string; json?: boolean }) => withDatabase(async ({ db }) => {
      const password = o.password ?? generatePassword();
      const created = await (await users()).createUser(db, actor(), { username, displayName: o.name, password, roles: [grantOf(o)] });
      if (o.json) return console.log(JSON.stringify({ ...created, initialPassword: o.password ? undefined : password }));
      printUser(created, false);
      if (!o.password) console.log(`初始密码：${password}（只显示这一次；首次登录须修改）`);
    }));

  withScopeOptions(user.command('grant <username>').description('授予角色')).option('--json', '输出 JSON')
    .action(async (username: string, o: ScopeOpts & { json?: boolean }) => withDatabase(async ({ db }) => {
      printUser(await (await users()).grantRole(db, actor(), await (await users()).userIdByUsername(db, username), grantOf(o)), Boolean(o.json));
    }));

  user.command('revoke <username> <roleId>').description('撤销角色（角色编号见 user list）').option('--json', '输出 JSON')
    .action(async (username: string, roleId: string, o: { json?: boolean }) => withDatabase(async ({ db }) => {
      printUser(await (await users()).revokeRole(db, actor(), await (await users()).userIdByUsername(db, username), roleId), Boolean(o.json));
    }));

  user.command('reset-password <username>').description('重置密码（下次登录须修改；所有会话失效）')
    .option('--password <password>', '新密码（省略则随机生成并显示一次）').option('--reset-totp', '同时解除动态验证码绑定').option('--json', '输出 JSON')
    .action(async (username: string, o: { password?: string; resetTotp?: boolean; json?: boolean }) => withDatabase(async ({ db }) => {
      const password = o.password ?? generatePassword();
      const u = await (await users()).resetPassword(db, actor(), await (await users()).userIdByUsername(db, username), { password, resetTotp: Boolean(o.resetTotp) });
      if (o.json) return console.log(JSON.stringify({ ...u, newPassword: o.password ? undefined : password }));
      printUser(u, false);
      if (!o.password) console.log(`新密码：${password}（只显示这一次；登录后须修改）`);
    }));

  user.command('disable <username>').description('停用用户（所有会话失效）').option('--enable', '重新启用').option('--json', '输出 JSON')
    .action(async (username: string, o: { enable?: boolean; json?: boolean }) => withDatabase(async ({ db }) => {
      const id = await (await users()).userIdByUsername(db, username);
      const current = await (await users()).getUser(db, actor(), id);
      printUser(await (await users()).updateUser(db, actor(), id, { disabled: !o.enable, version: current.version }), Boolean(o.json));
    }));
}
