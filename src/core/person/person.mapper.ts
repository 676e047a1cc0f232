import type { PersonOut } from '../../contracts/person.js';
import type { Keyring } from '../crypto/keyring.js';
import { maskIdNumber, maskPhone } from '../crypto/mask.js';
import { decryptPii } from '../crypto/pii-cipher.js';
import type { PersonRow } from './person.repository.js';

/** Row → contract. Masked unless `reveal` (the service decides that, and audits it). */
export function toPersonOut(keyring: Keyring, row: PersonRow, reveal: boolean): PersonOut {
  const id = row.id_number_enc ? decryptPii(keyring, row.id_number_enc) : null;
  const phone = row.phone_enc ? decryptPii(keyring, row.phone_enc) : null;
  return {
    id: row.id,
    name: row.name,
    gender: row.gender,
    // The 8 digits a masked ID number hides are the birth date: shown only with the number itself.
    birthDate: reveal ? row.birth_date : null,
    regionCode: row.region_code,
    idNumber: id === null ? null : reveal ? id : maskIdNumber(id),
    phone: phone === null ? null : reveal ? phone : maskPhone(phone),
    revealed: reveal,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** What the audit log keeps of a person: masked, never the ciphertext, never the birth date (it unmasks the ID number). */
export const personAuditView = (p: PersonOut) => ({
  name: p.name, gender: p.gender, idNumber: p.idNumber, phone: p.phone, regionCode: p.regionCode,
});
