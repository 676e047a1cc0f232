import type { MemberCreate } from '../../contracts/member.js';
import type { Executor } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { personInScopeSql } from '../access/person-scope.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { checkPersonFacts, toPersonValues } from '../person/person-input.js';
import { requireVisiblePerson } from '../person/person.access.js';
import { personAuditView, toPersonOut } from '../person/person.mapper.js';
import { findPersonByIdNumberIndex, insertPerson } from '../person/person.repository.js';
import { findMembershipOfPerson } from './member.repository.js';

/**
 * The person a new membership is for (docs/members.md, "Adding a member"):
 * * `personId` — someone the caller can already see;
 * * else the full ID number, looked up through its blind index: a person the caller can see is
 *   taken as they are; one the caller cannot see gets the same answer the people route gives for a
 *   duplicate (registered elsewhere, no name, no id), so the form is no oracle for other streets;
 *   nobody yet — a new person, registered in the organisation's region, audited as person.create.
 * Either way a person already on a roll is refused (one membership per person).
 */
/** What the person is named by (a new membership, or a recruitment application: docs/recruitment.md). */
export type PersonNaming = Pick<MemberCreate, 'personId' | 'name' | 'idNumber' | 'phone' | 'ethnicity' | 'education' | 'orgId'>;

/**
 * `seen`: 'caller' (every registrar) — the person as the caller sees them; 'decided' — the approval
 * engine's last level (src/core/member/member-register.ts), whose decider need not see the person:
 * the one registered under the ID number is taken whoever registered them (the name must still match).
 */
export async function resolvePerson(tx: Executor, keyring: Keyring, actor: Actor, input: PersonNaming, seen: 'caller' | 'decided' = 'caller'): Promise<string> {
  const personId = input.personId
    ? (seen === 'caller' ? (await requireVisiblePerson(tx, actor, input.personId, 'personId')).id : input.personId)
    : await byIdNumber(tx, keyring, actor, input, seen);
  const existing = await findMembershipOfPerson(tx, personId);
  if (existing) {
    throw new AppError('CONFLICT', '该人员已登记为党员，每名党员只能在一个党组织（组织关系转接请由原党组织办理）',
      [{ field: input.personId ? 'personId' : 'idNumber', code: 'ALREADY_MEMBER', message: '已是党员' }]);
  }
  if (input.ethnicity !== undefined || input.education !== undefined) {
    await tx.updateTable('person').set({
      ...(input.ethnicity !== undefined ? { ethnicity: input.ethnicity } : {}), ...(input.education !== undefined ? { education: input.education } : {}),
    }).where('id', '=', personId).execute();
  }
  return personId;
}

async function byIdNumber(tx: Executor, keyring: Keyring, actor: Actor, input: PersonNaming, seen: 'caller' | 'decided'): Promise<string> {
  if (!input.idNumber) {
    throw new AppError('VALIDATION_FAILED', '请填写身份证号码（或选择已登记的人员）', [{ field: 'idNumber', code: 'REQUIRED', message: '请填写身份证号码' }]);
  }
  if (!input.name) throw new AppError('VALIDATION_FAILED', '请填写姓名', [{ field: 'name', code: 'REQUIRED', message: '请填写姓名' }]);
  const facts = checkPersonFacts({ name: input.name, idNumber: input.idNumber, phone: input.phone ?? null, gender: null, birthDate: null });
  const values = toPersonValues(keyring, facts);
  const found = values.id_number_index ? await findPersonByIdNumberIndex(tx, values.id_number_index) : undefined;
  if (found) {
    const visible = seen === 'decided'
      || !!(await tx.selectFrom('person as p').select('p.id').where('p.id', '=', found.id).where(personInScopeSql(actor, 'read')).executeTakeFirst());
    if (!visible) {
      throw new AppError('CONFLICT', '该身份证号码已在其他单位登记，请联系上级组织部门核实',
        [{ field: 'idNumber', code: 'duplicate', message: '身份证号码已登记' }]);
    }
    if (found.name !== facts.name) {
      throw new AppError('VALIDATION_FAILED', `该身份证号码已登记为“${found.name}”，与填写的姓名不一致`,
        [{ field: 'name', code: 'NAME_MISMATCH', message: `已登记姓名为${found.name}` }]);
    }
    return found.id;
  }
  const org = await tx.selectFrom('party_org').select('region_code').where('id', '=', input.orgId).executeTakeFirstOrThrow();
  const row = await insertPerson(tx, { ...values, region_code: org.region_code });
  await recordAudit(tx, actor, { action: 'person.create', entity: 'person', entityId: row.id, after: personAuditView(toPersonOut(keyring, row, false)) });
  return row.id;
}
