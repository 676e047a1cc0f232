import type { CorrectionRequest } from '../../contracts/ledger-correction.js';
import type { EnterpriseDetail } from '../../contracts/enterprise.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import {
  CORRECTABLE_FACT_LABEL, isCorrectableFact, isImportFact, parseFactValue, type CorrectableFact, type FactValue,
} from '../../domain/ledger-corrections.js';
import type { Actor } from '../access/actor.js';
import { requireAction } from '../access/require.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Keyring } from '../crypto/keyring.js';
import { maskPhone } from '../crypto/mask.js';
import { decryptPii, encryptPii } from '../crypto/pii-cipher.js';
import { getEnterprise } from './enterprise.service.js';
import * as repo from './enterprise.repository.js';
import { FACT_COLUMN, insertCorrectionHistory, lockFacts, rememberCorrection, writeFacts, type LockedFacts } from './enterprise-correct.repository.js';

/**
 * Ledger corrections: a person sets facts of one enterprise, with history (source 'manual' with a
 * reason, or 'survey' when an officer accepts answers) and an audit entry in the same transaction,
 * at the version they read. Registration facts are remembered against the source's value so a later
 * import leaves them alone until the source itself changes (import-keep.repository.ts).
 */
export type CorrectionDeps = { db: Db; keyring: () => Keyring };

export type CorrectionIn = {
  enterpriseId: string;
  /** The enterprise version the person saw; a different one is 409 VERSION_CONFLICT. */
  version: number;
  values: Partial<Record<CorrectableFact, FactValue>>;
  source: 'manual' | 'survey';
  reason: string | null;
  campaignId?: string | null;
};

const stale = () => new AppError('VERSION_CONFLICT', '该企业台账已被他人修改，请重新加载后再更正');

/** The stored value of a fact in clear (the phone decrypted, for comparison only — never returned). */
export function storedValue(keyring: () => Keyring, row: LockedFacts, fact: CorrectableFact): FactValue {
  if (fact === 'contactPhone') return row.contact_phone_enc ? decryptPii(keyring(), row.contact_phone_enc) : null;
  return (row as Record<string, unknown>)[FACT_COLUMN[fact]] as FactValue;
}

/** History and audit show a phone masked, never in clear. */
const shown = (fact: CorrectableFact, v: FactValue): FactValue => (fact === 'contactPhone' && typeof v === 'string' ? maskPhone(v) : v);

/** Validates every value (all errors at once, each naming its field) before anything is written. */
export function parseValues(values: Record<string, unknown>): Partial<Record<CorrectableFact, FactValue>> {
  const out: Partial<Record<CorrectableFact, FactValue>> = {};
  const errors: { field: string; code: string; message: string }[] = [];
  for (const [fact, raw] of Object.entries(values)) {
    if (raw === undefined) continue;
    if (!isCorrectableFact(fact)) { errors.push({ field: fact, code: 'NOT_CORRECTABLE', message: '该项不能更正' }); continue; }
    const p = parseFactValue(fact, raw);
    if (p.ok) out[fact] = p.value;
    else errors.push({ field: fact, code: 'INVALID', message: p.message });
  }
  if (errors.length) throw new AppError('VALIDATION_FAILED', errors.map((e) => e.message).join('；'), errors);
  return out;
}

/** Inside the caller's transaction; answers the facts that really changed ({} when none did). */
export async function correctFactsIn(tx: Executor, keyring: () => Keyring, actor: Actor, c: CorrectionIn): Promise<Record<string, [FactValue, FactValue]>> {
  const row = await lockFacts(tx, c.enterpriseId);
  if (!row) throw notFound('企业');
  if (row.version !== c.version) throw stale();
  const set: Record<string, unknown> = {};
  const changes: Record<string, [FactValue, FactValue]> = {};
  for (const [fact, value] of Object.entries(c.values) as [CorrectableFact, FactValue][]) {
    const before = storedValue(keyring, row, fact);
    if (before === value) continue;
    changes[fact] = [shown(fact, before), shown(fact, value)];
    if (fact === 'contactPhone') {
      const k = keyring();
      Object.assign(set, { contact_phone_enc: value === null ? null : encryptPii(k, String(value)), contact_key_id: value === null ? null : k.current });
    } else set[FACT_COLUMN[fact]] = value;
    if (isImportFact(fact)) {
      await rememberCorrection(tx, { enterpriseId: c.enterpriseId, fact, source: c.source, importValue: before, actorId: actor.userId });
    }
  }
  if (!Object.keys(changes).length) return changes;
  await writeFacts(tx, c.enterpriseId, set);
  await insertCorrectionHistory(tx, {
    enterpriseId: c.enterpriseId, actorId: actor.userId, source: c.source, reason: c.reason, campaignId: c.campaignId ?? null, changes,
  });
  await recordAudit(tx, actor, {
    action: c.source === 'manual' ? 'enterprise.correct' : 'enterprise.survey_accept', entity: 'enterprise', entityId: c.enterpriseId,
    before: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[0]])),
    after: { ...Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[1]])), reason: c.reason, campaignId: c.campaignId ?? null },
  });
  return changes;
}

/** 人工更正: `enterprise.update` over the enterprise's own place; a reason is required. */
export async function correctEnterprise(deps: CorrectionDeps, actor: Actor, id: string, input: CorrectionRequest): Promise<EnterpriseDetail> {
  const scope = requireAction(actor, 'enterprise.update');
  const values = parseValues(input.values);
  if (!Object.keys(values).length) {
    throw new AppError('VALIDATION_FAILED', '请至少更正一项', [{ field: 'values', code: 'EMPTY', message: '请至少更正一项' }]);
  }
  await deps.db.transaction().execute(async (tx) => {
    if (!(await repo.findEnterprise(tx, scope, id))) throw notFound('企业');
    const changes = await correctFactsIn(tx, deps.keyring, actor, { enterpriseId: id, version: input.version, values, source: 'manual', reason: input.reason });
    if (!Object.keys(changes).length) {
      const same = Object.keys(values).map((f) => CORRECTABLE_FACT_LABEL[f as CorrectableFact]).join('、');
      throw new AppError('VALIDATION_FAILED', `${same}与台账现有值相同，无需更正`, [{ field: 'values', code: 'UNCHANGED', message: '与台账现有值相同' }]);
    }
  });
  return getEnterprise(deps.db, actor, id);
}
