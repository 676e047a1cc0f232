import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../domain/errors.js';

/**
 * The SM4 keys for personal data and the HMAC key for blind indexes.
 * Source, in order: LX_KEYS (JSON in the environment), LX_KEY_FILE (a JSON file), or — on the
 * embedded engine only — DATA_DIR/keys.json, generated (mode 0600) on first start. The file format:
 * `{ "current": "k2", "keys": { "k1": "<32 hex>", "k2": "<32 hex>" }, "indexKey": "<64 hex>" }`.
 * Production keeps the key file apart from backups of the data (docs/security.md).
 */
export type KeyringFile = { current: string; keys: Record<string, string>; indexKey: string };
export type KeySource = 'env' | 'file' | 'generated';

export type Keyring = {
  current: string;
  keys: ReadonlyMap<string, Buffer>;
  indexKey: Buffer;
  source: KeySource;
  /** Where the keys live when they came from a file (rotation writes back there). */
  file: string | null;
};

export type KeyringSettings = { keys?: string; keyFile?: string; dataDir: string; engine: 'pglite' | 'postgres' };

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export function parseKeyring(text: string, source: KeySource, file: string | null): Keyring {
  let data: KeyringFile;
  try {
    data = JSON.parse(text) as KeyringFile;
  } catch {
    throw invalid('密钥配置不是有效的 JSON');
  }
  if (!data || typeof data !== 'object' || !data.keys || typeof data.keys !== 'object') throw invalid('密钥配置缺少 keys');
  const keys = new Map<string, Buffer>();
  for (const [id, hex] of Object.entries(data.keys)) {
    if (!KEY_ID.test(id)) throw invalid(`密钥编号 ${id} 不合法（仅字母、数字、_、-）`);
    if (typeof hex !== 'string' || !/^[0-9a-fA-F]{32}$/.test(hex)) throw invalid(`密钥 ${id} 应为 32 位十六进制（SM4 128 位）`);
    keys.set(id, Buffer.from(hex, 'hex'));
  }
  if (!keys.has(data.current)) throw invalid(`当前密钥 ${String(data.current)} 不在 keys 中`);
  if (typeof data.indexKey !== 'string' || !/^([0-9a-fA-F]{2}){16,64}$/.test(data.indexKey)) {
    throw invalid('indexKey 应为 32–128 位十六进制');
  }
  return { current: data.current, keys, indexKey: Buffer.from(data.indexKey, 'hex'), source, file };
}

export function serialiseKeyring(k: Keyring): string {
  const keys = Object.fromEntries([...k.keys].map(([id, buf]) => [id, buf.toString('hex')]));
  return JSON.stringify({ current: k.current, keys, indexKey: k.indexKey.toString('hex') }, null, 2) + '\n';
}

export const newKeyHex = (bytes = 16): string => crypto.randomBytes(bytes).toString('hex');

export function generateKeyringText(): string {
  return JSON.stringify({ current: 'k1', keys: { k1: newKeyHex() }, indexKey: newKeyHex(32) }, null, 2) + '\n';
}

/** Loads the keyring as configured; on the embedded engine creates DATA_DIR/keys.json the first time. */
export function loadKeyring(s: KeyringSettings, warn: (msg: string) => void = console.warn): Keyring {
  if (s.keys) return parseKeyring(s.keys, 'env', null);
  if (s.keyFile) return parseKeyring(readKeyFile(s.keyFile, warn), 'file', s.keyFile);
  if (s.engine !== 'pglite') {
    throw invalid('使用 PostgreSQL 时必须通过 LX_KEY_FILE 或 LX_KEYS 提供个人信息加密密钥');
  }
  const file = path.join(s.dataDir, 'keys.json');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(s.dataDir, { recursive: true });
    writeKeyFile(file, generateKeyringText());
    warn(`已生成个人信息加密密钥文件 ${file}（权限 0600）。生产环境请用 LX_KEY_FILE 把密钥放在数据目录之外，并与数据备份分开保管。`);
    return parseKeyring(fs.readFileSync(file, 'utf8'), 'generated', file);
  }
  return parseKeyring(readKeyFile(file, warn), 'generated', file);
}

/** Writes atomically with mode 0600: a crash never leaves a half-written key file. */
export function writeKeyFile(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

function readKeyFile(file: string, warn: (msg: string) => void): string {
  if (!fs.existsSync(file)) throw invalid(`密钥文件 ${file} 不存在`);
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077) warn(`密钥文件 ${file} 的权限为 ${mode.toString(8)}，建议改为 600（仅属主可读写）`);
  return fs.readFileSync(file, 'utf8');
}

const cache = new Map<string, { keyring: Keyring; mtimeMs: number }>();

const mtimeOf = (file: string | null): number => {
  try {
    return file ? fs.statSync(file).mtimeMs : 0;
  } catch {
    return -1;
  }
};

/**
 * The process's keyring for these settings, loaded once and reloaded when its key file changes:
 * a server left running during `liangxin keys rotate` (PostgreSQL) picks up the new current key
 * instead of writing on under the old one.
 */
export function keyringFor(s: KeyringSettings): Keyring {
  const id = JSON.stringify([s.keys ? crypto.createHash('sm3').update(s.keys).digest('hex') : '', s.keyFile, s.dataDir, s.engine]);
  const hit = cache.get(id);
  if (hit && mtimeOf(hit.keyring.file) === hit.mtimeMs) return hit.keyring;
  const keyring = loadKeyring(s);
  cache.set(id, { keyring, mtimeMs: mtimeOf(keyring.file) });
  return keyring;
}

/** Forget cached keyrings (after a rotation rewrote the key file). */
export const clearKeyringCache = (): void => cache.clear();

function invalid(message: string): AppError {
  return new AppError('KEYRING_INVALID', message);
}

/** The keyring settings of a running process: LX_KEYS from the environment, LX_KEY_FILE via config. */
export const keyringSettings = (
  config: { keyFile?: string; dataDir: string }, engine: 'pglite' | 'postgres', env: NodeJS.ProcessEnv = process.env,
): KeyringSettings => ({ keys: env.LX_KEYS || undefined, keyFile: config.keyFile, dataDir: config.dataDir, engine });
