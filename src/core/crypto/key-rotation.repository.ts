import type { Executor } from '../../db/schema.js';

/** Other ciphertext under the keyring besides `person`: TOTP seeds sealed by auth's secret box. */
export type SealedSecret = { id: string; totp_secret: string };

export async function totpSecretsNotUnder(db: Executor, current: string, afterId: string | null, limit: number): Promise<SealedSecret[]> {
  let q = db.selectFrom('app_user').select(['id', 'totp_secret'])
    .where('totp_secret', 'is not', null)
    .where('totp_secret', 'not like', `${escapeLike(current)}:%`)
    .orderBy('id', 'asc').limit(limit);
  if (afterId !== null) q = q.where('id', '>', afterId);
  return (await q.execute()) as SealedSecret[];
}

export async function setTotpSecret(tx: Executor, id: string, sealed: string): Promise<void> {
  await tx.updateTable('app_user').set({ totp_secret: sealed }).where('id', '=', id).execute();
}

export async function countTotpUnderKey(db: Executor, keyId: string): Promise<number> {
  const row = await db.selectFrom('app_user').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('totp_secret', 'like', `${escapeLike(keyId)}:%`).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** 亮身份 declarations keep the declared ID number and phone sealed until the street decides. */
export type SealedDeclaration = { id: string; id_number_enc: string; phone_enc: string | null };

const notUnder = (current: string) => `${escapeLike(current)}:%`;

export async function declarationsNotUnder(db: Executor, current: string, afterId: string | null, limit: number): Promise<SealedDeclaration[]> {
  let q = db.selectFrom('member_declaration').select(['id', 'id_number_enc', 'phone_enc'])
    .where((eb) => eb.or([eb('id_number_enc', 'not like', notUnder(current)), eb('phone_enc', 'not like', notUnder(current))]))
    .orderBy('id', 'asc').limit(limit);
  if (afterId !== null) q = q.where('id', '>', afterId);
  return (await q.execute()) as SealedDeclaration[];
}

export async function setDeclarationCiphertext(tx: Executor, id: string, v: { id_number_enc: string; phone_enc: string | null }): Promise<void> {
  await tx.updateTable('member_declaration').set(v).where('id', '=', id).execute();
}

export async function countDeclarationsUnderKey(db: Executor, keyId: string): Promise<number> {
  const row = await db.selectFrom('member_declaration').select((eb) => eb.fn.countAll<string>().as('n'))
    .where((eb) => eb.or([eb('id_number_enc', 'like', notUnder(keyId)), eb('phone_enc', 'like', notUnder(keyId))])).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * 扫码入会 applications keep the applicant's ID number and phone sealed until the union decides; an
 * accepted or rejected one stays sealed too (the officer's history shows it masked), so every row moves.
 */
export type SealedApplication = { id: string; id_number_enc: string; phone_enc: string };

export async function applicationsNotUnder(db: Executor, current: string, afterId: string | null, limit: number): Promise<SealedApplication[]> {
  let q = db.selectFrom('union_application').select(['id', 'id_number_enc', 'phone_enc'])
    .where((eb) => eb.or([eb('key_id', '<>', current), eb('id_number_enc', 'not like', notUnder(current)), eb('phone_enc', 'not like', notUnder(current))]))
    .orderBy('id', 'asc').limit(limit);
  if (afterId !== null) q = q.where('id', '>', afterId);
  return (await q.execute()) as SealedApplication[];
}

export async function setApplicationCiphertext(tx: Executor, id: string, v: { id_number_enc: string; phone_enc: string; key_id: string }): Promise<void> {
  await tx.updateTable('union_application').set(v).where('id', '=', id).execute();
}

export async function countApplicationsUnderKey(db: Executor, keyId: string): Promise<number> {
  const row = await db.selectFrom('union_application').select((eb) => eb.fn.countAll<string>().as('n'))
    .where((eb) => eb.or([eb('key_id', '=', keyId), eb('id_number_enc', 'like', notUnder(keyId)), eb('phone_enc', 'like', notUnder(keyId))])).executeTakeFirstOrThrow();
  return Number(row.n);
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
