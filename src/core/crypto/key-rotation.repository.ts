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

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
