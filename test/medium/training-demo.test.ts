import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access/actor.js';
import { DEFAULT_DISTRICT, runDemo } from '../../src/core/demo/demo.js';
import { enterprisesStep } from '../../src/core/demo/steps/enterprises.step.js';
import { membersStep } from '../../src/core/demo/steps/members.step.js';
import { organisationsStep } from '../../src/core/demo/steps/organisations.step.js';
import { regionsStep } from '../../src/core/demo/steps/regions.step.js';
import { supportStep } from '../../src/core/demo/steps/support.step.js';
import { annualReportStep } from '../../src/core/demo/steps/annual-report.step.js';
import { listAppraisals } from '../../src/core/appraisal/appraisal-list.js';
import { listAnnualReports } from '../../src/core/annual-report/annual-report.list.js';
import { trainingStep } from '../../src/core/demo/steps/training.step.js';
import { worklistPage } from '../../src/core/worklist/worklist.service.js';
import type { Database } from '../../src/db/database.js';
import { todayInChina } from '../../src/domain/org-terms.js';
import { createTestDatabase, testEngine } from '../helpers/db.js';

/**
 * The demo's training, pool and support ledger (docs/training.md, "Demo") on a real database after
 * the district's organisations and roster: most secretaries in post trained this year and most of
 * those at 56 学时, some not (the work list shows them); the 积极分子 mostly at 24 学时; two or three
 * pool entries per street; a share of organisations with funding, sites and expenses (a few over
 * the cap); nothing after today; a second run changes nothing.
 */
