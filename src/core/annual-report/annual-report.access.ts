import type { Executor } from '../../db/schema.js';
import { AppError, notFound } from '../../domain/errors.js';
import type { Actor } from '../access/actor.js';
import { canManage, requireManaged } from '../access/managed.js';
import { requireManagedOrg, requireVisibleOrg } from '../party-org/party-org.access.js';
import { findOrg, type PartyOrgView } from '../party-org/party-org.repository.js';

/**
 * Who may do what with an organisation's annual report (docs/annual-report.md): read wherever the
 * organisation is seen (org.read, own place or a current link); edit and submit under org.manage by
 * its own place; review under org.review by its own place — the street or district covering it,
 * never through a link (403 NOT_MANAGED), never unseen (404).
 */
const validId = (id: string) => /^\d{1,18}$/.test(id);
const finder = (db: Executor, id: string) => (scope: Parameters<typeof findOrg>[1], mode: 'owned' | 'visible') =>
  (validId(id) ? findOrg(db, scope, id, mode) : Promise.resolve(undefined));

export const requireReportReader = requireVisibleOrg;

export async function requireReportWriter(db: Executor, actor: Actor, orgId: string): Promise<PartyOrgView> {
  return (await requireManagedOrg(db, actor, orgId)).org;
}

export async function requireReportReviewer(db: Executor, actor: Actor, orgId: string): Promise<PartyOrgView> {
  return (await requireManaged(actor, 'org.review', 'org.read', '党组织', finder(db, orgId))).row;
}

export const canReviewReport = (db: Executor, actor: Actor, orgId: string) => canManage(actor, 'org.review', finder(db, orgId));

export const reportField = (f: string, code: string, message: string, status: 'VALIDATION_FAILED' | 'CONFLICT' = 'VALIDATION_FAILED') =>
  new AppError(status, message, [{ field: f, code, message }]);

export const reportNotFound = () => notFound('年度报告');
