import type { PersonCreateBody, PersonListQuery, PersonOut, PersonSearchBody, PersonUpdateBody } from '../../contracts/person.js';
import type { Db } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { personInScopeSql } from '../access/person-scope.js';
import { holdsAction, requireAction } from '../access/require.js';
import { regionInScope, scopeFor, type Scope } from '../access/scope.js';
import type { Executor } from '../../db/schema.js';
import { requireManagedPerson, requirePeopleAction, requireVisiblePerson } from './person.access.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { blindIndex, decryptPii } from '../crypto/pii-cipher.js';
import { checkPersonFacts, idNumberIndexOf, normalisePhone, toPersonValues, type PersonFacts } from './person-input.js';
import { personAuditView, toPersonOut } from './person.mapper.js';
import * as repo from './person.repository.js';

export type PersonDeps = { db: Db; keyring: Keyring };

export async function createPerson(d: PersonDeps, actor: Actor, body: PersonCreateBody): Promise<PersonOut> {
  requirePeopleAction(actor, 'manage');
  const facts = checkPersonFacts({
    name: body.name, idNumber: body.idNumber ?? null, phone: body.phone ?? null, gender: body.gender ?? null, birthDate: body.birthDate ?? null,
  });
  return d.db.transaction().execute(async (tx) => {
    const values = { ...toPersonValues(d.keyring, facts), region_code: await registrationRegion(tx, actor, body.regionCode) };
    await refuseDuplicate(tx, actor, values.id_number_index, null);
    const row = await onDuplicate(repo.insertPerson(tx, values));
    const out = toPersonOut(d.keyring, row, false);
    await recordAudit(tx, actor, { action: 'person.create', entity: 'person', entityId: row.id, after: personAuditView(out) });
    return out;
  });
}

