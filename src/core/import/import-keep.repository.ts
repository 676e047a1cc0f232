import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/schema.js';
import type { EnterpriseFactKey } from '../../domain/enterprise-facts.js';
import { CORRECTABLE_IMPORT_FACTS } from '../../domain/ledger-corrections.js';
import { stageTable, type Range } from './import-stage.repository.js';

/**
 * What a registration import must leave alone (issue 17 item 5, docs/surveys.md "导入不覆盖"):
 * a fact the file has no column for (党员人数, 业主身份 are rarely in a registration extract), and a
 * fact a person corrected (by hand or by an accepted survey answer) while the file still says what
 * the source said when it was corrected. The stage row of such an enterprise is rewritten to the
 * ledger's value before classification, so the diff, the history and the write all see "no change"
 * without a second code path; a file whose value differs from the recorded one is news from the
 * source and goes through as before (its correction record is dropped in the same batch).
 */
const COLUMN: Partial<Record<EnterpriseFactKey, string>> = {
  ownershipType: 'ownership_type', legalRepresentative: 'legal_representative', foundedOn: 'founded_on',
  operatingStatus: 'operating_status', address: 'address', employeeCount: 'employee_count',
  registeredCapital: 'registered_capital', industry: 'industry', sizeClass: 'size_class',
  aboveDesignatedSize: 'above_designated_size', memberCount: 'member_count', ownerProfile: 'owner_profile',
};

/** The stage rows that may change an existing enterprise (the ones classifyChanged looks at). */
const CANDIDATES = (range: Range) => sql`e.credit_code = s.credit_code AND s.seq BETWEEN ${range.lo} AND ${range.hi}
  AND s.status = 'ok' AND NOT s.same_hash AND e.facts_hash <> s.facts_hash`;

const stageJson = (column: string): RawBuilder<unknown> => sql`COALESCE(to_jsonb(${sql.ref(`s.${column}`)}), 'null'::jsonb)`;

/**
 * Drops the corrections the file overrules: a carried fact whose value differs from the one the
 * source had when it was corrected. Skipped by a dry run (which only counts).
 */
export async function dropOverruledCorrections(tx: Executor, importId: string, range: Range, carried: ReadonlySet<EnterpriseFactKey>): Promise<void> {
  const facts = CORRECTABLE_IMPORT_FACTS.filter((f) => carried.has(f));
  if (!facts.length) return;
  const t = sql.table(stageTable(importId));
  const value = sql.join(facts.map((f) => sql`WHEN ${f} THEN ${stageJson(COLUMN[f]!)}`), sql` `);
  await sql`DELETE FROM enterprise_fact_override o USING ${t} s, enterprise e
    WHERE o.enterprise_id = e.id AND ${CANDIDATES(range)} AND o.fact IN (${sql.join(facts)})
      AND (CASE o.fact ${value} END) IS DISTINCT FROM o.import_value`.execute(tx);
}

/** Rewrites the stage to the ledger's value for every fact this import must not change. */
export async function keepUncarriedAndCorrected(tx: Executor, importId: string, range: Range, carried: ReadonlySet<EnterpriseFactKey>): Promise<void> {
  const t = sql.table(stageTable(importId));
  const uncarried = (Object.keys(COLUMN) as EnterpriseFactKey[]).filter((f) => !carried.has(f));
  const sets: RawBuilder<unknown>[] = [];
  for (const [fact, column] of Object.entries(COLUMN) as [EnterpriseFactKey, string][]) {
    const col = sql.ref(column);
    const ledger = sql.ref(`e.${column}`);
    if (!carried.has(fact)) sets.push(sql`${col} = ${ledger}`);
    else if ((CORRECTABLE_IMPORT_FACTS as readonly string[]).includes(fact)) {
      sets.push(sql`${col} = CASE WHEN o.ov -> ${fact} = ${stageJson(column)} THEN ${ledger} ELSE ${sql.ref(`s.${column}`)} END`);
    }
  }
  if (!carried.has('parkName')) sets.push(sql`park_name = (SELECT p.name FROM park p WHERE p.id = e.park_id)`);
  if (!carried.has('associationName')) sets.push(sql`association_name = (SELECT a.name FROM association a WHERE a.id = e.association_id)`);
  const everyColumn = !uncarried.length && carried.has('parkName') && carried.has('associationName');
  // With every column carried only corrected enterprises need the statement (a probe per row).
  const which = everyColumn ? sql`AND o.ov IS NOT NULL` : sql``;
  await sql`UPDATE ${t} s SET ${sql.join(sets)}
    FROM enterprise e
    LEFT JOIN LATERAL (SELECT jsonb_object_agg(x.fact, x.import_value) AS ov FROM enterprise_fact_override x WHERE x.enterprise_id = e.id) o ON TRUE
    WHERE ${CANDIDATES(range)} ${which}`.execute(tx);
}

/** Every fact a file can carry, for items made in code (they carry all of them). */
export const ALL_FACTS: ReadonlySet<EnterpriseFactKey> = new Set([...Object.keys(COLUMN), 'parkName', 'associationName', 'regionCode', 'name', 'creditCode'] as EnterpriseFactKey[]);