describe(`training and support demo steps on ${testEngine()}`, () => {
  let database: Database;
  let workDir: string;
  const ctx = () => ({ database, actor: systemActor('demo'), district: DEFAULT_DISTRICT, workDir, count: 250, seed: 2026, log: () => {}, state: {}, nextSteps: [] });
  beforeAll(async () => {
    database = await createTestDatabase();
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-training-demo-'));
    await runDemo(ctx(), [regionsStep, enterprisesStep, organisationsStep, membersStep, trainingStep, supportStep, annualReportStep]);
  }, 300_000);
  afterAll(async () => {
    await database?.close();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('secretaries: most trained this year, most of them at 56 学时; some not; the work list names the rest', async () => {
    const today = todayInChina();
    const r = await sql<{ total: number; trained: number; full: number }>`WITH sec AS (
        SELECT DISTINCT op.person_id FROM org_position op JOIN party_org o ON o.id = op.org_id WHERE op.position = 'secretary' AND op.until IS NULL AND o.status = 'active'),
      h AS (SELECT sec.person_id, coalesce((SELECT sum(a.hours) FROM training_attendance a JOIN training_session s ON s.id = a.session_id
        WHERE a.person_id = sec.person_id AND s.held_on >= date_trunc('year', ${today}::date)), 0)::int AS hours FROM sec)
      SELECT count(*)::int AS total, count(*) FILTER (WHERE hours > 0)::int AS trained, count(*) FILTER (WHERE hours >= 56)::int AS full FROM h`.execute(database.db);
    const { total, trained } = r.rows[0]!;
    expect(total).toBeGreaterThan(20);
    expect(trained).toBeLessThan(total);
    // The first weeks of a year hold no session yet: the year's shares are judged from February on.
    if ((Date.parse(today) - Date.parse(`${today.slice(0, 4)}-01-01`)) / 86_400_000 < 40) return;
    expect(trained / total).toBeGreaterThan(0.7);
    const items = (await worklistPage(database.db, systemActor('t'), 'alerts', { kind: 'party_org_training', date: today, limit: 500 })).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThan(total / 2 + 1);
  });

  it('积极分子 mostly at 24 学时; pool, funding, sites and expenses in their shares; nothing after today', async () => {
    const today = todayInChina();
    const act = await sql<{ person_id: string; hours: number }>`SELECT c.person_id, coalesce((SELECT sum(a.hours) FROM training_attendance a WHERE a.person_id = c.person_id), 0)::int AS hours
      FROM recruitment_case c WHERE c.stage = 'activist'`.execute(database.db);
    expect(act.rows.length).toBeGreaterThan(5);
    expect(act.rows.filter((x) => x.hours >= 24).length / act.rows.length).toBeGreaterThan(0.6);
    const perStreet = await sql<{ street: string; n: number }>`SELECT region_code AS street, count(*)::int AS n FROM reserve_talent GROUP BY region_code`.execute(database.db);
    expect(perStreet.rows.length).toBeGreaterThan(3);
    for (const s of perStreet.rows) expect([2, 3]).toContain(s.n);
    const n = async (q: string) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.raw(q)}`.execute(database.db)).rows[0]!.n);
    expect(await n('support_funding')).toBeGreaterThan(10);
    expect(await n('activity_site')).toBeGreaterThan(2);
    expect(await n('management_expense')).toBeGreaterThan(2);
    expect(await n('management_expense WHERE amount_fen * 100 > payroll_fen')).toBeGreaterThan(0);
    const late = await sql<{ n: string }>`SELECT count(*) AS n FROM training_session WHERE held_on > ${today}::date
      UNION ALL SELECT count(*) FROM support_funding WHERE given_on > ${today}::date
      UNION ALL SELECT count(*) FROM reserve_talent WHERE recommended_on > ${today}::date
      UNION ALL SELECT count(*) FROM recruitment_case WHERE activist_on > ${today}::date OR talked_on < applied_on
      UNION ALL SELECT count(*) FROM training_attendance a JOIN training_session s ON s.id = a.session_id WHERE a.hours > s.hours`.execute(database.db);
    expect(late.rows.map((x) => Number(x.n))).toEqual([0, 0, 0, 0, 0]);
    const before = [await n('training_session'), await n('training_attendance'), await n('support_funding'), await n('reserve_talent')];
    await runDemo(ctx(), [trainingStep, supportStep]);
    expect([await n('training_session'), await n('training_attendance'), await n('support_funding'), await n('reserve_talent')]).toEqual(before);
  });

  // docs/annual-report.md, "Demo": last year's reports, prefilled from the records, and the secretaries' sheets.
  it('last year: most organisations reported (most passed, a few returned) with the prefill\'s figures; secretaries marked with grades; nothing after today', async () => {
    const today = todayInChina();
    const year = Number(today.slice(0, 4)) - 1;
    const sys = systemActor('t');
    const list = await listAnnualReports(database.db, sys, { year, limit: 500 });
    const by = list.byState;
    expect(list.total).toBeGreaterThan(20);
    // Organisations founded this year have no report of last year to write.
    const due = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM party_org WHERE status = 'active' AND (founded_on IS NULL OR founded_on <= ${`${year}-12-31`}::date)`.execute(database.db)).rows[0]!.n);
    expect(((by.passed ?? 0) + (by.submitted ?? 0) + (by.returned ?? 0)) / due).toBeGreaterThan(0.75);
    expect(by.passed ?? 0).toBeGreaterThan(by.submitted ?? 0);
    expect(by.returned ?? 0).toBeGreaterThan(0);
    expect(by.returned ?? 0).toBeLessThan(list.total / 5);
    // A submitted report's stored figures are exactly what the prefill gives from the records.
    const one = list.items.find((i) => i.state === 'passed')!;
    const r = await database.db.selectFrom('annual_report').select(['figures', 'submitted_at', 'reviewed_at']).where('org_id', '=', one.orgId).where('year', '=', year).executeTakeFirstOrThrow();
    const { getAnnualReport } = await import('../../src/core/annual-report/annual-report.query.js');
    expect((await getAnnualReport(database.db, sys, one.orgId, year)).changedSince).toEqual([]);
    expect(r.figures!.map((s) => s.key)).toContain('support');
    const appraisals = await listAppraisals(database.db, sys, { year, kind: 'secretary', limit: 500 });
    expect(appraisals.byState.marked ?? 0).toBeGreaterThan(10);
    expect(appraisals.byState.unmarked ?? 0).toBeGreaterThan(0);
    const grades = new Set(appraisals.items.map((i) => i.gradeLabel).filter(Boolean));
    expect(grades.size).toBeGreaterThan(1);
    const late = await sql<{ n: string }>`SELECT count(*) AS n FROM annual_report WHERE submitted_at > now() OR reviewed_at > now()
      UNION ALL SELECT count(*) FROM annual_report_event WHERE at > now()`.execute(database.db);
    expect(late.rows.map((x) => Number(x.n))).toEqual([0, 0]);
  });
});
