import type { ExpenseInput, FundingInput, FundingUpdate, OrgSupport, SiteInput, SiteUpdate } from '../../contracts/support.js';
import type { Db, Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import { todayInChina as today } from '../../domain/org-terms.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { requireManagedOrg, versionConflict } from '../party-org/party-org.access.js';
import { orgSupportIn } from './support.query.js';
import * as repo from './support.repository.js';

/**
 * Changes to an organisation's support ledger (docs/support.md): under org.manage by the
 * organisation's own place, never through a link; each in one transaction, versioned, audited.
 */
const field = (f: string, code: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ field: f, code, message }]);

async function managed(tx: Executor, actor: Actor, orgId: string) {
  await requireManagedOrg(tx, actor, orgId);
}
const yearOf = (day: string) => Number(day.slice(0, 4));
const fundingAudit = (r: { org_id: string; given_on: string; amount_fen: string | number; source: string; purpose: string; version: number }) =>
  ({ orgId: r.org_id, givenOn: r.given_on, amountFen: Number(r.amount_fen), source: r.source, purpose: r.purpose, version: r.version });

export async function addFunding(db: Db, actor: Actor, orgId: string, input: FundingInput): Promise<OrgSupport> {
  return db.transaction().execute(async (tx) => {
    await managed(tx, actor, orgId);
    if (input.givenOn > today()) throw field('givenOn', 'FUTURE_DATE', '拨付日期不能晚于今天');
    const row = await repo.insertFunding(tx, { org_id: orgId, given_on: input.givenOn, amount_fen: input.amountFen, source: input.source, purpose: input.purpose, recorded_by: actor.userId });
    await recordAudit(tx, actor, { action: 'support.funding_create', entity: 'party_org', entityId: orgId, after: { fundingId: row.id, ...fundingAudit(row) } });
    return orgSupportIn(tx, actor, orgId, yearOf(input.givenOn));
  });
}

export async function updateFunding(db: Db, actor: Actor, orgId: string, id: string, input: FundingUpdate): Promise<OrgSupport> {
  return db.transaction().execute(async (tx) => {
    await managed(tx, actor, orgId);
    const before = await repo.lockFunding(tx, orgId, id);
    if (!before) throw notFound('党建经费记录');
    if (before.version !== input.version) throw versionConflict();
    if (input.givenOn > today()) throw field('givenOn', 'FUTURE_DATE', '拨付日期不能晚于今天');
    const after = await repo.updateFunding(tx, id, input.version, { given_on: input.givenOn, amount_fen: input.amountFen, source: input.source, purpose: input.purpose });
    if (!after) throw versionConflict();
    await recordAudit(tx, actor, { action: 'support.funding_update', entity: 'party_org', entityId: orgId, before: { fundingId: id, ...fundingAudit(before) }, after: { fundingId: id, ...fundingAudit(after) } });
    return orgSupportIn(tx, actor, orgId, yearOf(input.givenOn));
  });
}

export async function addSite(db: Db, actor: Actor, orgId: string, input: SiteInput, year: number): Promise<OrgSupport> {
  return db.transaction().execute(async (tx) => {
    await managed(tx, actor, orgId);
    const row = await repo.insertSite(tx, { org_id: orgId, address: input.address, area_m2: input.areaM2, shared: input.shared });
    await recordAudit(tx, actor, { action: 'support.site_create', entity: 'party_org', entityId: orgId, after: { siteId: row.id, address: row.address, areaM2: row.area_m2, shared: row.shared, version: row.version } });
    return orgSupportIn(tx, actor, orgId, year);
  });
}

export async function updateSite(db: Db, actor: Actor, orgId: string, id: string, input: SiteUpdate, year: number): Promise<OrgSupport> {
  return db.transaction().execute(async (tx) => {
    await managed(tx, actor, orgId);
    const before = await repo.lockSite(tx, orgId, id);
    if (!before) throw notFound('活动阵地');
    if (before.version !== input.version) throw versionConflict();
    const after = await repo.updateSite(tx, id, input.version, { address: input.address, area_m2: input.areaM2, shared: input.shared });
    if (!after) throw versionConflict();
    const v = (r: typeof before) => ({ siteId: id, address: r.address, areaM2: r.area_m2, shared: r.shared, version: r.version });
    await recordAudit(tx, actor, { action: 'support.site_update', entity: 'party_org', entityId: orgId, before: v(before), after: v(after) });
    return orgSupportIn(tx, actor, orgId, year);
  });
}

/** The year's reported expense: the first report of a year creates it, a later one edits it (with its version). */
export async function reportExpense(db: Db, actor: Actor, orgId: string, input: ExpenseInput): Promise<OrgSupport> {
  return db.transaction().execute(async (tx) => {
    await managed(tx, actor, orgId);
    if (input.year > yearOf(today())) throw field('year', 'FUTURE_YEAR', '年度不能晚于今年');
    const before = await repo.lockExpense(tx, orgId, input.year);
    const v = (r: { year: number; payroll_fen: string | number; amount_fen: string | number; version: number }) => ({ year: r.year, payrollFen: Number(r.payroll_fen), amountFen: Number(r.amount_fen), version: r.version });
    if (!before) {
      if (input.version !== undefined) throw versionConflict();
      const row = await repo.insertExpense(tx, { org_id: orgId, year: input.year, payroll_fen: input.payrollFen, amount_fen: input.amountFen });
      await recordAudit(tx, actor, { action: 'support.expense', entity: 'party_org', entityId: orgId, after: v(row) });
    } else {
      if (input.version === undefined) throw new AppError('CONFLICT', '该年度已登记管理费列支，请在原记录上修改', [{ field: 'year', code: 'ALREADY_REPORTED', message: '该年度已登记' }]);
      if (before.version !== input.version) throw versionConflict();
      const after = await repo.updateExpense(tx, before.id, before.version, { payroll_fen: input.payrollFen, amount_fen: input.amountFen });
      if (!after) throw versionConflict();
      await recordAudit(tx, actor, { action: 'support.expense', entity: 'party_org', entityId: orgId, before: v(before), after: v(after) });
    }
    return orgSupportIn(tx, actor, orgId, input.year);
  });
}
