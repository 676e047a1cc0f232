import type { Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import { countPersonsByKey, personRowsNotUnder, setPersonCiphertext } from '../person/person.repository.js';
import { clearKeyringCache, newKeyHex, serialiseKeyring, writeKeyFile, type Keyring } from './keyring.js';
import {
  applicationsNotUnder, countApplicationsUnderKey, countDeclarationsUnderKey, countTotpUnderKey, declarationsNotUnder,
  setApplicationCiphertext, setDeclarationCiphertext, setTotpSecret, totpSecretsNotUnder,
} from './key-rotation.repository.js';
import { decryptPii, encryptPii } from './pii-cipher.js';

export const ROTATE_BATCH = 500;

export type ReencryptResult = { current: string; people: number; totpSecrets: number; declarations: number; applications: number };

/**
 * Adds a new SM4 key, makes it current and writes the key file (atomically, 0600). Old keys stay,
 * so every value remains readable until `reencryptAll` has moved it and `retireKey` drops the old one.
 * Keys from LX_KEYS cannot be written back: the operator edits the variable and runs reencrypt.
 */
export function addKey(keyring: Keyring): Keyring {
  if (!keyring.file) {
    throw new AppError('KEYRING_INVALID', '密钥来自环境变量 LX_KEYS，无法自动轮换：请在 LX_KEYS 中加入新密钥并设为 current，然后运行 liangxin keys reencrypt');
  }
  let n = keyring.keys.size + 1;
  while (keyring.keys.has(`k${n}`)) n++;
  const id = `k${n}`;
  const next: Keyring = { ...keyring, current: id, keys: new Map([...keyring.keys, [id, Buffer.from(newKeyHex(), 'hex')]]) };
  writeKeyFile(keyring.file, serialiseKeyring(next));
  clearKeyringCache();
  return next;
}

/**
 * Re-encrypts every value not under the current key, in batches, each batch its own transaction
 * (a crash leaves a mix of old and new keys, all readable; running it again finishes the job).
 * One audit event records the whole pass.
 */
export async function reencryptAll(db: Db, actor: Actor, keyring: Keyring, onProgress?: (done: number) => void): Promise<ReencryptResult> {
  requireAction(actor, 'system.manage');
  const result: ReencryptResult = { current: keyring.current, people: 0, totpSecrets: 0, declarations: 0, applications: 0 };
  for (let after: string | null = null; ;) {
    const rows = await personRowsNotUnder(db, keyring.current, after, ROTATE_BATCH);
    if (!rows.length) break;
    await db.transaction().execute(async (tx) => {
      for (const r of rows) {
        const move = (enc: string | null) => (enc ? encryptPii(keyring, decryptPii(keyring, enc)) : null);
        await setPersonCiphertext(tx, r.id, { id_number_enc: move(r.id_number_enc), phone_enc: move(r.phone_enc), key_id: keyring.current });
      }
    });
    result.people += rows.length;
    after = rows[rows.length - 1].id;
    onProgress?.(result.people);
  }
  result.totpSecrets = await reencryptTotp(db, keyring);
  result.declarations = await reencryptDeclarations(db, keyring);
  result.applications = await reencryptApplications(db, keyring);
  await db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'keys.rotate', entity: 'keyring', entityId: keyring.current, after: result }));
  return result;
}

async function reencryptTotp(db: Db, keyring: Keyring): Promise<number> {
  let count = 0;
  for (let after: string | null = null; ;) {
    const rows = await totpSecretsNotUnder(db, keyring.current, after, ROTATE_BATCH);
    if (!rows.length) return count;
    await db.transaction().execute(async (tx) => {
      for (const r of rows) await setTotpSecret(tx, r.id, encryptPii(keyring, decryptPii(keyring, r.totp_secret)));
    });
    count += rows.length;
    after = rows[rows.length - 1].id;
  }
}

async function reencryptDeclarations(db: Db, keyring: Keyring): Promise<number> {
  let count = 0;
  const move = (enc: string) => encryptPii(keyring, decryptPii(keyring, enc));
  for (let after: string | null = null; ;) {
    const rows = await declarationsNotUnder(db, keyring.current, after, ROTATE_BATCH);
    if (!rows.length) return count;
    await db.transaction().execute(async (tx) => {
      for (const r of rows) await setDeclarationCiphertext(tx, r.id, { id_number_enc: move(r.id_number_enc), phone_enc: r.phone_enc ? move(r.phone_enc) : null });
    });
    count += rows.length;
    after = rows[rows.length - 1].id;
  }
}

async function reencryptApplications(db: Db, keyring: Keyring): Promise<number> {
  let count = 0;
  const move = (enc: string) => encryptPii(keyring, decryptPii(keyring, enc));
  for (let after: string | null = null; ;) {
    const rows = await applicationsNotUnder(db, keyring.current, after, ROTATE_BATCH);
    if (!rows.length) return count;
    await db.transaction().execute(async (tx) => {
      for (const r of rows) await setApplicationCiphertext(tx, r.id, { id_number_enc: move(r.id_number_enc), phone_enc: move(r.phone_enc), key_id: keyring.current });
    });
    count += rows.length;
    after = rows[rows.length - 1].id;
  }
}

/** Drops an old key from the key file once nothing is encrypted under it any more. */
export async function retireKey(db: Db, actor: Actor, keyring: Keyring, keyId: string): Promise<Keyring> {
  requireAction(actor, 'system.manage');
  if (!keyring.keys.has(keyId)) throw new AppError('NOT_FOUND', `密钥 ${keyId} 不存在`);
  if (keyId === keyring.current) throw new AppError('CONFLICT', `密钥 ${keyId} 是当前密钥，不能停用`);
  if (!keyring.file) throw new AppError('KEYRING_INVALID', '密钥来自环境变量 LX_KEYS：请直接从 LX_KEYS 中删除该密钥');
  const people = Number((await countPersonsByKey(db)).find((c) => c.key_id === keyId)?.n ?? 0);
  const totp = await countTotpUnderKey(db, keyId);
  const declarations = await countDeclarationsUnderKey(db, keyId);
  const applications = await countApplicationsUnderKey(db, keyId);
  if (people + totp + declarations + applications > 0) {
    throw new AppError('CONFLICT', `仍有 ${people} 条人员信息、${totp} 个动态验证码密钥、${declarations} 份亮身份申报、${applications} 份扫码入会申请使用密钥 ${keyId}，请先运行 liangxin keys reencrypt`);
  }
  const keys = new Map(keyring.keys);
  keys.delete(keyId);
  const next: Keyring = { ...keyring, keys };
  writeKeyFile(keyring.file, serialiseKeyring(next));
  clearKeyringCache();
  await db.transaction().execute((tx) => recordAudit(tx, actor, { action: 'keys.retire', entity: 'keyring', entityId: keyId }));
  return next;
}
