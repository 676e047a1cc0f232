#!/usr/bin/env node
/**
 * The PostgreSQL deployment of docs/deploy.md, drilled on loopback: a pg_auto_failover monitor and
 * two nodes (primary + streaming secondary, TLS with self-signed certificates), the least-privilege
 * roles (the application cannot change or remove audit history), the server on the formation's
 * multi-host URI with the secondary serving the coverage figures (its lag shown), then a failover
 * while writes keep coming: every write the server acknowledged is on the new primary, the audit
 * chain verifies, the server goes on serving. Run: `npm run -s drill:failover` (needs Debian's
 * postgresql-15-auto-failover and pg-auto-failover-cli; as root it runs PostgreSQL as `postgres`).
 * Exit code 0 = every check passed; each step prints one line.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PGBIN = fs.readdirSync('/usr/lib/postgresql').sort().reverse().map((v) => `/usr/lib/postgresql/${v}/bin`).find((d) => fs.existsSync(`${d}/pg_ctl`));
const AUTOCTL = ['/usr/bin/pg_autoctl', `${PGBIN}/pg_autoctl`].find((p) => fs.existsSync(p));
if (!PGBIN || !AUTOCTL) {
  console.error('需要 PostgreSQL 服务器和 pg_auto_failover：apt-get install postgresql-15 postgresql-15-auto-failover pg-auto-failover-cli');
  process.exit(2);
}
const asRoot = process.getuid?.() === 0;
const pgUser = asRoot ? { uid: Number(spawnSync('id', ['-u', 'postgres']).stdout), gid: Number(spawnSync('id', ['-g', 'postgres']).stdout) } : {};
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-failover-'));
fs.chmodSync(work, 0o755);
if (asRoot) fs.chownSync(work, pgUser.uid, pgUser.gid);
const base = Number(process.env.LX_DRILL_PORT ?? 21000 + Math.floor(Math.random() * 20000));
const [pMon, p1, p2, pApp] = [base, base + 1, base + 2, base + 3];
// HOME: libpq looks for client certificates under ~/.postgresql; as root, /root is not the postgres user's to read.
const pgEnv = { ...process.env, HOME: work, PATH: `${PGBIN}:${process.env.PATH}`, XDG_CONFIG_HOME: `${work}/config`, XDG_DATA_HOME: `${work}/data`, PGCONNECT_TIMEOUT: '5' };
const children = [];
const t0 = Date.now();
const step = (s) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${s}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function fail(message) {
  console.error(`演练失败：${message}`);
  cleanup();
  process.exit(1);
}

function cleanup() {
  for (const c of children.reverse()) { try { process.kill(-c.pid, 'SIGKILL'); } catch { /* gone */ } }
  for (const dir of ['n1', 'n2', 'monitor']) spawnSync(`${PGBIN}/pg_ctl`, ['-D', `${work}/${dir}`, 'stop', '-m', 'immediate'], { env: pgEnv, ...pgUser, stdio: 'ignore' });
  if (!process.env.LX_DRILL_KEEP) fs.rmSync(work, { recursive: true, force: true });
}
process.on('SIGINT', () => fail('被中断'));

