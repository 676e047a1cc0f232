import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { getFigures } from '../../src/core/coverage/coverage-figures.service.js';
import { DEFAULT_DISTRICT, runDemo } from '../../src/core/demo/demo.js';
import { enterprisesStep } from '../../src/core/demo/steps/enterprises.step.js';
import { organisationsStep } from '../../src/core/demo/steps/organisations.step.js';
import { regionsStep } from '../../src/core/demo/steps/regions.step.js';
import { FiguresQuery } from '../../src/contracts/coverage-metrics.js';
import type { Database } from '../../src/db/database.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

/**
 * Issue 13, item 9: the demo district (`npm run demo`: 南山区, 3,000 enterprises, seed 2026) must look
 * real in a showing — names like a district's own organisations, no date after today, and figures
 * shaped like a district mid-campaign. The coverage snapshots step is left out (it changes nothing
 * checked here).
 */
const ROOT = DEFAULT_DISTRICT.countyCode;
const sys = systemActor('cli');
let database: Database;
let workDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-demo-realism-'));
  await runDemo({ database, actor: systemActor('demo'), district: DEFAULT_DISTRICT, workDir, count: 3000, seed: 2026, log: () => {}, state: {}, nextSteps: [] },
    [regionsStep, enterprisesStep, organisationsStep]);
});
afterAll(async () => {
  await database?.close();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

const rate = async (filters: Record<string, unknown>, metric: string): Promise<number> => {
  const fig = await getFigures(database.db, sys, FiguresQuery.parse({ regionPrefix: ROOT, groupBy: 'none', ...filters }));
  const p = fig.total.pairs[metric]!;
  return p.denominator ? (100 * p.numerator) / p.denominator : 0;
};

describe(`the demo district looks real on ${testEngine()}`, () => {
  it('names read like a district’s own: region names, not codes; short names whole; a park’s name for its joint branch', async () => {
    const orgs = (await database.db.selectFrom('party_org').select(['name', 'setup_mode']).execute());
    const unions = (await database.db.selectFrom('union_org').select('name').execute()).map((u) => u.name);
    const names = [...orgs.map((o) => o.name), ...unions];
    expect(orgs.length).toBeGreaterThan(50);
    for (const name of names) {
      expect.soft(name, 'no digits (codes, numbered branches)').not.toMatch(/\d/);
      expect.soft(name, 'no legal-form fragment').not.toMatch(/（有限|（普通|有限公司|有限责任|股份/);
    }
    expect(new Set(names).size).toBe(names.length);
    const joint = orgs.filter((o) => o.setup_mode === 'joint').map((o) => o.name);
    expect(joint.some((n) => /^深圳市南山区.{2,6}街道.{2,}联合党支部$/.test(n)), joint.slice(0, 5).join('、')).toBe(true);
    expect(joint.some((n) => /^(深圳湾科技生态园|南山智园|留仙洞总部基地).*联合党支部$/.test(n))).toBe(true);
    expect(orgs.map((o) => o.name)).toContain('粤海街道非公有制经济组织综合党委');
    expect(orgs.filter((o) => o.setup_mode === 'standalone').some((o) => /^[^深南广].{1,10}党(支部|总支|委)$/.test(o.name))).toBe(true);
  });

  it('no founding, appointment, coverage, contract or assignment is dated after today', async () => {
    const today = todayInChina();
    const late = await sql<{ what: string; d: string }>`
      SELECT 'party_org.founded_on' AS what, founded_on::text AS d FROM party_org WHERE founded_on > ${today}::date
      UNION ALL SELECT 'party_org_coverage.since', since::text FROM party_org_coverage WHERE since > ${today}::date
      UNION ALL SELECT 'org_position.since', since::text FROM org_position WHERE since > ${today}::date
      UNION ALL SELECT 'union_org.founded_on', founded_on::text FROM union_org WHERE founded_on > ${today}::date
      UNION ALL SELECT 'union_coverage.since', since::text FROM union_coverage WHERE since > ${today}::date
      UNION ALL SELECT 'union_contract.signed_on', signed_on::text FROM union_contract WHERE signed_on > ${today}::date
      UNION ALL SELECT 'instructor_assignment.since', since::text FROM instructor_assignment WHERE since > ${today}::date
      UNION ALL SELECT 'enterprise.founded_on', founded_on::text FROM enterprise WHERE founded_on > ${today}::date`.execute(database.db);
    expect(late.rows).toEqual([]);
  });

  it('figures shaped like a district mid-campaign', async () => {
    const withMembers = await rate({}, 'withMembers');
    expect(withMembers, '有党员企业占比 ≈ 1 in 10').toBeGreaterThanOrEqual(7);
    expect(withMembers).toBeLessThanOrEqual(14);
    expect(await rate({ aboveDesignatedSize: 'true' }, 'orgCoverage'), '规上企业党组织覆盖').toBeGreaterThanOrEqual(90);
    const organisedWithMembers = await sql<{ n: string; d: string }>`
      SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM party_org_coverage c WHERE c.enterprise_id = e.id AND c.until IS NULL)) AS n, count(*) AS d
      FROM enterprise e WHERE e.operating_status = 'active' AND e.member_count >= 1 AND e.region_code LIKE ${`${ROOT}%`}`.execute(database.db);
    const o = organisedWithMembers.rows[0]!;
    expect(Number(o.n) / Number(o.d), 'most enterprises with members are organised').toBeGreaterThanOrEqual(0.8);
    const orgCoverage = await rate({}, 'orgCoverage');
    const workCoverage = await rate({}, 'workCoverage');
    expect(workCoverage / (100 - orgCoverage), 'instructors dispatched to many of the rest').toBeGreaterThanOrEqual(0.35);
    for (const metric of ['unionSetup', 'unionMembership']) {
      const r = await rate({}, metric);
      expect(r, metric).toBeGreaterThanOrEqual(85);
      expect(r, metric).toBeLessThanOrEqual(95);
    }
  });
});
