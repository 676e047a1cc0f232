import { factValueText, type FactValue } from '../../domain/ledger-corrections.js';
import type { SurveyFact } from '../../domain/survey.js';
import type { Keyring } from '../crypto/keyring.js';
import { maskPhone } from '../crypto/mask.js';
import { decryptPii } from '../crypto/pii-cipher.js';
import type { EnterpriseFactsRow } from './survey.repository.js';

/**
 * The ledger's value of a mapped fact. 是否建立工会 is the enterprise's own report once one was
 * accepted, else what the union records say (a union covering it now).
 */
export function rawFactValue(keyring: () => Keyring, e: EnterpriseFactsRow, fact: string): FactValue {
  switch (fact as SurveyFact) {
    case 'employeeCount': return e.employee_count;
    case 'memberCount': return e.member_count;
    case 'unionReported': return e.union_reported ?? e.has_union_record;
    case 'contactName': return e.contact_name;
    case 'contactPhone': return e.contact_phone_enc ? decryptPii(keyring(), e.contact_phone_enc) : null;
    default: return null;
  }
}

/** As a page shows it: 是/否, the number, the phone masked; null when the ledger has nothing. */
export function currentFactValue(keyring: () => Keyring, e: EnterpriseFactsRow, fact: string): string | null {
  const v = rawFactValue(keyring, e, fact);
  if (v === null) return null;
  return fact === 'contactPhone' ? maskPhone(String(v)) : factValueText(fact as never, v);
}
