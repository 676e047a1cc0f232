import type { PartyPerson } from '../../contracts/mediation.js';
import type { Executor } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { maskIdNumber, maskPhone } from '../crypto/mask.js';
import { decryptPii } from '../crypto/pii-cipher.js';
import { requireVisiblePerson } from '../person/person.access.js';
import { checkPersonFacts, toPersonValues } from '../person/person-input.js';
import { personAuditView, toPersonOut } from '../person/person.mapper.js';
import { findPersonByIdNumberIndex, insertPerson } from '../person/person.repository.js';

/**
 * People of mediation (applicants, representatives, mediators) go through the person service's
 * pieces: an existing person must be visible to the caller; a new one is checked, sealed (ID and
 * phone numbers encrypted, blind-indexed) and registered at the body's place. A new entry whose ID
 * number is already registered links that person (as the imports do), so no one is registered twice.
 */
export async function resolvePerson(tx: Executor, keyring: Keyring, actor: Actor, p: PartyPerson, regionCode: string | null, field: string): Promise<string> {
  if ('personId' in p) return (await requireVisiblePerson(tx, actor, p.personId, `${field}.personId`)).id;
  let facts;
  try {
    facts = checkPersonFacts({ name: p.name, idNumber: p.idNumber || null, phone: p.phone || null, gender: null, birthDate: null });
  } catch (e) {
    if (e instanceof AppError) throw new AppError(e.code, e.message, (e.details ?? []).map((d) => ({ ...d, field: `${field}.${d.field ?? 'name'}` })));
    throw e;
  }
  const values = toPersonValues(keyring, facts);
  if (values.id_number_index) {
    const existing = await findPersonByIdNumberIndex(tx, values.id_number_index);
    if (existing) return existing.id;
  }
  const row = await insertPerson(tx, { ...values, region_code: regionCode });
  await recordAudit(tx, actor, { action: 'person.create', entity: 'person', entityId: row.id, after: personAuditView(toPersonOut(keyring, row, false)) });
  return row.id;
}

/** Masked for every view and document: nothing beside the mask rebuilds the number. */
export const maskedPhone = (keyring: Keyring, enc: string | null): string | null => (enc ? maskPhone(decryptPii(keyring, enc)) : null);
export const maskedId = (keyring: Keyring, enc: string | null): string | null => (enc ? maskIdNumber(decryptPii(keyring, enc)) : null);
