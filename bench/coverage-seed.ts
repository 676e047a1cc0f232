import { generateEnterprises } from '../src/core/generator/enterprises.js';
import { generateOrganisations, type GenEnterprise, type OrganisationPlan } from '../src/core/generator/organisations.js';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { systemActor } from '../src/core/access/actor.js';
import { loadRegions } from '../src/core/region/region-load.service.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { startPgServer } from '../test/helpers/pg-server.js';
import { parseOperatingStatus, parseSizeClass } from '../src/domain/normalize.js';
import { todayInChina } from '../src/domain/org-terms.js';

/**
 * Bench data for the coverage figures, loaded straight with COPY (the import's per-row checks are
 * measured elsewhere): generator enterprises of one province, then the generator's organisations,
 * unions and instructors with explicit ids. Fresh tables only: enterprise ids are 1..N in order.
 */
const esc = (v: string | number | boolean | null | undefined): string =>
  v === null || v === undefined || v === '' ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, ' ').replace(/\n/g, ' ');
const line = (values: Array<string | number | boolean | null | undefined>): string => values.map(esc).join('\t') + '\n';

const ENTERPRISE_COLUMNS = ['credit_code', 'name', 'ownership_type', 'region_code', 'placement', 'industry', 'size_class',
  'above_designated_size', 'operating_status', 'employee_count', 'member_count', 'founded_on'];

export type SeedResult = {
  enterprises: number; orgs: number; unions: number; instructors: number; townships: Map<string, number>;
  /** Change rows recorded after the last month end (the snapshot reconstructs the month from them). */
  changesAfterMonthEnd: number; unionChangesAfterMonthEnd: number;
};

async function loadEnterprises(database: Database, count: number, province: string): Promise<GenEnterprise[]> {
  const out: GenEnterprise[] = [];
  const lines: string[] = [];
  for await (const item of generateEnterprises({ count, seed: 20250601, region: province })) {
    const r = item.row;
    const status = parseOperatingStatus(r.operatingStatus);
    const size = parseSizeClass(r.sizeClass);
    const active = status.ok ? status.value : 'active';
    lines.push(line([r.creditCode, r.name, r.ownershipType, item.communityCode, 'placed', r.industry, size.ok ? size.value : null,
      r.aboveDesignatedSize === '是', active, r.employeeCount, r.memberCount, r.foundedOn]));
    out.push({ id: String(out.length + 1), name: r.name, regionCode: item.communityCode, memberCount: Number(r.memberCount || 0),
      employeeCount: Number(r.employeeCount || 0), active: active === 'active' });
    if (lines.length >= 50_000) await database.copyLines('enterprise', ENTERPRISE_COLUMNS, lines.splice(0));
  }
  if (lines.length) await database.copyLines('enterprise', ENTERPRISE_COLUMNS, lines);
  return out;
}

async function loadOrgs(database: Database, plan: OrganisationPlan): Promise<void> {
  const orgId = new Map(plan.orgs.map((o, i) => [o.key, i + 1]));
  let person = 0;
  const people: string[] = [];
  const positions: string[] = [];
  const orgs = plan.orgs.map((o, i) => line([i + 1, `${o.name}#${i + 1}`, o.orgType, o.setupMode, o.parentKey ? orgId.get(o.parentKey) : null,
    o.regionCode, o.foundedOn, o.termEndsOn, o.fullMembers, o.probationaryMembers]));
  const covers = plan.orgs.flatMap((o, i) => o.covers.map((e) => line([i + 1, e, o.setupMode, o.foundedOn])));
  plan.orgs.forEach((o, i) => {
    if (!o.secretary) return;
    people.push(line([++person, o.secretary.name]));
    positions.push(line([i + 1, person, 'secretary', o.secretary.since]));
  });
  await database.copyLines('party_org', ['id', 'name', 'org_type', 'setup_mode', 'parent_id', 'region_code', 'founded_on', 'term_ends_on', 'full_members', 'probationary_members'], orgs);
  await database.copyLines('party_org_coverage', ['org_id', 'enterprise_id', 'mode', 'since'], covers);
  const instructors = plan.instructors.map((x, i) => {
    people.push(line([++person, x.name]));
    return line([i + 1, person, x.kind, x.regionCode]);
  });
  await database.copyLines('person', ['id', 'name'], people);
  await database.copyLines('org_position', ['org_id', 'person_id', 'position', 'since'], positions);
  await database.copyLines('instructor', ['id', 'person_id', 'kind', 'region_code'], instructors);
  await database.copyLines('instructor_assignment', ['instructor_id', 'enterprise_id', 'since'],
    plan.instructors.flatMap((x, i) => x.assignments.map((a) => line([i + 1, a.enterpriseId, a.since]))));
}

