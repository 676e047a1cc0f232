import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/core/access/actor.js';
import { addCoverage } from '../../src/core/party-org/org-links.service.js';
import { createOrg } from '../../src/core/party-org/party-org.service.js';
import { addContract, createUnion } from '../../src/core/union/union.service.js';
import { COMMUNITY_A1, seedEnterprise, seedPerson, seedRegions } from '../helpers/org-fixtures.js';
import { createUser, startServer, type TestServer } from './helpers/server.js';
import { launchBrowser, openPage, poll, signIn } from './helpers/browser.js';

/**
 * Issue 13 item 5: no screen or export a person reads shows a rule id, a project document's name or
 * a section mark. Walks every page of the web UI (web/src/features/*\/routes.tsx) on seeded data
 * with findings — every "为什么这样显示？" and audit row opened — and the XLSX exports.
 *
 * Left out of the check, because they are legitimately on a page and not internal words:
 * URLs (http…), e-mail-like tokens (a@b.c), and file names with a known extension (台账.xlsx,
 * ledger.csv) — all three look like `word.word`.
 */
// Underscores count as part of a token, so audit codes such as auth.sign_in are caught too.
const FORBIDDEN = /§|domain-rules|design §|glossary|\b[a-z_]+\.[a-z][A-Za-z_]+\b/;
const LEGIT = [/https?:\/\/\S+/g, /\S+@\S+\.\S+/g, /[\w\u4e00-\u9fff()（）-]+\.(xlsx|xls|csv|pdf|docx|html|json|png)\b/gi];
const clean = (text: string) => LEGIT.reduce((t, re) => t.replace(re, ''), text);
const leaks = (text: string): string[] => {
  const t = clean(text);
  return [...t.matchAll(new RegExp(FORBIDDEN.source, 'g'))].map((m) => t.slice(Math.max(0, m.index - 30), m.index + m[0].length + 30));
};

const PASSWORD = 'Lx-e2e-Pass-2026';
const JOINT = '北山社区联合党支部';

