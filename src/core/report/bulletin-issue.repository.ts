import type { Executor } from '../../db/schema.js';

/**
 * SQL of the bulletin's issue (docs/bulletin.md), all in app_setting:
 * - `bulletin.issuer.<region>`: the office's settings {docPrefix, office, copyTo, printedBy, version};
 * - `bulletin.counter.<region>.<year>`: the last number given that year — the row the numbering
 *   locks, so two bulletins issued at once never get the same number and none is skipped;
 * - `bulletin.issued.<region>.<period>`: the issue of one month's bulletin (its number, date,
 *   header and 版记 as printed), so rendering it again prints the same document.
 */
export type IssuerRow = { docPrefix?: string; office?: string; copyTo?: string; printedBy?: string; version: number };
export type BulletinIssue = {
  docNumber: string; docPrefix: string; year: number; seq: number; issuedOn: string;
  office: string; mainTo: string; copyTo: string; printedBy: string;
};

const issuerKey = (region: string) => `bulletin.issuer.${region}`;
const counterKey = (region: string, year: number) => `bulletin.counter.${region}.${year}`;
const issuedKey = (region: string, period: string) => `bulletin.issued.${region}.${period}`;

async function read<T>(db: Executor, key: string, lock = false): Promise<T | undefined> {
  let q = db.selectFrom('app_setting').select('value').where('key', '=', key);
  if (lock) q = q.forUpdate();
  return (await q.executeTakeFirst())?.value as T | undefined;
}

async function upsert(db: Executor, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await db.insertInto('app_setting').values({ key, value: json }).onConflict((oc) => oc.column('key').doUpdateSet({ value: json })).execute();
}

export const readIssuer = (db: Executor, region: string, lock = false) => read<IssuerRow>(db, issuerKey(region), lock);
export const writeIssuer = (db: Executor, region: string, row: IssuerRow) => upsert(db, issuerKey(region), row);

/** Locks the year's counter for the region (creating it at 0) and returns the last number given. */
export async function lockCounter(tx: Executor, region: string, year: number): Promise<number> {
  await tx.insertInto('app_setting').values({ key: counterKey(region, year), value: JSON.stringify(0) })
    .onConflict((oc) => oc.column('key').doNothing()).execute();
  return Number(await read<number>(tx, counterKey(region, year), true));
}

export const setCounter = (tx: Executor, region: string, year: number, seq: number) => upsert(tx, counterKey(region, year), seq);
export async function counterValue(db: Executor, region: string, year: number): Promise<number> {
  return Number((await read<number>(db, counterKey(region, year))) ?? 0);
}

export const readIssue = (db: Executor, region: string, period: string) => read<BulletinIssue>(db, issuedKey(region, period));

/** Inserts the issue unless the month's bulletin already has one; false when it had. */
export async function insertIssue(tx: Executor, region: string, period: string, issue: BulletinIssue): Promise<boolean> {
  const r = await tx.insertInto('app_setting').values({ key: issuedKey(region, period), value: JSON.stringify(issue) })
    .onConflict((oc) => oc.column('key').doNothing()).returning('key').executeTakeFirst();
  return !!r;
}

/** The region's name chain from the top (grouping rows included; the caller leaves them out). */
export async function regionChain(db: Executor, code: string): Promise<Array<{ code: string; name: string; prefix: string }>> {
  const out: Array<{ code: string; name: string; prefix: string }> = [];
  let at: string | null = code;
  while (at && out.length < 6) {
    const row = await db.selectFrom('region').select(['code', 'name', 'prefix', 'parent_code']).where('code', '=', at).executeTakeFirst();
    if (!row) break;
    out.unshift({ code: row.code, name: row.name, prefix: row.prefix });
    at = row.parent_code;
  }
  return out;
}

export async function childNames(db: Executor, codes: string[]): Promise<Array<{ code: string; name: string; prefix: string }>> {
  if (!codes.length) return [];
  return db.selectFrom('region').select(['code', 'name', 'prefix']).where('parent_code', 'in', codes).orderBy('code').execute();
}
