import type { OrgSupport } from '../../contracts/support.js';
import type { Executor } from '../../db/schema.js';
import { returnedFen } from '../../domain/dues.js';
import { DUES_RETURN_SOURCE, expenseCapFen, expenseSourceFor } from '../../domain/support.js';
import type { Actor } from '../access/actor.js';
import { readDuesSettings } from '../dues/dues-settings.js';
import { trainingOptions } from '../training/training-settings.js';
import { canManageOrg, requireVisibleOrg } from '../party-org/party-org.access.js';
import * as repo from './support.repository.js';

/**
 * An organisation's support in a year (docs/support.md): funding given, its sites, the expense its
 * enterprise reported against the cap (1% of payroll, or the province's ratio), and the 党费 returned — computed from the dues ledger at the
 * local ratio, for an organisation that covers an enterprise.
 */
export async function orgSupportIn(db: Executor, actor: Actor, orgId: string, year: number): Promise<OrgSupport> {
  const { org } = await requireVisibleOrg(db, actor, orgId);
  const [funding, sites, expense, dues, settings, manageable, { expenseRatioBp }] = await Promise.all([
    repo.fundingOf(db, orgId, year), repo.sitesOf(db, orgId), repo.expenseOf(db, orgId, year), repo.duesOf(db, orgId, year), readDuesSettings(db), canManageOrg(db, actor, orgId), trainingOptions(db),
  ]);
  const cap = expense ? expenseCapFen(Number(expense.payroll_fen), expenseRatioBp) : 0;
  return {
    orgId, orgName: org.name, year, manageable,
    funding: funding.map((f) => ({ id: f.id, givenOn: f.given_on, amountFen: Number(f.amount_fen), source: f.source, purpose: f.purpose, version: f.version })),
    fundingFen: funding.reduce((s, f) => s + Number(f.amount_fen), 0),
    sites: sites.map((s) => ({ id: s.id, address: s.address, areaM2: s.area_m2, shared: s.shared, version: s.version })),
    siteAreaM2: sites.reduce((s, x) => s + x.area_m2, 0),
    expense: expense ? { id: expense.id, year, payrollFen: Number(expense.payroll_fen), amountFen: Number(expense.amount_fen), capFen: cap, overCap: Number(expense.amount_fen) > cap, version: expense.version } : null,
    duesPaidFen: dues.paid, duesReturnedFen: dues.enterprise ? returnedFen(dues.paid, settings.returnRatioBp) : 0, returnRatioBp: settings.returnRatioBp, enterpriseOrg: dues.enterprise,
    sources: { expense: expenseSourceFor(expenseRatioBp), duesReturn: DUES_RETURN_SOURCE },
  };
}
