import type { OrgSupport } from '../../contracts/support.js';
import type { Db } from '../../db/schema.js';
import { notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { requireManagedOrg, versionConflict } from '../party-org/party-org.access.js';
import { orgSupportIn } from './support.query.js';
import * as repo from './support.repository.js';

/**
 * Deleting a funding record or an activity site of an organisation's ledger (docs/training.md,
 * "Support ledger"): under org.manage by the organisation's own place, never through a link; at the
 * record's version; audited with the before-image in the same transaction. Returns the ledger of the
 * year the page shows.
 */
export async function deleteFunding(db: Db, actor: Actor, orgId: string, id: string, version: number): Promise<OrgSupport> {
  return db.transaction().execute(async (tx) => {
    await requireManagedOrg(tx, actor, orgId);
    const before = await repo.lockFunding(tx, orgId, id);
    if (!before) throw notFound('党建经费记录');
    if (before.version !== version || !(await repo.deleteFunding(tx, id, version))) throw versionConflict();
    await recordAudit(tx, actor, {
      action: 'support.funding_delete', entity: 'party_org', entityId: orgId,
      before: { fundingId: id, orgId, givenOn: before.given_on, amountFen: Number(before.amount_fen), source: before.source, purpose: before.purpose, version: before.version },
    });
    return orgSupportIn(tx, actor, orgId, Number(before.given_on.slice(0, 4)));
  });
}

export async function deleteSite(db: Db, actor: Actor, orgId: string, id: string, version: number, year: number): Promise<OrgSupport> {
  return db.transaction().execute(async (tx) => {
    await requireManagedOrg(tx, actor, orgId);
    const before = await repo.lockSite(tx, orgId, id);
    if (!before) throw notFound('活动阵地');
    if (before.version !== version || !(await repo.deleteSite(tx, id, version))) throw versionConflict();
    await recordAudit(tx, actor, {
      action: 'support.site_delete', entity: 'party_org', entityId: orgId,
      before: { siteId: id, address: before.address, areaM2: before.area_m2, shared: before.shared, version: before.version },
    });
    return orgSupportIn(tx, actor, orgId, year);
  });
}
