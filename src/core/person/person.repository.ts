import type { RawBuilder, Selectable, SqlBool } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { PersonTable } from '../../db/tables/personal-data.js';

/** SQL for `person`. Values arrive already encrypted and indexed; nothing here sees clear text. */
export type PersonRow = Selectable<PersonTable>;

export type PersonValues = {
  name: string;
  gender: 'male' | 'female' | null;
  birth_date: string | null;
  id_number_enc: string | null;
  id_number_index: string | null;
  phone_enc: string | null;
  phone_index: string | null;
  key_id: string | null;
  region_code?: string | null;
};

export async function insertPerson(tx: Executor, v: PersonValues): Promise<PersonRow> {
  return tx.insertInto('person').values(v).returningAll().executeTakeFirstOrThrow();
}

/** Optimistic update: nothing happens when the version moved on (the service then says so). */
export async function updatePersonRow(tx: Executor, id: string, version: number, v: PersonValues): Promise<PersonRow | undefined> {
  return tx.updateTable('person')
    .set({ ...v, version: version + 1, updated_at: new Date() })
    .where('id', '=', id).where('version', '=', version)
    .returningAll().executeTakeFirst();
}

export async function findPersonById(db: Executor, id: string): Promise<PersonRow | undefined> {
  return db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPersonByIdNumberIndex(db: Executor, index: string): Promise<PersonRow | undefined> {
  return db.selectFrom('person').selectAll().where('id_number_index', '=', index).executeTakeFirst();
}

export type PersonListFilter = { namePrefix?: string; idNumberIndex?: string; phoneIndex?: string };

/** Newest first, keyset by id, limited to the people `visible` (alias `p`) lets the caller see. */
export async function listPersonRows(
  db: Executor, visible: RawBuilder<SqlBool>, f: PersonListFilter, beforeId: string | null, limit: number,
): Promise<PersonRow[]> {
  let q = db.selectFrom('person as p').selectAll('p').where(visible).orderBy('p.id', 'desc').limit(limit);
  if (beforeId !== null) q = q.where('p.id', '<', beforeId);
  if (f.namePrefix) q = q.where('p.name', 'like', `${f.namePrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.idNumberIndex) q = q.where('p.id_number_index', '=', f.idNumberIndex);
  if (f.phoneIndex) q = q.where('p.phone_index', '=', f.phoneIndex);
  return q.execute();
}

/** Rows with a value under a key other than `current`, in id order: what rotation re-encrypts. */
export async function personRowsNotUnder(db: Executor, current: string, afterId: string | null, limit: number): Promise<PersonRow[]> {
  let q = db.selectFrom('person').selectAll()
    .where('key_id', 'is not', null).where('key_id', '!=', current)
    .orderBy('id', 'asc').limit(limit);
  if (afterId !== null) q = q.where('id', '>', afterId);
  return q.execute();
}

export async function setPersonCiphertext(
  tx: Executor, id: string, v: { id_number_enc: string | null; phone_enc: string | null; key_id: string },
): Promise<void> {
  // version is left alone: re-encryption changes no fact, so an open edit form stays valid.
  await tx.updateTable('person').set(v).where('id', '=', id).execute();
}

export async function countPersonsByKey(db: Executor): Promise<Array<{ key_id: string | null; n: string }>> {
  const rows = await db.selectFrom('person').select(['key_id', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('key_id').execute();
  return rows.map((r) => ({ key_id: r.key_id, n: String(r.n) }));
}