export async function updatePerson(d: PersonDeps, actor: Actor, id: string, body: PersonUpdateBody): Promise<PersonOut> {
  return d.db.transaction().execute(async (tx) => {
    const row = await requireManagedPerson(tx, actor, id);
    // A stale version is a conflict even when nothing differs: the writer never saw the current values.
    if (row.version !== body.version) throw new AppError('VERSION_CONFLICT', '该人员信息已被他人修改，请刷新后重试');
    const current = factsOf(d.keyring, row);
    const pick = <K extends keyof PersonFacts>(k: K): PersonFacts[K] => (body[k] === undefined ? current[k] : (body[k] ?? null) as PersonFacts[K]);
    const idChanged = body.idNumber !== undefined;
    const facts = checkPersonFacts({
      name: body.name ?? current.name, idNumber: pick('idNumber'), phone: pick('phone'),
      gender: idChanged || body.gender !== undefined ? (body.gender ?? null) : current.gender,
      birthDate: idChanged || body.birthDate !== undefined ? (body.birthDate ?? null) : current.birthDate,
    });
    const region = body.regionCode === undefined ? row.region_code : await registrationRegion(tx, actor, body.regionCode);
    const values = { ...toPersonValues(d.keyring, facts), region_code: region };
    await refuseDuplicate(tx, actor, values.id_number_index, id);
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
  if (reveal) requireAction(actor, 'pii.view');
  const row = await requireVisiblePerson(d.db, actor, id);
  if (!reveal) return toPersonOut(d.keyring, row, false);
  const out = toPersonOut(d.keyring, row, true);
  await d.db.transaction().execute((tx) => recordAudit(tx, actor, {
    action: 'pii.view', entity: 'person', entityId: id, after: { fields: ['idNumber', 'phone'].filter((f) => out[f as 'idNumber' | 'phone'] !== null) },
  }));
  return out;
}

export async function listPeople(d: PersonDeps, actor: Actor, q: PersonListQuery & PersonSearchBody): Promise<{ items: PersonOut[]; nextCursor: string | null }> {
  requirePeopleAction(actor, 'read');
  // A full-number lookup would otherwise tell anyone whether a person is in the system.
  if (q.idNumber || q.phone) requireAction(actor, 'pii.view');
  const filter: repo.PersonListFilter = { namePrefix: q.name || undefined };
  if (q.idNumber) {
    const index = idNumberIndexOf(d.keyring, q.idNumber);
    if (!index) return { items: [], nextCursor: null };
    filter.idNumberIndex = index;
  }
  if (q.phone) filter.phoneIndex = blindIndex(d.keyring, 'phone', normalisePhone(q.phone));
  const rows = await repo.listPersonRows(d.db, personInScopeSql(actor, 'read'), filter, q.cursor ?? null, q.limit + 1);
  const items = rows.slice(0, q.limit).map((r) => toPersonOut(d.keyring, r, false));
  return { items, nextCursor: rows.length > q.limit ? items[items.length - 1].id : null };
}

/**
 * For other modules' own transactions (a union member added by hand): the person with this ID number,
 * or a new one registered in `regionCode` (the record's place, which the caller manages). Checked
 * like createPerson (GB 11643, gender and birth date from the number) and audited as person.create.
 */
export async function findOrRegisterPersonIn(
  tx: Executor, keyring: Keyring, actor: Actor, input: { name: string; idNumber: string; phone: string | null; gender: 'male' | 'female' | null }, regionCode: string | null,
): Promise<{ row: repo.PersonRow; created: boolean }> {
  const facts = checkPersonFacts({ ...input, birthDate: null });
  const values = { ...toPersonValues(keyring, facts), region_code: regionCode };
  const existing = await repo.findPersonByIdNumberIndex(tx, values.id_number_index!);
  if (existing) return { row: existing, created: false };
  const row = await onDuplicate(repo.insertPerson(tx, values));
  await recordAudit(tx, actor, { action: 'person.create', entity: 'person', entityId: row.id, after: personAuditView(toPersonOut(keyring, row, false)) });
  return { row, created: true };
}

/** For other modules (imports, appointments): the person with this ID number, if any. */
export async function findPersonIdByIdNumber(d: PersonDeps, idNumber: string): Promise<string | null> {
  const index = idNumberIndexOf(d.keyring, idNumber);
  return index ? ((await repo.findPersonByIdNumberIndex(d.db, index))?.id ?? null) : null;
}

/** The existing person is named only to a caller who may see them; anyone else learns just "registered". */
async function refuseDuplicate(tx: Executor, actor: Actor, index: string | null, selfId: string | null): Promise<void> {
  if (!index) return;
  const other = await repo.findPersonByIdNumberIndex(tx, index);
  if (!other || other.id === selfId) return;
  const seen = await tx.selectFrom('person as p').select('p.id').where('p.id', '=', other.id).where(personInScopeSql(actor, 'read')).executeTakeFirst();
  if (seen) {
    throw new AppError('CONFLICT', `该身份证号码已登记（人员编号 ${other.id}：${other.name}）`,
      [{ field: 'idNumber', code: 'duplicate', message: `与人员编号 ${other.id} 重复` }]);
  }
  throw new AppError('CONFLICT', '该身份证号码已在其他单位登记，请联系上级组织部门核实',
    [{ field: 'idNumber', code: 'duplicate', message: '身份证号码已登记' }]);
}

/**
 * The registration region (登记区划) of a new or changed person: inside the caller's manage scope.
 * Left out, it is the caller's one region; an all-regions caller may leave it empty.
 */
async function registrationRegion(tx: Executor, actor: Actor, given: string | null | undefined): Promise<string | null> {
  const scopes: Scope[] = (['org.manage', 'union.manage', 'instructor.manage'] as const).filter((a) => holdsAction(actor, a)).map((a) => scopeFor(actor, a));
  const all = scopes.some((s) => s.all);
  const prefixes = [...new Set(scopes.flatMap((s) => s.regionPrefixes))];
  const code = given ?? (all ? null : prefixes.length === 1 ? prefixes[0].padEnd(12, '0') : undefined);
  if (code === undefined) {
    throw new AppError('VALIDATION_FAILED', '请选择人员的登记区划', [{ field: 'regionCode', code: 'REQUIRED', message: '请选择登记区划' }]);
  }
  if (code === null) return null;
  if (!all && !scopes.some((s) => regionInScope(s, code))) {
    throw new AppError('FORBIDDEN', '无权在该区划登记人员', [{ field: 'regionCode', code: 'OUT_OF_SCOPE', message: '区划不在您的管理范围内' }]);
  }
  if (!(await tx.selectFrom('region').select('code').where('code', '=', code).executeTakeFirst())) {
    throw new AppError('VALIDATION_FAILED', `区划代码 ${code} 不存在`, [{ field: 'regionCode', code: 'UNKNOWN_REGION', message: '区划代码不存在' }]);
  }
  return code;
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
