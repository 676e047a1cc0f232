import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { citusReport, type CitusCheck } from '../../src/core/citus/citus-report.js';
import { LOCAL, REFERENCE } from '../../src/core/citus/citus-classify.js';
import { HEAVY_PAGES, runCitusCheck } from '../../scripts/citus-check.js';
import { createTestDatabase } from '../helpers/db.js';

/**
 * The Citus check (docs/citus.md) on the current schema: every table is placed exactly once, the
 * lists of reference and local tables name only tables that exist, and every heavy page answered
 * and was EXPLAINed — so a new migration cannot leave a table unplaced or a listed name stale.
 * The schema is the same on both engines, so PGlite alone.
 */
describe('citus check', { timeout: 300_000 }, () => {
  let database: Database;
  let dir: string;
  let check: CitusCheck;
  let report: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-citus-test-'));
    check = await runCitusCheck(database, dir);
    report = citusReport(check, []);
  }, 300_000);
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists every table exactly once, as distributed, reference or local', () => {
    const tables = check.facts.tables.map((t) => t.name);
    expect(tables).toContain('enterprise');
    const rows = [...report.matchAll(/^\| `([a-z_0-9]+)` \| (distributed|reference|local \(coordinator\)) \|/gm)].map((m) => m[1]);
    expect([...rows].sort()).toEqual([...tables].sort());
    expect(new Set(rows).size).toBe(rows.length);
    for (const name of [...Object.keys(REFERENCE), ...Object.keys(LOCAL)]) expect(tables, `listed table ${name} does not exist`).toContain(name);
  });

  it('places the ledger and its children together by province, the dictionary as reference, the audit chain on the coordinator', () => {
    const kind = (t: string) => check.placements.find((p) => p.table === t)?.kind;
    expect(['enterprise', 'party_org', 'union_org', 'party_member', 'enterprise_coverage', 'task'].map(kind)).toEqual(Array(6).fill('distributed'));
    expect(kind('region')).toBe('reference');
    expect(kind('audit_event')).toBe('local');
    expect(check.placements.find((p) => p.table === 'party_member')?.source).toBe('party_org.province_code');
    // The credit code would be unique per province only: the report names it.
    expect(report).toMatch(/\| `enterprise` \| `enterprise_credit_code_key` \|/);
  });

  it('reads every heavy page as both readers and EXPLAINs what they sent', () => {
    expect(check.pages).toHaveLength(HEAVY_PAGES.length * 2);
    for (const p of check.pages) {
      expect(p.status, `${p.page} as ${p.actor}`).toBe(200);
      expect(p.statements.length, p.page).toBeGreaterThan(0);
      expect(p.statements.every((s) => s.explained), p.page).toBe(true);
    }
    // A street officer's ledger is filtered by region (one province); the district-wide list is not.
    const ledger = (actor: string) => check.pages.find((p) => p.url.startsWith('/api/enterprises?') && p.actor === actor)!;
    expect(ledger('street').statements.flatMap((s) => s.unfiltered)).toEqual([]);
    expect(ledger('sys').statements.flatMap((s) => s.unfiltered)).toContain('enterprise');
  });
});
