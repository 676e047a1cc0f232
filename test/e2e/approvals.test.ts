import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { COMMUNITY_A1, TOWN_A, seedRegions } from '../helpers/org-fixtures.js';
import { branchUnder, committeeOf, readyCase } from '../api/approval-fixtures.js';
import { call, signInAs } from '../factories/world.js';
import { createUser, startServer, type TestServer } from './helpers/server.js';
import { errorsOf, launchBrowser, openPage, poll, signIn } from './helpers/browser.js';

/**
 * 审批 in a browser (docs/approvals.md): a 党工委's secretary submits 接收预备党员 for an applicant of
 * its branch; the community officer agrees, the street officer returns it with a comment, the
 * secretary resubmits; community, street and district agree in turn, and the applicant's page shows
 * 预备党员 with the 党委's approval on its 发展历程 and every level's opinion in 审批记录. Then 撤回: the
 * secretary takes back a second applicant's request waiting at the community, which leaves the
 * community officer's 待办 and 待我审批.
 */
const PASSWORD = 'Lx-e2e-Pass-2026';
const modal = (page: Page) => page.locator('.ant-modal:visible');

describe('审批 in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let caseId = '';
  let withdrawCase = '';
  let committee = '';

  const as = async (username: string) => {
    await page.context().clearCookies();
    await signIn(page, username, PASSWORD);
  };
  /** Opens the request from 审批 (in-app navigation, no reload), in the tab given. */
  const openFromList = async (tab: '待我审批' | '我提交的') => {
    await page.getByRole('menuitem', { name: /审批$/ }).click();
    if (tab !== '待我审批') await page.getByRole('tab', { name: tab }).click();
    await page.getByTestId('approval-link').filter({ hasText: '陈晓红' }).first().click();
    await page.waitForURL(/\/approvals\/\d+$/);
  };
  /** Decides with a comment and waits until the page shows the next state. */
  const decide = async (button: 'approval-approve' | 'approval-return', comment: string, then: RegExp) => {
    await openFromList('待我审批');
    await page.getByTestId(button).click();
    await modal(page).waitFor();
    await page.getByTestId('approval-comment').fill(comment);
    await modal(page).getByRole('button', { name: /确\s*定/ }).click();
    await poll(() => modal(page).count()).toBe(0);
    await poll(() => page.getByTestId('approval-waiting').textContent()).toMatch(then);
  };

  beforeAll(async () => {
    server = await startServer();
    const db = server.database.db;
    await seedRegions(db);
    committee = await committeeOf(server.database, TOWN_A.slice(0, 9), '北山街道党工委');
    const branch = await branchUnder(server.database, committee, COMMUNITY_A1, '北山精工科技有限公司党支部');
    caseId = await readyCase(server.database, branch, '陈晓红');
    withdrawCase = await readyCase(server.database, branch, '赵雨桐');
    const secretary = await createUser(server.database, { username: 'secretary', password: PASSWORD, role: 'branch_secretary', regionPrefixes: [] });
    await db.updateTable('user_role').set({ party_org_ids: [committee], all_regions: false }).where('user_id', '=', secretary).execute();
    await db.updateTable('app_user').set({ display_name: '党工委组织委员' }).where('id', '=', secretary).execute();
    await createUser(server.database, { username: 'community', password: PASSWORD, role: 'community_officer', regionPrefixes: [COMMUNITY_A1] });
    await createUser(server.database, { username: 'street', password: PASSWORD, role: 'township_officer', regionPrefixes: [TOWN_A.slice(0, 9)] });
    await createUser(server.database, { username: 'district', password: PASSWORD, role: 'org_admin', regionPrefixes: [TOWN_A.slice(0, 6)] });
    browser = await launchBrowser();
    page = await openPage(browser, server.url);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a recruitment step passes 社区 → 街道 → 区 with a return and a resubmission, and is recorded on the timeline', async () => {
    await as('secretary');
    await page.goto(`/recruitment/${caseId}`);
    await page.getByTestId('submit-recruitment.admission').click();
    await modal(page).waitFor();
    await modal(page).getByLabel('审批党委', { exact: true }).fill('北山');
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /北山街道党工委/ });
    await poll(() => option.count()).toBeGreaterThan(0);
    await option.first().click();
    await page.getByTestId('approval-submit-comment').fill('支部大会已通过，请审批');
    await modal(page).getByRole('button', { name: /确\s*定/ }).click();
    await poll(() => modal(page).count()).toBe(0);
    await poll(() => page.getByTestId('case-approval-state').textContent()).toBe('审批中');
    expect(await page.getByTestId('step-approve-open').count()).toBe(0); // the case waits for the decision

    await as('community');
    await decide('approval-approve', '情况属实，同意', /待街道审批/);

    await as('street');
    await decide('approval-return', '请补充政治审查材料', /退回/);

    await as('secretary');
    await openFromList('我提交的');
    await page.getByTestId('approval-resubmit').click();
    await modal(page).waitFor();
    await page.getByTestId('approval-resubmit-comment').fill('已补充政审材料');
    await modal(page).getByRole('button', { name: /确\s*定/ }).click();
    await poll(() => page.getByTestId('approval-waiting').textContent()).toMatch(/待社区审批/);

    await as('community');
    await decide('approval-approve', '同意', /待街道审批/);
    await as('street');
    await decide('approval-approve', '同意', /待区委组织部/);
    await as('district');
    await decide('approval-approve', '同意接收为预备党员', /已通过/);

    await page.getByTestId('approval-record').click();
    await page.waitForURL(new RegExp(`/recruitment/${caseId}$`));
    await poll(() => page.getByTestId('case-stage').textContent()).toBe('预备党员');
    const timeline = page.getByTestId('case-timeline');
    await poll(() => timeline.textContent()).toMatch(/上级党委审批\s*\d{4}-\d{2}-\d{2}北山街道党工委/);
    const trail = page.getByTestId('approval-trail');
    await poll(() => trail.locator('.ant-timeline-item').count()).toBe(8);
    expect(await trail.textContent()).toContain('街道：退回修改');
    expect(await trail.textContent()).toContain('请补充政治审查材料');
    expect(errorsOf(page)).toEqual([]);
  }, 150_000); // ≈ 40 s alone; the CI runs it beside two suites on two cores

  it('撤回: the secretary withdraws a request waiting at the community; it shows 已撤回 and leaves the officer’s 待办', async () => {
    const s = await signInAs(server.app, 'secretary', PASSWORD);
    const { version } = await server.database.db.selectFrom('recruitment_case').select('version').where('id', '=', withdrawCase).executeTakeFirstOrThrow();
    const submitted = await call(server.app, s, 'POST', '/api/approvals', { kind: 'recruitment.admission', subjectId: withdrawCase, version, payload: { approverOrgId: committee } });
    expect(submitted.statusCode, submitted.body).toBe(201);
    // Before: the officer's 待办 holds it (read over HTTP, as is 待我审批 after: the browser's part stays short).
    const officer = await signInAs(server.app, 'community', PASSWORD);
    const before = (await call(server.app, officer, 'GET', '/api/inbox?view=role')).json() as { items: Array<{ subjectName: string }> };
    expect(before.items.map((t) => t.subjectName)).toContain('赵雨桐（接收预备党员）：待社区审批');
    const inbox = async () => {
      await page.goto('/inbox');
      await poll(() => page.getByTestId('inbox-total').textContent()).toMatch(/^合计/);
      return page.getByTestId('inbox-table').textContent();
    };

    await as('secretary');
    await page.goto('/approvals?view=mine');
    await page.getByTestId('approval-link').filter({ hasText: '赵雨桐' }).click();
    await page.waitForURL(/\/approvals\/\d+$/);
    await page.getByTestId('approval-withdraw').click();
    await modal(page).waitFor();
    await page.getByTestId('approval-withdraw-comment').fill('材料需重新整理，暂缓报批');
    await modal(page).getByRole('button', { name: /确\s*定/ }).click();
    await poll(() => modal(page).count()).toBe(0);
    await poll(() => page.getByTestId('approval-state').textContent()).toBe('已撤回');
    expect(await page.getByTestId('approval-withdraw').count()).toBe(0);

    await as('community');
    expect(await inbox()).not.toContain('赵雨桐');
    const pending = (await call(server.app, officer, 'GET', '/api/approvals?view=pending')).json() as { items: Array<{ subjectLabel: string }> };
    expect(pending.items.map((r) => r.subjectLabel)).not.toContain('赵雨桐（接收预备党员）');
    expect(errorsOf(page)).toEqual([]);
  }, 60_000);
});
