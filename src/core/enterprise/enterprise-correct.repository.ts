import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { ChangeSource, CorrectableFact, CorrectableImportFact } from '../../domain/ledger-corrections.js';

/** SQL of a ledger correction (by hand or from an accepted survey answer). Values arrive sealed. */
export const FACT_COLUMN = {
  ownershipType: 'ownership_type', address: 'address', employeeCount: 'employee_count', industry: 'industry',
  sizeClass: 'size_class', memberCount: 'member_count', ownerProfile: 'owner_profile', operatingStatus: 'operating_status',
  contactName: 'contact_name', contactPhone: 'contact_phone_enc', unionReported: 'union_reported',
} as const satisfies Record<CorrectableFact, string>;

/** The enterprise's correctable facts as stored, locked for the change (the version check and write are one step). */
export async function lockFacts(tx: Executor, id: string) {
  return tx.selectFrom('enterprise').where('id', '=', id).forUpdate()
    .select(['id', 'version', 'ownership_type', 'address', 'employee_count', 'industry', 'size_class', 'member_count', 'owner_profile',
      'operating_status', 'contact_name', 'contact_phone_enc', 'contact_key_id', 'union_reported'])
    .executeTakeFirst();
}
export type LockedFacts = NonNullable<Awaited<ReturnType<typeof lockFacts>>>;

export async function writeFacts(tx: Executor, id: string, set: Record<string, unknown>): Promise<number> {
  const r = await tx.updateTable('enterprise')
    .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` } as never)
    .where('id', '=', id).returning('version').executeTakeFirstOrThrow();
  return r.version;
}

/**
 * Remembers that a person set this registration fact: the source's value (the ledger's value before
 * the first correction) is kept, so a later import that still says it leaves the correction alone.
 */
export async function rememberCorrection(tx: Executor, p: {
  enterpriseId: string; fact: CorrectableImportFact; source: 'manual' | 'survey'; importValue: unknown; actorId: string | null;
}): Promise<void> {
  await tx.insertInto('enterprise_fact_override').values({
    enterprise_id: p.enterpriseId, fact: p.fact, source: p.source, import_value: JSON.stringify(p.importValue ?? null), set_by: p.actorId,
  }).onConflict((oc) => oc.columns(['enterprise_id', 'fact']).doUpdateSet({ source: p.source, set_by: p.actorId, set_at: sql`now()` })).execute();
}

export async function insertCorrectionHistory(tx: Executor, p: {
  enterpriseId: string; actorId: string | null; source: ChangeSource; reason: string | null; campaignId: string | null;
  changes: Record<string, [unknown, unknown]>;
}): Promise<void> {
  await tx.insertInto('enterprise_change').values({
    enterprise_id: p.enterpriseId, actor_id: p.actorId, kind: 'corrected', source: p.source, reason: p.reason,
    survey_campaign_id: p.campaignId, changes: sql`${JSON.stringify(p.changes)}::jsonb`,
  }).execute();
}

/** The corrections a later import respects, for the enterprise page (fact → source). */
export async function listCorrections(db: Executor, enterpriseId: string) {
  return db.selectFrom('enterprise_fact_override').select(['fact', 'source', 'set_at']).where('enterprise_id', '=', enterpriseId).execute();
}
