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
    birthDate: row.birth_date,
    idNumber: id === null ? null : reveal ? id : maskIdNumber(id),
    phone: phone === null ? null : reveal ? phone : maskPhone(phone),
    revealed: reveal,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** What the audit log keeps of a person: masked by recordAudit, never the ciphertext. */
export const personAuditView = (p: PersonOut) => ({
  name: p.name, gender: p.gender, birthDate: p.birthDate, idNumber: p.idNumber, phone: p.phone,
});