function pg(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { env: pgEnv, ...pgUser, encoding: 'utf8', timeout: 120_000, ...opts });
  if (r.status !== 0 && !opts.allowFail) fail(`${path.basename(cmd)} ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
  return r;
}

function bg(name, cmd, args, env, user = pgUser) {
  const log = fs.openSync(`${work}/${name}.log`, 'a');
  const c = spawn(cmd, args, { env, ...user, detached: true, stdio: ['ignore', log, log] });
  children.push(c);
  return c;
}

const psql = (port, sqlText, { user = 'postgres', db = 'liangxin', allowFail = false } = {}) =>
  pg(`${PGBIN}/psql`, ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', db, '-c', sqlText], { allowFail });

function states() {
  const r = pg(AUTOCTL, ['show', 'state', '--pgdata', `${work}/monitor`, '--json'], { allowFail: true });
  try { return JSON.parse(r.stdout).map((n) => ({ port: n.nodeport, reported: n.current_group_state ?? n.reported_group_state, assigned: n.assigned_group_state })); } catch { return []; }
}

async function until(what, test, seconds) {
  for (const end = Date.now() + seconds * 1000; Date.now() < end; await sleep(1000)) if (await test()) return;
  fail(`${what}：${seconds} 秒内未达到（状态：${JSON.stringify(states())}）`);
}
const settled = (n) => n.reported === n.assigned;
const primaryPort = () => states().find((n) => n.reported === 'primary' && settled(n))?.port;

// --- 1. The formation: monitor, primary, secondary --------------------------------------------------
const common = ['--auth', 'trust', '--ssl-self-signed', '--hostname', '127.0.0.1', '--pgctl', `${PGBIN}/pg_ctl`];
pg(AUTOCTL, ['create', 'monitor', '--pgdata', `${work}/monitor`, '--pgport', String(pMon), ...common]);
bg('monitor', AUTOCTL, ['run', '--pgdata', `${work}/monitor`], pgEnv);
const monitorUri = `postgres://autoctl_node@127.0.0.1:${pMon}/pg_auto_failover?sslmode=require`;
await until('监控节点就绪', () => pg(`${PGBIN}/pg_isready`, ['-h', '127.0.0.1', '-p', String(pMon)], { allowFail: true }).status === 0, 60);
step(`monitor on ${pMon}`);
for (const [name, port] of [['n1', p1], ['n2', p2]]) {
  bg(name, AUTOCTL, ['create', 'postgres', '--pgdata', `${work}/${name}`, '--pgport', String(port), ...common, '--monitor', monitorUri, '--dbname', 'liangxin', '--run'], pgEnv);
  // The standby's base backup waits for a spread checkpoint on the primary (minutes); ask for it now.
  const nudge = name === 'n2' ? setInterval(() => psql(p1, 'CHECKPOINT', { db: 'postgres', allowFail: true }), 3000) : null;
  await until(`${name} 加入`, () => states().some((n) => n.port === port && settled(n) && ['single', 'primary', 'secondary'].includes(n.reported)), 180);
  if (nudge) clearInterval(nudge);
  step(`${name} on ${port}: ${states().find((n) => n.port === port).reported}`);
}
const uriText = pg(AUTOCTL, ['show', 'uri', '--pgdata', `${work}/monitor`, '--formation', 'default']).stdout.trim();
step(`formation URI ${uriText}`);

// --- 2. Least-privilege roles (docs/deploy.md "Roles") ------------------------------------------------
await until('主备就绪', () => primaryPort() !== undefined && states().some((n) => n.reported === 'secondary' && settled(n)), 120);
const primary = primaryPort();
psql(primary, "CREATE ROLE liangxin_app LOGIN PASSWORD 'drill-app-pw'; CREATE ROLE liangxin_audit NOLOGIN; ALTER DATABASE liangxin OWNER TO liangxin_app;");
const hostsOf = (ports) => ports.map((p) => `127.0.0.1:${p}`).join(',');
const appUrl = `postgres://liangxin_app:drill-app-pw@${hostsOf([p1, p2])}/liangxin?sslmode=require&target_session_attrs=read-write`;
const secondary = primary === p1 ? p2 : p1;
const readUrl = `postgres://liangxin_app:drill-app-pw@127.0.0.1:${secondary}/liangxin?sslmode=require`;
const appEnv = { ...process.env, DATABASE_URL: appUrl, LX_KEY_FILE: `${work}/keys.json`, DATA_DIR: `${work}/app-data`, LX_REGION_SCOPE: '330106' };
const cli = (args, allowFail = false) => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/liangxin.js'), ...args], { env: appEnv, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0 && !allowFail) fail(`liangxin ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
  return r;
};
cli(['db', 'migrate']);
psql(primary, fs.readFileSync(path.join(ROOT, 'docs/deploy/protect-audit.sql'), 'utf8'));
step('schema migrated by liangxin_app; audit tables handed to liangxin_audit');
for (const stmt of ['UPDATE audit_event SET action = action', 'DELETE FROM audit_event', 'TRUNCATE audit_event', 'ALTER TABLE audit_event ADD COLUMN x int', 'DELETE FROM audit_checkpoint']) {
  const r = psql(primary, stmt, { user: 'liangxin_app', allowFail: true });
  if (r.status === 0 || !/permission denied|must be owner/.test(r.stderr)) fail(`应用账号竟可执行：${stmt}（${r.stderr.trim()}）`);
}
step('liangxin_app cannot update, delete, truncate or alter the audit history');