describe('no internal words on any screen or export', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServer();
    const db = server.database.db;
    const sys = systemActor('e2e');
    await seedRegions(db);
    for (const [key, name, memberCount] of [['a', '北山甲科技有限公司', 1], ['b', '北山乙商贸有限公司', 1], ['gap3', '北山丙制造有限公司', 3], ['none', '北山丁餐饮店', 0]] as const) {
      ids[key] = await seedEnterprise(db, { name, regionCode: COMMUNITY_A1, memberCount, employeeCount: 60, foundedOn: '2020-01-01' });
    }
    ids.org = (await createOrg(db, sys, { name: JOINT, orgType: 'branch', setupMode: 'joint', regionCode: COMMUNITY_A1 })).id;
    for (const e of [ids.a!, ids.b!]) await addCoverage(db, sys, ids.org, { enterpriseId: e, since: '2024-06-01' });
    ids.union = (await createUnion(db, sys, { name: '北山社区联合工会', kind: 'joint', regionCode: COMMUNITY_A1, foundedOn: '2020-01-01', members: 30, femaleMembers: 12 })).id;
    // A three-year contract read as three years (ends on the anniversary) and one that is too long.
    await addContract(db, sys, ids.union, { kind: 'collective', signedOn: '2024-11-04', startsOn: '2024-11-04', endsOn: '2027-11-04' });
    await addContract(db, sys, ids.union, { kind: 'wage', signedOn: '2024-01-01', startsOn: '2024-01-01', endsOn: '2028-01-02' });
    // A 发展党员 case with an overdue talk: its finding is on the alerts work list and in its export.
    await db.insertInto('recruitment_case').values({ person_id: await seedPerson(db, '钱申请', COMMUNITY_A1), org_id: ids.org, applied_on: '2020-01-10' }).execute();
    await createUser(server.database, { username: 'county', password: PASSWORD });
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
    await signIn(page, 'county', PASSWORD);
    await page.getByTestId('side-menu').waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens every collapsed explanation and expandable row, then reads what a person sees. */
  async function visibleText(path: string): Promise<string> {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    // A page whose script has not yet run reads as empty (no skeleton either): wait for the shell.
    await page.getByTestId('side-menu').waitFor();
    await page.waitForFunction(() => !document.querySelector('.ant-skeleton, .ant-spin-spinning'), null, { timeout: 15_000 }).catch(() => undefined);
    for (const header of await page.getByText('为什么这样显示？').all()) await header.click().catch(() => undefined);
    // Expanding a row re-renders the table, so the icons found before may be gone: take the first
    // still-collapsed one each time, briefly, and stop when none is left (or after 50).
    const collapsed = page.locator('.ant-table-row-expand-icon-collapsed');
    for (let i = 0; i < 50 && await collapsed.count() > 0; i++) await collapsed.first().click({ timeout: 2_000 }).catch(() => undefined);
    return page.evaluate(() => document.body.innerText);
  }

  async function xlsxText(url: string): Promise<string> {
    const res = await page.request.get(url);
    expect(res.status(), url).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.body() as unknown as ArrayBuffer);
    return book.worksheets.map((s) => JSON.stringify(s.getSheetValues())).join('\n');
  }

  it('the pattern catches what it must and lets file names, URLs and e-mail through', () => {
    expect(leaks('规则 union.contractTermTooLong · 来源：domain-rules §6.4')).toHaveLength(3);
    expect(leaks('auth.sign_in')).toHaveLength(1);
    expect(leaks('企业台账.xlsx ledger.csv https://example.org/a.b lx@example.org')).toEqual([]);
  });

  it('every page, on data with findings', async () => {
    const pages = [
      '/coverage', '/enterprises', ...['a', 'gap3', 'none'].map((k) => `/enterprises/${ids[k]}`), '/imports', '/placement-queue',
      '/orgs', `/orgs/${ids.org}`, '/unions', `/unions/${ids.union}`, '/instructors', '/planner',
      '/worklists', '/worklists?list=alerts', '/worklists?list=recommendations', '/users', '/sign-in-log', '/audit',
      '/members', '/member-imports', '/transfers', '/declarations', '/mobility', '/recruitment', '/recruitment/settings', '/dues', `/orgs/${ids.org}/life`,
      `/orgs/${ids.org}/annual-report`, '/annual-reports', `/orgs/${ids.org}/appraisal`,
      '/standards', `/orgs/${ids.org}/standards`, `/unions/${ids.union}/standards`, '/hardship', '/union-funds',
    ];
    const found: Record<string, string[]> = {};
    for (const path of pages) {
      const hits = leaks(await visibleText(path));
      if (hits.length) found[path] = hits;
    }
    expect(found).toEqual({});
  }, 180_000);

  it('work list rows say the fact and the action, with Chinese citations', async () => {
    const text = await visibleText('/worklists');
    expect(text).toContain('有正式党员3名，尚未单独组建 — 建议单独组建党支部');
    expect(text).toContain('《中国共产党章程》第三十条');
    const alerts = await visibleText('/worklists?list=alerts');
    expect(alerts).toContain('工资专项集体合同期限2024-01-01至2028-01-02，超过3年');
    expect(alerts).not.toContain('2024-11-04至2027-11-04');
    expect(alerts).toContain(`钱申请（${JOINT}）`);
  });

  it('党组织设置 names the joint branch the coverage block names', async () => {
    await page.goto(`/enterprises/${ids.a}`);
    await poll(() => page.getByTestId('party-org-setting').textContent()).toContain(JOINT);
    expect(await page.getByTestId('eight-facts').textContent()).not.toContain('暂无记录');
    expect(await page.getByTestId('coverage-panel').textContent()).toContain(JOINT);
    await page.goto(`/enterprises/${ids.none}`);
    await poll(() => page.getByTestId('eight-facts').textContent()).toContain('未建立党组织');
  });

  it('the exports: work lists, ledger, audit log, organisation / union / instructor lists', async () => {
    const files = ['/api/worklists/gaps.xlsx', '/api/worklists/alerts.xlsx', '/api/worklists/recommendations.xlsx', '/api/enterprises/export.xlsx', '/api/audit/export.xlsx',
      '/api/party-orgs/export.xlsx', '/api/unions/export.xlsx', '/api/instructors/export.xlsx', '/api/annual-reports/export.xlsx?year=2026'];
    const found: Record<string, string[]> = {};
    for (const url of files) {
      const hits = leaks(await xlsxText(url));
      if (hits.length) found[url] = hits;
    }
    expect(found).toEqual({});
  }, 60_000);
});