async function loadUnions(database: Database, plan: OrganisationPlan): Promise<void> {
  await database.copyLines('union_org', ['id', 'name', 'kind', 'region_code', 'founded_on', 'term_years', 'members', 'female_members', 'has_committee', 'has_women_committee'],
    plan.unions.map((u, i) => line([i + 1, u.name, u.kind, u.regionCode, u.foundedOn, u.termYears, u.members, u.femaleMembers, u.hasCommittee, u.hasWomenCommittee])));
  await database.copyLines('union_coverage', ['union_id', 'enterprise_id', 'since'], plan.unions.flatMap((u, i) => u.covers.map((e) => line([i + 1, e, u.foundedOn]))));
  await database.copyLines('union_contract', ['union_id', 'kind', 'signed_on', 'starts_on', 'ends_on'],
    plan.unions.flatMap((u, i) => (u.contract ? [line([i + 1, 'collective', u.contract.signedOn, u.contract.signedOn, u.contract.endsOn])] : [])));
}

/** Loads `count` enterprises of `province` and their organisations; returns enterprises per township. */
/**
 * A live ledger a few days into a month: 4% of the enterprises changed since the month end
 * (employees; every fourth also region and size class; half of them a second time, their operating
 * status) and 4% of the unions' member counts — what a month snapshot must undo to see the month
 * end (src/core/coverage/fact-history.sql.ts). The values are plausible, not consistent with the
 * rows (a bench measures work, not figures). Recorded now, i.e. after the previous month's end.
 */
async function loadChangesAfterMonthEnd(database: Database): Promise<{ enterprises: number; unions: number }> {
  const db = database.db;
  const first = await sql`INSERT INTO enterprise_change (enterprise_id, kind, changes)
    SELECT id, 'updated', jsonb_build_object('employeeCount', jsonb_build_array(coalesce(employee_count, 0) + 3, employee_count))
      || CASE WHEN id % 100 = 0 THEN jsonb_build_object('regionCode', jsonb_build_array(region_code, region_code),
                                                       'sizeClass', jsonb_build_array('micro', size_class)) ELSE '{}'::jsonb END
      FROM enterprise WHERE id % 25 = 0`.execute(db);
  const second = await sql`INSERT INTO enterprise_change (enterprise_id, kind, changes)
    SELECT id, 'updated', jsonb_build_object('operatingStatus', jsonb_build_array('active', operating_status))
      FROM enterprise WHERE id % 50 = 0`.execute(db);
  const unions = await sql`INSERT INTO union_event (union_id, kind, at, data)
    SELECT id, 'adjusted', current_date, jsonb_build_object('changes', jsonb_build_object('members', jsonb_build_array(members + 2, members)))
      FROM union_org WHERE id % 25 = 0`.execute(db);
  return { enterprises: Number(first.numAffectedRows ?? 0n) + Number(second.numAffectedRows ?? 0n), unions: Number(unions.numAffectedRows ?? 0n) };
}

export async function seedCoverage(database: Database, count: number, province: string, year: number): Promise<SeedResult> {
  const enterprises = await loadEnterprises(database, count, province);
  const endOfYear = `${year}-12-31`;
  const plan = generateOrganisations(enterprises, { seed: 7, today: endOfYear < todayInChina() ? endOfYear : todayInChina() });
  await loadOrgs(database, plan);
  await loadUnions(database, plan);
  const townships = new Map<string, number>();
  for (const e of enterprises) if (e.regionCode) townships.set(e.regionCode.slice(0, 9), (townships.get(e.regionCode.slice(0, 9)) ?? 0) + 1);
  const changed = await loadChangesAfterMonthEnd(database);
  return {
    enterprises: enterprises.length, orgs: plan.orgs.length, unions: plan.unions.length, instructors: plan.instructors.length, townships,
    changesAfterMonthEnd: changed.enterprises, unionChangesAfterMonthEnd: changed.unions,
  };
}

export type Engine = 'pglite' | 'postgres';

/** A throw-away database for one bench size: a PostgreSQL server of its own, or PGlite on disk. */
export async function withBenchDatabase<T>(engine: Engine, fn: (database: Database) => Promise<T>): Promise<T> {
  if (engine === 'postgres') {
    const server = await startPgServer();
    const database = await openDatabase({ databaseUrl: server.url, purpose: 'bench' });
    try {
      return await fn(database);
    } finally {
      await database.close();
      server.stop();
    }
  }
  const dir = fs.mkdtempSync(path.join(tmpdir(), 'lx-bench-'));
  const database = await openDatabase({ dataDir: dir, purpose: 'bench' });
  try {
    return await fn(database);
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Migrated, the province's regions, `count` generated enterprises with their organisations, analysed. */
export async function seedProvince(database: Database, count: number, province: string, log?: (m: string) => void): Promise<SeedResult> {
  let t = performance.now();
  const lap = (what: string) => {
    log?.(`    ${what} ${Math.round(performance.now() - t)} ms`);
    t = performance.now();
  };
  await migrate(database.db);
  lap('建表');
  await loadRegions(database, systemActor('bench'), { scope: [province] });
  lap('区划');
  const seed = await seedCoverage(database, count, province, Number(todayInChina().slice(0, 4)));
  lap('企业与组织');
  await sql`ANALYZE`.execute(database.db);
  lap('统计信息');
  return seed;
}