// --- 3. The server on the multi-host URI, the secondary serving the figures --------------------------
const admin = { username: 'drill_admin', password: 'Drill-Pass-2026-a', next: 'Drill-Pass-2026-b' };
cli(['user', 'create', admin.username, '--name', '演练管理员', '--role', 'system_admin', '--all-regions', '--password', admin.password]);
cli(['user', 'grant', admin.username, '--role', 'org_admin', '--all-regions']);
const serverEnv = { ...appEnv, LX_READ_DATABASE_URL: readUrl, PORT: String(pApp), HOST: '127.0.0.1', LX_LOG_LEVEL: 'warn' };
bg('server', process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts')], serverEnv, {});
const api = `http://127.0.0.1:${pApp}`;
await until('服务启动', async () => (await fetch(`${api}/api/health`).catch(() => null))?.ok === true, 120);
let cookie = '';
let csrf = '';
async function call(method, url, body) {
  const res = await fetch(`${api}${url}`, {
    method, headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrf }, body: body ? JSON.stringify(body) : undefined,
  });
  const set = res.headers.get('set-cookie');
  if (set) cookie = set.split(';')[0];
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}
let r = await call('POST', '/api/auth/sign-in', { username: admin.username, password: admin.password });
csrf = r.json.csrfToken;
r = await call('POST', '/api/auth/change-password', { currentPassword: admin.password, newPassword: admin.next });
if (r.status !== 200) fail(`修改密码：${r.status} ${JSON.stringify(r.json)}`);
csrf = r.json.csrfToken;
// The region dictionary loads in the background after the first start; figures wait for it (503 meanwhile).
// The first call refreshes the precomputed figures on the primary (a write, the replica cannot); once
// that has replicated, the replica answers and says how far behind it is.
await until('副本提供覆盖统计', async () => (r = await call('GET', '/api/coverage/figures')).status === 200 && r.headers.get('x-data-lag-seconds') !== null, 120);
if (r.status !== 200 || r.headers.get('x-data-lag-seconds') === null || typeof r.json.replicaLagSeconds !== 'number') {
  fail(`副本未提供覆盖统计：${r.status} lag=${r.headers.get('x-data-lag-seconds')}`);
}
step(`coverage figures served by the secondary (lag ${r.json.replicaLagSeconds} s)`);

// --- 4. Failover under writes -------------------------------------------------------------------------
const acknowledged = [];
let failed = 0;
let writing = true;
const writer = (async () => {
  for (let i = 0; writing; i++) {
    const username = `drill_w${i}`;
    const res = await call('POST', '/api/users', { username, displayName: `演练写入${i}`, password: 'Drill-Writer-2026', roles: [{ role: 'member' }] }).catch(() => ({ status: 0 }));
    if (res.status === 201) acknowledged.push(username);
    else failed++;
    await sleep(100);
  }
})();
await sleep(3000);
const before = acknowledged.length;
const oldPrimary = primaryPort();
pg(AUTOCTL, ['perform', 'failover', '--pgdata', `${work}/monitor`, '--wait', '120']);
await until('新主库就绪', () => { const p = primaryPort(); return p !== undefined && p !== oldPrimary; }, 180);
const newPrimary = primaryPort();
step(`failover: primary ${oldPrimary} → ${newPrimary} (${before} writes before it)`);
await until('故障切换后写入恢复', () => acknowledged.length > before + 5, 120);
writing = false;
await writer;
step(`${acknowledged.length} writes acknowledged, ${failed} refused during the switch`);

// --- 5. Nothing acknowledged is lost; the chain verifies; the server still serves --------------------
await until('原主库作为备库重新加入', () => states().filter((n) => settled(n) && ['primary', 'secondary'].includes(n.reported)).length === 2, 180);
const present = new Set(psql(newPrimary, `SELECT username FROM app_user WHERE username LIKE 'drill\\_w%'`).stdout.split('\n').filter(Boolean));
const lost = acknowledged.filter((u) => !present.has(u));
if (lost.length) fail(`已确认的写入丢失：${lost.join(', ')}`);
step(`all ${acknowledged.length} acknowledged writes are on the new primary`);
const verify = cli(['audit', 'verify', '--json'], true);
if (verify.status !== 0) fail(`审计链校验失败：${verify.stdout}${verify.stderr}`);
step('audit chain verifies');
r = await call('GET', '/api/users?q=drill_w');
if (r.status !== 200) fail(`切换后服务异常：${r.status}`);
step(`server still serving after failover (${r.json.total ?? r.json.items?.length} users listed)`);
console.log(`\n故障切换演练通过（${((Date.now() - t0) / 1000).toFixed(0)} 秒）`);
cleanup();
process.exit(0);
