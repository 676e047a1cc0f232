import type { PersonCreateBody, PersonListQuery, PersonOut, PersonSearchBody, PersonUpdateBody } from '../../contracts/person.js';
import type { Db } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import type { Action } from '../../domain/permissions.js';
import type { Actor } from '../access/actor.js';
import { holdsAction, requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { blindIndex, decryptPii } from '../crypto/pii-cipher.js';
import { checkPersonFacts, idNumberIndexOf, normalisePhone, toPersonValues, type PersonFacts } from './person-input.js';
import { personAuditView, toPersonOut } from './person.mapper.js';
import * as repo from './person.repository.js';

/**
 * People are shared by several modules (secretaries, instructors, members, union officers), so
 * reading them needs any of those modules' read actions and changing them any manage action. A
 * person is not tied to one enterprise yet, so there is no narrower scope (docs/security.md).
 */
const READ_ACTIONS: Action[] = ['org.read', 'union.read', 'instructor.read', 'user.read'];
const WRITE_ACTIONS: Action[] = ['org.manage', 'union.manage', 'instructor.manage'];

function requireAny(actor: Actor, actions: Action[]): void {
  const held = actions.find((a) => holdsAction(actor, a));
  requireAction(actor, held ?? actions[0]);
}

export type PersonDeps = { db: Db; keyring: Keyring };

export async function createPerson(d: PersonDeps, actor: Actor, body: PersonCreateBody): Promise<PersonOut> {
  requireAny(actor, WRITE_ACTIONS);
  const facts = checkPersonFacts({
    name: body.name, idNumber: body.idNumber ?? null, phone: body.phone ?? null, gender: body.gender ?? null, birthDate: body.birthDate ?? null,
  });
  return d.db.transaction().execute(async (tx) => {
    const values = toPersonValues(d.keyring, facts);
    await refuseDuplicate(tx, values.id_number_index, null);
    const row = await onDuplicate(repo.insertPerson(tx, values));
    const out = toPersonOut(d.keyring, row, false);
    await recordAudit(tx, actor, { action: 'person.create', entity: 'person', entityId: row.id, after: personAuditView(out) });
    return out;
  });
}

export async function updatePerson(d: PersonDeps, actor: Actor, id: string, body: PersonUpdateBody): Promise<PersonOut> {
  requireAny(actor, WRITE_ACTIONS);
  return d.db.transaction().execute(async (tx) => {
    const row = await repo.findPersonById(tx, id);
    if (!row) throw notFound('人员');
    const current = factsOf(d.keyring, row);
    const pick = <K extends keyof PersonFacts>(k: K): PersonFacts[K] => (body[k] === undefined ? current[k] : (body[k] ?? null) as PersonFacts[K]);
    const idChanged = body.idNumber !== undefined;
    const facts = checkPersonFacts({
      name: body.name ?? current.name, idNumber: pick('idNumber'), phone: pick('phone'),
      gender: idChanged || body.gender !== undefined ? (body.gender ?? null) : current.gender,
      birthDate: idChanged || body.birthDate !== undefined ? (body.birthDate ?? null) : current.birthDate,
    });
    const values = toPersonValues(d.keyring, facts);
    await refuseDuplicate(tx, values.id_number_index, id);
    const updated = await onDuplicate(repo.updatePersonRow(tx, id, body.version, values));
    if (!updated) throw new AppError('VERSION_CONFLICT', '该人员信息已被他人修改，请刷新后重试');
    const before = personAuditView(toPersonOut(d.keyring, row, false));
    const out = toPersonOut(d.keyring, updated, false);
    await recordAudit(tx, actor, { action: 'person.update', entity: 'person', entityId: id, before, after: personAuditView(out) });
    return out;
  });
}

/**
 * One person, masked; in clear only for an actor holding `pii.view` who asked for it, and then the
 * reveal is recorded (who saw whose personal data, when, from where) before the data leaves.
 */
export async function getPerson(d: PersonDeps, actor: Actor, id: string, reveal: boolean): Promise<PersonOut> {
  requireAny(actor, READ_ACTIONS);
  if (reveal) requireAction(actor, 'pii.view');
  const row = await repo.findPersonById(d.db, id);
  if (!row) throw notFound('人员');
  if (!reveal) return toPersonOut(d.keyring, row, false);
  const out = toPersonOut(d.keyring, row, true);
  await d.db.transaction().execute((tx) => recordAudit(tx, actor, {
    action: 'pii.view', entity: 'person', entityId: id, after: { fields: ['idNumber', 'phone'].filter((f) => out[f as 'idNumber' | 'phone'] !== null) },
  }));
  return out;
}

export async function listPeople(d: PersonDeps, actor: Actor, q: PersonListQuery & PersonSearchBody): Promise<{ items: PersonOut[]; nextCursor: string | null }> {
  requireAny(actor, READ_ACTIONS);
  const filter: repo.PersonListFilter = { namePrefix: q.name || undefined };
  if (q.idNumber) {
    const index = idNumberIndexOf(d.keyring, q.idNumber);
    if (!index) return { items: [], nextCursor: null };
    filter.idNumberIndex = index;
  }
  if (q.phone) filter.phoneIndex = blindIndex(d.keyring, 'phone', normalisePhone(q.phone));
  const rows = await repo.listPersonRows(d.db, filter, q.cursor ?? null, q.limit + 1);
  const items = rows.slice(0, q.limit).map((r) => toPersonOut(d.keyring, r, false));
  return { items, nextCursor: rows.length > q.limit ? items[items.length - 1].id : null };
}

/** For other modules (imports, appointments): the person with this ID number, if any. */
export async function findPersonIdByIdNumber(d: PersonDeps, idNumber: string): Promise<string | null> {
  const index = idNumberIndexOf(d.keyring, idNumber);
  return index ? ((await repo.findPersonByIdNumberIndex(d.db, index))?.id ?? null) : null;
}

async function refuseDuplicate(tx: Parameters<typeof repo.findPersonByIdNumberIndex>[0], index: string | null, selfId: string | null): Promise<void> {
  if (!index) return;
  const other = await repo.findPersonByIdNumberIndex(tx, index);
  if (other && other.id !== selfId) {
    throw new AppError('CONFLICT', `该身份证号码已登记（人员编号 ${other.id}：${other.name}）`,
      [{ field: 'idNumber', code: 'duplicate', message: `与人员编号 ${other.id} 重复` }]);
  }
}

/** A concurrent writer of the same ID number loses on the unique index: a 409, not a 500. */
async function onDuplicate<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if ((err as { code?: string }).code === '23505') {
      throw new AppError('CONFLICT', '该身份证号码已登记', [{ field: 'idNumber', code: 'duplicate', message: '重复' }]);
    }
    throw err;
  }
}

function factsOf(keyring: Keyring, row: repo.PersonRow): PersonFacts {
  return {
    name: row.name,
    idNumber: row.id_number_enc ? decryptPii(keyring, row.id_number_enc) : null,
    phone: row.phone_enc ? decryptPii(keyring, row.phone_enc) : null,
    gender: row.gender,
    birthDate: row.birth_date,
  };
}
