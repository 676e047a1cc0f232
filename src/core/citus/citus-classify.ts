import type { Fk, SchemaFacts, UniqueKey } from './citus-catalog.js';

/**
 * Citus' rules applied to the schema, for distribution by province (docs/citus.md). Pure: facts in,
 * placement out. The distribution column would be `province_code` = the first two digits of a
 * region code (GB/T 2260), added to every distributed table; no table has it today.
 */
export const DIST_COLUMN = 'province_code';
export type Kind = 'distributed' | 'reference' | 'local';
export type Placement = { table: string; kind: Kind; why: string; /** how a distributed row gets its province */ source?: string };

/** Dictionaries and small, rarely written tables every node needs for its joins: copied to all nodes. */
export const REFERENCE: Record<string, string> = {
  region: 'the region dictionary (~665k rows nationally, written almost never)',
  park: 'parks: few; enterprises join them by park_id, so a copy on every node keeps the join local',
  association: 'industry associations: as parks',
  app_setting: 'settings (including provincial overrides of rule parameters)',
  app_user: 'accounts: read by every request; created_by and similar keys of distributed tables point at it',
  user_role: 'the accounts\' grants: read by every request',
  attachment: 'the attachment index (by content hash): meetings, checklists and notices point at it',
};

/** Kept on the coordinator alone (Citus local tables): one sequence or one writer, or per-node bookkeeping. */
export const LOCAL: Record<string, string> = {
  schema_migration: 'migration bookkeeping: the coordinator\'s own',
  audit_event: 'the audit log is one SM3 hash chain, written in one sequence: one node only',
  audit_checkpoint: 'signed checkpoints of the audit chain: with the chain',
  import_batch: 'import bookkeeping (one row a file)',
  import_row_error: 'an import\'s row errors: with the batch',
  deferred_ddl: 'indexes dropped during a bulk load: the coordinator\'s maintenance record',
  dues_import_batch: 'dues import bookkeeping',
  user_session: 'sessions: the most frequently written table; never copied to every node',
  sign_in_log: 'the sign-in log: with the sessions',
  coverage_state: 'the coverage refresh state (one row)',
  metric_snapshot: 'month-end snapshots include national rows (scope all): aggregated from every shard, written on the coordinator',
  survey_throttle: 'rate-limit counters of the public pages',
  union_join_throttle: 'rate-limit counters of the union join page',
  digest_sent: 'record of e-mail digests sent',
};

/** Columns that point at a table without a foreign key (partitioned or bulk-loaded tables drop them). */
const IMPLICIT_REFS: Record<string, string> = {
  enterprise_id: 'enterprise', party_org_id: 'party_org', org_id: 'party_org', union_org_id: 'union_org', union_id: 'union_org',
  member_id: 'party_member', party_member_id: 'party_member', person_id: 'person',
};
const REGION_COLUMNS = ['region_code', 'region_prefix', 'publisher_region_code'];
const ANCHORS = ['party_org', 'union_org', 'enterprise', 'party_member', 'union_member', 'person'];
const rank = (t: string) => (ANCHORS.includes(t) ? ANCHORS.indexOf(t) : ANCHORS.length);

function parentsOf(facts: SchemaFacts, table: string): Array<{ ref: string; via: string }> {
  const cols = facts.tables.find((t) => t.name === table)?.columns ?? [];
  const real = facts.fks.filter((f) => f.table === table && f.refTable !== table).map((f) => ({ ref: f.refTable, via: `${f.columns.join(',')} → ${f.refTable}` }));
  const known = new Set(facts.tables.map((t) => t.name));
  const implicit = cols.filter((c) => IMPLICIT_REFS[c] && known.has(IMPLICIT_REFS[c]!) && !real.some((r) => r.ref === IMPLICIT_REFS[c]))
    .map((c) => ({ ref: IMPLICIT_REFS[c]!, via: `${c} → ${IMPLICIT_REFS[c]} (by column name, no foreign key)` }));
  return [...real, ...implicit];
}

/**
 * Every table once: the listed reference and local tables; a table with a region column is
 * distributed by it; a table pointing at a distributed table is distributed with it (co-located,
 * province copied from the parent); anything left is kept local and named as such.
 */
export function classify(facts: SchemaFacts): Placement[] {
  const out = new Map<string, Placement>();
  for (const t of facts.tables) {
    if (REFERENCE[t.name]) out.set(t.name, { table: t.name, kind: 'reference', why: REFERENCE[t.name]! });
    else if (LOCAL[t.name]) out.set(t.name, { table: t.name, kind: 'local', why: LOCAL[t.name]! });
    else {
      const col = REGION_COLUMNS.find((c) => t.columns.includes(c));
      if (col) out.set(t.name, { table: t.name, kind: 'distributed', why: `own ${col}`, source: `left(${col}, 2)` });
    }
  }
  // Follow the references until nothing changes: a child joins its parent's shard.
  for (let changed = true; changed;) {
    changed = false;
    for (const t of facts.tables) {
      if (out.has(t.name)) continue;
      const parents = parentsOf(facts, t.name).filter((p) => out.get(p.ref)?.kind === 'distributed');
      // The record that manages the row decides: a member follows its organisation, not its employer.
      const parent = [...parents].sort((a, b) => rank(a.ref) - rank(b.ref))[0];
      if (parent) {
        out.set(t.name, { table: t.name, kind: 'distributed', why: `with its parent (${parent.via})`, source: `${parent.ref}.${DIST_COLUMN}` });
        changed = true;
      }
    }
  }
  for (const t of facts.tables) {
    if (!out.has(t.name)) out.set(t.name, { table: t.name, kind: 'local', why: 'no province derivable (no region column, no reference to a distributed table): left on the coordinator, to be decided' });
  }
  return facts.tables.map((t) => out.get(t.name)!);
}

export type KeyFinding = { key: UniqueKey; becomes: string[]; natural: boolean };
export type FkFinding = { fk: Fk; from: Kind; to: Kind; verdict: 'ok' | 'composite' | 'unsupported' };

const kindOf = (placements: Placement[], t: string): Kind => placements.find((p) => p.table === t)?.kind ?? 'local';

/**
 * Citus: every primary key and unique index of a distributed table must include the distribution
 * column. None does today (the column is new), so each becomes (province_code, …); a natural key
 * (not just an id) would then be unique per province only — those need a national check.
 */
export function keyFindings(facts: SchemaFacts, placements: Placement[]): KeyFinding[] {
  return facts.uniques.filter((u) => kindOf(placements, u.table) === 'distributed' && !u.columns.includes(DIST_COLUMN))
    .map((u) => ({ key: u, becomes: [DIST_COLUMN, ...u.columns], natural: !(u.columns.length === 1 && u.columns[0] === 'id') }));
}

/**
 * Citus: a foreign key between distributed tables must include the distribution column on both
 * sides; distributed → reference is fine; reference → distributed and local ↔ distributed are not
 * supported (the check moves into the application).
 */
export function fkFindings(facts: SchemaFacts, placements: Placement[]): FkFinding[] {
  return facts.fks.map((fk) => {
    const from = kindOf(placements, fk.table);
    const to = kindOf(placements, fk.refTable);
    let verdict: FkFinding['verdict'] = 'ok';
    if (from === 'distributed' && to === 'distributed') verdict = fk.columns.includes(DIST_COLUMN) ? 'ok' : 'composite';
    else if (to === 'distributed' || (from === 'distributed' && to === 'local')) verdict = 'unsupported';
    return { fk, from, to, verdict };
  });
}
