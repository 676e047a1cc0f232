import { sql, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { MemberTransferTable } from '../../db/tables/member-transfers.js';
import type { TransferListFilter } from '../../contracts/member-transfer.js';
import { asColumn, ownedInScope } from '../access/party-org-scope.js';
import type { Scope } from '../access/scope.js';
import { likeEscape } from '../party-org/party-org.repository.js';
import { NEXT_VERSION } from '../../db/versioned.js';

/**
 * SQL for member_transfer. A transfer is seen by the organisations at its two ends, each by its own
 * place (never through a link): `from_mine` / `to_mine` say which end is the reader's.
 */
export type TransferRow = Selectable<MemberTransferTable>;
export type TransferView = TransferRow & {
  member_name: string; id_number_enc: string | null; category: 'full' | 'probationary'; member_org_id: string;
  from_org_name: string | null; to_org_name: string | null; from_mine: boolean; to_mine: boolean;
  /** The end is the reader's under the manage scope (what revoking / deciding needs). */
  from_managed: boolean; to_managed: boolean;
};
/** The reader's two scopes: what they see (org.read) and what they manage (org.manage; null when not held). */
export type Scopes = { read: Scope; manage: Scope | null };

const fromMine = (scope: Scope) => sql<SqlBool>`EXISTS (SELECT 1 FROM party_org fo WHERE fo.id = t.from_org_id AND ${ownedInScope(scope, 'org', 'fo')})`;
const toMine = (scope: Scope) => sql<SqlBool>`EXISTS (SELECT 1 FROM party_org tor WHERE tor.id = t.to_org_id AND ${ownedInScope(scope, 'org', 'tor')})`;

const FALSE = sql<boolean>`FALSE`;
const viewOf = (db: Executor, scopes: Scopes) => db.selectFrom('member_transfer as t')
  .innerJoin('party_member as m', 'm.id', 't.member_id')
  .innerJoin('person as p', 'p.id', 'm.person_id')
  .leftJoin('party_org as f', 'f.id', 't.from_org_id')
  .leftJoin('party_org as r', 'r.id', 't.to_org_id')
  .selectAll('t')
  .select(['p.name as member_name', 'p.id_number_enc', 'm.category', 'm.org_id as member_org_id', 'f.name as from_org_name', 'r.name as to_org_name'])
  .select([asColumn(fromMine(scopes.read)).as('from_mine'), asColumn(toMine(scopes.read)).as('to_mine')])
  .select([
    (scopes.manage ? asColumn(fromMine(scopes.manage)) : FALSE).as('from_managed'),
    (scopes.manage ? asColumn(toMine(scopes.manage)) : FALSE).as('to_managed'),
  ]);

/** One transfer the scope sees at either end. */
export async function findTransfer(db: Executor, scopes: Scopes, id: string, scope = scopes.read): Promise<TransferView | undefined> {
  return viewOf(db, scopes).where('t.id', '=', id).where(sql<SqlBool>`(${fromMine(scope)} OR ${toMine(scope)})`)
    .executeTakeFirst() as Promise<TransferView | undefined>;
}

function filtered(db: Executor, scopes: Scopes, f: TransferListFilter, today: string) {
  const scope = scopes.read;
  let q = viewOf(db, scopes);
  if (f.box === 'out') q = q.where(fromMine(scope));
  else if (f.box === 'in') q = q.where(toMine(scope));
  else q = q.where(toMine(scope)).where('t.status', '=', 'issued').where((eb) => eb.or([eb('t.valid_until', 'is', null), eb('t.valid_until', '>=', today)]));
  if (f.status === 'expired') q = q.where((eb) => eb.or([eb('t.status', '=', 'expired'), eb.and([eb('t.status', '=', 'issued'), eb('t.valid_until', '<', today)])]));
  else if (f.status === 'issued') q = q.where('t.status', '=', 'issued').where((eb) => eb.or([eb('t.valid_until', 'is', null), eb('t.valid_until', '>=', today)]));
  else if (f.status) q = q.where('t.status', '=', f.status);
  if (f.q) q = q.where('p.name', 'like', `%${likeEscape(f.q)}%`);
  return q;
}

export async function listTransfers(db: Executor, scopes: Scopes, f: TransferListFilter, today: string, offset: number, limit: number): Promise<TransferView[]> {
  return filtered(db, scopes, f, today).orderBy('t.id', 'desc').offset(offset).limit(limit).execute() as Promise<TransferView[]>;
}

export async function countTransfers(db: Executor, scopes: Scopes, f: TransferListFilter, today: string): Promise<number> {
  const r = await filtered(db, scopes, f, today).clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Locks the transfer for a decision (FOR UPDATE), so two deciders cannot both win. */
export async function lockTransfer(tx: Executor, id: string): Promise<TransferRow | undefined> {
  return tx.selectFrom('member_transfer').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The member's waiting letter, if any (stored status; expiry is the caller's to judge). */
export async function findOpenTransfer(db: Executor, memberId: string): Promise<TransferRow | undefined> {
  return db.selectFrom('member_transfer').selectAll().where('member_id', '=', memberId).where('status', '=', 'issued').executeTakeFirst();
}

/** The member's latest transfer (for their own page). */
export async function findLatestTransfer(db: Executor, memberId: string) {
  return db.selectFrom('member_transfer as t').leftJoin('party_org as f', 'f.id', 't.from_org_id').leftJoin('party_org as r', 'r.id', 't.to_org_id')
    .selectAll('t').select(['f.name as from_org_name', 'r.name as to_org_name'])
    .where('t.member_id', '=', memberId).orderBy('t.id', 'desc').limit(1).executeTakeFirst();
}

/** Next letter number of the sending organisation in the year; the caller holds the organisation's row lock. */
export async function nextLetterSeq(tx: Executor, fromOrgId: string, year: number): Promise<number> {
  const r = await tx.selectFrom('member_transfer').select((eb) => eb.fn.max('letter_seq').as('m'))
    .where('from_org_id', '=', fromOrgId).where('letter_year', '=', year).executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

export async function insertTransfer(tx: Executor, values: Insertable<MemberTransferTable>): Promise<TransferRow> {
  return tx.insertInto('member_transfer').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Optimistic update: undefined when the stored version moved on. */
export async function updateTransfer(tx: Executor, id: string, version: number, set: Updateable<MemberTransferTable>): Promise<TransferRow | undefined> {
  return tx.updateTable('member_transfer').set({ ...set, ...NEXT_VERSION })
    .where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

/** Waiting letters past their last valid day (the daily sweep). */
export async function listOverdue(db: Executor, today: string, limit: number): Promise<TransferRow[]> {
  return db.selectFrom('member_transfer').selectAll().where('status', '=', 'issued').where('valid_until', '<', today).orderBy('id').limit(limit).execute();
}

/** Members on the roll of an organisation (for a whole-organisation move), locked. */
export async function lockOrgMembers(tx: Executor, orgId: string) {
  return tx.selectFrom('party_member as m').innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.id', 'm.version', 'p.name']).where('m.org_id', '=', orgId).where('m.status', '!=', 'left').orderBy('m.id').forUpdate().execute();
}

export async function lockMember(tx: Executor, id: string) {
  return tx.selectFrom('party_member').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** An organisation's place (whether a letter leaves the district compares the two ends'). */
export async function orgRegion(db: Executor, id: string): Promise<string | null> {
  return (await db.selectFrom('party_org').select('region_code').where('id', '=', id).executeTakeFirst())?.region_code ?? null;
}
